package nris

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Service authorises and carries out the directory's, the co-organisers',
// the links' and the intake's changes: the secretariat runs the directory;
// an NRI's coordinators set their sessions' co-organisers and ask for
// links; a global track's lead or the secretariat decides on links and
// works the intake. Reading is public. The programme's writes (tracks,
// sessions, leads) are tracks.Service's, which asks MayRunNRI.
type Service struct {
	store  Store
	tracks Tracks
}

// Tracks reads the programme's tracks with their initiative and lead
// (tracks/pgstore's Programme).
type Tracks interface {
	// Track returns one track, or ENotFound.
	Track(ctx context.Context, id int64) (tracks.TrackInfo, error)
}

var _ tracks.Initiatives = (*Service)(nil)

// NewService returns a Service over its store, reading tracks from tracks.
func NewService(store Store, tracks Tracks) *Service { return &Service{store: store, tracks: tracks} }

// NRIs lists the directory.
func (s *Service) NRIs(ctx context.Context) ([]NRI, error) { return s.store.NRIs(ctx) }

// NRI reads one initiative.
func (s *Service) NRI(ctx context.Context, id int64) (NRI, error) { return s.store.NRI(ctx, id) }

// CreateNRI adds an initiative to the directory: the secretariat only.
func (s *Service) CreateNRI(ctx context.Context, who igfplus.Identity, c NRIChange) (NRI, error) {
	if err := secretariat(who, "Only the secretariat adds initiatives to the directory."); err != nil {
		return NRI{}, err
	}
	if err := c.validate(true); err != nil {
		return NRI{}, err
	}
	return s.store.CreateNRI(ctx, c)
}

// UpdateNRI changes an initiative (its recognition, coordinators...): the
// secretariat only.
func (s *Service) UpdateNRI(ctx context.Context, who igfplus.Identity, id int64, c NRIChange) (NRI, error) {
	if err := secretariat(who, "Only the secretariat changes the directory."); err != nil {
		return NRI{}, err
	}
	if err := c.validate(false); err != nil {
		return NRI{}, err
	}
	if c.ParentID != nil && *c.ParentID == id {
		return NRI{}, igfplus.Errorf(igfplus.EInvalid, "An initiative is not its own parent.")
	}
	return s.store.UpdateNRI(ctx, id, c)
}

// MayRunNRI reports whether who runs initiative nri's tracks: its
// coordinators and the secretariat.
func (s *Service) MayRunNRI(ctx context.Context, who igfplus.Identity, nri int64) error {
	if who.Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, "Sign in first.")
	}
	if who.Has(igfplus.RoleSecretariat) {
		return nil
	}
	ok, err := s.store.Coordinates(ctx, who.AccountID, nri)
	if err != nil {
		return err
	}
	if !ok {
		return igfplus.Errorf(igfplus.EForbidden, "Only the initiative's coordinators and the secretariat run its tracks.")
	}
	return nil
}

func secretariat(who igfplus.Identity, why igfplus.Text) error {
	if who.Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, "Sign in first.")
	}
	if !who.Has(igfplus.RoleSecretariat) {
		return igfplus.Errorf(igfplus.EForbidden, "%s", why)
	}
	return nil
}

// MaxNoteRunes bounds notes, reasons and answers.
const MaxNoteRunes = 5000

func cleanText(s string, what igfplus.Text) (string, error) {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > MaxNoteRunes {
		return "", igfplus.Errorf(igfplus.EInvalid, "The %s is longer than %d characters.", what, MaxNoteRunes)
	}
	return s, nil
}
