package pages

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/sessions"
)

// wallData is the public wall of a session's room.
type wallData struct {
	sessions.Wall
	// Item is the agenda item under way (nil when none); ItemEnds is when
	// its time box runs out.
	Item     *sessions.AgendaItem
	ItemEnds time.Time
	// Next is the first in the speaking queue.
	Next *sessions.FloorRequest
	// Now is the server's clock, which the wall's timers follow.
	Now time.Time
	// Strings are wall.js's texts (wall.client.*).
	Strings map[string]string
	// Choices are the caption channels to choose from, each a link to the
	// wall with it (?channel=): none while there is one channel or none.
	Choices []wallChannel
}

// wallChannel is a caption channel in the wall's chooser: its language
// named in itself, the wall showing it, and whether it is shown.
type wallChannel struct {
	ID             int64
	Language, Name string
	Href           string
	Shown          bool
}

// wallChannelParam chooses the wall's caption channel (an id).
const wallChannelParam = "channel"

// wallChoices are w's caption channels as links to the wall at path, the
// address's other parameters (its language) kept.
func wallChoices(w sessions.Wall, path string, query url.Values) []wallChannel {
	if len(w.Channels) < 2 {
		return nil
	}
	out := make([]wallChannel, 0, len(w.Channels))
	for _, ch := range w.Channels {
		q := maps.Clone(query)
		if q == nil {
			q = url.Values{}
		}
		q.Set(wallChannelParam, strconv.FormatInt(ch.ID, 10))
		out = append(out, wallChannel{ID: ch.ID, Language: ch.Language, Name: i18n.SelfName(ch.Language),
			Href: path + "?" + q.Encode(), Shown: ch.ID == w.Channel.ID})
	}
	return out
}

// wall: GET /sessions/:id/wall[?channel=] — a public session's wall, for
// a projector or a livestream overlay: large type, no sign-in, read-only,
// the captions of the chosen caption channel. wall.js follows the
// session's room as a signed-out watcher and reads the wall again on each
// event. Not public: not found.
func (p *Pages) wall(c echo.Context) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	// A channel that is not a number is no channel: the first is shown.
	channel, _ := strconv.ParseInt(c.QueryParam(wallChannelParam), 10, 64)
	w, err := p.deps.Walls.WallOf(ctx, id, channel)
	if err != nil {
		return err
	}
	v := p.view(c, sessionPath(id)+"/wall")
	// A projector shows one language: the texts in the page's where
	// translated, without the room's note and links.
	w.Agenda, _ = p.sessionContent(ctx, v, &w.Session, w.Agenda)
	data := &wallData{Wall: w, Now: p.deps.Now(), Choices: wallChoices(w, sessionPath(id)+"/wall", c.QueryParams())}
	if it, ok := w.CurrentItem(); ok {
		data.Item = &it
		data.ItemEnds = w.Session.ItemStartedAt.Add(time.Duration(it.Minutes) * time.Minute)
	}
	if len(w.Floor.Queue) > 0 {
		data.Next = &w.Floor.Queue[0]
	}
	v.Data = data
	if data.Strings, err = v.loc.Strings("wall.client."); err != nil {
		return err
	}
	return p.render(c, http.StatusOK, "wall", v)
}

// SpeakerEnds is when the speaker's time runs out.
func (d *wallData) SpeakerEnds() time.Time {
	if d.Floor.Speaker == nil {
		return time.Time{}
	}
	return d.Floor.Speaker.GrantedAt.Add(time.Duration(d.Floor.SpeakingLimitS) * time.Second)
}

// LimitMinutes is the speaking limit in whole minutes (at least one).
func (d *wallData) LimitMinutes() int { return max(1, d.Floor.SpeakingLimitS/60) }

// Left is the time until until, as m:ss, and whether it has passed (the
// time over, then).
func (d *wallData) Left(until time.Time) (string, bool) {
	left := until.Sub(d.Now)
	over := left < 0
	if over {
		left = -left
	}
	s := int(left.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60), over
}

// WallClock is the text of a timer running out at until, as the
// client's ticking shows it.
func (v *view) WallClock(d *wallData, until time.Time) (string, error) {
	t, over := d.Left(until)
	key := "wall.client.left"
	if over {
		key = "wall.client.over"
	}
	// The client's message, whose {time} the client fills in as it ticks.
	msg, err := v.T(key)
	return strings.ReplaceAll(msg, "{time}", t), err
}
