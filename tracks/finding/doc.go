// Package finding is how people find and follow the programme: the public
// programme's filters, full-text search over sessions, recommendations and
// publications, the sessions a participant follows (their personal
// schedule) and the secret, revocable token of their personal calendar
// feed. It imports nothing of the infrastructure: Postgres is in
// finding/pgstore, the iCalendar writer in finding/ical.
package finding
