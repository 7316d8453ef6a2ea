package sessions

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Caption is one line of a session's live captions.
type Caption struct {
	ID        int64     `json:"id"`
	SessionID int64     `json:"session_id"`
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"created_at"`
}

// CaptionStore keeps captions; a new line commits with its caption.added
// event.
type CaptionStore interface {
	AddCaption(ctx context.Context, sessionID, captionerID int64, text string) (Caption, error)
	Transcript(ctx context.Context, sessionID int64) ([]Caption, error)
}

// AddCaption streams a caption line into a live session: its captioners
// only.
func (s *Service) AddCaption(ctx context.Context, who igfplus.Identity, sessionID int64, text string) (Caption, error) {
	if who.Anonymous() {
		return Caption{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to caption.")
	}
	roles, err := s.store.SessionRoles(ctx, sessionID, who.AccountID)
	if err != nil {
		return Caption{}, err
	}
	if !slices.Contains(roles, Captioner) {
		return Caption{}, igfplus.Errorf(igfplus.EForbidden, "Only the session's captioners can send captions.")
	}
	text = strings.TrimSpace(text)
	if text == "" || utf8.RuneCountInString(text) > 1000 {
		return Caption{}, igfplus.Errorf(igfplus.EInvalid, "A caption line has between 1 and 1000 characters.")
	}
	if err := s.mustBeLive(ctx, sessionID, "Captions are sent only while the session is live."); err != nil {
		return Caption{}, err
	}
	return s.captions.AddCaption(ctx, sessionID, who.AccountID, text)
}

// Transcript returns a session's captions, in order, to anyone who may
// follow it, during the session and afterwards.
func (s *Service) Transcript(ctx context.Context, who igfplus.Identity, sessionID int64) ([]Caption, error) {
	if err := s.CanFollow(ctx, who, sessionID); err != nil {
		return nil, err
	}
	return s.captions.Transcript(ctx, sessionID)
}
