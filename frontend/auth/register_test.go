package auth

import (
	"net/http"
	"strings"
	"testing"
)

// Registering an e-mail address that already has an account answers
// exactly as registering a new one (status, body, no cookies), and the
// existing account is left as it was: registration tells nobody who has an
// account, and cannot take one over.
func TestRegisterAnswersAlikeForANewAndATakenEmail(t *testing.T) {
	e := newAPIServer(t, 0)
	first := call(e, http.MethodPost, "/api/auth/register", registration, nil)
	imposter := strings.NewReplacer("amina@", "AMINA@", "a long passphrase", "an imposter's passphrase", `"Amina"`, `"Imposter"`).Replace(registration)
	again := call(e, http.MethodPost, "/api/auth/register", imposter, nil)
	if first.Code != again.Code || first.Body.String() != again.Body.String() ||
		len(first.Result().Cookies()) != len(again.Result().Cookies()) {
		t.Fatalf("new e-mail: %d %s; taken e-mail: %d %s", first.Code, first.Body, again.Code, again.Body)
	}
	if again.Code != http.StatusAccepted || strings.Contains(strings.ToLower(again.Body.String()), "exist") {
		t.Fatalf("taken e-mail: %d %s", again.Code, again.Body)
	}
	if rec := call(e, http.MethodPost, "/api/auth/signin", `{"email":"amina@example.org","password":"an imposter's passphrase"}`, nil); rec.Code != http.StatusUnauthorized {
		t.Fatalf("the imposter's password: %d", rec.Code)
	}
	s, _ := mustSession(t, call(e, http.MethodPost, "/api/auth/signin", `{"email":"amina@example.org","password":"a long passphrase"}`, nil), http.StatusOK)
	if s.Account.DisplayName != "Amina" {
		t.Fatalf("the account was changed: %+v", s.Account)
	}
}
