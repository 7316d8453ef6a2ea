// Package nris is the national, regional, sub-regional and youth
// initiatives (NRIs) on the platform: their directory (level, countries,
// parent, coordinators, recognition), who runs an initiative's tracks
// (MayRunNRI, which the programme's writes in package tracks ask), the
// initiatives co-organising each session, the links from their tracks to
// the global Forum's tracks, and each global track's intake, where what
// linked tracks adopted arrives with its origin and is merged into global
// recommendations or answered.
package nris
