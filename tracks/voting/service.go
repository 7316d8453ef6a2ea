package voting

import (
	"context"
	"sync"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Store keeps polls and ballots. Changes that others see (a poll opening or
// closing) are committed with their room event and announced after commit.
type Store interface {
	CreatePoll(ctx context.Context, p Poll) (Poll, error)
	Poll(ctx context.Context, id int64) (Poll, error)
	// UpdatePoll changes a draft poll's settings; EConflict once it opened.
	UpdatePoll(ctx context.Context, id int64, s Settings) (Poll, error)
	// OpenPoll fixes the electorate and opens a draft poll.
	OpenPoll(ctx context.Context, id int64) (Poll, error)
	// ClosePoll closes an open poll, publishes its ballot log and result,
	// and returns the closed poll; closing a closed poll returns it as it
	// closed, so that every closer sees the same result.
	ClosePoll(ctx context.Context, id int64) (Poll, error)
	// Cast commits a ballot: EConflict when the voter already voted or the
	// poll is not open, EForbidden when they are not in the electorate.
	Cast(ctx context.Context, b Ballot) error
	// Tally counts an open poll's ballots so far.
	Tally(ctx context.Context, p Poll) (*Tally, error)
	// PublicLog is a closed poll's ballot log.
	PublicLog(ctx context.Context, id int64) (PublicLog, error)
	PollsOfSession(ctx context.Context, sessionID int64) ([]Poll, error)
	PollsOfRecommendation(ctx context.Context, recommendationID int64) ([]Poll, error)
	// DuePolls lists drafts whose opening time and open polls whose closing
	// time has come.
	DuePolls(ctx context.Context, now time.Time) (toOpen, toClose []int64, err error)
}

// Authority says who may run a session's polls: its moderators.
type Authority interface {
	MayModerate(ctx context.Context, who igfplus.Identity, sessionID int64) error
}

// Service runs polls, after checking who may.
type Service struct {
	store Store
	auth  Authority
	tags  *Tagger

	// opened caches the settings of polls that have opened: they can no
	// longer change, and every ballot needs them.
	mu     sync.Mutex
	opened map[int64]Poll
}

// NewService returns a Service.
func NewService(store Store, auth Authority, tags *Tagger) *Service {
	return &Service{store: store, auth: auth, tags: tags, opened: map[int64]Poll{}}
}

// mayRun checks that who may set up, open and close polls: the session's
// moderators for a session's poll, the secretariat for any.
func (s *Service) mayRun(ctx context.Context, who igfplus.Identity, sessionID int64) error {
	if who.Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, "Sign in to run a poll.")
	}
	if who.Has(igfplus.RoleSecretariat) {
		return nil
	}
	if sessionID == 0 {
		return igfplus.Errorf(igfplus.EForbidden, "Only the secretariat runs polls outside a session.")
	}
	return s.auth.MayModerate(ctx, who, sessionID)
}

// CreatePoll sets up a draft poll.
func (s *Service) CreatePoll(ctx context.Context, who igfplus.Identity, set Settings) (Poll, error) {
	if err := s.mayRun(ctx, who, set.SessionID); err != nil {
		return Poll{}, err
	}
	if err := set.Validate(); err != nil {
		return Poll{}, err
	}
	return s.store.CreatePoll(ctx, Poll{Settings: set, State: Draft, CreatedBy: who.AccountID})
}

// UpdatePoll changes a draft poll's settings; once it has opened they are
// locked.
func (s *Service) UpdatePoll(ctx context.Context, who igfplus.Identity, id int64, set Settings) (Poll, error) {
	p, err := s.store.Poll(ctx, id)
	if err != nil {
		return Poll{}, err
	}
	if err := s.mayRun(ctx, who, p.SessionID); err != nil {
		return Poll{}, err
	}
	if p.State != Draft {
		return Poll{}, igfplus.Errorf(igfplus.EConflict, "The poll has opened: its settings are locked.")
	}
	set.RecommendationID, set.AmendmentID, set.SessionID = p.RecommendationID, p.AmendmentID, p.SessionID
	if err := set.Validate(); err != nil {
		return Poll{}, err
	}
	return s.store.UpdatePoll(ctx, id, set)
}

// OpenPoll opens a draft poll now.
func (s *Service) OpenPoll(ctx context.Context, who igfplus.Identity, id int64) (Poll, error) {
	p, err := s.store.Poll(ctx, id)
	if err != nil {
		return Poll{}, err
	}
	if err := s.mayRun(ctx, who, p.SessionID); err != nil {
		return Poll{}, err
	}
	return s.store.OpenPoll(ctx, id)
}

// ClosePoll closes an open poll now and returns its result.
func (s *Service) ClosePoll(ctx context.Context, who igfplus.Identity, id int64) (Poll, error) {
	p, err := s.store.Poll(ctx, id)
	if err != nil {
		return Poll{}, err
	}
	if err := s.mayRun(ctx, who, p.SessionID); err != nil {
		return Poll{}, err
	}
	return s.store.ClosePoll(ctx, id)
}

// Cast records who's ballot and returns its receipt once it is committed.
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
	p, err := s.openedPoll(ctx, pollID)
	if err != nil {
		return Receipt{}, err
	}
	if room != "" && p.Room() != room {
		return Receipt{}, igfplus.Errorf(igfplus.ENotFound, "That poll is not held in this session.")
	}
	if c, err = p.Check(c); err != nil {
		return Receipt{}, err
	}
	b := Ballot{PollID: p.ID, ID: NewBallotID(), Tag: s.tags.Tag(p.ID, who.AccountID), Choice: c,
		Group: who.StakeholderGroup, Region: who.Region, VoterID: who.AccountID}
	if !p.Secret {
		b.VoterName = who.Name
	}
	if err := s.store.Cast(ctx, b); err != nil {
		return Receipt{}, err
	}
	return ReceiptOf(b), nil
}

// openedPoll returns a poll that has opened, from the cache when it can.
// Whether it is still open is checked when the ballot is committed.
func (s *Service) openedPoll(ctx context.Context, id int64) (Poll, error) {
	s.mu.Lock()
	p, ok := s.opened[id]
	s.mu.Unlock()
	if ok {
		return p, nil
	}
	p, err := s.store.Poll(ctx, id)
	if err != nil {
		return Poll{}, err
	}
	if p.State == Draft {
		return Poll{}, igfplus.Errorf(igfplus.EConflict, "The poll has not opened yet.")
	}
	s.mu.Lock()
	s.opened[id] = p
	s.mu.Unlock()
	return p, nil
}

// Poll returns a poll. Its result exists only once it has closed, so a poll
// that hides its results shows nothing of them before; Turnout says what
// the room may see meanwhile.
func (s *Service) Poll(ctx context.Context, id int64) (Poll, error) {
	return s.store.Poll(ctx, id)
}

// Turnout returns a poll's live turnout (and running tally, unless hidden).
func (s *Service) Turnout(ctx context.Context, id int64) (Turnout, error) {
	p, err := s.store.Poll(ctx, id)
	if err != nil {
		return Turnout{}, err
	}
	if p.State == Draft {
		return Turnout{PollID: id, Groups: []GroupResult{}}, nil
	}
	if p.State == Closed {
		t := Turnout{PollID: id, Ballots: p.Result.Ballots, Electorate: p.ElectorateSize, Groups: p.Result.Groups}
		c := p.Result.Overall
		t.Tally = &c
		return t, nil
	}
	t, err := s.store.Tally(ctx, p)
	if err != nil {
		return Turnout{}, err
	}
	return TurnoutOf(p, t), nil
}

// PublicLog returns a closed poll's public ballot log.
func (s *Service) PublicLog(ctx context.Context, id int64) (PublicLog, error) {
	p, err := s.store.Poll(ctx, id)
	if err != nil {
		return PublicLog{}, err
	}
	if p.State != Closed {
		return PublicLog{}, igfplus.Errorf(igfplus.EConflict, "The ballot log is published when the poll closes.")
	}
	return s.store.PublicLog(ctx, id)
}

// PollsOfSession lists a session's polls.
func (s *Service) PollsOfSession(ctx context.Context, sessionID int64) ([]Poll, error) {
	return s.store.PollsOfSession(ctx, sessionID)
}

// PollsOfRecommendation lists the polls held on a recommendation and its
// amendments.
func (s *Service) PollsOfRecommendation(ctx context.Context, id int64) ([]Poll, error) {
	return s.store.PollsOfRecommendation(ctx, id)
}

// RunSchedule opens and closes the polls whose time has come. Every node
// may run it: the store's state checks make a second attempt a no-op.
func (s *Service) RunSchedule(ctx context.Context, now time.Time) error {
	toOpen, toClose, err := s.store.DuePolls(ctx, now)
	if err != nil {
		return err
	}
	for _, id := range toOpen {
		if _, err := s.store.OpenPoll(ctx, id); err != nil && igfplus.ErrorCode(err) != igfplus.EConflict {
			return err
		}
	}
	for _, id := range toClose {
		if _, err := s.store.ClosePoll(ctx, id); err != nil && igfplus.ErrorCode(err) != igfplus.EConflict {
			return err
		}
	}
	return nil
}
