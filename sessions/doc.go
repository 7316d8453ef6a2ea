// Package sessions is the domain of live, focused-agenda sessions: their
// format and lifecycle, agenda items, admission (registration, the waiting
// room), and what participants do in them: chat and its moderation, the
// speaking queue, questions, reactions, captions, presence, and the session
// report. The Service authorises every action against the caller's identity,
// as for an HTTP request, whichever transport carried it.
//
// It imports nothing of the project's infrastructure: sessions/pgstore keeps
// sessions in Postgres and announces committed changes through the hub, and
// sessions/live adapts the Service to the hub's Dispatcher and Policy.
package sessions
