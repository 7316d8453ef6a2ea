// Package tracks holds the Forum's programme: editions, their focused agenda
// of strategic policy issues, the tracks that run through them (thematic,
// high-level, ministerial, parliamentary, youth, NRI, intersessional) and who
// may take part in each kind.
//
// It imports nothing of the project's infrastructure; tracks/pgstore keeps it
// in Postgres. The vocabulary every package shares is in tracks/igfplus.
package tracks
