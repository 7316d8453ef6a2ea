package live_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/sessions/live"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// fakePolls records what the room's poll messages ask of voting. Poll 4 is
// held in session 3, poll 9 in session 5.
type fakePolls struct{ did []string }

func (f *fakePolls) Poll(_ context.Context, id int64) (voting.Poll, error) {
	p := voting.Poll{ID: id}
	switch id {
	case 4:
		p.SessionID = 3
	case 9:
		p.SessionID = 5
	default:
		return p, igfplus.Errorf(igfplus.ENotFound, "There is no such poll.")
	}
	return p, nil
}

func (f *fakePolls) OpenPoll(_ context.Context, _ igfplus.Identity, id int64) (voting.Poll, error) {
	f.did = append(f.did, fmt.Sprint("open ", id))
	return voting.Poll{ID: id}, nil
}

func (f *fakePolls) ClosePoll(_ context.Context, _ igfplus.Identity, id int64) (voting.Poll, error) {
	f.did = append(f.did, fmt.Sprint("close ", id))
	return voting.Poll{ID: id}, nil
}

func (f *fakePolls) CastInRoom(_ context.Context, _ igfplus.Identity, room string, id int64, c voting.Choice) (voting.Receipt, error) {
	f.did = append(f.did, fmt.Sprint("cast ", room, " ", id, " ", c.Answer))
	return voting.Receipt{PollID: id, Receipt: "r"}, nil
}

// TestPollMessagesReachVotingForThePollsOfTheRoom: the moderator page's
// poll.open and poll.close, and ballots, go to voting, and only for a poll
// held in the room's session. Without SetPolls no poll is found.
func TestPollMessagesReachVotingForThePollsOfTheRoom(t *testing.T) {
	ctx := context.Background()
	rooms := live.New(sessions.NewService(nil))
	room := sessions.RoomName(3)
	who := igfplus.Identity{AccountID: 1, Name: "Lucia"}
	send := func(typ, raw string) (any, error) {
		return rooms.DispatchReply(ctx, socketOf(who), room, hub.Inbound{Type: typ, Raw: []byte(raw)})
	}
	if _, err := send("poll.open", `{"poll_id":4}`); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Fatalf("poll.open without voting: %v, want not found", err)
	}
	polls := &fakePolls{}
	rooms.SetPolls(polls)
	for _, m := range []struct{ typ, raw string }{
		{"poll.open", `{"type":"poll.open","ref":"a1","poll_id":4}`},
		{"poll.close", `{"type":"poll.close","ref":"a2","poll_id":4}`},
	} {
		if _, err := send(m.typ, m.raw); err != nil {
			t.Fatalf("%s: %v", m.raw, err)
		}
	}
	reply, err := send("poll.vote", `{"type":"poll.vote","poll_id":4,"answer":"yes"}`)
	if err != nil || reply.(voting.Receipt).Receipt != "r" {
		t.Fatalf("poll.vote: %v, %v: want the receipt in the ack", reply, err)
	}
	for _, m := range []string{`{"poll_id":9}`, `{"poll_id":77}`} {
		if _, err := send("poll.open", m); igfplus.ErrorCode(err) != igfplus.ENotFound {
			t.Errorf("poll.open %s in session 3's room: %v, want not found", m, err)
		}
	}
	if _, err := send("poll.open", `{"ref":"a1"}`); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("poll.open without poll_id: %v, want invalid", err)
	}
	if _, err := send("", `{"ref":"a1"}`); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("a message without type: %v, want invalid", err)
	}
	want := fmt.Sprint([]string{"open 4", "close 4", "cast session:3 4 yes"})
	if got := fmt.Sprint(polls.did); got != want {
		t.Errorf("voting was asked %s, want %s", got, want)
	}
}
