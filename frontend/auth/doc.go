// Package auth is how the web front end knows who is asking: argon2id
// password hashing, Ed25519-signed JWT access tokens, the echo middleware and
// cookies that carry them, the hub's WebSocket authentication, and the JSON
// API for registration, sign-in, refresh and sign-out.
//
// Access tokens are short-lived and stateless, with one exception: each
// carries its account's token version, checked against the database (through
// a cache of at most two seconds) so that sign-out and role changes take
// effect at once rather than when the token expires.
package auth
