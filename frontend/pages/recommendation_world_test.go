package pages

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/membroker"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	sessionstore "github.com/igfplus/igfplus/sessions/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/pgstore"
	"github.com/igfplus/igfplus/tracks/recommendations"
	reclive "github.com/igfplus/igfplus/tracks/recommendations/live"
	recstore "github.com/igfplus/igfplus/tracks/recommendations/pgstore"
)

// The recommendation pages are tested against the real services on a
// private Postgres (the harness starts it on first use), with the real hub
// for their live room: a browser test then sees what a participant would.
func TestMain(m *testing.M) { pgtest.Main(m) }

// recWorld is one forum: an edition with a policy issue, a track and a
// session moderated by Lucia, three participants besides her (Amina,
// Rajesh, Sophie, each of another stakeholder group) and Guest, who has an
// account but no participant role. Requests say who they come from in the
// test_user cookie (browsers) or the X-Test-User header.
type recWorld struct {
	db                    *pgdb.DB
	e                     *echo.Echo
	svc                   *recommendations.Service
	store                 *recstore.Store
	people                map[string]igfplus.Identity
	edition, issue, track int64
	session               int64
}

func newRecWorld(t *testing.T, more ...func(*Deps)) *recWorld {
	t.Helper()
	ctx := context.Background()
	w := &recWorld{db: pgtest.DB(t), people: map[string]igfplus.Identity{}}
	one := func(sql string, args ...any) int64 {
		t.Helper()
		var id int64
		if err := w.db.Pool.QueryRow(ctx, sql, args...).Scan(&id); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return id
	}
	w.edition = one(`INSERT INTO editions (year, title, starts_on, ends_on) VALUES (2031, 'IGF 2031', '2031-06-01', '2031-06-05') RETURNING id`)
	w.issue = one(`INSERT INTO policy_issues (edition_id, position, slug, title) VALUES ($1, 1, 'access', 'Universal access') RETURNING id`, w.edition)
	w.track = one(`INSERT INTO tracks (edition_id, policy_issue_id, kind, slug, title) VALUES ($1, $2, 'thematic', 'access', 'Access and inclusion') RETURNING id`, w.edition, w.issue)
	w.session = one(`
		INSERT INTO sessions (track_id, policy_issue_id, slug, title, format, starts_at, ends_at)
		VALUES ($1, $2, 'access-ws', 'Community networks workshop', 'workshop', now(), now() + interval '1 hour') RETURNING id`, w.track, w.issue)
	for _, p := range []struct {
		name  string
		group igfplus.StakeholderGroup
		roles []igfplus.Role
	}{
		{"Lucia", igfplus.Government, []igfplus.Role{igfplus.RoleParticipant}},
		{"Amina", igfplus.CivilSociety, []igfplus.Role{igfplus.RoleParticipant}},
		{"Rajesh", igfplus.Academia, []igfplus.Role{igfplus.RoleParticipant}},
		{"Sophie", igfplus.PrivateSector, []igfplus.Role{igfplus.RoleParticipant}},
		{"Guest", igfplus.TechnicalCommunity, nil},
	} {
		id := one(`INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region)
			VALUES ($1, 'x', $2, $3, 'african') RETURNING id`, strings.ToLower(p.name)+"@test.example", p.name, p.group)
		for _, r := range p.roles {
			if _, err := w.db.Pool.Exec(ctx, `INSERT INTO account_roles (account_id, role) VALUES ($1, $2)`, id, r); err != nil {
				t.Fatal(err)
			}
		}
		w.people[p.name] = igfplus.Identity{AccountID: id, Name: p.name, StakeholderGroup: p.group, Roles: p.roles}
	}
	if _, err := w.db.Pool.Exec(ctx, `INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, 'moderator')`,
		w.session, w.people["Lucia"].AccountID); err != nil {
		t.Fatal(err)
	}
	w.store = recstore.New(w.db)
	w.svc = recommendations.NewService(w.store)
	deps := Deps{
		Programme: pgstore.NewProgramme(w.db),
		Sessions:  sessions.NewService(sessionstore.New(w.db, quiet{})),
		Drafting:  w.svc,
		IdentityOf: func(c echo.Context) igfplus.Identity {
			return w.who(c.Request())
		},
	}
	for _, f := range more {
		f(&deps)
	}
	p := newTestPages(deps)
	w.e = echo.New()
	w.e.HTTPErrorHandler = func(err error, c echo.Context) {
		// A browser that leaves a page while it loads (a form posted, a
		// link followed) closes its request: nothing is left to answer.
		if c.Response().Committed || c.Request().Context().Err() != nil || errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET) {
			return
		}
		status, detail := statusOf(igfplus.ErrorCode(err)), igfplus.ErrorMessage(err)
		var he *echo.HTTPError
		if errors.As(err, &he) {
			status, detail = he.Code, http.StatusText(he.Code)
		}
		if herr := p.HTMLError(c, status, detail); herr != nil {
			t.Errorf("HTMLError: %v (for %v)", herr, err)
		}
	}
	p.Routes(w.e.Group(""))
	return w
}

// quiet announces nothing: the session store's events are not tested here.
type quiet struct{}

func (quiet) Publish(context.Context, hub.Event) error { return nil }

// who is the person a request comes from.
func (w *recWorld) who(r *http.Request) igfplus.Identity {
	name := r.Header.Get(userHeader)
	if ck, err := r.Cookie("test_user"); err == nil && name == "" {
		name = ck.Value
	}
	return w.people[name]
}

// live serves the world on a real server with the hub and the
// recommendation rooms' WebSocket route, and returns its URL.
func (w *recWorld) live(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(w.e)
	t.Cleanup(srv.Close)
	h, err := hub.New(hub.Config{
		Broker:  membroker.New(256),
		History: pglog.New(w.db.Pool),
		Policy:  reclive.NewPolicy(w.svc),
		// As frontend/auth's Credentials: no one signed in is account 0,
		// and the room's policy decides.
		Authenticate: func(r *http.Request) (hub.Credentials, error) {
			who := w.who(r)
			return hub.Credentials{AccountID: who.AccountID, Principal: who}, nil
		},
		AllowedOrigins: []string{srv.URL},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		h.Shutdown(ctx)
	})
	w.store.AnnounceThrough(h)
	w.e.GET("/ws/recommendations/:id", func(c echo.Context) error {
		id, err := pathInt(c, "recommendation")
		if err != nil {
			return err
		}
		h.Serve(c.Response(), c.Request(), recommendations.RoomName(id), func(rw http.ResponseWriter, _ *http.Request, err error) {
			http.Error(rw, igfplus.ErrorMessage(err), statusOf(igfplus.ErrorCode(err)))
		})
		return nil
	})
	w.e.GET("/test-signin", func(c echo.Context) error {
		c.SetCookie(&http.Cookie{Name: "test_user", Value: c.QueryParam("as"), Path: "/"})
		return c.Redirect(http.StatusSeeOther, c.QueryParam("next"))
	})
	return srv.URL
}

// draft has Lucia, who moderates the session, start a recommendation of
// three paragraphs.
func (w *recWorld) draft(t *testing.T) recommendations.Recommendation {
	t.Helper()
	r, err := w.svc.Create(context.Background(), w.people["Lucia"], recommendations.NewRecommendation{
		PolicyIssueID: w.issue, TrackID: w.track, SessionID: w.session, Title: "Affordable access for all",
		Summary: "Make the last mile cheaper.",
		Body:    "Governments should fund community networks.\n\nOperators should share their towers.\n\nRegulators should free spectrum for rural areas.",
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// do sends a request as user (nobody when empty), a form when form is not
// nil, without following redirects.
func (w *recWorld) do(method, target, user string, form url.Values) *httptest.ResponseRecorder {
	return (&fixture{e: w.e}).do(method, target, user, form)
}

// count reads one number from the database.
func (w *recWorld) count(t *testing.T, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := w.db.Pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// recSite is a recWorld served live (recWorld.live) with the test's
// Chromium: the start of every browser test of these pages.
type recSite struct {
	*recWorld
	chromium context.Context
	base     string
}

// newRecSite starts Chromium (skipping the test where there is none),
// then the world and its server.
func newRecSite(t *testing.T) *recSite {
	t.Helper()
	chromium := chromiumtest.New(t)
	w := newRecWorld(t)
	return &recSite{recWorld: w, chromium: chromium, base: w.live(t)}
}

// tab is a browser of its own, signed in as no one.
func (s *recSite) tab(t *testing.T) *recBrowser {
	t.Helper()
	ctx, cancel := chromedp.NewContext(s.chromium, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// The first run opens the tab and ties it to the context it is given:
	// this one, not a step's, which would close the tab with the step.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("a browser: %v", err)
	}
	return &recBrowser{t: t, ctx: ctx, base: s.base}
}

// browser is name's browser, signed in, on the list of recommendations.
func (s *recSite) browser(t *testing.T, name string) *recBrowser {
	t.Helper()
	b := s.tab(t)
	b.open("/test-signin?" + url.Values{"as": {name}, "next": {"/recommendations"}}.Encode())
	return b
}
