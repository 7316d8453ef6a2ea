package e2e

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/serveproc"
)

// emailish and tokenish find what a log line must never hold: an e-mail
// address, or a signed token (a JWT: a word of its own starting eyJ, the
// encoded header, then a dot), a Standard Webhooks secret or an Ed25519
// signing key. A random request id may hold "eyJ" inside it; that is no token.
var (
	emailish = regexp.MustCompile(`[A-Za-z0-9._%+-]+(@|%40)[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)
	tokenish = regexp.MustCompile(`(^|[^A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]|whsec_|whsk_`)
)

// TestTheLogsOfTheMainJourneysHoldNoPersonalData runs the binary with its
// private PostgreSQL, at the debug level, through the journeys that handle
// e-mail addresses and tokens (registration, a second registration with the
// same e-mail, a unique violation; sign-in right and wrong, through the API
// and the pages, with a prefilled sign-in link; refresh, resume, sign-out),
// then reads its log and the PostgreSQL log: neither holds an e-mail
// address, a token or a password, and the PostgreSQL log is 0600.
func TestTheLogsOfTheMainJourneysHoldNoPersonalData(t *testing.T) {
	data := privateDataDir(t, "igfplus-logs-")
	cmd := exec.Command(binary(t), "serve", "--addr", "127.0.0.1:0", "--data", data, "--demo", "never",
		"--log-level", "debug", "--metrics-addr", "off")
	cmd.Env = serveproc.WithoutEnv(os.Environ(), "DATABASE_URL", "REDIS_URL", "IGFPLUS_TOKEN_KEY", "IGFPLUS_DEMO", "IGFPLUS_LOG_LEVEL")
	stderr := new(lockedBuffer)
	cmd.Stderr = stderr
	stopped := false
	stop := func() {
		if stopped || cmd.Process == nil {
			return
		}
		stopped = true
		terminate(t, cmd, 30*time.Second)
	}
	t.Cleanup(stop)
	srv, err := serveproc.Start(context.Background(), cmd, 90*time.Second, nil)
	if err != nil {
		t.Fatalf("the server did not start: %v\n%s", err, stderr)
	}
	base := srv.URL

	const email, password = "Wanjiku.Kamau+igf@example.org", "a long enough passphrase 7"
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var secrets []string // every token the server handed out
	// call makes a request and checks its status (0: any answer but a
	// server error, for the pages' forms).
	call := func(method, path, contentType, body string, want int) map[string]any {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != want && (want != 0 || resp.StatusCode >= 500) {
			t.Fatalf("%s %s: %d %.200s, want %d", method, path, resp.StatusCode, raw, want)
		}
		for _, c := range resp.Cookies() {
			if c.Value != "" {
				secrets = append(secrets, c.Value)
			}
		}
		var out map[string]any
		json.Unmarshal(raw, &out)
		for _, k := range []string{"access_token", "refresh_token"} {
			if v, _ := out[k].(string); v != "" {
				secrets = append(secrets, v)
			}
		}
		return out
	}
	register := `{"email":"` + email + `","password":"` + password + `","display_name":"Wanjiku Kamau",
		"stakeholder_group":"civil_society","region":"african","country":"KE"}`
	const asJSON, asForm = "application/json", "application/x-www-form-urlencoded"
	call("POST", "/api/auth/register", asJSON, register, http.StatusAccepted)
	// The same address again: the same answer, after a unique violation.
	call("POST", "/api/auth/register", asJSON, strings.Replace(register, "Wanjiku.Kamau", "wanjiku.kamau", 1), http.StatusAccepted)
	call("POST", "/api/auth/signin", asJSON, `{"email":"`+email+`","password":"wrong passphrase 12345"}`, http.StatusUnauthorized)
	call("POST", "/api/auth/signin", asJSON, `{"email":"nobody.here@example.net","password":"wrong passphrase 12345"}`, http.StatusUnauthorized)
	call("POST", "/api/auth/signin", asJSON, `{"email":"`+email+`","password":"`+password+`"}`, http.StatusOK)
	call("POST", "/api/auth/refresh", asJSON, `{}`, http.StatusOK)
	call("GET", "/api/me", "", "", http.StatusOK)
	call("GET", "/api/auth/resume?next=%2Fsessions", "", "", http.StatusSeeOther)
	call("POST", "/api/auth/signout", asJSON, `{}`, http.StatusNoContent)

	form := url.Values{"email": {email}, "password": {password}, "display_name": {"W. Kamau"},
		"stakeholder_group": {"civil_society"}, "region": {"african"}}
	call("POST", "/register", asForm, form.Encode(), http.StatusSeeOther)
	call("GET", "/signin?email="+url.QueryEscape(email)+"&next=%2F", "", "", http.StatusOK)
	call("POST", "/signin", asForm, url.Values{"email": {email}, "password": {"wrong passphrase 12345"}}.Encode(), 0)
	call("POST", "/signin", asForm, url.Values{"email": {email}, "password": {password}}.Encode(), 0)
	stop()

	pgLog := filepath.Join(data, "postgres", "postgres.log")
	if info, err := os.Stat(pgLog); err != nil {
		t.Error(err)
	} else if info.Mode().Perm() != 0o600 {
		t.Errorf("the private PostgreSQL's log is %o, want 600", info.Mode().Perm())
	}
	pg, _ := os.ReadFile(pgLog)
	if !strings.Contains(stderr.String(), "request") {
		t.Fatalf("the server logged no requests at the debug level:\n%s", stderr)
	}
	for name, log := range map[string]string{"the server's log": stderr.String(), "the PostgreSQL log": string(pg)} {
		for _, line := range strings.Split(log, "\n") {
			bad := emailish.FindString(line)
			if bad == "" {
				bad = tokenish.FindString(line)
			}
			for _, s := range append(secrets, password) {
				if bad == "" && len(s) >= 8 && strings.Contains(line, s) {
					bad = s[:8] + "…"
				}
			}
			if bad != "" {
				t.Errorf("%s holds %q: %s", name, bad, line)
			}
		}
	}
}
