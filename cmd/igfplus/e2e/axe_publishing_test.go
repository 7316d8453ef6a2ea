package e2e

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/tracks/publishing/relay/relaytest"
)

// TestAxeFindsNoViolationsInThePublishingPagesAndTheLogReplays checks the
// review queue, the archive, a publication with relays and an answer on its
// timeline, the registry of bodies and an endpoint's delivery log, in
// English and Arabic; then replays a delivery from the log's button: the
// receiver gets the same webhook-id again and applies it once.
func TestAxeFindsNoViolationsInThePublishingPagesAndTheLogReplays(t *testing.T) {
	src := axeSetUp(t)
	c := newCluster(t)
	forum, chair, member := publishingForum(t, c)
	db := openDB(t, c)
	f := forumFixture(forum)
	waiting, published := f.Adopted(t, db, "Waiting for review"), f.Adopted(t, db, "Published and answered")
	n := startNode(t, c)
	sec := signInAs(t, n, forum.Secretariat)

	// A body with an endpoint on a local receiver, so that publishing
	// relays and the delivery log has a row with its replay button.
	var body, endpoint struct{ ID int64 }
	api(t, n, http.MethodPost, "/api/bodies", sec, `{"name":"Parliamentary Union test desk","kind":"parliament"}`, http.StatusCreated, &body)
	api(t, n, http.MethodPost, fmt.Sprintf("/api/bodies/%d/endpoints", body.ID), sec, `{"url":"https://relay.example.org/hook"}`, http.StatusCreated, &endpoint)
	var secret, signer struct {
		Value     string
		PublicKey string `json:"public_key"`
	}
	api(t, n, http.MethodPost, fmt.Sprintf("/api/endpoints/%d/secrets", endpoint.ID), sec, `{"kind":"hmac"}`, http.StatusCreated, &secret)
	// A second, Ed25519, secret: mid-rotation, the registry lists both
	// with their Retire buttons (and the public key) for axe to check.
	api(t, n, http.MethodPost, fmt.Sprintf("/api/endpoints/%d/secrets", endpoint.ID), sec, `{"kind":"ed25519"}`, http.StatusCreated, &signer)
	rc := relaytest.New(t, []string{secret.Value}, []string{signer.PublicKey}, nil)
	api(t, n, http.MethodPut, fmt.Sprintf("/api/endpoints/%d", endpoint.ID), sec, fmt.Sprintf(`{"url":%q,"allow_private":true}`, rc.URL+"/hook"), http.StatusOK, nil)
	var inbound struct{ Secret string }
	api(t, n, http.MethodPost, fmt.Sprintf("/api/bodies/%d/inbound-secret", body.ID), sec, "", http.StatusCreated, &inbound)
	for _, m := range []forumtest.Person{chair, member} {
		tok := signInAs(t, n, m)
		api(t, n, http.MethodPut, fmt.Sprintf("/api/publications/%d/summary", published), tok, `{"summary":"Summarised."}`, http.StatusNoContent, nil)
		api(t, n, http.MethodPost, fmt.Sprintf("/api/publications/%d/approvals", published), tok, "", http.StatusCreated, nil)
	}
	if !within(20*time.Second, func() bool { effects, _, _, _ := rc.Counts(); return effects == 1 }) {
		t.Fatal("the publication was not relayed")
	}
	answer := fmt.Sprintf(`{"recommendation_id":%d,"state":"acted_upon","text":"Tabled.","link":"https://example.org/tabled"}`, published)
	if code := postAnswer(t, n, body.ID, inbound.Secret, "msg_axe", answer); code != http.StatusCreated {
		t.Fatalf("answer: %d", code)
	}

	pages := []struct {
		who, path, ready string
	}{
		{chair.Email, "/review", fmt.Sprintf(`document.getElementById("rec-%d") !== null`, waiting)},
		{"", "/publications", `document.getElementById("archive-list") !== null`},
		{"", fmt.Sprintf("/publications/%d", published), textHas("timeline", "Tabled.")},
		{forum.Secretariat.Email, "/bodies", fmt.Sprintf(`document.querySelectorAll("#secrets-%d button").length === 2`, endpoint.ID)},
		{forum.Secretariat.Email, fmt.Sprintf("/endpoints/%d/deliveries", endpoint.ID), `document.querySelector("#deliveries button") !== null`},
	}
	var b context.Context
	for _, p := range pages {
		b = chromiumtest.New(t)
		if p.who != "" {
			signInOn(t, b, n, p.who, p.path)
		}
		for _, lang := range []string{"en", "ar"} {
			open(t, b, n.URL+p.path+"?lang="+lang)
			waitFor(t, b, 10*time.Second, p.path, p.ready)
			chromiumtest.CheckAxe(t, b, src, p.path+" ("+lang+")")
		}
	}

	// b is the Secretariat on the delivery log.
	press(t, b, "replay the delivery", "#deliveries button")
	waitFor(t, b, 10*time.Second, "the replay is confirmed", `document.getElementById("deliveries-status").textContent.includes("webhook-id")`)
	if !within(20*time.Second, func() bool { _, requests, _, _ := rc.Counts(); return requests == 2 }) {
		t.Fatal("the replayed delivery was not sent again")
	}
	if effects, requests, overlaps, bad := rc.Counts(); effects != 1 || requests != 2 || overlaps+bad != 0 {
		t.Fatalf("effects %d, requests %d, overlaps %d, bad %d; want the same id twice, applied once", effects, requests, overlaps, bad)
	}
}
