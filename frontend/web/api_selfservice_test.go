package web_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/frontend/mailtext"
	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/frontend/web/openapitest"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/accounts/argon2id"
	"github.com/igfplus/igfplus/tracks/accounts/pgstore"
	"github.com/igfplus/igfplus/tracks/mail"
	mailstore "github.com/igfplus/igfplus/tracks/mail/pgstore"
	"github.com/igfplus/igfplus/tracks/mail/smtpsend"
	"github.com/igfplus/igfplus/tracks/mail/smtptest"
)

// selfServiceAPI is the auth API with its real mail: the outbox in
// Postgres, a worker sending through a real SMTP server; every exchange
// is checked against the OpenAPI document.
type selfServiceAPI struct {
	t      *testing.T
	h      http.Handler
	worker *mail.Worker
	smtp   *smtptest.Server
}

func newSelfServiceAPI(t *testing.T) *selfServiceAPI {
	t.Helper()
	tokens := platformTokens(t)
	db := pgtest.DB(t)
	renderer, err := mailtext.New("https://igf.example")
	if err != nil {
		t.Fatal(err)
	}
	outbox := mailstore.New(db, "igf.example")
	srv := smtptest.Start(t, false)
	sender, err := smtpsend.New(srv.URL, "noreply@igf.example", srv.ClientTLS)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := accounts.NewService(accounts.Config{Store: pgstore.New(db), Tokens: tokens, Hasher: argon2id.Cheap(),
		Mailer: &mailtext.Queue{Renderer: renderer, Outbox: outbox}})
	if err != nil {
		t.Fatal(err)
	}
	authn := auth.NewAuthenticator(tokens, svc, 0)
	s := web.New(web.Deps{Catalogue: sharedCatalogue(), AuthMiddleware: authn.Middleware(), IdentityOf: auth.IdentityOf,
		AuthAPI: &auth.API{Accounts: svc, Auth: authn, Throttle: auth.NewThrottle()}})
	return &selfServiceAPI{t: t, h: openapitest.Handler(t, s.Handler()), smtp: srv,
		worker: &mail.Worker{Outbox: outbox, Sender: sender, Name: "test", Log: slog.New(slog.NewTextHandler(io.Discard, nil))}}
}

func (s *selfServiceAPI) do(method, path, body, bearer string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.RemoteAddr = "192.0.2.7:1000"
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, req)
	return rec
}

func (s *selfServiceAPI) want(rec *httptest.ResponseRecorder, status int, what string) {
	s.t.Helper()
	if rec.Code != status {
		s.t.Fatalf("%s: %d %s, want %d", what, rec.Code, rec.Body, status)
	}
	if status >= 400 && rec.Header().Get("Content-Type") != "application/problem+json" {
		s.t.Fatalf("%s: %s, want problem+json", what, rec.Header().Get("Content-Type"))
	}
}

// token sends the outbox and returns the token of the n-th mail's link.
func (s *selfServiceAPI) token(n int) string {
	s.t.Helper()
	if _, err := s.worker.SendDue(s.t.Context()); err != nil {
		s.t.Fatal(err)
	}
	l := s.smtp.Wait(s.t, n, 10*time.Second)[n-1].Letter(s.t)
	m := regexp.MustCompile(`\?token=([A-Za-z0-9_-]+)`).FindStringSubmatch(l.Text)
	if m == nil {
		s.t.Fatalf("mail %d has no link:\n%s", n, l.Text)
	}
	return m[1]
}

// TestSelfServiceAPIByMailedLinksAsTheOpenAPIDocumentSays: registration's
// link verifies the address once; a reset is asked alike for any address
// (422 for a malformed one), its link sets the password once (422 for a
// short one), after which the old access token is refused and the new
// password signs in; PATCH /api/me changes the fields given and lists
// problems; the verification link can be asked again. Every request and
// answer is checked against openapi.json.
func TestSelfServiceAPIByMailedLinksAsTheOpenAPIDocumentSays(t *testing.T) {
	s := newSelfServiceAPI(t)
	s.want(s.do("POST", "/api/auth/register", `{"email":"ana@example.org","password":"first passphrase","display_name":"Ana","stakeholder_group":"academia","region":"latin_american_caribbean","locale":"es"}`, ""), 202, "register")
	verify := s.token(1)
	s.want(s.do("POST", "/api/auth/verify-email", `{"token":"`+verify+`"}`, ""), 204, "verify")
	s.want(s.do("POST", "/api/auth/verify-email", `{"token":"`+verify+`"}`, ""), 422, "verify again")

	signin := s.do("POST", "/api/auth/signin", `{"email":"ana@example.org","password":"first passphrase"}`, "")
	s.want(signin, 200, "sign in")
	var sess struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(signin.Body.Bytes(), &sess); err != nil {
		t.Fatal(err)
	}
	known := s.do("POST", "/api/auth/password-reset", `{"email":"ana@example.org"}`, "")
	s.want(known, 202, "reset a known address")
	unknown := s.do("POST", "/api/auth/password-reset", `{"email":"nobody@example.org"}`, "")
	s.want(unknown, 202, "reset an unknown address")
	if known.Body.String() != unknown.Body.String() {
		t.Fatalf("the answers differ: %s / %s", known.Body, unknown.Body)
	}
	s.want(s.do("POST", "/api/auth/password-reset", `{"email":"nope"}`, ""), 422, "reset a malformed address")
	reset := s.token(2)
	s.want(s.do("POST", "/api/auth/password-reset/confirm", `{"token":"`+reset+`","password":"short"}`, ""), 422, "a short password")
	s.want(s.do("POST", "/api/auth/password-reset/confirm", `{"token":"`+reset+`","password":"second passphrase"}`, ""), 204, "set the password")
	s.want(s.do("POST", "/api/auth/password-reset/confirm", `{"token":"`+reset+`","password":"third passphrase"}`, ""), 422, "the link again")
	s.want(s.do("GET", "/api/me", "", sess.AccessToken), 401, "an access token from before the reset")
	signin = s.do("POST", "/api/auth/signin", `{"email":"ana@example.org","password":"second passphrase"}`, "")
	s.want(signin, 200, "sign in with the new password")
	if err := json.Unmarshal(signin.Body.Bytes(), &sess); err != nil {
		t.Fatal(err)
	}

	s.want(s.do("PATCH", "/api/me", `{"region":"mars","display_name":""}`, sess.AccessToken), 422, "a bad profile")
	rec := s.do("PATCH", "/api/me", `{"locale":"fr","show_name_in_presence":false}`, sess.AccessToken)
	s.want(rec, 200, "a new language")
	if body := rec.Body.String(); !strings.Contains(body, `"locale":"fr"`) || !strings.Contains(body, `"display_name":"Ana"`) || strings.Contains(body, `"email_verified_at":null`) {
		t.Fatalf("after PATCH: %s", body)
	}
	s.want(s.do("POST", "/api/me/email-verification", "", sess.AccessToken), 202, "the link asked again")
	s.token(3)
	s.want(s.do("POST", "/api/me/email-verification", "", ""), 401, "the link asked by nobody")
}
