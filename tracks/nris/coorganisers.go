package nris

import (
	"context"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// AddPolicyIssue puts a strategic policy issue on an edition's focused
// agenda, within its cap: the secretariat only.
func (s *Service) AddPolicyIssue(ctx context.Context, who igfplus.Identity, n NewPolicyIssue) (tracks.PolicyIssue, error) {
	if err := secretariat(who, "Only the secretariat sets the focused agenda."); err != nil {
		return tracks.PolicyIssue{}, err
	}
	if err := n.validate(); err != nil {
		return tracks.PolicyIssue{}, err
	}
	return s.store.AddPolicyIssue(ctx, n)
}

// Track reads a track with its initiative and lead.
func (s *Service) Track(ctx context.Context, id int64) (TrackInfo, error) {
	return s.store.Track(ctx, id)
}

// TracksOfNRI lists an initiative's tracks.
func (s *Service) TracksOfNRI(ctx context.Context, nri int64) ([]TrackInfo, error) {
	return s.store.TracksOfNRI(ctx, nri)
}

// TracksOfEdition lists an edition's tracks with their initiatives and
// leads.
func (s *Service) TracksOfEdition(ctx context.Context, edition int64) ([]TrackInfo, error) {
	return s.store.TracksOfEdition(ctx, edition)
}

// AddTrack adds a track: the secretariat any, an initiative's
// coordinators an NRI track of their own initiative.
func (s *Service) AddTrack(ctx context.Context, who igfplus.Identity, n NewTrack) (TrackInfo, error) {
	if err := n.validate(); err != nil {
		return TrackInfo{}, err
	}
	if n.Kind == tracks.NRI {
		if err := s.MayRunNRI(ctx, who, n.NRIID); err != nil {
			return TrackInfo{}, err
		}
	} else if err := secretariat(who, "Only the secretariat adds tracks other than an initiative's own."); err != nil {
		return TrackInfo{}, err
	}
	id, err := s.store.AddTrack(ctx, n)
	if err != nil {
		return TrackInfo{}, err
	}
	return s.store.Track(ctx, id)
}

// AddSession adds a session to a track: the secretariat, or the
// coordinators of the track's initiative, who then moderate it. Every
// co-organiser must be a recognised or pending initiative of the
// directory; an NRI track's own initiative is always one.
func (s *Service) AddSession(ctx context.Context, who igfplus.Identity, track int64, n NewSession) (int64, error) {
	if err := n.validate(); err != nil {
		return 0, err
	}
	t, err := s.store.Track(ctx, track)
	if err != nil {
		return 0, err
	}
	if err := s.mayRunTrack(ctx, who, t, "Only the secretariat adds sessions to this track."); err != nil {
		return 0, err
	}
	if t.NRIID != 0 && !contains(n.CoOrganisers, t.NRIID) {
		n.CoOrganisers = append([]int64{t.NRIID}, n.CoOrganisers...)
	}
	moderator := n.ModeratorID
	if moderator == 0 {
		moderator = who.AccountID
	}
	return s.store.AddSession(ctx, track, n, moderator)
}

// MayRunTrack reports whether who plans a track (its sessions, their
// co-organisers, its lead): the forms' check, nil when who may.
func (s *Service) MayRunTrack(ctx context.Context, who igfplus.Identity, track int64) error {
	t, err := s.store.Track(ctx, track)
	if err != nil {
		return err
	}
	return s.mayRunTrack(ctx, who, t, "Only the secretariat plans this track.")
}

// mayRunTrack: an NRI track's coordinators and the secretariat run it;
// other tracks, the secretariat, and why says so to anyone else. These
// are the rules of adding the track, so that whoever may add a track may
// go on planning it.
func (s *Service) mayRunTrack(ctx context.Context, who igfplus.Identity, t TrackInfo, why string) error {
	if t.NRIID != 0 {
		return s.MayRunNRI(ctx, who, t.NRIID)
	}
	return secretariat(who, why)
}

func contains(list []int64, v int64) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

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
		if !contains(list, nri) {
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
