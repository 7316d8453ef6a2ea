package e2e

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

// TestTwoInstallationsFederateAnNRITrackIntoTheGlobalIntake runs two
// installations (two processes, two databases): the global one registers
// the NRI's installation as a peer; the NRI's secretariat sets the global
// one as upstream and pulls its agenda; the coordinator links the NRI's
// track to a global track; the global secretariat accepts; the NRI's
// recommendations (one adopted before the link, one after) arrive, signed
// and verified, in the global track's intake with their origin; a
// tampered push and a push signed with another secret are refused.
func TestTwoInstallationsFederateAnNRITrackIntoTheGlobalIntake(t *testing.T) {
	globalCluster, nriCluster := newCluster(t), newCluster(t)
	g, n := startNode(t, globalCluster), startNode(t, nriCluster)
	gSec := signIn(t, g, "secretariat@demo.igf.example", demoPassword)
	nSec := signIn(t, n, "secretariat@demo.igf.example", demoPassword)
	kwame := signIn(t, n, "nri.coordinator@demo.igf.example", demoPassword)

	// The global side: the initiative in its directory, and its peer.
	var nri struct {
		ID int64 `json:"id"`
	}
	wantStatus(t, g, gSec, http.MethodPost, "/api/nris", map[string]any{"slug": "ghana-igf-own", "name": "Ghana IGF (own platform)", "level": "national", "countries": []string{"GH"}}, &nri, http.StatusCreated)
	var peer struct {
		ID     int64  `json:"id"`
		Secret string `json:"secret"`
	}
	wantStatus(t, g, kwame, http.MethodPost, "/api/federation/peers", map[string]any{"name": "igf.gh.example", "nri_id": nri.ID}, nil, http.StatusUnauthorized)
	wantStatus(t, g, gSec, http.MethodPost, "/api/federation/peers", map[string]any{"name": "igf.gh.example", "nri_id": nri.ID}, &peer, http.StatusCreated)

	// The NRI's side: the upstream, and the global agenda pulled from it.
	up := map[string]any{"url": g.URL, "peer_id": peer.ID, "secret": peer.Secret}
	wantStatus(t, n, kwame, http.MethodPut, "/api/federation/upstream", up, nil, http.StatusForbidden)
	wantStatus(t, n, nSec, http.MethodPut, "/api/federation/upstream", up, nil, http.StatusNoContent)
	var agenda struct {
		Tracks []struct {
			ID   int64  `json:"id"`
			Slug string `json:"slug"`
		} `json:"tracks"`
	}
	wantStatus(t, n, kwame, http.MethodGet, "/api/federation/upstream/agenda", nil, &agenda, http.StatusOK)
	var global int64
	for _, tr := range agenda.Tracks {
		if tr.Slug == "data" {
			global = tr.ID
		}
	}
	if global == 0 || global != trackBySlug(t, g, "data") {
		t.Fatalf("the pulled agenda %+v has no data track of the global installation", agenda.Tracks)
	}

	// The coordinator links the NRI's Ghana IGF track there.
	local := trackBySlug(t, n, "ghana-igf-data")
	ask := map[string]any{"track_id": local, "global_track_id": global, "note": "From our own platform"}
	wantStatus(t, n, signIn(t, n, "business@demo.igf.example", demoPassword), http.MethodPost, "/api/federation/links", ask, nil, http.StatusForbidden)
	wantStatus(t, n, kwame, http.MethodPost, "/api/federation/links", ask, nil, http.StatusCreated)

	// The global secretariat sees the peer's request and accepts it.
	var links struct {
		Links []struct {
			ID      int64  `json:"id"`
			NRIName string `json:"nri_name"`
			State   string `json:"state"`
		} `json:"links"`
	}
	wantStatus(t, g, "", http.MethodGet, "/api/tracks/"+strconv.FormatInt(global, 10)+"/links?state=pending", nil, &links, http.StatusOK)
	if len(links.Links) != 1 || links.Links[0].NRIName != "Ghana IGF (own platform)" {
		t.Fatalf("pending links of the global track: %+v", links.Links)
	}
	wantStatus(t, g, gSec, http.MethodPost, "/api/links/"+strconv.FormatInt(links.Links[0].ID, 10)+"/accept", nil, nil, http.StatusOK)

	// A recommendation adopted on the NRI's side after the link.
	nDB := pgPool(t, nriCluster.DatabaseURL)
	adoptOn(t, nDB, local, "Open data portals for every ministry")

	for _, title := range []string{"Local hosting of public data", "Open data portals for every ministry"} {
		it := waitIntake(t, g, global, title, 30*time.Second)
		// The initiative as the global directory names it, the track as
		// mirrored: what a peer's message says of its origin is not taken.
		if it.Origin.Installation != "igf.gh.example" || it.Origin.NRI != "Ghana IGF (own platform)" || it.Origin.Track != "Ghana IGF: local data" || it.Origin.Body == "" {
			t.Errorf("intake item %q: origin %+v", title, it.Origin)
		}
	}

	// Tampering: a push whose body was changed after signing, and one
	// signed with another secret, are refused and leave no trace.
	out := "/api/federation/peers/" + strconv.FormatInt(peer.ID, 10) + "/outputs"
	body := []byte(`{"track_id":` + strconv.FormatInt(local, 10) + `,"global_track_id":` + strconv.FormatInt(global, 10) +
		`,"nri":"Ghana IGF","track":"x","recommendation_id":999999,"title":"Forged","body":"Forged"}`)
	h := http.Header{}
	stdwebhooks.SetHeaders(h, []string{peer.Secret}, "msg_forged", time.Now(), body)
	tampered := bytes.Replace(body, []byte("Forged"), []byte("Tampered"), 1)
	if got := signedPost(t, g.URL+out, h, tampered); got != http.StatusUnauthorized {
		t.Errorf("a tampered push: status %d, want 401", got)
	}
	h2 := http.Header{}
	stdwebhooks.SetHeaders(h2, []string{stdwebhooks.NewHMACSecret()}, "msg_forged2", time.Now(), body)
	if got := signedPost(t, g.URL+out, h2, body); got != http.StatusUnauthorized {
		t.Errorf("a push signed with another secret: status %d, want 401", got)
	}
	if got := signedPost(t, g.URL+out, h, body); got != http.StatusNoContent {
		t.Errorf("the same push untampered: status %d, want 204 (the check is the signature)", got)
	}
	var intake struct {
		Intake []struct {
			Origin struct {
				Title string `json:"title"`
			} `json:"origin"`
		} `json:"intake"`
	}
	wantStatus(t, g, "", http.MethodGet, "/api/tracks/"+strconv.FormatInt(global, 10)+"/intake", nil, &intake, http.StatusOK)
	for _, it := range intake.Intake {
		if it.Origin.Title == "Tampered" {
			t.Error("the tampered push reached the intake")
		}
	}

	// A secret that leaked is revoked: the Secretariat gives the peer a new
	// one, and the old one signs nothing from then on.
	rotate := "/api/federation/peers/" + strconv.FormatInt(peer.ID, 10) + "/secret"
	wantStatus(t, g, kwame, http.MethodPost, rotate, nil, nil, http.StatusUnauthorized)
	var fresh struct {
		Secret string `json:"secret"`
	}
	wantStatus(t, g, gSec, http.MethodPost, rotate, nil, &fresh, http.StatusOK)
	if fresh.Secret == "" || fresh.Secret == peer.Secret {
		t.Fatalf("the new secret %q", fresh.Secret)
	}
	again := bytes.Replace(body, []byte("msg_forged"), []byte("msg_again"), 1)
	stale, renewed := http.Header{}, http.Header{}
	stdwebhooks.SetHeaders(stale, []string{peer.Secret}, "msg_stale", time.Now(), again)
	stdwebhooks.SetHeaders(renewed, []string{fresh.Secret}, "msg_renewed", time.Now(), again)
	if got := signedPost(t, g.URL+out, stale, again); got != http.StatusUnauthorized {
		t.Errorf("a push signed with the revoked secret: status %d, want 401", got)
	}
	if got := signedPost(t, g.URL+out, renewed, again); got != http.StatusNoContent {
		t.Errorf("a push signed with the new secret: status %d, want 204", got)
	}
}

type intakeJSON struct {
	Origin struct {
		Installation string `json:"installation"`
		NRI          string `json:"nri"`
		Track        string `json:"track"`
		Title        string `json:"title"`
		Body         string `json:"body"`
	} `json:"origin"`
}

// waitIntake waits for a recommendation titled title in a global track's
// intake.
func waitIntake(t *testing.T, n *node, track int64, title string, d time.Duration) intakeJSON {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		var intake struct {
			Intake []intakeJSON `json:"intake"`
		}
		wantStatus(t, n, "", http.MethodGet, "/api/tracks/"+strconv.FormatInt(track, 10)+"/intake", nil, &intake, http.StatusOK)
		for _, it := range intake.Intake {
			if it.Origin.Title == title {
				return it
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%q not in the global intake within %s: %+v", title, d, intake.Intake)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

func signedPost(t *testing.T, url string, h http.Header, body []byte) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header = h.Clone()
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func pgPool(t *testing.T, url string) *pgxpool.Pool {
	t.Helper()
	p, err := pgxpool.New(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// adoptOn adopts a new recommendation in a track, as a closing poll
// does: the state change in one transaction, which queues the push.
func adoptOn(t *testing.T, db *pgxpool.Pool, track int64, title string) {
	t.Helper()
	ctx := context.Background()
	var id int64
	err := db.QueryRow(ctx, `INSERT INTO recommendations (policy_issue_id, track_id, title, created_by)
		SELECT policy_issue_id, id, $2, (SELECT id FROM accounts ORDER BY id LIMIT 1) FROM tracks WHERE id = $1 RETURNING id`, track, title).Scan(&id)
	if err == nil {
		_, err = db.Exec(ctx, `INSERT INTO recommendation_versions (recommendation_id, version, body, created_by)
			SELECT $1, 1, 'Every ministry publishes its datasets openly.', created_by FROM recommendations WHERE id = $1`, id)
	}
	if err == nil {
		_, err = db.Exec(ctx, `UPDATE recommendations SET state = 'adopted', adopted_at = now() WHERE id = $1`, id)
	}
	if err != nil {
		t.Fatal(err)
	}
}
