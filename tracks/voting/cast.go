package voting

import (
	"context"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Cast records who's ballot and returns its receipt once it is committed.
// Casting is idempotent: when who has voted already (a retry after a
// timeout, a second tab), the receipt is that ballot's, whatever c says,
// with AlreadyVoted set.
func (s *Service) Cast(ctx context.Context, who igfplus.Identity, pollID int64, c Choice) (Receipt, error) {
	return s.castIn(ctx, who, "", pollID, c)
}

// CastInRoom is Cast for a ballot sent through a session room's socket: the
// poll must be held in that room's session.
func (s *Service) CastInRoom(ctx context.Context, who igfplus.Identity, room string, pollID int64, c Choice) (Receipt, error) {
	if room == "" {
		return Receipt{}, igfplus.Errorf(igfplus.ENotFound, "That poll is not held in this session.")
	}
	return s.castIn(ctx, who, room, pollID, c)
}

func (s *Service) castIn(ctx context.Context, who igfplus.Identity, room string, pollID int64, c Choice) (Receipt, error) {
	if who.Anonymous() {
		return Receipt{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to vote.")
	}
	op, err := s.openedPoll(ctx, pollID)
	if igfplus.ErrorMessage(err) == msgDraft {
		// A draft exists only for those who may run it (PollFor).
		if _, seen := s.PollFor(ctx, who, pollID); seen != nil {
			return Receipt{}, seen
		}
	}
	if err != nil {
		return Receipt{}, err
	}
	p := op.poll
	if room != "" && p.Room() != room {
		return Receipt{}, igfplus.Errorf(igfplus.ENotFound, "That poll is not held in this session.")
	}
	if c, err = p.Check(c); err != nil {
		return Receipt{}, err
	}
	content := Content{Group: who.StakeholderGroup, Choice: c}
	if !p.Secret {
		content.Region, content.Name = who.Region, who.Name
	}
	id := NewBallotID()
	sealed, err := op.key.Seal(id, content)
	if err != nil {
		return Receipt{}, err
	}
	counted, err := s.store.Cast(ctx, Ballot{PollID: p.ID, ID: id, Tag: op.key.Tag(who.AccountID), Sealed: sealed, VoterID: who.AccountID})
	if err != nil {
		if igfplus.ErrorMessage(err) == msgClosed {
			s.forget(p.ID)
		}
		return Receipt{}, err
	}
	if counted.ID == id {
		return receiptOf(p.ID, id, c), nil
	}
	return s.receiptOfRow(op, counted)
}

// msgClosed is the store's refusal of a ballot for a closed poll, and
// msgDraft the refusal of one for a poll not yet open.
const (
	msgClosed = "The poll has closed."
	msgDraft  = "The poll has not opened yet."
)

// receiptOfRow is the receipt of a ballot already in the box.
func (s *Service) receiptOfRow(op openedPoll, b Ballot) (Receipt, error) {
	content, err := op.key.Open(b.ID[:], b.Sealed)
	if err != nil {
		return Receipt{}, err
	}
	r := receiptOf(op.poll.ID, b.ID, content.Choice)
	r.AlreadyVoted = true
	return r, nil
}

// MyBallot is who's own ballot in an open poll, so that they can see they
// have voted and get their receipt again: ENotFound when they have not
// voted. Nobody else's ballot can be asked for, and nobody's once the poll
// has closed: its voter tags are erased then, and the receipt the voter
// kept is the only way to their ballot on the bulletin.
func (s *Service) MyBallot(ctx context.Context, who igfplus.Identity, pollID int64) (Receipt, error) {
	if who.Anonymous() {
		return Receipt{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to see your ballot.")
	}
	op, err := s.openedPoll(ctx, pollID)
	if err != nil {
		return Receipt{}, err
	}
	b, err := s.store.Ballot(ctx, pollID, op.key.Tag(who.AccountID))
	if err != nil {
		if igfplus.ErrorCode(err) == igfplus.ENotFound {
			return Receipt{}, igfplus.Errorf(igfplus.ENotFound, "You have not voted in this poll.")
		}
		return Receipt{}, err
	}
	return s.receiptOfRow(op, b)
}

// openedPoll returns an open poll and its key, from the cache when it can.
// Whether it is still open is checked when the ballot is committed.
func (s *Service) openedPoll(ctx context.Context, id int64) (openedPoll, error) {
	s.mu.Lock()
	op, ok := s.opened[id]
	s.mu.Unlock()
	if ok {
		return op, nil
	}
	p, err := s.store.Poll(ctx, id)
	if err != nil {
		return openedPoll{}, err
	}
	switch p.State {
	case Draft:
		return openedPoll{}, igfplus.Errorf(igfplus.EConflict, msgDraft)
	case Closed:
		return openedPoll{}, igfplus.Errorf(igfplus.EConflict, msgClosed)
	}
	key, err := s.keys.Poll(p.ID, p.KeySalt, p.KeyID)
	if err != nil {
		return openedPoll{}, err
	}
	op = openedPoll{poll: p, key: key}
	s.mu.Lock()
	s.opened[id] = op
	s.mu.Unlock()
	return op, nil
}

// forget drops a closed poll's settings and key from memory.
func (s *Service) forget(id int64) {
	s.mu.Lock()
	delete(s.opened, id)
	s.mu.Unlock()
	s.keys.Forget(id)
}
