package pgstore_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/federation"
	"github.com/igfplus/igfplus/tracks/federation/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing/seal"
	"github.com/igfplus/igfplus/tracks/publishing/seal/sealtest"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// one reads one value: an id, or a secret column as SQL (a dump, an
// injection) reads it.
func one[T any](t *testing.T, db *pgdb.DB, sql string, args ...any) T {
	t.Helper()
	var v T
	if err := db.Pool.QueryRow(context.Background(), sql, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return v
}

func id(t *testing.T, db *pgdb.DB, sql string, args ...any) int64 {
	t.Helper()
	return one[int64](t, db, sql, args...)
}

func raw(t *testing.T, db *pgdb.DB, sql string, args ...any) string {
	t.Helper()
	return one[string](t, db, sql, args...)
}

// mustBeSealed fails unless v is sealed under the key and shows nothing
// of plain (nor of its key material after "whsec_").
func mustBeSealed(t *testing.T, what, v string, k []byte, plain string) {
	t.Helper()
	_, material, _ := strings.Cut(plain, "_")
	if !strings.HasPrefix(v, "sealed:v1:"+seal.KeyID(k)+":") || strings.Contains(v, plain) || strings.Contains(v, material) {
		t.Errorf("%s is stored as %.24s…, want it sealed under key %s without the secret", what, v, seal.KeyID(k))
	}
}

// TestFederationSecretsAreStoredSealedAndOpenForSigning: a peer's secret
// (global side) and the upstream's (NRI side) are sealed in their columns,
// read back plain for signing and verifying, and a sealed value copied to
// another peer's row does not open there.
func TestFederationSecretsAreStoredSealedAndOpenForSigning(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	var logs bytes.Buffer
	store := pgstore.New(db, sealtest.New(t, sealtest.Key(1))).WithLogger(slog.New(slog.NewTextHandler(&logs, nil)))
	nri := id(t, db, `INSERT INTO nris (slug, name, level) VALUES ('gh', 'Ghana IGF', 'national') RETURNING id`)

	secrets := [2]string{stdwebhooks.NewHMACSecret(), stdwebhooks.NewHMACSecret()}
	var peers [2]federation.Peer
	for i, name := range []string{"igf.gh.example", "igf.ke.example"} {
		p, err := store.AddPeer(ctx, federation.Peer{Name: name, NRIID: nri, Secret: secrets[i]})
		if err != nil {
			t.Fatal(err)
		}
		if p.Secret != secrets[i] {
			t.Fatal("AddPeer does not return the plain secret to show once")
		}
		peers[i] = p
		mustBeSealed(t, "federation_peers.secret", raw(t, db, `SELECT secret FROM federation_peers WHERE id = $1`, p.ID), sealtest.Key(1), secrets[i])
		if got, err := store.PeerSecret(ctx, p.ID); err != nil || got != secrets[i] {
			t.Fatalf("PeerSecret: %v, want the peer's secret back", err)
		}
	}

	up := stdwebhooks.NewHMACSecret()
	if err := store.SetUpstream(ctx, federation.Upstream{URL: "https://forum.example", PeerID: 3, Secret: up}); err != nil {
		t.Fatal(err)
	}
	mustBeSealed(t, "federation_upstream.secret", raw(t, db, `SELECT secret FROM federation_upstream`), sealtest.Key(1), up)
	if u, err := store.Upstream(ctx); err != nil || u.Secret != up || u.PeerID != 3 || u.URL != "https://forum.example" {
		t.Fatalf("Upstream: %+v, %v; want it with its secret opened", u.PeerID, err)
	}

	// The first peer's sealed secret copied into the second's row: the
	// second peer does not get the first's secret; the failure is logged
	// without the value.
	pgtest.Exec(t, db, `UPDATE federation_peers SET secret = (SELECT secret FROM federation_peers WHERE id = $1) WHERE id = $2`, peers[0].ID, peers[1].ID)
	if got, err := store.PeerSecret(ctx, peers[1].ID); igfplus.ErrorCode(err) != igfplus.EInternal || got != "" {
		t.Fatalf("a secret moved to another row: %v, want an internal error and no secret", err)
	}
	if !strings.Contains(logs.String(), "does not open") || strings.Contains(logs.String(), secrets[0]) {
		t.Fatalf("the log of a secret that does not open: %q", logs.String())
	}
}

// TestTheStartSweepSealsPlainAndOldKeyFederationSecrets: secrets written
// before sealing (plain) and sealed with a key being rotated out are
// sealed under the current key by SealSecrets and still open; a second
// run changes nothing; a value no key opens is counted and left alone.
func TestTheStartSweepSealsPlainAndOldKeyFederationSecrets(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	nri := id(t, db, `INSERT INTO nris (slug, name, level) VALUES ('gh', 'Ghana IGF', 'national') RETURNING id`)
	plainPeer, plainUp := stdwebhooks.NewHMACSecret(), stdwebhooks.NewHMACSecret()
	oldPeer, lostPeer := stdwebhooks.NewHMACSecret(), stdwebhooks.NewHMACSecret()
	p1 := id(t, db, `INSERT INTO federation_peers (name, nri_id, secret) VALUES ('plain.example', $1, $2) RETURNING id`, nri, plainPeer)
	pgtest.Exec(t, db, `INSERT INTO federation_upstream (url, peer_id, secret) VALUES ('https://forum.example', 9, $1)`, plainUp)
	p2, err := pgstore.New(db, sealtest.New(t, sealtest.Key(1))).AddPeer(ctx, federation.Peer{Name: "old.example", NRIID: nri, Secret: oldPeer})
	if err != nil {
		t.Fatal(err)
	}
	p3, err := pgstore.New(db, sealtest.New(t, sealtest.Key(9))).AddPeer(ctx, federation.Peer{Name: "lost.example", NRIID: nri, Secret: lostPeer})
	if err != nil {
		t.Fatal(err)
	}
	lostStored := raw(t, db, `SELECT secret FROM federation_peers WHERE id = $1`, p3.ID)

	var logs bytes.Buffer
	store := pgstore.New(db, sealtest.New(t, sealtest.Key(2), sealtest.Key(1))).WithLogger(slog.New(slog.NewTextHandler(&logs, nil)))
	sealed, unopened, err := store.SealSecrets(ctx)
	if err != nil || sealed != 3 || unopened != 1 {
		t.Fatalf("the sweep: %d sealed, %d unopened, %v; want 3 and 1", sealed, unopened, err)
	}
	mustBeSealed(t, "a plain peer secret", raw(t, db, `SELECT secret FROM federation_peers WHERE id = $1`, p1), sealtest.Key(2), plainPeer)
	mustBeSealed(t, "an old-key peer secret", raw(t, db, `SELECT secret FROM federation_peers WHERE id = $1`, p2.ID), sealtest.Key(2), oldPeer)
	mustBeSealed(t, "a plain upstream secret", raw(t, db, `SELECT secret FROM federation_upstream`), sealtest.Key(2), plainUp)
	if got := raw(t, db, `SELECT secret FROM federation_peers WHERE id = $1`, p3.ID); got != lostStored {
		t.Error("a value no key opens was changed")
	}
	if strings.Contains(logs.String(), lostPeer) || !strings.Contains(logs.String(), seal.KeyID(sealtest.Key(9))) {
		t.Errorf("the log of the value that does not open: %q; want its key id, not its value", logs.String())
	}

	// The new key alone opens everything swept.
	fresh := pgstore.New(db, sealtest.New(t, sealtest.Key(2)))
	for peer, want := range map[int64]string{p1: plainPeer, p2.ID: oldPeer} {
		if got, err := fresh.PeerSecret(ctx, peer); err != nil || got != want {
			t.Errorf("peer %d after the sweep: %v", peer, err)
		}
	}
	if u, err := fresh.Upstream(ctx); err != nil || u.Secret != plainUp {
		t.Errorf("the upstream after the sweep: %v", err)
	}
	if sealed, unopened, err := store.SealSecrets(ctx); err != nil || sealed != 0 || unopened != 1 {
		t.Fatalf("a second sweep: %d sealed, %d unopened, %v; want nothing more sealed", sealed, unopened, err)
	}
}
