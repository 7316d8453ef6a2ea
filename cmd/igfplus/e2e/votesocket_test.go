package e2e

import (
	"context"
	"fmt"
	"net/http"
	"testing"
)

// socketAnswer is an ack or error frame answering a poll.vote.
type socketAnswer struct {
	Type string `json:"type"`
	Ref  string `json:"ref"`
	Code string `json:"code"`
	Data struct {
		Receipt      string `json:"receipt"`
		AlreadyVoted bool   `json:"already_voted"`
	} `json:"data"`
	Kind string `json:"kind"`
}

// TestVotingOverTheRoomSocket: a ballot sent as poll.vote is acknowledged
// with its receipt once committed, a second one is answered with the first
// one's receipt (already_voted), a vote for the poll sent in another
// session's room is refused, and the room hears the secret poll's turnout
// in steps of 5.
func TestVotingOverTheRoomSocket(t *testing.T) {
	ctx := context.Background()
	e := newElection(t, 2)
	n, db, tokens, chair, poll := e.node, e.db, e.tokens, e.chair, e.poll
	var session, other int64
	if err := db.QueryRow(ctx, `SELECT session_id, (SELECT min(id) FROM sessions WHERE state = 'live' AND id <> p.session_id) FROM polls p WHERE id = $1`, poll).Scan(&session, &other); err != nil {
		t.Fatal(err)
	}

	conn := joinRoom(t, n, session, tokens[0])
	vote := func(ref string) socketAnswer {
		send(t, conn, fmt.Appendf(nil, `{"type":"poll.vote","ref":%q,"poll_id":%d,"answer":"yes"}`, ref, poll))
		return await(t, conn, func(f socketAnswer) bool { return f.Ref == ref })
	}
	first := vote("first")
	if first.Type != "ack" || len(first.Data.Receipt) != 32 || first.Data.AlreadyVoted {
		t.Fatalf("first ballot: %+v; want an ack with a receipt", first)
	}
	if a := vote("again"); a.Type != "ack" || a.Data.Receipt != first.Data.Receipt || !a.Data.AlreadyVoted {
		t.Fatalf("second ballot: %+v; want the first one's receipt, already voted", a)
	}
	await(t, conn, func(f socketAnswer) bool { return f.Type == "event" && f.Kind == "poll.turnout" })

	elsewhere := joinRoom(t, n, other, tokens[1])
	send(t, elsewhere, fmt.Appendf(nil, `{"type":"poll.vote","ref":"x","poll_id":%d,"answer":"no"}`, poll))
	if a := await(t, elsewhere, func(f socketAnswer) bool { return f.Ref == "x" }); a.Type != "error" || a.Code != "not_found" {
		t.Fatalf("a ballot sent in another session's room: %+v; want not_found", a)
	}
	var turnout struct {
		Ballots int `json:"ballots"`
		Step    int `json:"step"`
	}
	apiCall(t, n, chair, http.MethodGet, fmt.Sprintf("/api/polls/%d/turnout", poll), nil, &turnout)
	if turnout.Ballots != 0 || turnout.Step != 5 {
		t.Fatalf("turnout %+v after one ballot; want 0 in steps of 5", turnout)
	}
}
