package e2e

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// apiDo sends in as JSON (no body when in is nil) with a bearer token (none
// when token is empty) and returns the answer's status and body: the one
// request of the API helpers below.
func apiDo(t *testing.T, n *node, token, method, path string, in any) (int, []byte) {
	t.Helper()
	var body bytes.Buffer
	if in != nil {
		json.NewEncoder(&body).Encode(in)
	}
	req, _ := http.NewRequest(method, n.URL+path, &body)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp.StatusCode, data
}

// apiStatus sends a JSON request and returns the status, decoding a
// success into out.
func apiStatus(t *testing.T, n *node, token, method, path string, in, out any) int {
	t.Helper()
	code, data := apiDo(t, n, token, method, path, in)
	if code < 300 && out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
	}
	return code
}

// wantStatus fails the test unless the request answers want.
func wantStatus(t *testing.T, n *node, token, method, path string, in, out any, want int) {
	t.Helper()
	if got := apiStatus(t, n, token, method, path, in, out); got != want {
		t.Fatalf("%s %s: status %d, want %d", method, path, got, want)
	}
}

// trackBySlug finds a track of the current edition through the API.
func trackBySlug(t *testing.T, n *node, slug string) int64 {
	t.Helper()
	return idBySlug(t, n, "tracks", slug)
}

// sessionBySlug finds a session of the current edition through the API.
func sessionBySlug(t *testing.T, n *node, slug string) int64 {
	t.Helper()
	return idBySlug(t, n, "sessions", slug)
}

// idBySlug finds the id of the item with slug in the list that
// GET /api/{kind} answers under kind.
func idBySlug(t *testing.T, n *node, kind, slug string) int64 {
	t.Helper()
	var list map[string][]struct {
		ID   int64  `json:"id"`
		Slug string `json:"slug"`
	}
	wantStatus(t, n, "", http.MethodGet, "/api/"+kind, nil, &list, http.StatusOK)
	for _, x := range list[kind] {
		if x.Slug == slug {
			return x.ID
		}
	}
	t.Fatalf("no %s %q in %+v", kind, slug, list[kind])
	return 0
}

// TestFocusedAgendaAndNRIWorkflowOverHTTP: over the REST API, the
// edition's cap on policy issues holds (409 beyond it); the secretariat
// adds an initiative naming a coordinator, who adds an NRI track and a
// session in it (and moderates it), asks the Kenya IGF to co-organise it
// (named once Kenya's coordinator accepts), and asks to link the track to the
// connectivity track; a participant cannot decide, the track's lead
// accepts. The demo's linked initiatives' recommendations are in the
// intake with their origin.
func TestFocusedAgendaAndNRIWorkflowOverHTTP(t *testing.T) {
	n := startNode(t, newCluster(t))
	sec := signIn(t, n, "secretariat@demo.igf.example", demoPassword)
	rajesh := signIn(t, n, "academic@demo.igf.example", demoPassword)
	sophie := signIn(t, n, "business@demo.igf.example", demoPassword)
	lead := signIn(t, n, "moderator@demo.igf.example", demoPassword)

	// The demo has four issues under a cap of five.
	var issue struct {
		ID int64 `json:"id"`
	}
	wantStatus(t, n, sophie, http.MethodPost, "/api/policy-issues", map[string]any{"slug": "fifth", "title": "A fifth issue"}, nil, http.StatusForbidden)
	wantStatus(t, n, sec, http.MethodPost, "/api/policy-issues", map[string]any{"slug": "fifth", "title": "A fifth issue"}, &issue, http.StatusCreated)
	wantStatus(t, n, sec, http.MethodPost, "/api/policy-issues", map[string]any{"slug": "sixth", "title": "A sixth issue"}, nil, http.StatusConflict)

	var me struct {
		ID int64 `json:"id"`
	}
	wantStatus(t, n, rajesh, http.MethodGet, "/api/me", nil, &me, http.StatusOK)
	var nri struct {
		ID           int64 `json:"id"`
		Coordinators []struct {
			ID int64 `json:"id"`
		} `json:"coordinators"`
	}
	in := map[string]any{"slug": "india-igf", "name": "India IGF", "level": "national", "countries": []string{"IN"}, "coordinators": []int64{me.ID}}
	wantStatus(t, n, rajesh, http.MethodPost, "/api/nris", in, nil, http.StatusForbidden)
	wantStatus(t, n, sec, http.MethodPost, "/api/nris", in, &nri, http.StatusCreated)
	if len(nri.Coordinators) != 1 || nri.Coordinators[0].ID != me.ID {
		t.Fatalf("coordinators %+v", nri.Coordinators)
	}
	wantStatus(t, n, sec, http.MethodPatch, "/api/nris/"+strconv.FormatInt(nri.ID, 10), map[string]any{"recognition": "recognised"}, nil, http.StatusOK)

	var track struct {
		ID      int64  `json:"id"`
		NRIName string `json:"nri_name"`
	}
	newTrack := map[string]any{"kind": "nri", "nri_id": nri.ID, "slug": "india-igf-access", "title": "India IGF: access", "policy_issue_id": issue.ID}
	wantStatus(t, n, sophie, http.MethodPost, "/api/tracks", newTrack, nil, http.StatusForbidden)
	wantStatus(t, n, rajesh, http.MethodPost, "/api/tracks", newTrack, &track, http.StatusCreated)
	start := time.Now().Add(-10 * time.Minute).UTC()
	var session struct {
		ID int64 `json:"id"`
	}
	wantStatus(t, n, rajesh, http.MethodPost, "/api/tracks/"+strconv.FormatInt(track.ID, 10)+"/sessions", map[string]any{
		"policy_issue_id": issue.ID, "slug": "india-igf-opening", "title": "India IGF: opening", "format": "workshop",
		"starts_at": start, "ends_at": start.Add(time.Hour)}, &session, http.StatusCreated)
	// The coordinator moderates it: they start it, and read its balance.
	sid := "/api/sessions/" + strconv.FormatInt(session.ID, 10)
	wantStatus(t, n, sophie, http.MethodPost, sid+"/state", map[string]any{"state": "live"}, nil, http.StatusForbidden)
	wantStatus(t, n, rajesh, http.MethodPost, sid+"/state", map[string]any{"state": "live"}, nil, http.StatusOK)
	wantStatus(t, n, rajesh, http.MethodGet, sid+"/attendance", nil, nil, http.StatusOK)

	// Co-organisers: the track's initiative, and another it names.
	var dir struct {
		NRIs []struct {
			ID   int64  `json:"id"`
			Slug string `json:"slug"`
		} `json:"nris"`
	}
	wantStatus(t, n, "", http.MethodGet, "/api/nris", nil, &dir, http.StatusOK)
	var kenya int64
	for _, x := range dir.NRIs {
		if x.Slug == "kenya-igf" {
			kenya = x.ID
		}
	}
	var co struct {
		CoOrganisers []struct {
			Name string `json:"name"`
		} `json:"coorganisers"`
	}
	wantStatus(t, n, sophie, http.MethodPut, sid+"/coorganisers", map[string]any{"nri_ids": []int64{kenya}}, nil, http.StatusForbidden)
	wantStatus(t, n, rajesh, http.MethodPut, sid+"/coorganisers", map[string]any{"nri_ids": []int64{kenya}}, nil, http.StatusOK)
	wantStatus(t, n, "", http.MethodGet, sid+"/coorganisers", nil, &co, http.StatusOK)
	if len(co.CoOrganisers) != 1 || co.CoOrganisers[0].Name != "India IGF" {
		t.Errorf("co-organisers %+v, want India IGF until the Kenya IGF accepts", co.CoOrganisers)
	}
	kwame := signIn(t, n, "nri.coordinator@demo.igf.example", demoPassword)
	accept := sid + "/coorganisers/" + strconv.FormatInt(kenya, 10) + "/accept"
	wantStatus(t, n, rajesh, http.MethodPost, accept, nil, nil, http.StatusForbidden)
	wantStatus(t, n, kwame, http.MethodPost, accept, nil, &co, http.StatusOK)
	if len(co.CoOrganisers) != 2 || co.CoOrganisers[0].Name != "India IGF" || co.CoOrganisers[1].Name != "Kenya IGF" {
		t.Errorf("co-organisers %+v, want India IGF and Kenya IGF once the Kenya IGF accepted", co.CoOrganisers)
	}

	global := trackBySlug(t, n, "inclusion")
	var link struct {
		ID    int64  `json:"id"`
		State string `json:"state"`
	}
	ask := map[string]any{"global_track_id": global, "note": "India's messages on access"}
	links := "/api/tracks/" + strconv.FormatInt(track.ID, 10) + "/links"
	wantStatus(t, n, sophie, http.MethodPost, links, ask, nil, http.StatusForbidden)
	wantStatus(t, n, rajesh, http.MethodPost, links, ask, &link, http.StatusCreated)
	wantStatus(t, n, rajesh, http.MethodPost, links, ask, nil, http.StatusConflict)
	decide := "/api/links/" + strconv.FormatInt(link.ID, 10)
	wantStatus(t, n, sophie, http.MethodPost, decide+"/accept", nil, nil, http.StatusForbidden)
	wantStatus(t, n, rajesh, http.MethodPost, decide+"/accept", nil, nil, http.StatusForbidden)
	wantStatus(t, n, lead, http.MethodPost, decide+"/accept", map[string]any{"reason": "Welcome"}, &link, http.StatusOK)
	if link.State != "accepted" {
		t.Errorf("link %+v", link)
	}

	var intake struct {
		Intake []struct {
			Origin struct {
				NRI   string `json:"nri"`
				Track string `json:"track"`
				Title string `json:"title"`
			} `json:"origin"`
			State string `json:"state"`
		} `json:"intake"`
	}
	wantStatus(t, n, "", http.MethodGet, "/api/tracks/"+strconv.FormatInt(global, 10)+"/intake", nil, &intake, http.StatusOK)
	if len(intake.Intake) == 0 || intake.Intake[0].Origin.NRI != "Kenya IGF" || intake.Intake[0].State != "pending" {
		t.Errorf("the connectivity track's intake: %+v", intake.Intake)
	}
}
