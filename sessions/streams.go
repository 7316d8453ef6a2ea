package sessions

import (
	"context"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// StreamKind is what a session's link is for.
type StreamKind string

// The kinds of links. The speakers' meeting tool is shown only to those who
// speak or run the session; the others to everyone who follows it.
const (
	SpeakersLink   StreamKind = "speakers"
	PublicStream   StreamKind = "public"
	Interpretation StreamKind = "interpretation"
)

// Stream is one of a session's meeting or stream links. Language is the
// interpretation's (a BCP 47 tag such as "fr" or "pt-BR"), empty for the
// other kinds.
type Stream struct {
	Kind     StreamKind `json:"kind"`
	Language string     `json:"language,omitempty"`
	URL      string     `json:"url"`
}

// MaxStreams bounds a session's links: the speakers' tool, the public
// stream and interpretation into every UN language with room to spare.
const MaxStreams = 12

// languageTag is the form of an interpretation's language.
var languageTag = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// StreamURLProblem says what is wrong with a link, or "" when nothing:
// "long" (over 2,000 bytes), "url" (not a link with a host) or "https"
// (another scheme: a page served over https must not embed or send people
// to a downgraded stream, and an http link tells the network what someone
// watches). Forms put it beside the field in the reader's language.
func StreamURLProblem(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case len(raw) > 2000:
		return "long"
	case err != nil || u.Host == "" || u.User != nil:
		return "url"
	case u.Scheme != "https":
		return "https"
	}
	return ""
}

// CheckStreamURL checks a link (StreamURLProblem), as EInvalid.
func CheckStreamURL(raw string) error {
	switch StreamURLProblem(raw) {
	case "long":
		return igfplus.Errorf(igfplus.EInvalid, "A link is at most 2000 characters.")
	case "url":
		return igfplus.Errorf(igfplus.EInvalid, "That is not a link (https://…).")
	case "https":
		return igfplus.Errorf(igfplus.EInvalid, "Only https links are accepted.")
	}
	return nil
}

// CheckStreamLanguage checks an interpretation's language tag.
func CheckStreamLanguage(lang string) error {
	if !languageTag.MatchString(lang) {
		return igfplus.Errorf(igfplus.EInvalid, "Name the interpretation's language (a code such as fr or pt-BR).")
	}
	return nil
}

// CheckStreams checks a session's whole list: each link valid, at most one
// speakers' link and one public stream, one stream per interpretation
// language.
func CheckStreams(list []Stream) error {
	if len(list) > MaxStreams {
		return igfplus.Errorf(igfplus.EInvalid, "A session has at most %d links.", MaxStreams)
	}
	seen := map[string]bool{}
	for _, s := range list {
		key := string(s.Kind) + ":" + s.Language
		switch s.Kind {
		case SpeakersLink, PublicStream:
			if s.Language != "" {
				return igfplus.Errorf(igfplus.EInvalid, "Only interpretation streams have a language.")
			}
		case Interpretation:
			if err := CheckStreamLanguage(s.Language); err != nil {
				return err
			}
		default:
			return igfplus.Errorf(igfplus.EInvalid, "A link is for the speakers, the public stream or an interpretation.")
		}
		if err := CheckStreamURL(s.URL); err != nil {
			return err
		}
		if seen[key] {
			return igfplus.Errorf(igfplus.EInvalid, "Each kind of link (and each interpretation language) is given once.")
		}
		seen[key] = true
	}
	return nil
}

// Player is how a room plays a stream once the person asks for it: in an
// <iframe> (Kind "iframe") from a known video host's embed address, in a
// <video> (Kind "video") for a direct file or HLS playlist, or not at all
// (Kind "": the link only).
type Player struct {
	Kind string `json:"kind"`
	Src  string `json:"src"`
}

// Origin is the scheme and host the player loads from, for the page's
// content security policy.
func (p Player) Origin() string {
	u, err := url.Parse(p.Src)
	if err != nil || p.Kind == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// videoID is the form of YouTube's and Vimeo's video ids and PeerTube's
// short or long ones.
var videoID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// PlayerOf returns how link s is played. YouTube links play from
// youtube-nocookie.com, which sets no cookie before playing; Vimeo's from
// its player host; PeerTube's (/w/{id} or /videos/watch/{id}, on any
// instance) from the instance's /videos/embed/{id}; a .mp4, .webm or .m3u8
// file in a <video> (HLS plays where the browser supports it, Safari and
// Android; elsewhere the link remains). The speakers' meeting tool is never
// embedded.
func PlayerOf(s Stream) Player {
	if s.Kind == SpeakersLink || CheckStreamURL(s.URL) != nil {
		return Player{}
	}
	u, _ := url.Parse(s.URL)
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	parts := strings.Split(strings.Trim(u.EscapedPath(), "/"), "/")
	iframe := func(src, id string) Player {
		if !videoID.MatchString(id) {
			return Player{}
		}
		return Player{Kind: "iframe", Src: src + id}
	}
	switch {
	case host == "youtube.com" || host == "m.youtube.com":
		if len(parts) == 2 && slices.Contains([]string{"live", "embed", "shorts"}, parts[0]) {
			return iframe("https://www.youtube-nocookie.com/embed/", parts[1])
		}
		return iframe("https://www.youtube-nocookie.com/embed/", u.Query().Get("v"))
	case host == "youtu.be" && len(parts) == 1:
		return iframe("https://www.youtube-nocookie.com/embed/", parts[0])
	case host == "vimeo.com" && len(parts) >= 1:
		return iframe("https://player.vimeo.com/video/", parts[len(parts)-1])
	case len(parts) == 2 && parts[0] == "w", len(parts) == 3 && parts[0] == "videos" && parts[1] == "watch":
		return iframe("https://"+u.Host+"/videos/embed/", parts[len(parts)-1])
	}
	switch strings.ToLower(path.Ext(u.Path)) {
	case ".mp4", ".webm", ".m3u8":
		return Player{Kind: "video", Src: s.URL}
	}
	return Player{}
}

// StreamStore keeps sessions' links.
type StreamStore interface {
	// Streams lists a session's links in their order (none: empty).
	Streams(ctx context.Context, sessionID int64) ([]Stream, error)
	// SaveStreams replaces a session's links.
	SaveStreams(ctx context.Context, sessionID int64, list []Stream) error
}

// StreamsOf returns the links of session id that who may see: everyone who
// may follow the session sees the public and interpretation streams; the
// speakers' meeting tool only its speakers and those who run it.
func (s *Service) StreamsOf(ctx context.Context, who igfplus.Identity, id int64) ([]Stream, error) {
	if err := s.CanFollow(ctx, who, id); err != nil {
		return nil, err
	}
	list, err := s.streams.Streams(ctx, id)
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(list, func(st Stream) bool { return st.Kind == SpeakersLink }) || s.speaksIn(ctx, who, id) {
		return list, nil
	}
	return slices.DeleteFunc(list, func(st Stream) bool { return st.Kind == SpeakersLink }), nil
}

// speaksIn reports whether who speaks in or runs session id.
func (s *Service) speaksIn(ctx context.Context, who igfplus.Identity, id int64) bool {
	if s.mayModerate(ctx, who, id) == nil {
		return true
	}
	roles, err := s.store.SessionRoles(ctx, id, who.AccountID)
	return err == nil && slices.Contains(roles, Speaker)
}

// SetStreams replaces the links of session id: those who run it only
// (its moderators, platform moderators, the secretariat).
func (s *Service) SetStreams(ctx context.Context, who igfplus.Identity, id int64, list []Stream) ([]Stream, error) {
	if err := s.mayModerate(ctx, who, id); err != nil {
		return nil, err
	}
	if err := CheckStreams(list); err != nil {
		return nil, err
	}
	if list == nil {
		list = []Stream{}
	}
	return list, s.streams.SaveStreams(ctx, id, list)
}
