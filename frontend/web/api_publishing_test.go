package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

func TestTwoMembersPublishAndTheArchiveFeedAndSignedAnswersShowIt(t *testing.T) {
	h, db, f := publishingAPI(t)
	rec := f.Adopted(t, db, "Meaningful connectivity")
	body := pubtest.MustID(t, db, `INSERT INTO bodies (name, kind) VALUES ('CSTD', 'cstd') RETURNING id`)
	inbound := stdwebhooks.NewHMACSecret()
	pubtest.MustExec(t, db, `UPDATE bodies SET inbound_secret = $1 WHERE id = $2`, inbound, body)
	item := fmt.Sprintf("/api/publications/%d", rec)

	if code, out := do(t, h, "GET", "/api/publications/queue", "", "", nil); code != 401 {
		t.Fatalf("anonymous queue: %d %s", code, out)
	}
	if code, out := do(t, h, "GET", "/api/publications/queue", "m1", "", nil); code != 200 || !strings.Contains(out, `"chain_head":"abc123"`) {
		t.Fatalf("queue: %d %s", code, out)
	}
	if code, out := do(t, h, "PUT", item+"/summary", "m1", `{"summary":"All online."}`, nil); code != 204 {
		t.Fatalf("summary: %d %s", code, out)
	}
	if code, out := do(t, h, "PUT", item+"/translations/fr", "m2", `{"text":"Tous en ligne."}`, nil); code != 204 {
		t.Fatalf("translation: %d %s", code, out)
	}
	if code, out := do(t, h, "GET", item, "", "", nil); code != 404 {
		t.Fatalf("unpublished is public: %d %s", code, out)
	}
	if code, out := do(t, h, "POST", item+"/approvals", "m1", "", nil); code != 201 || !strings.Contains(out, `"published":false`) {
		t.Fatalf("first approval: %d %s", code, out)
	}
	if code, out := do(t, h, "POST", item+"/approvals", "m1", "", nil); code != 409 {
		t.Fatalf("second approval by the same member: %d %s", code, out)
	}
	if code, out := do(t, h, "POST", item+"/approvals", "m2", "", nil); code != 201 || !strings.Contains(out, `"published":true`) {
		t.Fatalf("publishing approval: %d %s", code, out)
	}
	track := fmt.Sprintf("?track=%d", f.TrackID)
	if code, out := do(t, h, "GET", "/api/publications"+track, "", "", nil); code != 200 || !strings.Contains(out, "Meaningful connectivity") {
		t.Fatalf("archive: %d %s", code, out)
	}
	if code, out := do(t, h, "GET", "/recommendations.atom"+track, "", "", nil); code != 200 || !strings.Contains(out, "<title>Meaningful connectivity</title>") || !strings.Contains(out, "All online.") {
		t.Fatalf("atom: %d %s", code, out)
	}
	if code, out := do(t, h, "GET", fmt.Sprintf("/recommendations.atom?track=%d", f.TrackID+99), "", "", nil); code != 200 || strings.Contains(out, "<entry>") {
		t.Fatalf("atom filtered to another track: %d %s", code, out)
	}

	answer := fmt.Sprintf(`{"recommendation_id":%d,"state":"under_consideration","text":"On the agenda of the 29th session.","link":"https://unctad.org/cstd"}`, rec)
	signed := func(secret string) http.Header {
		hdr := http.Header{}
		if err := stdwebhooks.SetHeaders(hdr, []string{secret}, "msg_answer_1", time.Now(), []byte(answer)); err != nil {
			t.Fatal(err)
		}
		return hdr
	}
	answers := fmt.Sprintf("/api/bodies/%d/answers", body)
	if code, out := do(t, h, "POST", answers, "", answer, signed(stdwebhooks.NewHMACSecret())); code != 401 {
		t.Fatalf("answer with a wrong secret: %d %s", code, out)
	}
	stale := signed(inbound)
	stale.Set(stdwebhooks.HeaderTimestamp, fmt.Sprint(time.Now().Add(-6*time.Minute).Unix()))
	if code, out := do(t, h, "POST", answers, "", answer, stale); code != 401 {
		t.Fatalf("answer with a stale timestamp: %d %s", code, out)
	}
	for range 2 { // a retried answer is recorded once
		if code, out := do(t, h, "POST", answers, "", answer, signed(inbound)); code != 201 {
			t.Fatalf("signed answer: %d %s", code, out)
		}
	}
	code, out := do(t, h, "GET", item, "", "", nil)
	var got struct {
		Timeline []publishing.Step `json:"timeline"`
	}
	json.Unmarshal([]byte(out), &got)
	var kinds []string
	for _, st := range got.Timeline {
		kinds = append(kinds, st.Kind+":"+string(st.State)+":"+st.Body)
	}
	if code != 200 || strings.Join(kinds, ",") != "adopted::,published::,answered:under_consideration:CSTD" {
		t.Fatalf("timeline: %d %v (%s)", code, kinds, out)
	}
}

func TestAnApprovalNamesTheContentItApproves(t *testing.T) {
	h, db, f := publishingAPI(t)
	rec := f.Adopted(t, db, "Meaningful connectivity")
	item := fmt.Sprintf("/api/publications/%d", rec)
	hash := func() string {
		code, out := do(t, h, "GET", "/api/publications/queue", "m1", "", nil)
		var q struct {
			Queue []struct {
				ContentHash string `json:"content_hash"`
			} `json:"queue"`
		}
		if json.Unmarshal([]byte(out), &q); code != 200 || len(q.Queue) != 1 || len(q.Queue[0].ContentHash) != 64 {
			t.Fatalf("queue: %d %s", code, out)
		}
		return q.Queue[0].ContentHash
	}
	if code, out := do(t, h, "PUT", item+"/summary", "m1", `{"summary":"All online."}`, nil); code != 204 {
		t.Fatalf("summary: %d %s", code, out)
	}
	read := hash()
	if code, out := do(t, h, "POST", item+"/approvals", "m1", `{"content_hash":"`+read+`"}`, nil); code != 201 || !strings.Contains(out, `"published":false`) {
		t.Fatalf("approval of what was read: %d %s", code, out)
	}
	if code, out := do(t, h, "PUT", item+"/summary", "m2", `{"summary":"Nobody online."}`, nil); code != 204 {
		t.Fatalf("a second member's edit: %d %s", code, out)
	}
	if code, out := do(t, h, "POST", item+"/approvals", "m2", `{"content_hash":"`+read+`"}`, nil); code != 409 {
		t.Fatalf("an approval of the content before the edit: %d %s; want 409", code, out)
	}
	if code, out := do(t, h, "POST", item+"/approvals", "m2", `{"content_hash":"`+hash()+`"}`, nil); code != 201 || !strings.Contains(out, `"published":false`) {
		t.Fatalf("the editor's approval of the new content, the first's being cleared: %d %s", code, out)
	}
}

// TestTheSecretariatListsSecretsWithoutValuesAndRotates: the listing is
// the Secretariat's, carries no secret, and the public registry carries no
// secrets at all; the last active secret of an enabled endpoint is kept.
func TestTheSecretariatListsSecretsWithoutValuesAndRotates(t *testing.T) {
	h, db, _ := publishingAPI(t)
	first := stdwebhooks.NewHMACSecret()
	ep := pubtest.Endpoint(t, db, "UNGA", "http://127.0.0.1:1/a", first)
	old := pubtest.MustID(t, db, `SELECT id FROM endpoint_secrets WHERE endpoint_id = $1`, ep)
	secrets := fmt.Sprintf("/api/endpoints/%d/secrets", ep)

	code, out := do(t, h, "POST", secrets, "sec", `{"kind":"ed25519"}`, nil)
	var made publishing.Secret
	if code != 201 || json.Unmarshal([]byte(out), &made) != nil || made.Value == "" {
		t.Fatalf("new secret: %d %s", code, out)
	}
	for who, want := range map[string]int{"": 401, "m1": 403} {
		if code, out := do(t, h, "GET", secrets, who, "", nil); code != want {
			t.Errorf("%q listing secrets: %d %s, want %d", who, code, out, want)
		}
	}
	code, out = do(t, h, "GET", secrets, "sec", "", nil)
	var list struct{ Secrets []publishing.Secret }
	if code != 200 || json.Unmarshal([]byte(out), &list) != nil || len(list.Secrets) != 2 {
		t.Fatalf("listing: %d %s", code, out)
	}
	if s := list.Secrets[1]; s.ID != made.ID || s.Kind != publishing.Ed25519Secret || s.PublicKey != made.PublicKey || !s.Active {
		t.Errorf("the new secret is listed as %+v", s)
	}
	for _, v := range []string{first, made.Value, `"value"`} {
		if strings.Contains(out, v) {
			t.Fatalf("the listing shows a secret (%s): %s", v, out)
		}
	}
	if code, out := do(t, h, "GET", "/api/bodies", "", "", nil); code != 200 || strings.Contains(out, "secret") || strings.Contains(out, made.PublicKey) {
		t.Fatalf("the public registry: %d %s", code, out)
	}

	if code, out := do(t, h, "DELETE", fmt.Sprintf("/api/secrets/%d", old), "sec", "", nil); code != 204 {
		t.Fatalf("retiring the old secret: %d %s", code, out)
	}
	if code, out := do(t, h, "DELETE", fmt.Sprintf("/api/secrets/%d", made.ID), "sec", "", nil); code != 409 || !strings.Contains(out, "last active secret") {
		t.Fatalf("retiring the last one: %d %s, want 409", code, out)
	}
	if _, out := do(t, h, "GET", secrets, "sec", "", nil); !strings.Contains(out, `"active":false`) || !strings.Contains(out, `"active":true`) {
		t.Fatalf("after the rotation: %s", out)
	}
}

// The inbound side of the signature rules: during a rotation answers
// signed with either the new or the replaced secret are accepted; a changed
// body, id or timestamp, or a timestamp more than 5 minutes off, is not; a
// second rotation retires the oldest secret.
func TestInboundAnswersAcceptEitherKeyDuringRotationAndRejectTampering(t *testing.T) {
	h, db, f := publishingAPI(t)
	rec := f.Adopted(t, db, "Rotated answers")
	pubtest.MustExec(t, db, `INSERT INTO publications (recommendation_id, version) VALUES ($1, 1)`, rec)
	body := pubtest.MustID(t, db, `INSERT INTO bodies (name, kind) VALUES ('ITU', 'itu') RETURNING id`)
	rotate := func() string {
		t.Helper()
		code, out := do(t, h, "POST", fmt.Sprintf("/api/bodies/%d/inbound-secret", body), "sec", "", nil)
		var got struct{ Secret string }
		if json.Unmarshal([]byte(out), &got); code != 201 || !strings.HasPrefix(got.Secret, "whsec_") {
			t.Fatalf("rotate: %d %s", code, out)
		}
		return got.Secret
	}
	if code, _ := do(t, h, "POST", fmt.Sprintf("/api/bodies/%d/inbound-secret", body), "", "", nil); code != 401 {
		t.Fatalf("anonymous rotation: %d", code)
	}
	first := rotate()
	second := rotate()
	answers := fmt.Sprintf("/api/bodies/%d/answers", body)
	answer := fmt.Sprintf(`{"recommendation_id":%d,"state":"received"}`, rec)
	signed := func(secret, id string, at time.Time, payload string) http.Header {
		hdr := http.Header{}
		if err := stdwebhooks.SetHeaders(hdr, []string{secret}, id, at, []byte(payload)); err != nil {
			t.Fatal(err)
		}
		return hdr
	}
	now := time.Now()
	for _, c := range []struct {
		name    string
		payload string
		hdr     http.Header
		want    int
	}{
		{"new secret", answer, signed(second, "msg_new", now, answer), 201},
		{"replaced secret, during rotation", answer, signed(first, "msg_old", now, answer), 201},
		{"changed body", strings.Replace(answer, "received", "declined", 1), signed(second, "msg_b", now, answer), 401},
		{"changed id", answer, func() http.Header {
			h := signed(second, "msg_i", now, answer)
			h.Set(stdwebhooks.HeaderID, "msg_other")
			return h
		}(), 401},
		{"changed timestamp", answer, func() http.Header {
			h := signed(second, "msg_t", now, answer)
			h.Set(stdwebhooks.HeaderTimestamp, fmt.Sprint(now.Unix()+1))
			return h
		}(), 401},
		{"timestamp 6 minutes old", answer, signed(second, "msg_old6", now.Add(-6*time.Minute), answer), 401},
		{"timestamp 6 minutes ahead", answer, signed(second, "msg_new6", now.Add(6*time.Minute), answer), 401},
	} {
		if code, out := do(t, h, "POST", answers, "", c.payload, c.hdr); code != c.want {
			t.Errorf("%s: %d %s, want %d", c.name, code, out, c.want)
		}
	}
	third := rotate()
	if code, _ := do(t, h, "POST", answers, "", answer, signed(first, "msg_retired", now, answer)); code != 401 {
		t.Errorf("a secret two rotations old still verifies: %d", code)
	}
	for _, s := range []string{second, third} {
		if code, out := do(t, h, "POST", answers, "", answer, signed(s, "msg_after_"+s[6:12], now, answer)); code != 201 {
			t.Errorf("after the second rotation: %d %s", code, out)
		}
	}
	var n int
	db.Pool.QueryRow(t.Context(), `SELECT count(*) FROM body_answers`).Scan(&n)
	if n != 4 {
		t.Fatalf("%d answers recorded, want 4 (only the valid ones)", n)
	}
}
