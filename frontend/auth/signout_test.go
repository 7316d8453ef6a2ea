package auth

import (
	"net/http"
	"testing"

	"github.com/labstack/echo/v4"
)

// Sign-out ends the session whatever credential names it: the refresh
// token alone, the access token alone, or both, even when the access
// token is already stale; with neither it says what is missing (422), and
// an access token that is not ours is refused (401).
func TestSignOutEndsTheSessionWhateverCredentialNamesIt(t *testing.T) {
	signIn := `{"email":"amina@example.org","password":"a long passphrase"}`
	for _, tc := range []struct {
		name string
		// signOut signs out the session s, with another session of the
		// same account (other) signed in since.
		signOut func(e *echoServer, s, other sessionJSON) int
	}{
		{"bearer only", func(e *echoServer, s, _ sessionJSON) int {
			return e.call(http.MethodPost, "/api/auth/signout", "", "Authorization", "Bearer "+s.AccessToken)
		}},
		{"refresh token only", func(e *echoServer, s, _ sessionJSON) int {
			return e.call(http.MethodPost, "/api/auth/signout", `{"refresh_token":"`+s.RefreshToken+`"}`)
		}},
		{"stale bearer with a valid refresh token", func(e *echoServer, s, other sessionJSON) int {
			// Signing the other session out makes s's access token stale.
			e.call(http.MethodPost, "/api/auth/signout", `{"refresh_token":"`+other.RefreshToken+`"}`)
			return e.call(http.MethodPost, "/api/auth/signout", `{"refresh_token":"`+s.RefreshToken+`"}`, "Authorization", "Bearer "+s.AccessToken)
		}},
		{"stale bearer only", func(e *echoServer, s, other sessionJSON) int {
			e.call(http.MethodPost, "/api/auth/signout", `{"refresh_token":"`+other.RefreshToken+`"}`)
			return e.call(http.MethodPost, "/api/auth/signout", "", "Authorization", "Bearer "+s.AccessToken)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := &echoServer{t: t, e: newAPIServer(t, 0)}
			s, _ := signedUp(t, e.e)
			other, _ := mustSession(t, call(e.e, http.MethodPost, "/api/auth/signin", signIn, nil), http.StatusOK)
			if code := tc.signOut(e, s, other); code != http.StatusNoContent {
				t.Fatalf("sign-out: %d, want 204", code)
			}
			if code := e.call(http.MethodGet, "/api/me", "", "Authorization", "Bearer "+s.AccessToken); code != http.StatusUnauthorized {
				t.Errorf("the access token still works: %d", code)
			}
			if code := e.call(http.MethodPost, "/api/auth/refresh", `{"refresh_token":"`+s.RefreshToken+`"}`); code != http.StatusUnauthorized {
				t.Errorf("the refresh token still refreshes: %d", code)
			}
		})
	}
	e := &echoServer{t: t, e: newAPIServer(t, 0)}
	if code := e.call(http.MethodPost, "/api/auth/signout", ""); code != http.StatusUnprocessableEntity {
		t.Errorf("sign-out naming no session: %d, want EInvalid", code)
	}
	if code := e.call(http.MethodPost, "/api/auth/signout", "", "Authorization", "Bearer not.a.token"); code != http.StatusUnauthorized {
		t.Errorf("sign-out with a forged access token only: %d, want 401", code)
	}
}

// echoServer is a test server whose calls answer their status.
type echoServer struct {
	t *testing.T
	e *echo.Echo
}

func (s *echoServer) call(method, path, body string, header ...string) int {
	s.t.Helper()
	return call(s.e, method, path, body, nil, header...).Code
}
