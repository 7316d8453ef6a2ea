package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
	recstore "github.com/igfplus/igfplus/tracks/recommendations/pgstore"
)

// draftingAPI is the recommendations API on Postgres, with a moderator
// ("mod") and two participants ("ana", "bob") in X-Test-As, and the ids of
// the current edition's policy issue and track.
func draftingAPI(t *testing.T) (http.Handler, *pgdb.DB, int64, int64) {
	t.Helper()
	db := pgtest.DB(t)
	edition := pgtest.ID(t, db, `INSERT INTO editions (year, title, starts_on, ends_on) VALUES (2031, 'IGF 2031', '2031-06-01', '2031-06-05') RETURNING id`)
	issue := pgtest.ID(t, db, `INSERT INTO policy_issues (edition_id, position, slug, title) VALUES ($1, 1, 'access', 'Access') RETURNING id`, edition)
	track := pgtest.ID(t, db, `INSERT INTO tracks (edition_id, policy_issue_id, kind, slug, title) VALUES ($1, $2, 'thematic', 'access', 'Access') RETURNING id`, edition, issue)
	people := map[string]igfplus.Identity{}
	for i, name := range []string{"mod", "ana", "bob"} {
		group := []igfplus.StakeholderGroup{igfplus.Government, igfplus.CivilSociety, igfplus.PrivateSector}[i]
		id := pgtest.ID(t, db, `INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region, email_verified_at)
			VALUES ($1, 'x', $2, $3, 'african', now()) RETURNING id`, name+"@test.example", name, group)
		roles := []igfplus.Role{igfplus.RoleParticipant}
		if name == "mod" {
			roles = append(roles, igfplus.RoleModerator)
		}
		people[name] = igfplus.Identity{AccountID: id, Name: name, StakeholderGroup: group, Roles: roles}
	}
	h := web.New(web.Deps{Catalogue: sharedCatalogue(),
		Recommendations: recommendations.NewService(recstore.New(db)),
		IdentityOf:      testAs(people),
	}).Handler()
	return h, db, issue, track
}

// wantProblem fails unless the answer is a problem+json of status with a
// detail that says want.
func wantProblem(t *testing.T, what string, code int, out string, status int, want string) {
	t.Helper()
	var p struct {
		Status int    `json:"status"`
		Detail string `json:"detail"`
	}
	if err := json.Unmarshal([]byte(out), &p); code != status || err != nil || p.Status != status || !strings.Contains(p.Detail, want) {
		t.Errorf("%s: %d %s, want a %d problem saying %q", what, code, out, status, want)
	}
}

func rows(t *testing.T, db *pgdb.DB, table string) int {
	t.Helper()
	var n int
	if err := db.Pool.QueryRow(context.Background(), `SELECT count(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRecommendationBadInputIsAProblemAndChangesNothing(t *testing.T) {
	h, db, issue, track := draftingAPI(t)
	code, out := do(t, h, "POST", "/api/recommendations", "mod",
		fmt.Sprintf(`{"policy_issue_id":%d,"track_id":%d,"title":"Access","summary":"Cheaper access.","body":"One.\n\nTwo.\n\nThree."}`, issue, track), nil)
	var r struct {
		ID      int64  `json:"id"`
		Summary string `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &r); code != 201 || err != nil || r.Summary != "Cheaper access." {
		t.Fatalf("create: %d %s", code, out)
	}
	base := fmt.Sprintf("/api/recommendations/%d", r.ID)

	code, out = do(t, h, "POST", base+"/amendments", "ana", `{"paragraph":9,"text":"Nine."}`, nil)
	wantProblem(t, "an amendment to paragraph 9 of 3", code, out, 422, "there is no paragraph 9")
	code, out = do(t, h, "POST", base+"/comments", "ana", `{"paragraph":4,"body":"Four?"}`, nil)
	wantProblem(t, "a comment on paragraph 4 of 3", code, out, 422, "there is no paragraph 4")
	if n := rows(t, db, "amendments") + rows(t, db, "recommendation_comments"); n != 0 {
		t.Fatalf("%d rows after refused input, want 0", n)
	}

	code, out = do(t, h, "POST", base+"/amendments", "ana", `{"paragraph":2,"text":"Deux."}`, nil)
	var a recommendations.Amendment
	if err := json.Unmarshal([]byte(out), &a); code != 201 || err != nil {
		t.Fatalf("amendment: %d %s", code, out)
	}
	support := fmt.Sprintf("%s/amendments/%d/support", base, a.ID)
	if code, out = do(t, h, "POST", support, "bob", "", nil); code != 200 || !strings.Contains(out, `"supporters":[{"account_id"`) {
		t.Fatalf("support: %d %s", code, out)
	}
	code, out = do(t, h, "POST", support, "bob", "", nil)
	wantProblem(t, "a second support", code, out, 409, "You already support this amendment.")
	code, out = do(t, h, "POST", support, "ana", "", nil)
	wantProblem(t, "the proposer's support", code, out, 409, "You proposed this amendment")
	code, out = do(t, h, "POST", support, "", "", nil)
	wantProblem(t, "an anonymous support", code, out, 401, "Sign in")
	if n := rows(t, db, "amendment_supports"); n != 1 {
		t.Fatalf("%d supports stored, want 1", n)
	}

	code, out = do(t, h, "POST", base+"/comments", "ana", `{"paragraph":2,"body":"Why two?"}`, nil)
	var c recommendations.Comment
	if err := json.Unmarshal([]byte(out), &c); code != 201 || err != nil {
		t.Fatalf("comment: %d %s", code, out)
	}
	if code, out = do(t, h, "POST", base+"/comments", "bob", fmt.Sprintf(`{"reply_to":%d,"body":"Because."}`, c.ID), nil); code != 201 || !strings.Contains(out, fmt.Sprintf(`"reply_to":%d`, c.ID)) || !strings.Contains(out, `"paragraph":2`) {
		t.Fatalf("reply: %d %s", code, out)
	}
	code, out = do(t, h, "POST", "/api/recommendations", "mod",
		fmt.Sprintf(`{"policy_issue_id":%d,"track_id":%d,"title":"Other","body":"Other."}`, issue, track), nil)
	var other struct{ ID int64 }
	if err := json.Unmarshal([]byte(out), &other); code != 201 || err != nil {
		t.Fatalf("create another: %d %s", code, out)
	}
	code, out = do(t, h, "POST", fmt.Sprintf("/api/recommendations/%d/comments", other.ID), "bob", fmt.Sprintf(`{"reply_to":%d,"body":"Elsewhere."}`, c.ID), nil)
	wantProblem(t, "a reply to another recommendation's comment", code, out, 404, fmt.Sprintf("no comment %d", c.ID))

	if code, out = do(t, h, "PATCH", base, "mod", `{"based_on":1,"title":"Affordable access","summary":"Cheaper access.","body":"One.\n\nTwo.\n\nThree."}`, nil); code != 200 || !strings.Contains(out, `"title":"Affordable access"`) || !strings.Contains(out, `"version":2`) {
		t.Fatalf("edit the title (a new version): %d %s", code, out)
	}
	code, out = do(t, h, "PATCH", base, "mod", `{"based_on":2,"title":"Affordable access","summary":"Cheaper access.","body":"One.\n\nTwo.\n\nThree."}`, nil)
	wantProblem(t, "an edit that changes nothing", code, out, 422, "Nothing has changed.")

	before := rows(t, db, "recommendation_comments")
	if _, err := db.Pool.Exec(context.Background(), `INSERT INTO editions (year, title, starts_on, ends_on) VALUES (2032, 'IGF 2032', '2032-06-01', '2032-06-05')`); err != nil {
		t.Fatal(err)
	}
	code, out = do(t, h, "POST", base+"/comments", "ana", `{"paragraph":1,"body":"A year late."}`, nil)
	wantProblem(t, "a comment on another edition's recommendation", code, out, 409, "earlier edition")
	code, out = do(t, h, "POST", base+"/amendments", "ana", `{"paragraph":1,"text":"Late."}`, nil)
	wantProblem(t, "an amendment to another edition's recommendation", code, out, 409, "earlier edition")
	if n := rows(t, db, "recommendation_comments"); n != before {
		t.Fatalf("%d comments after the refused one, want %d", n, before)
	}
}
