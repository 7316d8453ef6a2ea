package redisthrottle_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/deploy/localredis/redistest"
	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/frontend/auth/redisthrottle"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestMain(m *testing.M) { redistest.Main(m) }

// signInAttempt is one failing sign-in attempt for email from one client
// address: nil when the throttle let it through to fail.
func signInAttempt(t *testing.T, th *auth.Throttle, email string) error {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/api/auth/signin", strings.NewReader("{}"))
	req.RemoteAddr = "192.0.2.7:5000"
	wrong := igfplus.Errorf(igfplus.EUnauthorized, "wrong password")
	err := th.SignIn(echo.New().NewContext(req, httptest.NewRecorder()), email, func() error { return wrong })
	if err == wrong {
		return nil
	}
	return err
}

// Two nodes on one Redis spend from the same budget: the tenth attempt on
// one email passes, on whichever node, and the eleventh is refused on the
// other node too.
func TestNodesShareOneBudgetPerEmail(t *testing.T) {
	s := redistest.Server(t)
	prefix := redistest.Prefix(t)
	one := auth.NewSharedThrottle(redisthrottle.New(redistest.Client(t, s), prefix), slog.Default())
	two := auth.NewSharedThrottle(redisthrottle.New(redistest.Client(t, s), prefix), slog.Default())
	for i := range 10 {
		node := []*auth.Throttle{one, two}[i%2]
		if err := signInAttempt(t, node, "Amina@example.org"); err != nil {
			t.Fatalf("attempt %d: %v", i+1, err)
		}
	}
	err := signInAttempt(t, one, "amina@example.org")
	if igfplus.ErrorCode(err) != igfplus.ERateLimited {
		t.Fatalf("11th attempt on the same email, on the first node: %v, want rate limited", err)
	}
	if err := signInAttempt(t, two, "rajesh@example.org"); err != nil {
		t.Fatalf("another email: %v", err)
	}
	// The budget is kept under a hash, never the address itself.
	keys, err := redistest.Client(t, s).Keys(t.Context(), "*"+prefix+"*").Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if strings.Contains(k, "example.org") {
			t.Errorf("Redis key %q holds an email address", k)
		}
	}
}

// When Redis is gone each node counts on its own: sign-in keeps working,
// and stays limited.
func TestANodeCountsAloneWhileRedisIsDown(t *testing.T) {
	s := redistest.Private(t)
	th := auth.NewSharedThrottle(redisthrottle.New(redistest.Client(t, s), redistest.Prefix(t)), slog.Default())
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		if err := signInAttempt(t, th, "amina@example.org"); err != nil {
			t.Fatalf("attempt %d with Redis down: %v", i+1, err)
		}
	}
	if err := signInAttempt(t, th, "amina@example.org"); igfplus.ErrorCode(err) != igfplus.ERateLimited {
		t.Fatalf("11th attempt with Redis down: %v, want rate limited", err)
	}
}
