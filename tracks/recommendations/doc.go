// Package recommendations is the drafting of the Forum's policy
// recommendations (IGF "messages"): a recommendation belongs to a strategic
// policy issue and a track, its text is kept as numbered versions, people
// comment on its paragraphs and propose amendments, the drafters revise the
// text or accept and reject amendments, and its record keeps the consensus
// reached and the dissent voiced. Polls that decide recommendations and
// amendments are package tracks/voting's; ApplyAmendment and
// AmendedBody are what it needs from here.
//
// The Service authorises every action against the caller's Identity. The
// package imports nothing of the infrastructure: recommendations/pgstore
// keeps it in Postgres and holds its state rules under row locks.
package recommendations
