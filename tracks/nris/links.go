package nris

import (
	"context"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// AskLink asks to link an NRI track to a global track: the coordinators of
// the track's initiative (or the secretariat). A global track is any track
// of the Forum that is not an initiative's own.
func (s *Service) AskLink(ctx context.Context, who igfplus.Identity, nriTrack, globalTrack int64, note string) (Link, error) {
	note, err := cleanText(note, "note")
	if err != nil {
		return Link{}, err
	}
	from, err := s.tracks.Track(ctx, nriTrack)
	if err != nil {
		return Link{}, err
	}
	if from.NRIID == 0 {
		return Link{}, igfplus.Errorf(igfplus.EInvalid, "Only an initiative's track links to a global track.")
	}
	if err := s.MayRunNRI(ctx, who, from.NRIID); err != nil {
		return Link{}, err
	}
	to, err := s.tracks.Track(ctx, globalTrack)
	if err != nil {
		return Link{}, err
	}
	if to.NRIID != 0 || to.Kind == tracks.NRI {
		return Link{}, igfplus.Errorf(igfplus.EInvalid, "A link goes to a global track, not to an initiative's track.")
	}
	return s.store.AskLink(ctx, nriTrack, globalTrack, who.AccountID, note)
}

// Links lists a track's links (0: all). Links are public: which
// initiatives feed which global tracks is part of the programme.
func (s *Service) Links(ctx context.Context, track int64, state LinkState) ([]Link, error) {
	if state != "" && state != LinkPending && state != LinkAccepted && state != LinkDeclined {
		return nil, igfplus.Errorf(igfplus.EInvalid, "state is pending, accepted or declined.")
	}
	return s.store.Links(ctx, track, state)
}

// Link reads one link.
func (s *Service) Link(ctx context.Context, id int64) (Link, error) { return s.store.Link(ctx, id) }

// DecideLink accepts or declines a pending link: the global track's lead
// or the secretariat.
func (s *Service) DecideLink(ctx context.Context, who igfplus.Identity, id int64, accept bool, reason string) (Link, error) {
	reason, err := cleanText(reason, "reason")
	if err != nil {
		return Link{}, err
	}
	l, err := s.store.Link(ctx, id)
	if err != nil {
		return Link{}, err
	}
	if err := s.MayLead(ctx, who, l.GlobalTrackID); err != nil {
		return Link{}, err
	}
	return s.store.DecideLink(ctx, id, who.AccountID, accept, reason)
}

// MayLead reports whether who decides for a global track (links and
// intake): its lead and the secretariat.
func (s *Service) MayLead(ctx context.Context, who igfplus.Identity, track int64) error {
	if who.Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, "Sign in first.")
	}
	if who.Has(igfplus.RoleSecretariat) {
		return nil
	}
	t, err := s.tracks.Track(ctx, track)
	if err != nil {
		return err
	}
	if t.Lead == nil || t.Lead.ID != who.AccountID {
		return igfplus.Errorf(igfplus.EForbidden, "Only the track's lead and the secretariat decide for this track.")
	}
	return nil
}

// Intake lists a global track's intake, newest first. It is public: where
// the Forum's recommendations come from is part of their record.
func (s *Service) Intake(ctx context.Context, track int64) ([]IntakeItem, error) {
	return s.store.Intake(ctx, track)
}

// Merge merges an intake item into a recommendation of its global track,
// keeping the item as that recommendation's provenance: the track's lead
// or the secretariat.
func (s *Service) Merge(ctx context.Context, who igfplus.Identity, item, rec int64) (IntakeItem, error) {
	it, err := s.store.IntakeItem(ctx, item)
	if err != nil {
		return IntakeItem{}, err
	}
	if err := s.MayLead(ctx, who, it.GlobalTrackID); err != nil {
		return IntakeItem{}, err
	}
	return s.store.Merge(ctx, item, rec, who.AccountID)
}

// Answer answers an intake item instead of merging it: the track's lead or
// the secretariat.
func (s *Service) Answer(ctx context.Context, who igfplus.Identity, item int64, answer string) (IntakeItem, error) {
	answer, err := cleanText(answer, "answer")
	if err != nil {
		return IntakeItem{}, err
	}
	if answer == "" {
		return IntakeItem{}, igfplus.Errorf(igfplus.EInvalid, "Write the answer.")
	}
	it, err := s.store.IntakeItem(ctx, item)
	if err != nil {
		return IntakeItem{}, err
	}
	if err := s.MayLead(ctx, who, it.GlobalTrackID); err != nil {
		return IntakeItem{}, err
	}
	return s.store.Answer(ctx, item, who.AccountID, answer)
}
