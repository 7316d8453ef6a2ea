package pgstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

// secretOf returns the id of the endpoint's only secret (pubtest.Endpoint
// makes one).
func secretOf(t *testing.T, db *pgdb.DB, endpoint int64) int64 {
	t.Helper()
	return pubtest.MustID(t, db, `SELECT id FROM endpoint_secrets WHERE endpoint_id = $1`, endpoint)
}

// registry is the service on a seeded test database, with its
// Secretariat and a high-level body member (whom it refuses).
type registry struct {
	db       *pgdb.DB
	svc      *publishing.Service
	sec, hlb igfplus.Identity
}

func newRegistry(t *testing.T) registry {
	t.Helper()
	db := pgtest.DB(t)
	f := pubtest.Seed(t, db)
	return registry{db: db, svc: publishing.NewService(pubtest.Store(db)),
		sec: igfplus.Identity{AccountID: f.Secretariat, Roles: []igfplus.Role{igfplus.RoleSecretariat}},
		hlb: f.Member(0)}
}

func activeSecrets(t *testing.T, db *pgdb.DB, endpoint int64) int {
	t.Helper()
	return count(t, db.Pool, `SELECT count(*) FROM endpoint_secrets WHERE endpoint_id = $1 AND active`, endpoint)
}

func TestSecretsAreListedForEveryEndpointAtOnceWithoutTheirValues(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	db, svc, sec := r.db, r.svc, r.sec
	first := stdwebhooks.NewHMACSecret()
	a := pubtest.Endpoint(t, db, "UNGA", "http://127.0.0.1:1/a", first)
	b := pubtest.Endpoint(t, db, "ITU", "http://127.0.0.1:1/b", stdwebhooks.NewHMACSecret())
	other := pubtest.Endpoint(t, db, "CSTD", "http://127.0.0.1:1/c", stdwebhooks.NewHMACSecret())
	ed, err := svc.AddSecret(ctx, sec, a, publishing.Ed25519Secret)
	if err != nil {
		t.Fatal(err)
	}
	hm, err := svc.AddSecret(ctx, sec, b, publishing.HMACSecret)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.RetireSecret(ctx, sec, secretOf(t, db, a)); err != nil {
		t.Fatal(err)
	}

	list, err := svc.Secrets(ctx, sec, []int64{b, a})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range list {
		got = append(got, fmt.Sprintf("%d %s active=%t", s.EndpointID, s.Kind, s.Active))
		if s.Value != "" {
			t.Errorf("secret %d listed with its value", s.ID)
		}
		if s.CreatedAt.IsZero() || s.ID == 0 {
			t.Errorf("secret %+v lacks its id or creation time", s)
		}
		if want := map[int64]string{ed.ID: ed.PublicKey}[s.ID]; s.PublicKey != want {
			t.Errorf("secret %d public key %q, want %q", s.ID, s.PublicKey, want)
		}
	}
	// By endpoint, then oldest first; the other endpoint's is not asked for.
	want := []string{
		fmt.Sprintf("%d hmac active=false", a), fmt.Sprintf("%d ed25519 active=true", a),
		fmt.Sprintf("%d hmac active=true", b), fmt.Sprintf("%d hmac active=true", b),
	}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Fatalf("listed\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	raw, _ := json.Marshal(list)
	for _, v := range []string{first, ed.Value, hm.Value} {
		if strings.Contains(string(raw), v) {
			t.Fatalf("the listing's JSON carries a secret: %s", raw)
		}
	}
	if list, err := svc.Secrets(ctx, sec, []int64{other + 1000}); err != nil || len(list) != 0 {
		t.Fatalf("an unknown endpoint's secrets: %v, %v", list, err)
	}
	if _, err := svc.Secrets(ctx, r.hlb, []int64{a}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a high-level body member listing secrets: %v, want forbidden", err)
	}
}

func TestTheLastActiveSecretOfAnEnabledEndpointIsKept(t *testing.T) {
	ctx := context.Background()
	r := newRegistry(t)
	db, svc, sec := r.db, r.svc, r.sec
	ep := pubtest.Endpoint(t, db, "UNGA", "http://127.0.0.1:1/a", stdwebhooks.NewHMACSecret())
	old := secretOf(t, db, ep)

	if err := svc.RetireSecret(ctx, sec, old); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("retiring the only secret of an enabled endpoint: %v, want conflict", err)
	}
	if n := activeSecrets(t, db, ep); n != 1 {
		t.Fatalf("%d active secrets after a refused retirement, want 1", n)
	}
	// The rotation: a new secret, then the old one retired.
	fresh, err := svc.AddSecret(ctx, sec, ep, publishing.HMACSecret)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.RetireSecret(ctx, sec, old); err != nil {
		t.Fatalf("retiring the old secret once a new one signs: %v", err)
	}
	if err := svc.RetireSecret(ctx, sec, old); err != nil {
		t.Fatalf("retiring a retired secret again: %v, want nothing done", err)
	}
	if err := svc.RetireSecret(ctx, sec, fresh.ID); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("retiring the new, now only, secret: %v, want conflict", err)
	}
	// A disabled endpoint sends nothing: its last secret may go.
	pubtest.MustExec(t, db, `UPDATE body_endpoints SET enabled = false WHERE id = $1`, ep)
	if err := svc.RetireSecret(ctx, sec, fresh.ID); err != nil {
		t.Fatalf("retiring the last secret of a disabled endpoint: %v", err)
	}
	if n := activeSecrets(t, db, ep); n != 0 {
		t.Fatalf("%d active secrets, want none", n)
	}
	if err := svc.RetireSecret(ctx, sec, fresh.ID+1000); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Fatalf("retiring an unknown secret: %v, want not found", err)
	}
	if err := svc.RetireSecret(ctx, r.hlb, old); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a high-level body member retiring: %v, want forbidden", err)
	}
}

// TestTwoRetirementsAtOnceLeaveTheEndpointASecret retires both secrets of
// an enabled endpoint at the same time, many times over: one retirement
// must always be refused, whichever comes second.
func TestTwoRetirementsAtOnceLeaveTheEndpointASecret(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	store := pubtest.Store(db)
	for i := range 20 {
		ep := pubtest.Endpoint(t, db, fmt.Sprintf("Body %d", i), "http://127.0.0.1:1/a", stdwebhooks.NewHMACSecret())
		first := secretOf(t, db, ep)
		second, err := store.AddSecret(ctx, publishing.Secret{EndpointID: ep, Kind: publishing.HMACSecret, Value: stdwebhooks.NewHMACSecret()})
		if err != nil {
			t.Fatal(err)
		}
		ids := []int64{first, second.ID}
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for j, id := range ids {
			wg.Go(func() { errs[j] = store.RetireSecret(ctx, id) })
		}
		wg.Wait()
		codes := []igfplus.Code{igfplus.ErrorCode(errs[0]), igfplus.ErrorCode(errs[1])}
		if (codes[0] == "") == (codes[1] == "") || (codes[0] != igfplus.EConflict && codes[1] != igfplus.EConflict) {
			t.Fatalf("round %d: %v and %v, want one retired and one refused", i, errs[0], errs[1])
		}
		if n := activeSecrets(t, db, ep); n != 1 {
			t.Fatalf("round %d: %d active secrets, want 1", i, n)
		}
	}
}
