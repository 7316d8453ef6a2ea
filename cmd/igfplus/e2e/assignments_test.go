package e2e

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/hub"
)

// TestAFormerCoordinatorNoLongerRunsTheInitiativesSession: the demo's NRI
// coordinator (Kwame) moderates the Kenya IGF's session, which he added as
// its coordinator, and is in its room. The secretariat sets the
// coordinators of every initiative he coordinates to none: his socket is
// closed to be authorised afresh, his token is refused, and once refreshed
// it carries no nri_coordinator role, and setting the session live is
// forbidden (problem+json).
func TestAFormerCoordinatorNoLongerRunsTheInitiativesSession(t *testing.T) {
	n := startNode(t, newCluster(t))
	const kwameEmail = "nri.coordinator@demo.igf.example"
	session := sessionBySlug(t, n, "kenya-igf-last-mile")
	access, refresh := signInTokens(t, n, kwameEmail, passwordOf(kwameEmail))
	conn := joinRoom(t, n, session, access)
	sec := signIn(t, n, "secretariat@demo.igf.example", passwordOf("secretariat@demo.igf.example"))

	var dir struct {
		NRIs []struct {
			ID           int64 `json:"id"`
			Coordinators []struct {
				ID int64 `json:"id"`
			} `json:"coordinators"`
		} `json:"nris"`
	}
	wantStatus(t, n, "", http.MethodGet, "/api/nris", nil, &dir, http.StatusOK)
	kwame := accountID(t, n, access)
	var theirs []int64
	for _, nri := range dir.NRIs {
		for _, c := range nri.Coordinators {
			if c.ID == kwame {
				theirs = append(theirs, nri.ID)
			}
		}
	}
	if len(theirs) == 0 {
		t.Fatal("the demo's coordinator coordinates no initiative")
	}
	for _, id := range theirs {
		wantStatus(t, n, sec, http.MethodPatch, "/api/nris/"+strconv.FormatInt(id, 10), map[string]any{"coordinators": []int64{}}, nil, http.StatusOK)
	}

	if code := closeCode(t, conn, 10*time.Second); code != hub.CloseUnauthorized {
		t.Fatalf("his socket closed with %d, want %d (authorise again)", code, hub.CloseUnauthorized)
	}
	state := "/api/sessions/" + strconv.FormatInt(session, 10) + "/state"
	// The node may trust the token version it read for a moment longer
	// (auth.MaxCacheTTL); then the token from before is refused.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		code, _ := apiDo(t, n, access, http.MethodGet, "/api/me", nil)
		if code == http.StatusUnauthorized {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the token from before still answers %d", code)
		}
	}
	var renewed struct {
		AccessToken string `json:"access_token"`
	}
	wantStatus(t, n, "", http.MethodPost, "/api/auth/refresh", map[string]string{"refresh_token": refresh}, &renewed, http.StatusOK)
	var me struct {
		Roles []string `json:"roles"`
	}
	wantStatus(t, n, renewed.AccessToken, http.MethodGet, "/api/me", nil, &me, http.StatusOK)
	if slices.Contains(me.Roles, "nri_coordinator") {
		t.Errorf("his roles after the change: %v, want no nri_coordinator", me.Roles)
	}
	req, _ := http.NewRequest(http.MethodPost, n.URL+state, strings.NewReader(`{"state":"live"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+renewed.AccessToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("the former coordinator setting the session live: %d %s, want 403 problem+json", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	joinRoom(t, n, session, renewed.AccessToken).Close()
}
