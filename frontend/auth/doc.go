// Package auth is how the web front end knows who is asking: Ed25519-signed
// JWT access tokens, the echo middleware and cookies that carry them, the
// hub's WebSocket authentication, the JSON API for registration, sign-in,
// refresh and sign-out, and the sign-in and registration budgets (Throttle).
// Passwords are hashed by the accounts domain's hasher (accounts/argon2id).
//
// Access tokens are short-lived and stateless, with one exception: each
// carries its account's token version, checked against the database (through
// a cache of at most two seconds) so that sign-out and role changes take
// effect at once rather than when the token expires.
package auth
