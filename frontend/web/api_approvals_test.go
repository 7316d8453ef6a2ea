package web_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
)

func TestAnApprovalNamesTheContentItApproves(t *testing.T) {
	db := pgtest.DB(t)
	f := pubtest.Seed(t, db)
	rec := f.Adopted(t, db, "Meaningful connectivity")
	h := publishingAPI(db, map[string]igfplus.Identity{
		"m1": {AccountID: f.Members[0], Roles: []igfplus.Role{igfplus.RoleHLBMember}},
		"m2": {AccountID: f.Members[1], Roles: []igfplus.Role{igfplus.RoleHLBMember}},
	})
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
