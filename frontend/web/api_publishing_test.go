package web_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/frontend/web/openapitest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

func do(t *testing.T, h http.Handler, method, path, as string, body string, hdr http.Header) (int, string) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	req.Header.Set("X-Test-As", as)
	rec := httptest.NewRecorder()
	openapitest.Handler(t, h).ServeHTTP(rec, req)
	out, _ := io.ReadAll(rec.Body)
	return rec.Code, string(out)
}

// publishingAPI is the API with the publishing service on db; a request's
// X-Test-As header (see do) names which of people calls, anyone else is
// anonymous.
func publishingAPI(db *pgdb.DB, people map[string]igfplus.Identity) http.Handler {
	return web.New(web.Deps{
		Publishing: publishing.NewService(pubtest.Store(db)),
		IdentityOf: func(c echo.Context) igfplus.Identity { return people[c.Request().Header.Get("X-Test-As")] },
	}).Handler()
}

func TestTwoMembersPublishAndTheArchiveFeedAndSignedAnswersShowIt(t *testing.T) {
	db := pgtest.DB(t)
	f := pubtest.Seed(t, db)
	rec := f.Adopted(t, db, "Meaningful connectivity")
	body := pubtest.MustID(t, db, `INSERT INTO bodies (name, kind) VALUES ('CSTD', 'cstd') RETURNING id`)
	inbound := stdwebhooks.NewHMACSecret()
	pubtest.MustExec(t, db, `UPDATE bodies SET inbound_secret = $1 WHERE id = $2`, inbound, body)
	h := publishingAPI(db, map[string]igfplus.Identity{
		"m1": {AccountID: f.Members[0], Roles: []igfplus.Role{igfplus.RoleHLBMember}},
		"m2": {AccountID: f.Members[1], Roles: []igfplus.Role{igfplus.RoleHLBMember}},
	})
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
