package main

import (
	"crypto/ed25519"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/deploy/localredis/redistest"
	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// The nodes of one installation (one token key) share their sign-in
// budgets through Redis; another installation on the same Redis has its
// own.
func TestSignInBudgetsAreSharedPerInstallation(t *testing.T) {
	s := redistest.Server(t)
	keyOf := func() ed25519.PublicKey {
		pub, _, err := ed25519.GenerateKey(nil)
		if err != nil {
			t.Fatal(err)
		}
		return pub
	}
	ours, theirs := keyOf(), keyOf()
	nodeA := newThrottle(redistest.Client(t, s), ours, slog.Default())
	nodeB := newThrottle(redistest.Client(t, s), ours, slog.Default())
	other := newThrottle(redistest.Client(t, s), theirs, slog.Default())
	attempt := func(th *auth.Throttle) error {
		req := httptest.NewRequest(http.MethodPost, "/signin", nil)
		req.RemoteAddr = "192.0.2.9:4000"
		wrong := igfplus.Errorf(igfplus.EUnauthorized, "wrong password")
		err := th.SignIn(echo.New().NewContext(req, httptest.NewRecorder()), "moderator@demo.example", func() error { return wrong })
		if err == wrong {
			return nil // let through, and failed
		}
		return err
	}
	for i := range 10 {
		if err := attempt([]*auth.Throttle{nodeA, nodeB}[i%2]); err != nil {
			t.Fatalf("attempt %d: %v", i+1, err)
		}
	}
	if attempt(nodeB) == nil {
		t.Fatal("the 11th attempt on one email across two nodes of an installation was allowed")
	}
	if err := attempt(other); err != nil {
		t.Fatalf("another installation on the same Redis: %v", err)
	}
}
