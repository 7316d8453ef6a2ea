package oidclogin_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/accounts/oidclogin"
	"github.com/igfplus/igfplus/tracks/accounts/oidclogin/oidctest"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// memFlows is accounts.Flows in memory.
type memFlows map[string][]byte

func (m memFlows) SaveFlow(_ context.Context, kind, key string, data []byte, _ time.Time) error {
	m[kind+key] = data
	return nil
}

func (m memFlows) TakeFlow(_ context.Context, kind, key string, _ time.Time) ([]byte, error) {
	d, ok := m[kind+key]
	if !ok {
		return nil, igfplus.Errorf(igfplus.ENotFound, "no flow")
	}
	delete(m, kind+key)
	return d, nil
}

const public = "http://platform.invalid"

// atProvider follows authURL to the provider's login page, signs in as
// username and returns the code and state the provider sends back with.
func atProvider(t *testing.T, authURL, username, password string) (code, state string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	var back *url.URL
	client := &http.Client{Jar: jar, CheckRedirect: func(r *http.Request, _ []*http.Request) error {
		if strings.HasPrefix(r.URL.String(), public) {
			back = r.URL
			return http.ErrUseLastResponse
		}
		return nil
	}}
	resp, err := client.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	page := new(strings.Builder)
	readAll(page, resp)
	m := regexp.MustCompile(`name="id" value="([^"]+)"`).FindStringSubmatch(page.String())
	if m == nil {
		t.Fatalf("no login form at the provider: %s", page)
	}
	login, _ := url.Parse(resp.Request.URL.String())
	login.Path, login.RawQuery = "/login/username", ""
	resp, err = client.PostForm(login.String(), url.Values{"id": {m[1]}, "username": {username}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if back == nil {
		t.Fatalf("the provider did not send the browser back (status %d)", resp.StatusCode)
	}
	return back.Query().Get("code"), back.Query().Get("state")
}

func readAll(b *strings.Builder, resp *http.Response) {
	defer resp.Body.Close()
	io.Copy(b, resp.Body)
}

// TestTheCodeFlowYieldsTheVerifiedPersonOnceAndOnlyToItsBrowser: through
// a real provider, the code flow (PKCE, nonce) yields the person with
// their verified address and the page the sign-in was to end at; the
// return is refused with another browser's state and cannot be finished
// twice.
func TestTheCodeFlowYieldsTheVerifiedPersonOnceAndOnlyToItsBrowser(t *testing.T) {
	ctx := context.Background()
	op := oidctest.Start(t, public+"/signin/sso/unid/callback",
		oidctest.Person{Username: "kofi", Password: "pw-kofi-1", Email: "kofi@example.org", EmailVerified: true, First: "Kofi", Last: "Mensah"})
	flows := memFlows{}
	l, err := oidclogin.New(oidclogin.Config{PublicURL: public, Flows: flows,
		Providers: []oidclogin.Provider{{ID: "unid", Name: "UN Identity", Issuer: op.Issuer, ClientID: op.ClientID, ClientSecret: op.ClientSecret}}})
	if err != nil {
		t.Fatal(err)
	}
	authURL, kept, err := l.Begin(ctx, "unid", "/profile")
	if err != nil {
		t.Fatal(err)
	}
	if u, _ := url.Parse(authURL); u.Query().Get("code_challenge_method") != "S256" || u.Query().Get("nonce") == "" {
		t.Fatalf("the authorisation request lacks PKCE or a nonce: %s", authURL)
	}
	code, state := atProvider(t, authURL, "kofi", "pw-kofi-1")
	if _, _, err := l.Finish(ctx, "unid", "another browser's state", state, code); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Fatalf("another browser's return: %v, want EUnauthorized", err)
	}
	x, next, err := l.Finish(ctx, "unid", kept, state, code)
	if err != nil {
		t.Fatal(err)
	}
	if x.Provider != "unid" || x.Subject == "" || x.Email != "kofi@example.org" || !x.EmailVerified || x.Name != "Kofi Mensah" || next != "/profile" {
		t.Fatalf("got %+v, next %q", x, next)
	}
	if _, _, err := l.Finish(ctx, "unid", kept, state, code); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Fatalf("the same return again: %v, want ENotFound", err)
	}
}

// TestProvidersAreParsedAndChecked: the configuration's spec and its
// mistakes.
func TestProvidersAreParsedAndChecked(t *testing.T) {
	p, err := oidclogin.ParseProvider(" unid | UN Identity | https://id.example.org/ | igfplus | s3cret ")
	if err != nil || p != (oidclogin.Provider{ID: "unid", Name: "UN Identity", Issuer: "https://id.example.org/", ClientID: "igfplus", ClientSecret: "s3cret"}) {
		t.Fatalf("got %+v, %v", p, err)
	}
	if p, err := oidclogin.ParseProvider("unid|UN Identity|https://id.example.org/|igfplus"); err != nil || p.ClientSecret != "" {
		t.Fatalf("without a secret: %+v, %v", p, err)
	}
	for _, bad := range []string{"unid|UN", "UN ID|x|https://id.example.org/|c", "unid|x|ftp://id.example.org/|c", "unid||https://id.example.org/|c"} {
		if _, err := oidclogin.ParseProvider(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := oidclogin.New(oidclogin.Config{Flows: memFlows{}, Providers: []oidclogin.Provider{
		{ID: "a", Name: "A", Issuer: "https://a.example/", ClientID: "c"}, {ID: "a", Name: "A", Issuer: "https://a.example/", ClientID: "c"}}}); err == nil {
		t.Error("two providers with one id accepted")
	}
}
