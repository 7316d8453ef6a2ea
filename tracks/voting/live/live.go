// Package live lets people vote over their session room's WebSocket: the
// socket is already open and authenticated, which spares a slow link an
// HTTP request per ballot. The ballot goes through the same
// voting.Service.Cast as over REST, and the ack carries the receipt.
package live

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// Votes carries out the poll messages of a room.
type Votes struct {
	svc *voting.Service
}

// NewVotes returns the poll messages' handler over svc.
func NewVotes(svc *voting.Service) *Votes { return &Votes{svc: svc} }

// Handles reports whether a message type is a poll message.
func Handles(typ string) bool { return strings.HasPrefix(typ, "poll.") }

// voteJSON is the client's "poll.vote" message.
type voteJSON struct {
	PollID  int64  `json:"poll_id"`
	Answer  string `json:"answer"`
	Options []int  `json:"options"`
}

// DispatchReply casts a ballot and answers with its receipt once committed.
// A ballot sent in one session's room must be for a poll of that session.
func (v *Votes) DispatchReply(ctx context.Context, who igfplus.Identity, room string, msg hub.Inbound) (any, error) {
	if msg.Type != "poll.vote" {
		return nil, igfplus.Errorf(igfplus.EInvalid, "Unknown poll message.")
	}
	var m voteJSON
	if err := json.Unmarshal(msg.Raw, &m); err != nil || m.PollID <= 0 {
		return nil, igfplus.Errorf(igfplus.EInvalid, "poll.vote needs a poll_id and an answer or options.")
	}
	return v.svc.CastInRoom(ctx, who, room, m.PollID, voting.Choice{Answer: m.Answer, Options: m.Options})
}
