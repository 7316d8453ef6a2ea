package voting

import (
	"context"
	"errors"
	"fmt"
	"strings"
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
	// Cast commits a ballot and returns the ballot that counts for its
	// voter: b, or the one with b's tag already in the box. EConflict when
	// the poll is not open, EForbidden when the voter is not in the
	// electorate (never was, or was removed or banned from the session).
	Cast(ctx context.Context, b Ballot) (Ballot, error)
	// Ballot is an open poll's working row with tag; ENotFound if none.
	Ballot(ctx context.Context, poll int64, tag []byte) (Ballot, error)
	// Count is how many ballots an open poll holds so far.
	Count(ctx context.Context, poll int64) (int, error)
	// Tally counts an open poll's ballots so far (opening each).
	Tally(ctx context.Context, p Poll) (*Tally, error)
	// PublicLog is a closed poll's ballot log.
	PublicLog(ctx context.Context, id int64) (PublicLog, error)
	PollsOfSession(ctx context.Context, sessionID int64) ([]Poll, error)
	PollsOfRecommendation(ctx context.Context, recommendationID int64) ([]Poll, error)
	// AccountNames are the display names of the accounts ids that exist.
	AccountNames(ctx context.Context, ids []int64) (map[int64]string, error)
	// DuePolls lists drafts whose opening time and open polls whose closing
	// time has come.
	DuePolls(ctx context.Context, now time.Time) (toOpen, toClose []int64, err error)
}

// Authority says who may run a session's polls (its moderators) and who
// may follow it (and so see an open secret poll's turnout).
type Authority interface {
	MayModerate(ctx context.Context, who igfplus.Identity, sessionID int64) error
	CanFollow(ctx context.Context, who igfplus.Identity, sessionID int64) error
}

// Service runs polls, after checking who may.
type Service struct {
	store Store
	auth  Authority
	keys  *Keys

	// opened caches the settings and keys of polls that have opened: they
	// can no longer change, and every ballot needs them.
	mu     sync.Mutex
	opened map[int64]openedPoll
}

type openedPoll struct {
	poll Poll
	key  *PollKey
}

// NewService returns a Service; keys must be the store's.
func NewService(store Store, auth Authority, keys *Keys) *Service {
	return &Service{store: store, auth: auth, keys: keys, opened: map[int64]openedPoll{}}
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
	if err := s.nameCandidates(ctx, &set); err != nil {
		return Poll{}, err
	}
	if err := set.Validate(); err != nil {
		return Poll{}, err
	}
	return s.store.CreatePoll(ctx, Poll{Settings: set, State: Draft, CreatedBy: who.AccountID})
}

// nameCandidates checks that the accounts standing in an election exist
// and names the candidates given by account alone after them.
func (s *Service) nameCandidates(ctx context.Context, set *Settings) error {
	var ids []int64
	for _, c := range set.Candidates {
		if c.AccountID > 0 {
			ids = append(ids, c.AccountID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	names, err := s.store.AccountNames(ctx, ids)
	if err != nil {
		return err
	}
	for i, c := range set.Candidates {
		name, ok := names[c.AccountID]
		switch {
		case c.AccountID <= 0:
		case !ok:
			return igfplus.Errorf(igfplus.EInvalid, "The poll cannot be set up: candidate account %d is not registered.", c.AccountID)
		case strings.TrimSpace(c.Name) == "":
			set.Candidates[i].Name = name
		}
	}
	return nil
}

// pollToRun reads poll id for who, who runs it (mayRun).
func (s *Service) pollToRun(ctx context.Context, who igfplus.Identity, id int64) (Poll, error) {
	p, err := s.store.Poll(ctx, id)
	if err != nil {
		return Poll{}, err
	}
	return p, s.mayRun(ctx, who, p.SessionID)
}

// UpdatePoll changes a draft poll's settings; once it has opened they are
// locked.
func (s *Service) UpdatePoll(ctx context.Context, who igfplus.Identity, id int64, set Settings) (Poll, error) {
	p, err := s.pollToRun(ctx, who, id)
	if err != nil {
		return Poll{}, err
	}
	if p.State != Draft {
		return Poll{}, igfplus.Errorf(igfplus.EConflict, "The poll has opened: its settings are locked.")
	}
	set.RecommendationID, set.AmendmentID, set.SessionID = p.RecommendationID, p.AmendmentID, p.SessionID
	if err := s.nameCandidates(ctx, &set); err != nil {
		return Poll{}, err
	}
	if err := set.Validate(); err != nil {
		return Poll{}, err
	}
	return s.store.UpdatePoll(ctx, id, set)
}

// OpenPoll opens a draft poll now.
func (s *Service) OpenPoll(ctx context.Context, who igfplus.Identity, id int64) (Poll, error) {
	if _, err := s.pollToRun(ctx, who, id); err != nil {
		return Poll{}, err
	}
	return s.store.OpenPoll(ctx, id)
}

// ClosePoll closes an open poll now and returns its result.
func (s *Service) ClosePoll(ctx context.Context, who igfplus.Identity, id int64) (Poll, error) {
	if _, err := s.pollToRun(ctx, who, id); err != nil {
		return Poll{}, err
	}
	closed, err := s.store.ClosePoll(ctx, id)
	if err == nil {
		s.forget(id)
	}
	return closed, err
}

// Poll returns a poll. Its result exists only once it has closed, so a poll
// that hides its results shows nothing of them before; Turnout says what
// the room may see meanwhile.
func (s *Service) Poll(ctx context.Context, id int64) (Poll, error) {
	return s.store.Poll(ctx, id)
}

// PollFor returns a poll as who may see it: a draft (not yet opened) only to
// those who may run it (mayRun, as for opening it); to anyone else it does
// not exist (ENotFound, not EForbidden, so that a draft's existence is not
// revealed).
func (s *Service) PollFor(ctx context.Context, who igfplus.Identity, id int64) (Poll, error) {
	p, err := s.store.Poll(ctx, id)
	if err != nil {
		return Poll{}, err
	}
	ok, err := s.mayView(ctx, who, p, nil)
	if err != nil {
		return Poll{}, err
	}
	if !ok {
		return Poll{}, igfplus.Errorf(igfplus.ENotFound, "No such poll.")
	}
	return p, nil
}

// PollsOfSessionFor lists a session's polls that who may see (drafts only
// to those who may run them).
func (s *Service) PollsOfSessionFor(ctx context.Context, who igfplus.Identity, sessionID int64) ([]Poll, error) {
	list, err := s.store.PollsOfSession(ctx, sessionID)
	if err != nil {
		return nil, err
	}
	return s.visible(ctx, who, list)
}

// PollsOfRecommendationFor lists the polls on a recommendation and its
// amendments that who may see (drafts only to those who may run them).
func (s *Service) PollsOfRecommendationFor(ctx context.Context, who igfplus.Identity, id int64) ([]Poll, error) {
	list, err := s.store.PollsOfRecommendation(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.visible(ctx, who, list)
}

// visible keeps the polls of list that who may see, asking once a session.
func (s *Service) visible(ctx context.Context, who igfplus.Identity, list []Poll) ([]Poll, error) {
	mayRunIn := map[int64]bool{}
	out := list[:0:0]
	for _, p := range list {
		ok, err := s.mayView(ctx, who, p, mayRunIn)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, p)
		}
	}
	return out, nil
}

// mayView says whether who may see p: anyone once it has opened; a draft
// only those who may run it. A refusal is a no; any other failure (the
// database) is an error. mayRunIn, when not nil, remembers the answer by
// session.
func (s *Service) mayView(ctx context.Context, who igfplus.Identity, p Poll, mayRunIn map[int64]bool) (bool, error) {
	if p.State != Draft {
		return true, nil
	}
	if ok, seen := mayRunIn[p.SessionID]; seen {
		return ok, nil
	}
	err := s.mayRun(ctx, who, p.SessionID)
	switch igfplus.ErrorCode(err) {
	case "":
	case igfplus.EUnauthorized, igfplus.EForbidden, igfplus.ENotFound:
	default:
		return false, err
	}
	if mayRunIn != nil {
		mayRunIn[p.SessionID] = err == nil
	}
	return err == nil, nil
}

// PublicLog returns a closed poll's public ballot log. A draft has none
// and is not found, as it is for anyone who may not run it (PollFor).
func (s *Service) PublicLog(ctx context.Context, id int64) (PublicLog, error) {
	p, err := s.store.Poll(ctx, id)
	if err != nil {
		return PublicLog{}, err
	}
	if p.State == Draft {
		return PublicLog{}, igfplus.Errorf(igfplus.ENotFound, "No such poll.")
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
// may run it: the store's state checks make a second attempt a no-op. A
// poll that fails (one opened under a ballot key since lost cannot be
// counted) holds up no other: every due poll is tried, and the failures
// are returned together.
func (s *Service) RunSchedule(ctx context.Context, now time.Time) error {
	toOpen, toClose, err := s.store.DuePolls(ctx, now)
	if err != nil {
		return err
	}
	var failed []error
	for _, id := range toOpen {
		if _, err := s.store.OpenPoll(ctx, id); err != nil && igfplus.ErrorCode(err) != igfplus.EConflict {
			failed = append(failed, fmt.Errorf("open poll %d: %w", id, err))
		}
	}
	for _, id := range toClose {
		if _, err := s.store.ClosePoll(ctx, id); err != nil && igfplus.ErrorCode(err) != igfplus.EConflict {
			failed = append(failed, fmt.Errorf("close poll %d: %w", id, err))
			continue
		}
		s.forget(id)
	}
	return errors.Join(failed...)
}
