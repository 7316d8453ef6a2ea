// Package tracks holds the Forum's programme: editions, their focused agenda
// of strategic policy issues, the tracks that run through them (thematic,
// high-level, ministerial, parliamentary, youth, NRI, intersessional), who
// may take part in each kind, and the programme's writes: the Service adds
// policy issues under the edition's cap, tracks and their leads, and
// sessions tied to a policy issue, authorising the secretariat and, for an
// initiative's own tracks, its coordinators (asked of the NRI directory,
// package nris, through Initiatives).
//
// It imports nothing of the project's infrastructure; tracks/pgstore keeps it
// in Postgres. The vocabulary every package shares is in tracks/igfplus.
package tracks
