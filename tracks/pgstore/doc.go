// Package pgstore keeps the programme in Postgres: editions, policy issues
// and tracks (Programme implements tracks.Programme and tracks.Store), the
// programme's writes among them. The cap on an edition's policy issues is
// held by a trigger under the edition's row lock.
package pgstore
