// Package accounts is who takes part in the Forum and how they sign in:
// accounts with their stakeholder group, region and optional self-described
// details, registration, password sign-in, and sessions made of a
// short-lived access token and a rotating refresh token.
//
// It imports nothing of the project's infrastructure. The Store is kept in
// Postgres by accounts/pgstore, passwords are hashed by accounts/argon2id and
// access tokens minted by frontend/auth, through the Hasher and Tokens
// interfaces declared here.
package accounts
