package nris

import (
	"context"
	"slices"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// CoOrganisers lists the initiatives co-organising a session (public).
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
// which stays one of them.
func (s *Service) SetCoOrganisers(ctx context.Context, who igfplus.Identity, session int64, list []int64) ([]CoOrganiser, error) {
	nri, err := s.store.SessionNRI(ctx, session)
	if err != nil {
		return nil, err
	}
	if nri != 0 {
		err = s.MayRunNRI(ctx, who, nri)
		if !slices.Contains(list, nri) {
			list = append(list, nri)
		}
	} else {
		err = secretariat(who, "Only the secretariat sets who co-organises this session.")
	}
	if err != nil {
		return nil, err
	}
	if err := s.store.SetCoOrganisers(ctx, session, list); err != nil {
		return nil, err
	}
	return s.CoOrganisers(ctx, session)
}
