package translations

import (
	"context"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Store keeps the translations.
type Store interface {
	// Entity reads what the translations of r belong to; ENotFound when
	// there is no such entity.
	Entity(ctx context.Context, r Ref) (Entity, error)
	// Of lists the translations of refs (of any kinds) in one read.
	Of(ctx context.Context, refs []Ref) ([]Translation, error)
	// Save inserts or replaces put and deletes remove, in one transaction.
	Save(ctx context.Context, put []Translation, remove []Key) error
}

// Planners says who plans a track (its sessions and their agendas): the
// programme's rule (tracks.Service), which translating follows.
type Planners interface {
	MayRunTrack(ctx context.Context, who igfplus.Identity, track int64) error
}

// Drafters says who edits a recommendation (recommendations.Service's
// rule: its drafters, the session's moderators, the secretariat), which
// translating its versions follows.
type Drafters interface {
	MayEditRecommendation(ctx context.Context, who igfplus.Identity, id int64) error
}

// Service reads translations for everyone and saves those of the people
// who may edit the entity itself: a track's planners (the secretariat, an
// initiative's coordinators for its own tracks) its sessions, their
// agendas and the track; the secretariat the policy issues; a
// recommendation's editors its versions.
type Service struct {
	store    Store
	planners Planners
	drafters Drafters
}

// NewService returns a Service over store, asking planners who plans a
// track and drafters who edits a recommendation.
func NewService(store Store, planners Planners, drafters Drafters) *Service {
	return &Service{store: store, planners: planners, drafters: drafters}
}

// Of reads the translations of refs.
func (s *Service) Of(ctx context.Context, refs ...Ref) (Texts, error) {
	if len(refs) == 0 {
		return NewTexts(nil), nil
	}
	list, err := s.store.Of(ctx, refs)
	return NewTexts(list), err
}

// Entity reads what r's translations belong to.
func (s *Service) Entity(ctx context.Context, r Ref) (Entity, error) {
	if !r.Kind.Valid() {
		return Entity{}, igfplus.Errorf(igfplus.ENotFound, "There is nothing of that kind to translate.")
	}
	return s.store.Entity(ctx, r)
}

// MayTranslate is nil when who may edit r's translations, else the error
// to answer (the forms' check).
func (s *Service) MayTranslate(ctx context.Context, who igfplus.Identity, r Ref) error {
	e, err := s.Entity(ctx, r)
	if err != nil {
		return err
	}
	return s.mayEdit(ctx, who, e)
}

func (s *Service) mayEdit(ctx context.Context, who igfplus.Identity, e Entity) error {
	if e.Kind == RecommendationVersion {
		return s.drafters.MayEditRecommendation(ctx, who, e.RecommendationID)
	}
	if e.TrackID == 0 {
		return who.Require(igfplus.RoleSecretariat, "Only the secretariat translates the focused agenda.")
	}
	if who.Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, "Sign in first.")
	}
	return s.planners.MayRunTrack(ctx, who, e.TrackID)
}

// Save saves changes by who, each checked and authorised on its entity;
// nothing is saved when one is refused. A change that would alter nothing
// is left out, so that saving a whole form keeps the author and origin of
// the texts it did not change.
func (s *Service) Save(ctx context.Context, who igfplus.Identity, changes []Change) error {
	entities := map[Ref]Entity{}
	var refs []Ref
	for i := range changes {
		c := &changes[i]
		e, ok := entities[c.Ref]
		if !ok {
			var err error
			if e, err = s.Entity(ctx, c.Ref); err != nil {
				return err
			}
			if err := s.mayEdit(ctx, who, e); err != nil {
				return err
			}
			entities[c.Ref], refs = e, append(refs, c.Ref)
		}
		if err := c.check(e); err != nil {
			return err
		}
	}
	now, err := s.Of(ctx, refs...)
	if err != nil {
		return err
	}
	var put []Translation
	var remove []Key
	for _, c := range changes {
		old, had := now.Get(c.Key)
		switch {
		case c.Text == "" && had:
			remove = append(remove, c.Key)
		case c.Text == "" || had && c.same(old):
		default:
			put = append(put, Translation{Key: c.Key, Text: c.Text, Origin: c.Origin, Engine: c.Engine, AuthorID: who.AccountID})
		}
	}
	if len(put) == 0 && len(remove) == 0 {
		return nil
	}
	return s.store.Save(ctx, put, remove)
}
