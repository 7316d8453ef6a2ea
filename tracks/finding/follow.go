package finding

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"time"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/translations"
)

// Store keeps what people follow and their calendar tokens, and reads
// what the programme's filters need.
type Store interface {
	Searcher
	// Follow and Unfollow are idempotent; Follow is ENotFound for a
	// session that does not exist.
	Follow(ctx context.Context, accountID, sessionID int64) error
	Unfollow(ctx context.Context, accountID, sessionID int64) error
	Following(ctx context.Context, accountID, sessionID int64) (bool, error)
	// Schedule lists the sessions accountID follows, by start time.
	Schedule(ctx context.Context, accountID int64) ([]sessions.Session, error)
	// SetCalendarToken keeps hash as accountID's only token (replacing
	// any); RevokeCalendarToken deletes it.
	SetCalendarToken(ctx context.Context, accountID int64, hash []byte) error
	RevokeCalendarToken(ctx context.Context, accountID int64) error
	HasCalendarToken(ctx context.Context, accountID int64) (bool, error)
	// CalendarOwner is the account whose token hashes to hash, or
	// ENotFound.
	CalendarOwner(ctx context.Context, hash []byte) (int64, error)
	// Facts reads the languages and represented stakeholder groups of an
	// edition's sessions.
	Facts(ctx context.Context, editionID int64) (Facts, error)
	// Languages lists the languages an edition's sessions are held in.
	Languages(ctx context.Context, editionID int64) ([]string, error)
	// TimeZone is the edition's IANA time zone.
	TimeZone(ctx context.Context, editionID int64) (string, error)
}

// Service authorises following and the personal calendar feed.
type Service struct {
	store Store
	texts Texts
}

// Texts reads the content's translations (nil: results keep their source
// titles).
type Texts interface {
	Of(ctx context.Context, refs ...translations.Ref) (translations.Texts, error)
}

// NewService returns the Service over store, with results' titles in
// the reader's language where texts has them translated.
func NewService(store Store, texts Texts) *Service { return &Service{store: store, texts: texts} }

// Search runs a checked query (CheckQuery's refusals) for anyone: what it
// searches is public. Each result's title is in lang where translated.
func (s *Service) Search(ctx context.Context, q, lang string) ([]Result, error) {
	q, err := CheckQuery(q)
	if err != nil {
		return nil, err
	}
	out, err := s.store.Search(ctx, q, lang, SearchLimit)
	if err != nil || s.texts == nil || len(out) == 0 {
		return out, err
	}
	refs := make([]translations.Ref, len(out))
	for i, r := range out {
		refs[i] = r.Titled
	}
	texts, err := s.texts.Of(ctx, refs...)
	if err != nil {
		return nil, err
	}
	for i := range out {
		r := &out[i]
		t := texts.Resolve(r.Titled, translations.Title, r.Title, r.TitleLang, lang)
		r.Title, r.TitleLang = t.Text, t.Lang
	}
	return out, nil
}

// Facts and Languages serve the programme's filters.
func (s *Service) Facts(ctx context.Context, editionID int64) (Facts, error) {
	return s.store.Facts(ctx, editionID)
}

// Languages lists the languages of an edition's sessions.
func (s *Service) Languages(ctx context.Context, editionID int64) ([]string, error) {
	return s.store.Languages(ctx, editionID)
}

// Location is the edition's time zone (UTC when it names none that this
// system knows).
func (s *Service) Location(ctx context.Context, editionID int64) (*time.Location, error) {
	name, err := s.store.TimeZone(ctx, editionID)
	if err != nil {
		return nil, err
	}
	if loc, err := time.LoadLocation(name); err == nil {
		return loc, nil
	}
	return time.UTC, nil
}

const signInToFollow = "Sign in to follow sessions."

// Follow adds a session to who's schedule; Unfollow takes it off.
func (s *Service) Follow(ctx context.Context, who igfplus.Identity, sessionID int64, on bool) error {
	if who.Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, signInToFollow)
	}
	if on {
		return s.store.Follow(ctx, who.AccountID, sessionID)
	}
	return s.store.Unfollow(ctx, who.AccountID, sessionID)
}

// Following reports whether who follows the session (false for the
// anonymous).
func (s *Service) Following(ctx context.Context, who igfplus.Identity, sessionID int64) (bool, error) {
	if who.Anonymous() {
		return false, nil
	}
	return s.store.Following(ctx, who.AccountID, sessionID)
}

// Schedule lists the sessions who follows.
func (s *Service) Schedule(ctx context.Context, who igfplus.Identity) ([]sessions.Session, error) {
	if who.Anonymous() {
		return nil, igfplus.Errorf(igfplus.EUnauthorized, signInToFollow)
	}
	return s.store.Schedule(ctx, who.AccountID)
}

// NewCalendarToken makes who a new secret feed token, revoking the one
// before. The token is returned once: only its hash is kept.
func (s *Service) NewCalendarToken(ctx context.Context, who igfplus.Identity) (string, error) {
	if who.Anonymous() {
		return "", igfplus.Errorf(igfplus.EUnauthorized, signInToFollow)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	return token, s.store.SetCalendarToken(ctx, who.AccountID, hashToken(token))
}

// RevokeCalendarToken ends who's feed: its address stops working.
func (s *Service) RevokeCalendarToken(ctx context.Context, who igfplus.Identity) error {
	if who.Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, signInToFollow)
	}
	return s.store.RevokeCalendarToken(ctx, who.AccountID)
}

// HasCalendarToken reports whether who has a feed.
func (s *Service) HasCalendarToken(ctx context.Context, who igfplus.Identity) (bool, error) {
	if who.Anonymous() {
		return false, nil
	}
	return s.store.HasCalendarToken(ctx, who.AccountID)
}

// FeedOf is the schedule of the token's owner: ENotFound for a token that
// is unknown or was revoked (the same answer, so that a guess learns
// nothing).
func (s *Service) FeedOf(ctx context.Context, token string) ([]sessions.Session, error) {
	if len(token) < 20 || len(token) > 100 {
		return nil, igfplus.Errorf(igfplus.ENotFound, "There is no such calendar.")
	}
	owner, err := s.store.CalendarOwner(ctx, hashToken(token))
	if err != nil {
		return nil, err
	}
	return s.store.Schedule(ctx, owner)
}

func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}
