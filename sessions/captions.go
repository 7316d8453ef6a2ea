package sessions

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Caption is one line of a session's live captions, in one of its caption
// channels.
type Caption struct {
	ID        int64 `json:"id"`
	SessionID int64 `json:"session_id"`
	// ChannelID and Language name the channel the line was sent to.
	ChannelID int64     `json:"channel_id"`
	Language  string    `json:"language"`
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"created_at"`
}

// CaptionStore keeps captions and their channels; a new line commits with
// its caption.added event.
type CaptionStore interface {
	// AddCaption stores a line in channel channelID of the session; 0 is
	// the session's default channel (its first), made in the session's
	// language when the session has none, so that a captioner of a session
	// nobody set up still captions.
	AddCaption(ctx context.Context, sessionID, channelID, captionerID int64, text string) (Caption, error)
	// Transcript returns every line of the session, of every channel, in
	// the order they were written.
	Transcript(ctx context.Context, sessionID int64) ([]Caption, error)
	// CaptionChannels lists the session's channels, the first made first.
	CaptionChannels(ctx context.Context, sessionID int64) ([]CaptionChannel, error)
	// AddCaptionChannel makes the session's channel in language, or finds
	// it, and adds captionerID (when not 0) to its captioners.
	AddCaptionChannel(ctx context.Context, sessionID int64, language string, captionerID int64) (CaptionChannel, error)
	// RemoveCaptionChannel removes a channel that has no line yet
	// (EConflict otherwise: its lines are a transcript); ENotFound when the
	// session has no such channel.
	RemoveCaptionChannel(ctx context.Context, sessionID, channelID int64) error
	// SessionCaptioners lists the accounts holding the session's captioner
	// role, by name.
	SessionCaptioners(ctx context.Context, sessionID int64) ([]ChannelCaptioner, error)
}

// AddCaption streams a caption line into a live session: its captioners
// only, into channelID (0: the channel the captioner is given, else the
// session's first). A channel with captioners of its own takes lines from
// them only.
func (s *Service) AddCaption(ctx context.Context, who igfplus.Identity, sessionID, channelID int64, text string) (Caption, error) {
	if who.Anonymous() {
		return Caption{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to caption.")
	}
	// The same standing every other way of writing into the room reads: a
	// captioner who was removed, banned or muted writes no more captions
	// (the socket's join refuses them; the form and REST paths come here).
	sess, st, err := s.follower(ctx, who, sessionID)
	if err != nil {
		return Caption{}, err
	}
	if !slices.Contains(st.Roles, Captioner) {
		return Caption{}, igfplus.Errorf(igfplus.EForbidden, "Only the session's captioners can send captions.")
	}
	if err := unmuted(st); err != nil {
		return Caption{}, err
	}
	text = strings.TrimSpace(text)
	if text == "" || utf8.RuneCountInString(text) > 1000 {
		return Caption{}, igfplus.Errorf(igfplus.EInvalid, "A caption line has between 1 and 1000 characters.")
	}
	if sess.State != Live {
		return Caption{}, igfplus.Errorf(igfplus.EConflict, "Captions are sent only while the session is live.")
	}
	channels, err := s.captions.CaptionChannels(ctx, sessionID)
	if err != nil {
		return Caption{}, err
	}
	if channelID, err = channelFor(channels, who.AccountID, channelID); err != nil {
		return Caption{}, err
	}
	return s.captions.AddCaption(ctx, sessionID, channelID, who.AccountID, text)
}

// Transcript returns a session's captions, every channel's, in order: to
// anyone, signed in or not, for a public session; to whoever may follow
// it otherwise; during the session and afterwards.
func (s *Service) Transcript(ctx context.Context, who igfplus.Identity, sessionID int64) ([]Caption, error) {
	if err := s.mayReadCaptions(ctx, who, sessionID); err != nil {
		return nil, err
	}
	return s.captions.Transcript(ctx, sessionID)
}

// mayReadCaptions checks that who may read session id's captions: anyone
// for a public session (its wall shows them already), else its followers.
func (s *Service) mayReadCaptions(ctx context.Context, who igfplus.Identity, id int64) error {
	sess, err := s.store.Session(ctx, id)
	if err != nil {
		return err
	}
	if sess.Public() {
		return nil
	}
	return s.CanFollow(ctx, who, id)
}
