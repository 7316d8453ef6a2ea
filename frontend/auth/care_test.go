package auth

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestPasswordChangeExportAndDeletionThroughTheAPI: a wrong current
// password is 403 and changes nothing; the right one changes it, keeps
// this browser signed in with new cookies and the old password out; the
// export is an attachment holding the account and what it leaves out; a
// change of address is 202; deletion with the password clears the
// cookies, ends the session, and frees the address.
func TestPasswordChangeExportAndDeletionThroughTheAPI(t *testing.T) {
	e := newAPIServer(t, 0)
	s, cookies := signedUp(t, e)
	bearer := []string{"Authorization", "Bearer " + s.AccessToken}

	if rec := call(e, http.MethodPost, "/api/me/password", `{"current_password":"not the password","new_password":"a newer passphrase"}`, nil, bearer...); rec.Code != http.StatusForbidden {
		t.Fatalf("wrong current password: %d %s", rec.Code, rec.Body)
	}
	if rec := call(e, http.MethodPost, "/api/me/password", `{"current_password":"a long passphrase","new_password":"short"}`, nil, bearer...); rec.Code != http.StatusUnprocessableEntity { // EInvalid
		t.Fatalf("short new password: %d %s", rec.Code, rec.Body)
	}
	rec := call(e, http.MethodPost, "/api/me/password", `{"current_password":"a long passphrase","new_password":"a newer passphrase"}`, cookies)
	if rec.Code != http.StatusNoContent || cookieNamed(rec.Result().Cookies(), accessCookie) == nil {
		t.Fatalf("change the password: %d %s, cookies %v", rec.Code, rec.Body, rec.Result().Cookies())
	}
	cookies = rec.Result().Cookies()
	if rec := call(e, http.MethodPost, "/api/auth/signin", `{"email":"amina@example.org","password":"a long passphrase"}`, nil); rec.Code != http.StatusUnauthorized {
		t.Fatalf("the old password: %d", rec.Code)
	}

	rec = call(e, http.MethodGet, "/api/me/export", "", cookies)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment;") {
		t.Fatalf("export: %d %s %s", rec.Code, rec.Header(), rec.Body)
	}
	var export struct {
		Data struct {
			Account struct{ Email string } `json:"account"`
		} `json:"data"`
		NotIncluded map[string]string `json:"not_included"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &export); err != nil || export.Data.Account.Email != "amina@example.org" || export.NotIncluded["ballots"] == "" {
		t.Fatalf("export: %v %s", err, rec.Body)
	}
	if strings.Contains(rec.Body.String(), "argon2id") {
		t.Fatal("the export holds the password hash")
	}

	if rec := call(e, http.MethodPost, "/api/me/email", `{"email":"amina.new@example.org","password":"a newer passphrase"}`, cookies); rec.Code != http.StatusAccepted {
		t.Fatalf("change of address: %d %s", rec.Code, rec.Body)
	}
	if rec := call(e, http.MethodPost, "/api/auth/email-change/confirm", `{"token":"made up"}`, nil); rec.Code != http.StatusUnprocessableEntity { // EInvalid
		t.Fatalf("a made-up change link: %d %s", rec.Code, rec.Body)
	}

	if rec := call(e, http.MethodDelete, "/api/me", `{"password":"a long passphrase"}`, cookies); rec.Code != http.StatusForbidden {
		t.Fatalf("delete with the old password: %d %s", rec.Code, rec.Body)
	}
	rec = call(e, http.MethodDelete, "/api/me", `{"password":"a newer passphrase"}`, cookies)
	if rec.Code != http.StatusNoContent || cookieNamed(rec.Result().Cookies(), accessCookie).MaxAge >= 0 {
		t.Fatalf("delete: %d %s %v", rec.Code, rec.Body, rec.Result().Cookies())
	}
	if rec := call(e, http.MethodGet, "/api/me", "", cookies); rec.Code != http.StatusUnauthorized {
		t.Fatalf("the deleted account's cookies: %d", rec.Code)
	}
	if rec := call(e, http.MethodPost, "/api/auth/refresh", `{"refresh_token":"`+cookieNamed(cookies, refreshCookie).Value+`"}`, nil); rec.Code != http.StatusUnauthorized {
		t.Fatalf("the deleted account's refresh token: %d", rec.Code)
	}
	if rec := call(e, http.MethodPost, "/api/auth/signin", `{"email":"amina@example.org","password":"a newer passphrase"}`, nil); rec.Code != http.StatusUnauthorized {
		t.Fatalf("sign in to the deleted account: %d", rec.Code)
	}
	signedUp(t, e) // the address is free again
}

// TestWrongPasswordsOfASignedInCallerAreThrottledLikeSignIns: proving the
// password to change it is counted per account as sign-ins are counted
// per address, so that a stolen session guesses no faster: ten wrong
// current passwords are 403, the eleventh 429, even with the right one.
func TestWrongPasswordsOfASignedInCallerAreThrottledLikeSignIns(t *testing.T) {
	e := newThrottledAPIServer(t)
	s, _ := signedUp(t, e)
	bearer := []string{"Authorization", "Bearer " + s.AccessToken}
	for i := range 10 {
		if rec := call(e, http.MethodPost, "/api/me/password", `{"current_password":"not the password","new_password":"a newer passphrase"}`, nil, bearer...); rec.Code != http.StatusForbidden {
			t.Fatalf("wrong current password %d: %d %s, want 403", i+1, rec.Code, rec.Body)
		}
	}
	if rec := call(e, http.MethodPost, "/api/me/password", `{"current_password":"a long passphrase","new_password":"a newer passphrase"}`, nil, bearer...); rec.Code != http.StatusTooManyRequests {
		t.Fatalf("the 11th proof: %d %s, want 429", rec.Code, rec.Body)
	}
}
