package nris

import (
	"context"
	"slices"
	"time"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// CoOrganiserRequest asks an initiative to co-organise a session. It waits
// for the initiative's coordinators (or the secretariat), and until one of
// them accepts, the initiative is not named as a co-organiser anywhere:
// nobody lends an initiative's name without its consent.
type CoOrganiserRequest struct {
	SessionID    int64     `json:"session_id"`
	SessionTitle string    `json:"session_title"`
	StartsAt     time.Time `json:"starts_at"`
	TrackID      int64     `json:"track_id"`
	TrackTitle   string    `json:"track_title"`
	// From is the initiative whose track holds the session, if any.
	From    *CoOrganiser  `json:"from,omitempty"`
	NRI     CoOrganiser   `json:"nri"`
	AskedBy tracks.Person `json:"asked_by"`
	AskedAt time.Time     `json:"asked_at"`
}

// CoOrganisers lists the initiatives co-organising a session (public):
// those that accepted.
func (s *Service) CoOrganisers(ctx context.Context, session int64) ([]CoOrganiser, error) {
	all, err := s.store.CoOrganisersOf(ctx, []int64{session})
	return all[session], err
}

// CoOrganisersOf lists the initiatives co-organising each of the sessions
// (public), in one read however many sessions a programme lists.
func (s *Service) CoOrganisersOf(ctx context.Context, sessions []int64) (map[int64][]CoOrganiser, error) {
	return s.store.CoOrganisersOf(ctx, sessions)
}

// SetCoOrganisers sets the initiatives co-organising a session: the
// secretariat, or the coordinators of the session's track's initiative,
// which stays one of them. An initiative newly named is a request to it,
// unless who runs it too (its coordinator, the secretariat): their naming
// it is its consent. One left out is withdrawn, accepted or not.
func (s *Service) SetCoOrganisers(ctx context.Context, who igfplus.Identity, session int64, list []int64) ([]CoOrganiser, error) {
	nri, err := s.mayPlanSession(ctx, who, session, "Only the secretariat sets who co-organises this session.")
	if err != nil {
		return nil, err
	}
	if nri != 0 && !slices.Contains(list, nri) {
		list = append(list, nri)
	}
	var consented []int64
	for _, n := range list {
		if s.MayRunNRI(ctx, who, n) == nil {
			consented = append(consented, n)
		}
	}
	if err := s.store.SetCoOrganisers(ctx, session, list, consented, who.AccountID); err != nil {
		return nil, err
	}
	return s.CoOrganisers(ctx, session)
}

// mayPlanSession is nil when who plans session's track (its initiative's
// coordinators or the secretariat; why says so to anyone else) and returns
// the track's initiative (0: none).
func (s *Service) mayPlanSession(ctx context.Context, who igfplus.Identity, session int64, why igfplus.Text) (int64, error) {
	nri, err := s.store.SessionNRI(ctx, session)
	if err != nil {
		return 0, err
	}
	if nri != 0 {
		return nri, s.MayRunNRI(ctx, who, nri)
	}
	return 0, secretariat(who, why)
}

// RequestsOfSession lists the requests of a session still waiting: for
// those who plan it.
func (s *Service) RequestsOfSession(ctx context.Context, who igfplus.Identity, session int64) ([]CoOrganiserRequest, error) {
	if _, err := s.mayPlanSession(ctx, who, session, "Only the session's planners see its requests."); err != nil {
		return nil, err
	}
	return s.store.CoOrganiserRequests(ctx, session, 0, 0)
}

// RequestsTo lists the requests waiting for initiative nri's answer: for
// its coordinators and the secretariat.
func (s *Service) RequestsTo(ctx context.Context, who igfplus.Identity, nri int64) ([]CoOrganiserRequest, error) {
	if err := s.MayRunNRI(ctx, who, nri); err != nil {
		return nil, err
	}
	return s.store.CoOrganiserRequests(ctx, 0, nri, 0)
}

// RequestsFor lists the requests who may answer: to the initiatives they
// coordinate, or all for the secretariat (none for anyone else).
func (s *Service) RequestsFor(ctx context.Context, who igfplus.Identity) ([]CoOrganiserRequest, error) {
	switch {
	case who.Anonymous():
		return nil, nil
	case who.Has(igfplus.RoleSecretariat):
		return s.store.CoOrganiserRequests(ctx, 0, 0, 0)
	}
	return s.store.CoOrganiserRequests(ctx, 0, 0, who.AccountID)
}

// DecideCoOrganiser answers a request that nri co-organise session: its
// coordinators (or the secretariat) accept it, and the initiative is named
// from then on, or decline it, and the request is gone. Declining also
// takes back an earlier acceptance, except for the track's own initiative.
func (s *Service) DecideCoOrganiser(ctx context.Context, who igfplus.Identity, session, nri int64, accept bool) ([]CoOrganiser, error) {
	if err := s.MayRunNRI(ctx, who, nri); err != nil {
		return nil, err
	}
	own, err := s.store.SessionNRI(ctx, session)
	if err != nil {
		return nil, err
	}
	if own == nri && !accept {
		return nil, igfplus.Errorf(igfplus.EConflict, "The initiative whose track holds the session always co-organises it.")
	}
	if err := s.store.DecideCoOrganiser(ctx, session, nri, who.AccountID, accept); err != nil {
		return nil, err
	}
	return s.CoOrganisers(ctx, session)
}
