package recommendations

import (
	"context"
	"slices"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Service carries out the drafting of recommendations, after checking that
// the caller may. Reading is open to everyone, signed in or not: the
// Forum's recommendations and how they came about are public.
type Service struct {
	store Store
}

// NewService returns a Service over store.
func NewService(store Store) *Service { return &Service{store: store} }

// mayRun checks that who may start a recommendation in, or keep the record
// of, session sessionID (zero for none): the Secretariat, platform
// moderators, or the session's own moderators.
func (s *Service) mayRun(ctx context.Context, who igfplus.Identity, sessionID int64) error {
	if who.Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, "Sign in to draft recommendations.")
	}
	if who.HasAny(igfplus.RoleSecretariat, igfplus.RoleModerator) {
		return nil
	}
	if sessionID != 0 {
		ok, err := s.store.SessionModerator(ctx, sessionID, who.AccountID)
		if err != nil || ok {
			return err
		}
	}
	return igfplus.Errorf(igfplus.EForbidden, "Only the Secretariat and the session's moderators can do that.")
}

// participant checks that who is a registered participant: the people who
// may comment and propose amendments.
func participant(who igfplus.Identity, doing igfplus.Text) error {
	if who.Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, "Sign in to %s.", doing)
	}
	if !who.Has(igfplus.RoleParticipant) {
		return igfplus.Errorf(igfplus.EForbidden, "Only registered participants can %s.", doing)
	}
	return nil
}

// drafter returns recommendation id once it has checked that who drafts it.
func (s *Service) drafter(ctx context.Context, who igfplus.Identity, id int64) (Recommendation, error) {
	if who.Anonymous() {
		return Recommendation{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to draft recommendations.")
	}
	r, err := s.store.Recommendation(ctx, id)
	if err != nil {
		return Recommendation{}, err
	}
	if !r.IsDrafter(who.AccountID) {
		return Recommendation{}, igfplus.Errorf(igfplus.EForbidden, "Only the recommendation's drafters can do that.")
	}
	return r, nil
}

// MayEditRecommendation is nil when who may edit recommendation id's
// texts around its drafting: its drafters, and those who run its session
// (the Secretariat, moderators), as for its record. Translating its
// versions follows it (tracks/translations); any state, since an adopted
// text is the one most worth translating.
func (s *Service) MayEditRecommendation(ctx context.Context, who igfplus.Identity, id int64) error {
	if who.Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, "Sign in to draft recommendations.")
	}
	r, err := s.store.Recommendation(ctx, id)
	if err != nil || r.IsDrafter(who.AccountID) {
		return err
	}
	if err := s.mayRun(ctx, who, r.SessionID); igfplus.ErrorCode(err) == igfplus.EForbidden {
		return igfplus.Errorf(igfplus.EForbidden, "Only the drafters, the session's moderators and the Secretariat translate a recommendation.")
	} else if err != nil {
		return err
	}
	return nil
}

// Create starts a recommendation: its first version, drafted by who and
// the co-drafters listed.
func (s *Service) Create(ctx context.Context, who igfplus.Identity, d NewRecommendation) (Recommendation, error) {
	if err := s.mayRun(ctx, who, d.SessionID); err != nil {
		return Recommendation{}, err
	}
	var err error
	if d.Title, err = cleanText(d.Title, "title", MaxTitleRunes, true); err != nil {
		return Recommendation{}, err
	}
	if d.Summary, err = cleanText(d.Summary, "summary", MaxSummaryRunes, false); err != nil {
		return Recommendation{}, err
	}
	if d.Body, err = CleanBody(d.Body); err != nil {
		return Recommendation{}, err
	}
	if d.Note, err = cleanText(d.Note, "note", MaxNoteRunes, false); err != nil {
		return Recommendation{}, err
	}
	if d.PolicyIssueID <= 0 || d.TrackID <= 0 {
		return Recommendation{}, igfplus.Errorf(igfplus.EInvalid, "Name the policy issue and the track.")
	}
	d.CoDrafters = coDrafters(d.CoDrafters, who.AccountID)
	if len(d.CoDrafters) > 20 {
		return Recommendation{}, igfplus.Errorf(igfplus.EInvalid, "A recommendation has at most 20 co-drafters.")
	}
	p, err := s.store.Placement(ctx, d.PolicyIssueID, d.TrackID, d.SessionID)
	if err != nil {
		return Recommendation{}, err
	}
	if err := p.check(d); err != nil {
		return Recommendation{}, err
	}
	return s.store.Create(ctx, d, who.AccountID)
}

// coDrafters returns ids sorted, without duplicates and without the
// creator, who drafts anyway.
func coDrafters(ids []int64, creator int64) []int64 {
	out := slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return id == creator })
	slices.Sort(out)
	return slices.Compact(out)
}

// Recommendation returns a recommendation.
func (s *Service) Recommendation(ctx context.Context, id int64) (Recommendation, error) {
	return s.store.Recommendation(ctx, id)
}

// Recommendations lists the recommendations f selects, newest first.
func (s *Service) Recommendations(ctx context.Context, f Filter) ([]Recommendation, error) {
	return s.store.Recommendations(ctx, f)
}

// Version returns version n of a recommendation (0: the current one).
func (s *Service) Version(ctx context.Context, id int64, n int) (Version, error) {
	if n < 0 {
		return Version{}, igfplus.Errorf(igfplus.ENotFound, "There is no version %d.", n)
	}
	return s.store.Version(ctx, id, n)
}

// Versions lists every version of a recommendation, oldest first.
func (s *Service) Versions(ctx context.Context, id int64) ([]Version, error) {
	if _, err := s.store.Recommendation(ctx, id); err != nil {
		return nil, err
	}
	return s.store.Versions(ctx, id)
}

// Record returns a recommendation's record of consensus and dissent.
func (s *Service) Record(ctx context.Context, id int64) (Record, error) {
	return s.store.Record(ctx, id)
}

// SetRecord replaces a recommendation's record of consensus and dissent.
// Its drafters keep it, and so do those who run its session (the
// Secretariat, moderators), who often note dissent from the chair.
func (s *Service) SetRecord(ctx context.Context, who igfplus.Identity, id int64, rec Record) (Record, error) {
	if who.Anonymous() {
		return Record{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to keep a recommendation's record.")
	}
	r, err := s.store.Recommendation(ctx, id)
	if err != nil {
		return Record{}, err
	}
	if !r.IsDrafter(who.AccountID) {
		if err := s.mayRun(ctx, who, r.SessionID); igfplus.ErrorCode(err) == igfplus.EForbidden {
			return Record{}, igfplus.Errorf(igfplus.EForbidden, "Only the drafters, the session's moderators and the Secretariat keep the record.")
		} else if err != nil {
			return Record{}, err
		}
	}
	if rec, err = rec.clean(); err != nil {
		return Record{}, err
	}
	return s.store.SetRecord(ctx, id, rec, who.AccountID)
}
