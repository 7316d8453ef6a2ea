// Package sessions is the domain of live, focused-agenda sessions: their
// format and lifecycle, agenda items, and what participants do in them
// (chat, for now). The Service authorises every action against the caller's
// identity, as for an HTTP request, whichever transport carried it.
//
// It imports nothing of the project's infrastructure: sessions/pgstore keeps
// sessions in Postgres and announces committed changes through the hub, and
// sessions/live adapts the Service to the hub's Dispatcher and Policy.
package sessions
