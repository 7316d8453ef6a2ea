package pages

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/sessions/captionfile"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

type transcriptData struct {
	Session  sessions.Session
	Channels []transcriptChannel
}

// transcriptChannel is one caption channel's whole transcript and its
// downloads.
type transcriptChannel struct {
	sessions.CaptionChannel
	Name              string
	Lines             []sessions.Caption
	VTTHref, TextHref string
}

// transcript: GET /sessions/:id/transcript — every caption line of the
// session, channel by channel, to read during it or afterwards (the room
// shows only the latest lines), with each channel's downloads. A public
// session's is public; otherwise whoever may follow the session may read
// it, as over the API, and a visitor who has not signed in is asked to.
func (p *Pages) transcript(c echo.Context) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	here := sessionPath(id) + "/transcript"
	sess, channels, lines, err := p.transcriptOf(c, id)
	if err != nil || sess.ID == 0 {
		return err
	}
	d := &transcriptData{Session: sess}
	for _, ch := range channels {
		q := "?channel=" + strconv.FormatInt(ch.ID, 10)
		d.Channels = append(d.Channels, transcriptChannel{CaptionChannel: ch, Name: i18n.SelfName(ch.Language),
			Lines: linesOf(lines, ch.ID), VTTHref: here + ".vtt" + q, TextHref: here + ".txt" + q})
	}
	v := p.view(c, here)
	v.Data = d
	return p.render(c, http.StatusOK, "transcript", v)
}

// transcriptOf reads session id, its channels and every line for the
// visitor; a zero session with a nil error means the visitor was sent to
// sign in.
func (p *Pages) transcriptOf(c echo.Context, id int64) (sessions.Session, []sessions.CaptionChannel, []sessions.Caption, error) {
	who := p.identity(c)
	ctx := c.Request().Context()
	lines, err := p.deps.Sessions.Transcript(ctx, who, id)
	if who.Anonymous() && igfplus.ErrorCode(err) == igfplus.EUnauthorized {
		return sessions.Session{}, nil, nil, signinFor(c, c.Request().URL.RequestURI())
	}
	if err != nil {
		return sessions.Session{}, nil, nil, err
	}
	channels, err := p.deps.Sessions.CaptionChannels(ctx, who, id)
	if err != nil {
		return sessions.Session{}, nil, nil, err
	}
	sess, err := p.deps.Sessions.Session(ctx, id)
	return sess, channels, lines, err
}

// transcriptFile: GET /sessions/:id/transcript.vtt and .txt?channel= —
// one channel's transcript to download, as WebVTT (format "vtt") or plain
// text. Times run from the session's first caption line, of any channel,
// so that every channel's file keeps one clock.
func (p *Pages) transcriptFile(format string) echo.HandlerFunc {
	return func(c echo.Context) error {
		id, err := sessionID(c)
		if err != nil {
			return err
		}
		sess, channels, lines, err := p.transcriptOf(c, id)
		if err != nil || sess.ID == 0 {
			return err
		}
		ch, ok := channelByID(channels, formID(c, "channel"))
		if !ok {
			return igfplus.Errorf(igfplus.ENotFound, "The session has no such caption channel.")
		}
		var cues []captionfile.Cue
		if len(lines) > 0 {
			cues = captionfile.Cues(linesOf(lines, ch.ID), lines[0].CreatedAt)
		}
		name := fmt.Sprintf("session-%d-captions-%s.%s", id, ch.Language, format)
		var b bytes.Buffer
		mime := "text/vtt; charset=utf-8"
		if format == "vtt" {
			err = captionfile.WriteVTT(&b, cues)
		} else {
			mime = echo.MIMETextPlainCharsetUTF8
			err = p.writeTranscriptText(c, &b, sess, ch, cues)
		}
		if err != nil {
			return err
		}
		c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
		return c.Blob(http.StatusOK, mime, b.Bytes())
	}
}

// writeTranscriptText writes the plain text file under a heading in the
// reader's language.
func (p *Pages) writeTranscriptText(c echo.Context, b *bytes.Buffer, sess sessions.Session, ch sessions.CaptionChannel, cues []captionfile.Cue) error {
	v := p.view(c, sessionPath(sess.ID)+"/transcript")
	heading, err := v.T("transcript.file_heading", "Title", sess.Title, "Language", i18n.SelfName(ch.Language))
	if err != nil {
		return err
	}
	return captionfile.WriteText(b, heading, cues)
}

// linesOf keeps channel's lines, in order.
func linesOf(lines []sessions.Caption, channel int64) []sessions.Caption {
	var out []sessions.Caption
	for _, l := range lines {
		if l.ChannelID == channel {
			out = append(out, l)
		}
	}
	return out
}

// channelByID finds channel id among channels.
func channelByID(channels []sessions.CaptionChannel, id int64) (sessions.CaptionChannel, bool) {
	for _, ch := range channels {
		if ch.ID == id {
			return ch, true
		}
	}
	return sessions.CaptionChannel{}, false
}

func init() { pageNames = append(pageNames, "transcript") }
