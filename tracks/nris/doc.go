// Package nris is the national, regional, sub-regional and youth
// initiatives (NRIs) on the platform: their directory, the tracks and
// sessions their coordinators run with the Forum's own tools, the links
// from their tracks to the global Forum's tracks, and each global track's
// intake, where what linked tracks adopted arrives with its origin and is
// merged into global recommendations or answered. It also writes the
// focused agenda (strategic policy issues under the edition's cap) and
// every track and session, tied to one policy issue.
package nris
