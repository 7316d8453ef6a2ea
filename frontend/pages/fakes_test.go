package pages

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

var day = time.Date(2025, time.June, 23, 0, 0, 0, 0, time.UTC)

type fakeProgramme struct {
	edition *tracks.Edition
	issues  []tracks.PolicyIssue
	tracks  []tracks.Track
}

func (f *fakeProgramme) CurrentEdition(context.Context) (tracks.Edition, error) {
	if f.edition == nil {
		return tracks.Edition{}, igfplus.Errorf(igfplus.ENotFound, "There is no edition yet.")
	}
	return *f.edition, nil
}

func (f *fakeProgramme) PolicyIssues(context.Context, int64) ([]tracks.PolicyIssue, error) {
	return f.issues, nil
}

func (f *fakeProgramme) Tracks(context.Context, int64) ([]tracks.Track, error) { return f.tracks, nil }

type fakeSessions struct {
	sessions []sessions.Session
	agenda   map[int64][]sessions.AgendaItem
	chat     map[int64][]sessions.ChatMessage
	pos      sessions.RoomPosition
	posted   []string
	presence sessions.Presence
	// presenceErr makes Presence fail, as when the store is down.
	presenceErr error
	floor       sessions.Floor
	questions   []sessions.Question
	captions    []sessions.Caption
	balance     sessions.Balance
	// moderators may see the moderator's page (Attendance).
	moderators map[string]bool
	// acts records the actions carried out, as "name arg...".
	acts []string
	// actErr makes every action fail.
	actErr error
	// roomFakes are the waiting room's, roles' and report's.
	roomFakes
	captionFakes
}

func (f *fakeSessions) FloorOf(context.Context, igfplus.Identity, int64) (sessions.Floor, error) {
	return f.floor, nil
}

func (f *fakeSessions) QuestionsFor(context.Context, igfplus.Identity, int64) ([]sessions.Question, error) {
	return f.questions, nil
}

func (f *fakeSessions) Attendance(_ context.Context, who igfplus.Identity, _ int64) (sessions.Balance, error) {
	if !f.moderators[who.Name] {
		return sessions.Balance{}, igfplus.Errorf(igfplus.EForbidden, "Only the session's moderators can do that.")
	}
	return f.balance, nil
}

// did records an action and answers with actErr.
func (f *fakeSessions) did(format string, args ...any) error {
	f.acts = append(f.acts, fmt.Sprintf(format, args...))
	return f.actErr
}

func (f *fakeSessions) RequestFloor(_ context.Context, _ igfplus.Identity, id int64, mode sessions.Mode, poo bool) (sessions.Floor, error) {
	return f.floor, f.did("floor.request %d %s %t", id, mode, poo)
}

func (f *fakeSessions) RequestFloorForHub(_ context.Context, _ igfplus.Identity, id, hub int64, poo bool) (sessions.Floor, error) {
	return f.floor, f.did("floor.request %d hub %d %t", id, hub, poo)
}

func (f *fakeSessions) WithdrawFloor(_ context.Context, _ igfplus.Identity, id int64) (sessions.Floor, error) {
	return f.floor, f.did("floor.withdraw %d", id)
}

func (f *fakeSessions) GrantFloor(_ context.Context, _ igfplus.Identity, id, req int64) (sessions.Floor, error) {
	return f.floor, f.did("floor.grant %d %d", id, req)
}

func (f *fakeSessions) EndFloor(_ context.Context, _ igfplus.Identity, id, req int64) (sessions.Floor, error) {
	return f.floor, f.did("floor.end %d %d", id, req)
}

func (f *fakeSessions) DeclineFloor(_ context.Context, _ igfplus.Identity, id, req int64) (sessions.Floor, error) {
	return f.floor, f.did("floor.decline %d %d", id, req)
}

func (f *fakeSessions) Ask(_ context.Context, _ igfplus.Identity, id int64, body string, anon bool) (sessions.Question, error) {
	return sessions.Question{}, f.did("question.ask %d %q %t", id, body, anon)
}

func (f *fakeSessions) Upvote(_ context.Context, _ igfplus.Identity, id, q int64) (sessions.Question, error) {
	return sessions.Question{}, f.did("question.upvote %d %d", id, q)
}

func (f *fakeSessions) ChangeQuestion(_ context.Context, _ igfplus.Identity, id, q int64, c sessions.QuestionChange) (sessions.Question, error) {
	show := func(b *bool) string {
		if b == nil {
			return "-"
		}
		return fmt.Sprint(*b)
	}
	return sessions.Question{}, f.did("question.change %d %d pinned=%s answered=%s merged=%d", id, q, show(c.Pinned), show(c.Answered), c.MergedInto)
}

func (f *fakeSessions) RemoveChat(_ context.Context, _ igfplus.Identity, id, msg int64, _ string) error {
	return f.did("chat.remove %d %d", id, msg)
}

func (f *fakeSessions) Restrict(_ context.Context, _ igfplus.Identity, id, account int64, r sessions.Restriction, _ string) error {
	return f.did("participant.restrict %d %d %s", id, account, r)
}

func (f *fakeSessions) MoveTo(_ context.Context, _ igfplus.Identity, id int64, to sessions.State) (sessions.Progress, error) {
	return sessions.Progress{}, f.did("session.move %d %s", id, to)
}

func (f *fakeSessions) StartItem(_ context.Context, _ igfplus.Identity, id, item int64) (sessions.Progress, error) {
	return sessions.Progress{}, f.did("agenda.start %d %d", id, item)
}

func (f *fakeSessions) SessionsOfEdition(context.Context, int64) ([]sessions.Session, error) {
	return f.sessions, nil
}

func (f *fakeSessions) Session(_ context.Context, id int64) (sessions.Session, error) {
	for _, s := range f.sessions {
		if s.ID == id {
			return s, nil
		}
	}
	// As the store says it (pgdb.NotFound).
	return sessions.Session{}, igfplus.Errorf(igfplus.ENotFound, "%s was not found.", igfplus.Text("The session"))
}

func (f *fakeSessions) Agenda(_ context.Context, id int64) ([]sessions.AgendaItem, error) {
	return f.agenda[id], nil
}

func (f *fakeSessions) RecentChat(ctx context.Context, who igfplus.Identity, id int64, limit int) ([]sessions.ChatMessage, sessions.RoomPosition, error) {
	if who.Anonymous() {
		return nil, sessions.RoomPosition{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to follow a live session.")
	}
	if _, err := f.Session(ctx, id); err != nil {
		return nil, sessions.RoomPosition{}, err
	}
	if _, held := f.held[who.Name]; held {
		return nil, sessions.RoomPosition{}, igfplus.Errorf(igfplus.EForbidden, "You are in the waiting room until a moderator admits you.")
	}
	msgs := f.chat[id]
	if len(msgs) > limit {
		msgs = msgs[len(msgs)-limit:]
	}
	return msgs, f.pos, nil
}

func (f *fakeSessions) PostChat(ctx context.Context, who igfplus.Identity, id int64, body string) (sessions.ChatMessage, error) {
	return f.PostReply(ctx, who, id, body, 0)
}

func (f *fakeSessions) PostReply(ctx context.Context, who igfplus.Identity, id int64, body string, replyTo int64) (sessions.ChatMessage, error) {
	body, err := sessions.CleanChatBody(body)
	if err != nil {
		return sessions.ChatMessage{}, err
	}
	s, err := f.Session(ctx, id)
	if err != nil {
		return sessions.ChatMessage{}, err
	}
	if s.State != sessions.Live {
		return sessions.ChatMessage{}, igfplus.Errorf(igfplus.EConflict, "The chat is open only while the session is live.")
	}
	f.posted = append(f.posted, body)
	f.repliedTo = append(f.repliedTo, replyTo)
	return sessions.ChatMessage{ID: 99, SessionID: id, Body: body, ReplyTo: replyTo}, nil
}

func (f *fakeSessions) Presence(ctx context.Context, who igfplus.Identity, id int64) (sessions.Presence, error) {
	if who.Anonymous() {
		return sessions.Presence{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to follow a live session.")
	}
	if _, err := f.Session(ctx, id); err != nil {
		return sessions.Presence{}, err
	}
	if f.presenceErr != nil {
		return sessions.Presence{}, f.presenceErr
	}
	return f.presence, nil
}

type fakeAccounts struct {
	registered  []RegisterForm
	signedOut   int
	registerErr error
}

const goodPassword = "correct horse battery"

func (f *fakeAccounts) SignIn(c echo.Context, email, password string) error {
	if email == "rate@example.org" {
		return igfplus.Errorf(igfplus.ERateLimited, "Too many attempts.")
	}
	if email == "busy@example.org" { // every password-hashing slot busy
		return igfplus.RetryLater(igfplus.Errorf(igfplus.EUnavailable, "Busy."), 2*time.Second)
	}
	if password != goodPassword {
		return igfplus.Errorf(igfplus.EUnauthorized, "The email or password is incorrect.")
	}
	c.SetCookie(&http.Cookie{Name: "igf_access", Value: "1"})
	return nil
}

func (f *fakeAccounts) Register(c echo.Context, form RegisterForm) error {
	if f.registerErr != nil {
		return f.registerErr
	}
	f.registered = append(f.registered, form)
	return nil
}

func (f *fakeAccounts) SignOut(echo.Context) error {
	f.signedOut++
	return nil
}

// fixture is a programme of two tracks and three sessions, one live with
// chat, and the echo server the pages run in.
type fixture struct {
	e        *echo.Echo
	p        *Pages
	prog     *fakeProgramme
	sessions *fakeSessions
	accounts *fakeAccounts
}

// userHeader names the test user in a request (the real server reads a
// cookie through its auth middleware).
const userHeader = "X-Test-User"

func newFixture(tb testing.TB) *fixture { return newFixtureWith(tb, nil) }

// newFixtureWith is the fixture with the pages' dependencies changed by
// more (when not nil), such as a service the default fixture leaves out.
func newFixtureWith(tb testing.TB, more func(*Deps)) *fixture {
	tb.Helper()
	f := &fixture{
		prog: &fakeProgramme{
			edition: &tracks.Edition{ID: 1, Year: 2025, Title: "IGF 2025", Theme: "Building digital governance together", HostCountry: "Norway", StartsOn: day, EndsOn: day.AddDate(0, 0, 4), Format: "hybrid"},
			issues: []tracks.PolicyIssue{
				{ID: 1, Position: 1, Title: "Universal and meaningful connectivity", Summary: "Closing the digital divide."},
				{ID: 2, Position: 2, Title: "Trust and security"},
			},
			tracks: []tracks.Track{
				{ID: 10, Kind: tracks.Thematic, Title: "Connectivity track"},
				{ID: 20, Kind: tracks.Ministerial, Title: "Ministers track"},
				{ID: 30, Kind: tracks.Youth, Title: "Empty youth track"},
			},
		},
		sessions: &fakeSessions{
			sessions: []sessions.Session{
				{ID: 1, TrackID: 10, Title: "Connecting the next billion", Format: sessions.Workshop, State: sessions.Live, StartsAt: day.Add(9 * time.Hour), EndsAt: day.Add(10*time.Hour + 30*time.Minute), Venue: "Hall A",
					CurrentItemID: 2, ItemStartedAt: day.Add(9*time.Hour + 2*time.Minute)},
				{ID: 2, TrackID: 20, Title: "Ministerial roundtable on AI", Format: sessions.MinisterialRoundtable, State: sessions.Scheduled, StartsAt: day.Add(11 * time.Hour), EndsAt: day.Add(12 * time.Hour)},
				{ID: 3, TrackID: 10, Title: "Community networks", Format: sessions.OpenForum, State: sessions.Ended, StartsAt: day.Add(14 * time.Hour), EndsAt: day.Add(15 * time.Hour)},
			},
			agenda: map[int64][]sessions.AgendaItem{1: {
				{ID: 1, SessionID: 1, Position: 1, Title: "Opening", Minutes: 1},
				{ID: 2, SessionID: 1, Position: 2, Title: "Panel", Minutes: 45},
			}},
			chat: map[int64][]sessions.ChatMessage{1: {
				{ID: 7, SessionID: 1, AuthorID: 5, AuthorName: "Amina", AuthorGroup: igfplus.CivilSociety, Body: "Hello from Nairobi", CreatedAt: day.Add(9*time.Hour + 5*time.Minute)},
			}},
			pos: sessions.RoomPosition{Epoch: 3, Offset: 41},
			floor: sessions.Floor{
				SpeakingLimitS: 180, WarnAtS: 150,
				Speaker: &sessions.FloorRequest{ID: 30, SessionID: 1, AccountID: 6, Name: "Rajesh", StakeholderGroup: igfplus.Academia, Mode: sessions.Onsite, State: sessions.Granted, GrantedAt: day.Add(9*time.Hour + 9*time.Minute)},
				Queue: []sessions.FloorRequest{
					{ID: 32, SessionID: 1, AccountID: 8, Name: "Sophie", StakeholderGroup: igfplus.PrivateSector, Mode: sessions.RemoteHub, PointOfOrder: true, State: sessions.Queued},
					{ID: 31, SessionID: 1, AccountID: 5, Name: "Amina", StakeholderGroup: igfplus.CivilSociety, Mode: sessions.Online, State: sessions.Queued},
				},
			},
			questions: []sessions.Question{
				{ID: 40, SessionID: 1, Body: "What does meaningful connectivity cost?", AuthorID: 6, AuthorName: "Rajesh", Votes: 1},
				{ID: 41, SessionID: 1, Body: "Who pays for community networks?", Anonymous: true, Votes: 3, Answered: true},
				{ID: 42, SessionID: 1, Body: "Who funds community networks?", AuthorID: 8, AuthorName: "Sophie", MergedInto: 41},
				{ID: 43, SessionID: 1, Body: "Spectrum for rural areas?", AuthorID: 8, AuthorName: "Sophie", Pinned: true},
			},
			captions:     []sessions.Caption{{ID: 50, SessionID: 1, ChannelID: 1, Language: "en", Text: "Welcome to the workshop.", CreatedAt: day.Add(9 * time.Hour)}},
			captionFakes: captionFakes{channels: []sessions.CaptionChannel{{ID: 1, SessionID: 1, Language: "en"}}},
			moderators:   map[string]bool{"Lucia": true},
			presence: sessions.Presence{
				Total:    "12",
				Names:    []string{"Amina Yusuf", "Rajesh Iyer"},
				ByGroup:  map[string]string{"civil_society": "7", "academia": "<5", "government": "<5"},
				ByRegion: map[string]string{"african": "8", "asia_pacific": "<5"},
			},
		},
		accounts: &fakeAccounts{},
	}
	deps := Deps{
		Programme: f.prog, Sessions: f.sessions, Accounts: f.accounts,
		Now: func() time.Time { return day.Add(9*time.Hour + 10*time.Minute) },
		IdentityOf: func(c echo.Context) igfplus.Identity {
			name := c.Request().Header.Get(userHeader)
			if ck, err := c.Cookie("test_user"); err == nil && name == "" {
				name = ck.Value
			}
			if name == "" {
				return igfplus.Identity{}
			}
			return igfplus.Identity{AccountID: 5, Name: name, StakeholderGroup: igfplus.CivilSociety}
		},
	}
	if more != nil {
		more(&deps)
	}
	f.p = newTestPages(deps)
	f.e = echo.New()
	f.e.HTTPErrorHandler = func(err error, c echo.Context) {
		// As frontend/web's: the detail in the page's language.
		status := statusOf(igfplus.ErrorCode(err))
		detail := f.p.errorText(c, err)
		var he *echo.HTTPError
		if errors.As(err, &he) {
			status, detail = he.Code, http.StatusText(he.Code)
		}
		if herr := f.p.HTMLError(c, status, detail); herr != nil {
			tb.Errorf("HTMLError: %v (for %v)", herr, err)
		}
	}
	f.p.Routes(f.e.Group(""))
	return f
}

// do sends a request; user signs it in when not empty.
func (f *fixture) do(method, target, user string, form url.Values, header ...string) *httptest.ResponseRecorder {
	var r *http.Request
	if form != nil {
		r = httptest.NewRequest(method, target, strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		r = httptest.NewRequest(method, target, nil)
	}
	r.Header.Set("Accept", "text/html")
	if user != "" {
		r.Header.Set(userHeader, user)
	}
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	f.e.ServeHTTP(w, r)
	return w
}

func (f *fixture) get(target, user string, header ...string) *httptest.ResponseRecorder {
	return f.do(http.MethodGet, target, user, nil, header...)
}

func (f *fixture) post(target, user string, form url.Values, header ...string) *httptest.ResponseRecorder {
	return f.do(http.MethodPost, target, user, form, header...)
}

// secretariatNamed makes whoever the fixture signs in under name the
// Secretariat; everyone else stays as they were.
func secretariatNamed(d *Deps, name string) {
	who := d.IdentityOf
	d.IdentityOf = func(c echo.Context) igfplus.Identity {
		id := who(c)
		if id.Name == name {
			id.Roles = []igfplus.Role{igfplus.RoleSecretariat}
		}
		return id
	}
}
