package sessions

import (
	"context"
	"regexp"
	"slices"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// CaptionChannel is one language's captions in a session: English and the
// interpretation's languages, say, each written by its own captioners and
// kept as its own transcript.
type CaptionChannel struct {
	ID        int64 `json:"id"`
	SessionID int64 `json:"session_id"`
	// Language is an ISO 639 code ("en", "fr", "ar"): one channel per
	// language in a session.
	Language string `json:"language"`
	// Captioners are the accounts that send to the channel; none: any of
	// the session's captioners.
	Captioners []ChannelCaptioner `json:"captioners"`
}

// ChannelCaptioner is an account that captions a session.
type ChannelCaptioner struct {
	AccountID int64  `json:"account_id"`
	Name      string `json:"name"`
}

// Takes reports whether captioner accountID may send to the channel.
func (c CaptionChannel) Takes(accountID int64) bool {
	return len(c.Captioners) == 0 || c.Names(accountID)
}

// Names reports whether accountID is one of the channel's own captioners.
func (c CaptionChannel) Names(accountID int64) bool {
	return slices.ContainsFunc(c.Captioners, func(k ChannelCaptioner) bool { return k.AccountID == accountID })
}

// languageCode is a channel's language, as the sessions' own (migration
// 0023): two or three lower-case letters.
var languageCode = regexp.MustCompile(`^[a-z]{2,3}$`)

// IsCaptionLanguage reports whether s can name a caption channel's
// language (a reader's choice is checked by it too).
func IsCaptionLanguage(s string) bool { return languageCode.MatchString(s) }

// channelFor chooses the channel a captioner's line goes to: the one asked
// for, which must be the session's and take them; for 0, the first that
// names them, else the first that takes them, else the default (0, made by
// the store) when the session has no channel.
func channelFor(channels []CaptionChannel, captioner, asked int64) (int64, error) {
	if asked != 0 {
		i := slices.IndexFunc(channels, func(c CaptionChannel) bool { return c.ID == asked })
		if i < 0 {
			return 0, igfplus.Errorf(igfplus.ENotFound, "The session has no such caption channel.")
		}
		if !channels[i].Takes(captioner) {
			return 0, igfplus.Errorf(igfplus.EForbidden, "This caption channel has captioners of its own.")
		}
		return asked, nil
	}
	if len(channels) == 0 {
		return 0, nil
	}
	for _, c := range channels {
		if c.Names(captioner) {
			return c.ID, nil
		}
	}
	for _, c := range channels {
		if c.Takes(captioner) {
			return c.ID, nil
		}
	}
	return 0, igfplus.Errorf(igfplus.EForbidden, "Every caption channel of this session has captioners of its own.")
}

// CaptionChannels lists session id's caption channels, the first made
// first, to whoever may read its captions.
func (s *Service) CaptionChannels(ctx context.Context, who igfplus.Identity, id int64) ([]CaptionChannel, error) {
	if err := s.mayReadCaptions(ctx, who, id); err != nil {
		return nil, err
	}
	return s.captions.CaptionChannels(ctx, id)
}

// SetUpCaptionChannel gives session id a caption channel in language, or
// finds the one it has, and, when captioner is not 0, makes that
// captioner one of its own: the session's moderators (its organisers) set
// the channels up, before the session or during it. The captioner must
// hold the session's captioner role.
func (s *Service) SetUpCaptionChannel(ctx context.Context, who igfplus.Identity, id int64, language string, captioner int64) (CaptionChannel, error) {
	if err := s.mayModerate(ctx, who, id); err != nil {
		return CaptionChannel{}, err
	}
	if !IsCaptionLanguage(language) {
		return CaptionChannel{}, igfplus.Errorf(igfplus.EInvalid, "A caption channel's language is a code of two or three letters, such as en or fr.")
	}
	if captioner != 0 {
		roles, err := s.store.SessionRoles(ctx, id, captioner)
		if err != nil {
			return CaptionChannel{}, err
		}
		if !slices.Contains(roles, Captioner) {
			return CaptionChannel{}, igfplus.Errorf(igfplus.EInvalid, "Only the session's captioners can be given a caption channel.")
		}
	}
	return s.captions.AddCaptionChannel(ctx, id, language, captioner)
}

// SessionCaptioners lists who holds session id's captioner role, for its
// moderators to give them channels.
func (s *Service) SessionCaptioners(ctx context.Context, who igfplus.Identity, id int64) ([]ChannelCaptioner, error) {
	if err := s.mayModerate(ctx, who, id); err != nil {
		return nil, err
	}
	return s.captions.SessionCaptioners(ctx, id)
}

// RemoveCaptionChannel removes a caption channel set up by mistake: the
// session's moderators, and only while it has no line (a channel with
// lines is a transcript, kept).
func (s *Service) RemoveCaptionChannel(ctx context.Context, who igfplus.Identity, id, channelID int64) error {
	if err := s.mayModerate(ctx, who, id); err != nil {
		return err
	}
	return s.captions.RemoveCaptionChannel(ctx, id, channelID)
}

// ReaderChannel chooses the channel a reader sees first: the one in the
// language they chose (wanted), else in the page's language, else the
// first. It returns the zero channel when there is none.
func ReaderChannel(channels []CaptionChannel, wanted, pageLang string) CaptionChannel {
	for _, lang := range []string{wanted, pageLang} {
		if i := slices.IndexFunc(channels, func(c CaptionChannel) bool { return c.Language == lang }); lang != "" && i >= 0 {
			return channels[i]
		}
	}
	if len(channels) == 0 {
		return CaptionChannel{}
	}
	return channels[0]
}
