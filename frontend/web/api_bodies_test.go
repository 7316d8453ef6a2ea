package web_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

// TestTheSecretariatListsSecretsWithoutValuesAndRotates: the listing is
// the Secretariat's, carries no secret, and the public registry carries no
// secrets at all; the last active secret of an enabled endpoint is kept.
func TestTheSecretariatListsSecretsWithoutValuesAndRotates(t *testing.T) {
	db := pgtest.DB(t)
	f := pubtest.Seed(t, db)
	first := stdwebhooks.NewHMACSecret()
	ep := pubtest.Endpoint(t, db, "UNGA", "http://127.0.0.1:1/a", first)
	old := pubtest.MustID(t, db, `SELECT id FROM endpoint_secrets WHERE endpoint_id = $1`, ep)
	h := publishingAPI(db, map[string]igfplus.Identity{
		"sec": {AccountID: f.Secretariat, Roles: []igfplus.Role{igfplus.RoleSecretariat}},
		"hlb": {AccountID: f.Members[0], Roles: []igfplus.Role{igfplus.RoleHLBMember}},
	})
	secrets := fmt.Sprintf("/api/endpoints/%d/secrets", ep)

	code, out := do(t, h, "POST", secrets, "sec", `{"kind":"ed25519"}`, nil)
	var made publishing.Secret
	if code != 201 || json.Unmarshal([]byte(out), &made) != nil || made.Value == "" {
		t.Fatalf("new secret: %d %s", code, out)
	}
	for who, want := range map[string]int{"": 401, "hlb": 403} {
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
