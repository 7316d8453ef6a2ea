package pages

import (
	"maps"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
)

// chatHistory is how many recent messages the room page shows: enough to
// follow the conversation, few enough to keep the page light on slow links
// (new messages then arrive live).
const chatHistory = 40

type roomData struct {
	Session  sessions.Session
	Agenda   []sessions.AgendaItem
	Messages []chatLine
	Position sessions.RoomPosition
	// Open is whether the chat takes messages (the session is live).
	Open bool
	// Body and Error come back with a message the form could not post.
	Body, Error string
	// Presence is the "Who is here" panel.
	Presence *presenceView
	// Strings are the browser client's texts, embedded as JSON.
	Strings   map[string]string
	MaxLength int
	// Live are the agenda, queue, questions and captions.
	Live *livePanels
	// roomExtras are the reply being written, the report's link, and the
	// moderator's room rules and waiting list.
	roomExtras
	// modConsole is the moderator's page's restrictions and log.
	modConsole
	// ModerateHref links the room to its moderator's page, for those who
	// moderate every session (session moderators know their page's link).
	ModerateHref string
	// Moves and Balance are the moderator's page's: where the session can
	// go next, and the balance of attendance.
	Moves   []sessions.State
	Balance *balanceView
	// Polls are the session's polls (nil without voting).
	Polls *pollsPanel
	// Co are the initiatives co-organising the session (the room's only).
	Co []nris.CoOrganiser
	// Follow is the room's follow form (nil without finding).
	Follow *followView
	// Stream is the room's stream block and Hubs its remote hubs (nil
	// without them, stream.go and hubs.go); TextOnly leaves the room its
	// captions, speaking queue and chat.
	Stream   *streamView
	Hubs     *hubsView
	TextOnly bool
	// Content says which language the session's texts are shown in (nil
	// without translations).
	Content *contentView
}

// chatLine is a chat message as the page shows it.
type chatLine struct {
	sessions.ChatMessage
	Group string // the author's stakeholder group, translated
	Mine  bool
}

// room: GET /sessions/:id — the live session room. Following a session
// needs an account: anonymous visitors are sent to sign in first.
func (p *Pages) room(c echo.Context) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	return p.renderRoom(c, id, http.StatusOK, "", "")
}

// renderRoom renders the room of session id; body and errCode come back
// from a chat message that could not be posted.
func (p *Pages) renderRoom(c echo.Context, id int64, status int, body string, errCode igfplus.Code) error {
	v, data, err := p.liveData(c, id, sessionPath(id), false)
	if err != nil || v == nil {
		return err
	}
	data.Body = body
	if errCode != "" {
		if data.Error, err = v.T("chat.error." + string(errCode)); err != nil {
			return err
		}
	}
	if v.Me.HasAny(igfplus.RoleSecretariat, igfplus.RoleModerator) {
		data.ModerateHref = moderatePath(id)
	}
	data.Co = p.roomCoOrganisers(c, data.Session)
	data.Follow = p.followOf(c, id)
	data.TextOnly = textOnly(c)
	if data.Stream = p.streamOf(c, v, p.identity(c), id); data.Stream != nil && data.TextOnly {
		data.Stream.Links, data.Stream.Playing = nil, nil
	}
	allowPlayers(c, data.Stream)
	return p.render(c, status, "room", v)
}

// roomCoOrganisers reads who co-organises the session for the room's
// heading. Like presence it is a nicety: when it cannot be read the room is
// served without it, since following the session matters more.
func (p *Pages) roomCoOrganisers(c echo.Context, sess sessions.Session) []nris.CoOrganiser {
	ctx := c.Request().Context()
	co, err := p.coOrganisersOf(ctx, []sessions.Session{sess})
	if err != nil {
		p.log.ErrorContext(ctx, "pages: room without co-organisers", "session", sess.ID, "err", err)
		return nil
	}
	return co[sess.ID]
}

// liveData reads what the room and the moderator's page (moderator) show of
// session id, and prepares the page's view at here. A nil view means the
// visitor has been sent to sign in.
func (p *Pages) liveData(c echo.Context, id int64, here string, moderator bool) (*view, *roomData, error) {
	who := p.identity(c)
	if who.Anonymous() {
		return nil, nil, signinFor(c, here)
	}
	ctx := c.Request().Context()
	sess, err := p.deps.Sessions.Session(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	agenda, err := p.deps.Sessions.Agenda(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	msgs, pos, err := p.deps.Sessions.RecentChat(ctx, who, id, chatHistory)
	if igfplus.ErrorCode(err) == igfplus.EUnauthorized {
		return nil, nil, signinFor(c, here)
	}
	if held(err) && !moderator {
		return nil, nil, p.waitingPage(c, id, here, err)
	}
	if err != nil {
		return nil, nil, err
	}
	v := p.view(c, here)
	v.act = actTarget{path: sessionPath(id) + "/act"}
	if moderator {
		v.act.back = "moderate"
	}
	agenda, content := p.sessionContent(ctx, v, &sess, agenda)
	data := &roomData{Session: sess, Agenda: agenda, Position: pos, Open: sess.State == sessions.Live, MaxLength: sessions.MaxChatRunes, Content: content}
	if data.Strings, err = v.loc.Strings(i18n.ClientPrefixes...); err != nil {
		return nil, nil, err
	}
	if !moderator {
		// The moderators' controls' words stay off the participants' page,
		// which every participant loads, often on slow links.
		maps.DeleteFunc(data.Strings, func(k, _ string) bool { return strings.HasPrefix(k, "client.mod.") })
	}
	// The poll page's, the recommendation page's and the passkeys' words
	// stay off the live pages.
	maps.DeleteFunc(data.Strings, func(k, _ string) bool {
		return strings.HasPrefix(k, "client.poll.") || strings.HasPrefix(k, "client.rec.") || strings.HasPrefix(k, passkeyClientPrefix)
	})
	replyTo := formID(c, "reply_to")
	for _, m := range msgs {
		if m.ID == replyTo && data.Open {
			data.ReplyTo = &m
		}
		if m.ID == formID(c, "report") && data.Open && m.AuthorID != who.AccountID {
			data.ReportOf = &m
		}
		group, err := v.TK("group", m.AuthorGroup)
		if err != nil {
			return nil, nil, err
		}
		data.Messages = append(data.Messages, chatLine{ChatMessage: m, Group: group, Mine: m.AuthorID == who.AccountID})
	}
	data.ReportWriter = p.deps.Sessions.MayWriteReport(ctx, who, id) == nil
	if sess.State == sessions.Reported || (sess.State == sessions.Ended && data.ReportWriter) {
		data.ReportHref = sessionPath(id) + "/report"
	}
	if data.Live, err = p.panels(ctx, v, who, sess, agenda, moderator); err != nil {
		return nil, nil, err
	}
	content.markAgenda(data.Live.Agenda)
	if data.Live.Captions, err = p.captionsOf(c, v, who, id, here, data.Live.Captioner, moderator); err != nil {
		return nil, nil, err
	}
	if data.Presence, err = p.presence(c, v, who, id); err != nil {
		return nil, nil, err
	}
	if data.Polls, err = p.pollsOf(ctx, v, sess, moderator); err != nil {
		return nil, nil, err
	}
	data.Hubs = p.hubsOf(c, who, id)
	v.Data = data
	return v, data, nil
}

// presence reads who is in the room for the page. Presence is a nicety:
// when it cannot be read (the store is down) the page is still served, its
// panel hidden until the live client gets a presence frame.
func (p *Pages) presence(c echo.Context, v *view, who igfplus.Identity, id int64) (*presenceView, error) {
	ctx := c.Request().Context()
	pr, err := p.deps.Sessions.Presence(ctx, who, id)
	if err != nil {
		p.log.ErrorContext(ctx, "pages: room without presence", "session", id, "err", err)
		return &presenceView{Failed: true}, nil
	}
	return presenceOf(v, pr)
}
