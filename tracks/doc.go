// Package tracks holds the Forum's programme — editions, their focused agenda
// of strategic policy issues, and the tracks that run through them — together
// with the vocabulary every other package shares: stakeholder groups,
// regions, roles, the signed-in Identity and the domain's error kinds.
//
// It imports nothing of the project's infrastructure; tracks/pgstore keeps it
// in Postgres.
package tracks
