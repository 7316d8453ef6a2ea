package tracks

import (
	"context"
	"strings"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// SetLead makes account lead the lead of a track (0: the track has none),
// who then decides on links to it and works its intake besides the
// secretariat. Those who may add the track change its lead: the
// secretariat, and for an initiative's track its coordinators.
func (s *Service) SetLead(ctx context.Context, who igfplus.Identity, track, lead int64) (TrackInfo, error) {
	return s.changeLead(ctx, who, track, func() (int64, error) {
		if lead < 0 {
			return 0, igfplus.Errorf(igfplus.EInvalid, "lead_id is an account's id, or 0 for no lead.")
		}
		return lead, nil
	})
}

// SetLeadByEmail makes the account registered with email the lead of a
// track, as SetLead does: people know each other by their address, not by
// an account number.
func (s *Service) SetLeadByEmail(ctx context.Context, who igfplus.Identity, track int64, email string) (TrackInfo, error) {
	return s.changeLead(ctx, who, track, func() (int64, error) {
		email = strings.TrimSpace(email)
		if email == "" {
			return 0, igfplus.Errorf(igfplus.EInvalid, "Enter the email address of the new lead.")
		}
		id, err := s.store.AccountByEmail(ctx, email)
		if igfplus.ErrorCode(err) == igfplus.ENotFound {
			return 0, igfplus.Errorf(igfplus.EInvalid, "No account is registered with this email address.")
		}
		return id, err
	})
}

// changeLead checks that who plans the track, then sets the lead that pick
// names. Picking comes after the check so that only a track's planners
// learn whether an address is registered.
func (s *Service) changeLead(ctx context.Context, who igfplus.Identity, track int64, pick func() (int64, error)) (TrackInfo, error) {
	t, err := s.store.Track(ctx, track)
	if err != nil {
		return TrackInfo{}, err
	}
	if err := s.mayRunTrack(ctx, who, t, "Only the secretariat changes this track's lead."); err != nil {
		return TrackInfo{}, err
	}
	lead, err := pick()
	if err != nil {
		return TrackInfo{}, err
	}
	if err := s.store.SetLead(ctx, track, lead); err != nil {
		return TrackInfo{}, err
	}
	return s.store.Track(ctx, track)
}
