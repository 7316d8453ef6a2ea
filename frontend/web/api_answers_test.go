package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

// The inbound side of the signature rules: during a rotation answers
// signed with either the new or the replaced secret are accepted; a changed
// body, id or timestamp, or a timestamp more than 5 minutes off, is not; a
// second rotation retires the oldest secret.
func TestInboundAnswersAcceptEitherKeyDuringRotationAndRejectTampering(t *testing.T) {
	db := pgtest.DB(t)
	f := pubtest.Seed(t, db)
	rec := f.Adopted(t, db, "Rotated answers")
	pubtest.MustExec(t, db, `INSERT INTO publications (recommendation_id, version) VALUES ($1, 1)`, rec)
	body := pubtest.MustID(t, db, `INSERT INTO bodies (name, kind) VALUES ('ITU', 'itu') RETURNING id`)
	h := publishingAPI(db, map[string]igfplus.Identity{"sec": {AccountID: f.Secretariat, Roles: []igfplus.Role{igfplus.RoleSecretariat}}})
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
