// Package schedule is the Secretariat's scheduling of an edition's
// programme (#18, point 4): placing a session in a room and a time slot
// after checking it against the edition's other sessions (Clashes, a pure
// function), the session's people (moderators, rapporteur, captioners,
// speakers) found by name, its agenda items with their time boxes, and
// the bulk import of a programme from CSV, every row checked and nothing
// imported while any row is refused.
//
// Of the clashes, a room booked twice and a session outside the edition's
// days are refused (Clash.Blocking): saving them would publish a programme
// that cannot happen. One person in two places and two sessions on one
// policy issue at once are sometimes chosen (a moderator dropping in, a
// main session beside a workshop), so they are saved only when the
// Secretariat confirms them.
//
// It imports nothing of the infrastructure; schedule/pgstore keeps it in
// Postgres.
package schedule
