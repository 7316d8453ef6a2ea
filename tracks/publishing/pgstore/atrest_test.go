package pgstore_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
	"github.com/igfplus/igfplus/tracks/publishing/seal"
	"github.com/igfplus/igfplus/tracks/publishing/seal/sealtest"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

// bareEndpoint registers a body with an enabled endpoint and no secret,
// and returns the body's and the endpoint's ids.
func bareEndpoint(t *testing.T, db *pgdb.DB, name string) (body, endpoint int64) {
	t.Helper()
	body = pubtest.MustID(t, db, `INSERT INTO bodies (name, kind) VALUES ($1, 'other') RETURNING id`, name)
	endpoint = pubtest.MustID(t, db, `INSERT INTO body_endpoints (body_id, url, allow_private) VALUES ($1, 'http://127.0.0.1:1/hook', true) RETURNING id`, body)
	return body, endpoint
}

// stored is every secret value in the database as SQL reads it: the
// endpoints' secrets by id, then each body's two inbound columns.
func stored(t *testing.T, db *pgdb.DB) []string {
	t.Helper()
	rows, _ := db.Pool.Query(context.Background(), `
		SELECT secret FROM (SELECT 1 AS t, id, secret FROM endpoint_secrets
			UNION ALL SELECT 2, id, inbound_secret FROM bodies
			UNION ALL SELECT 3, id, previous_inbound_secret FROM bodies) v
		WHERE secret <> '' ORDER BY t, id`)
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// mustBeSealed fails unless every stored value is sealed under prefix and
// carries none of plains (nor their key material after the "whsec_").
func mustBeSealed(t *testing.T, values []string, prefix string, plains ...string) {
	t.Helper()
	if len(values) == 0 {
		t.Fatal("no stored secrets")
	}
	for _, v := range values {
		if !strings.HasPrefix(v, prefix) {
			t.Errorf("stored value %.24s… is not sealed under %s", v, prefix)
		}
		for _, p := range plains {
			_, material, _ := strings.Cut(p, "_")
			if strings.Contains(v, p) || strings.Contains(v, material) {
				t.Errorf("a stored value carries the secret %.10s…", p)
			}
		}
	}
}

// relayScene is an adopted recommendation titled title and a body named
// name with an enabled endpoint and no secret: the database, its store,
// the recommendation's, the body's and the endpoint's ids.
func relayScene(t *testing.T, title, name string) (db *pgdb.DB, store *pgstore.Store, rec, body, endpoint int64) {
	t.Helper()
	db = pgtest.DB(t)
	rec = pubtest.Seed(t, db).Adopted(t, db, title)
	body, endpoint = bareEndpoint(t, db, name)
	return db, pubtest.Store(db), rec, body, endpoint
}

// enqueue puts event about recommendation rec in the outbox for endpoint.
func enqueue(t *testing.T, db *pgdb.DB, rec, endpoint int64, event string) {
	t.Helper()
	pubtest.MustExec(t, db, `INSERT INTO relay_outbox (event_id, endpoint_id, recommendation_id, sequence, payload)
		VALUES ($1, $2, $3, 1, '{}')`, event, endpoint, rec)
}

// claimKeys enqueues one event for endpoint and returns the keys the
// relay's claim reads for it.
func claimKeys(t *testing.T, db *pgdb.DB, store *pgstore.Store, rec, endpoint int64, event string) []string {
	t.Helper()
	enqueue(t, db, rec, endpoint, event)
	jobs, err := store.Claim(context.Background(), "w-"+event, 10, time.Minute)
	if err != nil || len(jobs) != 1 || jobs[0].EndpointID != endpoint {
		t.Fatalf("claim: %+v, %v; want the one job", jobs, err)
	}
	return jobs[0].Keys
}

func TestSecretsAreStoredSealedAndOpenForTheRelayAndForAnswers(t *testing.T) {
	ctx := context.Background()
	db, store, rec, body, ep := relayScene(t, "Sealed", "UNGA")
	priv, pub := stdwebhooks.NewEd25519Key()
	hm, err := store.AddSecret(ctx, publishing.Secret{EndpointID: ep, Kind: publishing.HMACSecret, Value: stdwebhooks.NewHMACSecret()})
	if err != nil {
		t.Fatal(err)
	}
	ed, err := store.AddSecret(ctx, publishing.Secret{EndpointID: ep, Kind: publishing.Ed25519Secret, Value: priv, PublicKey: pub})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hm.Value, "whsec_") || ed.Value != priv {
		t.Fatalf("AddSecret returned %.10s… and %.10s…, want the plain values to show once", hm.Value, ed.Value)
	}
	first, second := stdwebhooks.NewHMACSecret(), stdwebhooks.NewHMACSecret()
	for _, sec := range []string{first, second} {
		if err := store.SetInboundSecret(ctx, body, sec); err != nil {
			t.Fatal(err)
		}
	}

	values := stored(t, db)
	if len(values) != 4 {
		t.Fatalf("%d stored secrets, want 4", len(values))
	}
	mustBeSealed(t, values, "sealed:v1:"+seal.KeyID(pubtest.TestKey)+":", hm.Value, priv, first, second)

	keys := claimKeys(t, db, store, rec, ep, "msg_sealed")
	if !slices.Equal(keys, []string{hm.Value, priv}) {
		t.Fatalf("the relay read %d keys that are not the endpoint's secrets", len(keys))
	}
	now, h := time.Now(), http.Header{}
	if err := stdwebhooks.SetHeaders(h, keys, "msg_sealed", now, []byte("{}")); err != nil {
		t.Fatal(err)
	}
	if _, err := stdwebhooks.Verify([]string{hm.Value}, []string{pub}, h, []byte("{}"), now, time.Minute); err != nil {
		t.Fatalf("a delivery signed with the opened keys: %v", err)
	}
	inbound, err := store.InboundSecrets(ctx, body)
	if err != nil || !slices.Equal(inbound, []string{second, first}) {
		t.Fatalf("inbound secrets: %d, %v; want the current one and the one it replaced", len(inbound), err)
	}
	list, err := store.Secrets(ctx, []int64{ep})
	if err != nil || len(list) != 2 || list[0].Value != "" || list[1].Value != "" {
		t.Fatalf("the listing: %+v, %v; want two secrets without values", list, err)
	}
}

func TestASealedSecretMovedToAnotherRowOrColumnDoesNotOpen(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	rec := pubtest.Seed(t, db).Adopted(t, db, "Moved")
	var logs bytes.Buffer
	store := pubtest.Store(db).WithLogger(slog.New(slog.NewTextHandler(&logs, nil)))
	bodyA, a := bareEndpoint(t, db, "UNGA")
	bodyB, b := bareEndpoint(t, db, "ITU")
	secretA, err := store.AddSecret(ctx, publishing.Secret{EndpointID: a, Kind: publishing.HMACSecret, Value: stdwebhooks.NewHMACSecret()})
	if err != nil {
		t.Fatal(err)
	}
	secretB, err := store.AddSecret(ctx, publishing.Secret{EndpointID: b, Kind: publishing.HMACSecret, Value: stdwebhooks.NewHMACSecret()})
	if err != nil {
		t.Fatal(err)
	}
	// A's sealed secret copied over B's: B's deliveries get no key (the
	// relay then sends nothing), and the log names B and the key.
	pubtest.MustExec(t, db, `UPDATE endpoint_secrets SET secret = (SELECT secret FROM endpoint_secrets WHERE id = $1) WHERE id = $2`,
		secretA.ID, secretB.ID)
	if keys := claimKeys(t, db, store, rec, b, "msg_b"); len(keys) != 0 {
		t.Fatalf("endpoint B got %d keys from A's moved secret, want none", len(keys))
	}
	line := logs.String()
	if !strings.Contains(line, "does not open") || !strings.Contains(line, "endpoint="+strconv.FormatInt(b, 10)) ||
		!strings.Contains(line, "key_id="+seal.KeyID(pubtest.TestKey)) || strings.Contains(line, secretA.Value[6:]) {
		t.Fatalf("log %q; want the endpoint and the key id named, and no value", line)
	}
	if keys := claimKeys(t, db, store, rec, a, "msg_a"); !slices.Equal(keys, []string{secretA.Value}) {
		t.Fatal("endpoint A's own secret does not open in its own row")
	}

	// A body's inbound secret copied to another body, or to the other
	// column of its own row, does not open either: an internal error.
	for _, body := range []int64{bodyA, bodyB} {
		if err := store.SetInboundSecret(ctx, body, stdwebhooks.NewHMACSecret()); err != nil {
			t.Fatal(err)
		}
	}
	logs.Reset()
	pubtest.MustExec(t, db, `UPDATE bodies SET inbound_secret = (SELECT inbound_secret FROM bodies WHERE id = $1) WHERE id = $2`, bodyA, bodyB)
	if got, err := store.InboundSecrets(ctx, bodyB); igfplus.ErrorCode(err) != igfplus.EInternal || got != nil {
		t.Fatalf("another body's sealed inbound secret: %d secrets, %v; want an internal error", len(got), err)
	}
	if line := logs.String(); !strings.Contains(line, "body="+strconv.FormatInt(bodyB, 10)) || !strings.Contains(line, "column=inbound_secret") {
		t.Fatalf("log %q; want the body and column named", line)
	}
	pubtest.MustExec(t, db, `UPDATE bodies SET previous_inbound_secret = inbound_secret WHERE id = $1`, bodyA)
	if _, err := store.InboundSecrets(ctx, bodyA); igfplus.ErrorCode(err) != igfplus.EInternal {
		t.Fatalf("the current inbound secret moved to previous_inbound_secret: %v; want an internal error", err)
	}
	if err := store.SetInboundSecret(ctx, bodyB, stdwebhooks.NewHMACSecret()); igfplus.ErrorCode(err) != igfplus.EInternal {
		t.Fatalf("rotating over a secret that does not open: %v; want an internal error", err)
	}
}

func TestTheSweepSealsPlainValuesOnceAndEverythingStillReads(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	rec := pubtest.Seed(t, db).Adopted(t, db, "Swept")
	store := pubtest.Store(db)
	// What a version before sealing wrote: plain values.
	hmac, retired := stdwebhooks.NewHMACSecret(), stdwebhooks.NewHMACSecret()
	priv, _ := stdwebhooks.NewEd25519Key()
	ep := pubtest.Endpoint(t, db, "UNGA", "http://127.0.0.1:1/hook", hmac)
	pubtest.MustExec(t, db, `INSERT INTO endpoint_secrets (endpoint_id, kind, secret, active) VALUES ($1, 'ed25519', $2, true), ($1, 'hmac', $3, false)`,
		ep, priv, retired)
	current, previous := stdwebhooks.NewHMACSecret(), stdwebhooks.NewHMACSecret()
	body := pubtest.MustID(t, db, `SELECT body_id FROM body_endpoints WHERE id = $1`, ep)
	pubtest.MustExec(t, db, `UPDATE bodies SET inbound_secret = $2, previous_inbound_secret = $3 WHERE id = $1`, body, current, previous)
	plains := []string{hmac, priv, retired, current, previous}

	// Before the sweep, plain values read as they are.
	if keys := claimKeys(t, db, store, rec, ep, "msg_before"); !slices.Equal(keys, []string{hmac, priv}) {
		t.Fatal("the relay does not read the plain secrets written before sealing")
	}
	if got, err := store.InboundSecrets(ctx, body); err != nil || !slices.Equal(got, []string{current, previous}) {
		t.Fatalf("plain inbound secrets: %d, %v", len(got), err)
	}

	sealed, unopened, err := store.SealSecrets(ctx)
	if err != nil || sealed != 5 || unopened != 0 {
		t.Fatalf("the sweep sealed %d, could not open %d, %v; want 5, 0", sealed, unopened, err)
	}
	after := stored(t, db)
	mustBeSealed(t, after, pubtest.Sealer().CurrentPrefix(), plains...)
	if keys := claimKeys(t, db, store, rec, ep, "msg_after"); !slices.Equal(keys, []string{hmac, priv}) {
		t.Fatal("the relay does not read the swept secrets")
	}
	if got, err := store.InboundSecrets(ctx, body); err != nil || !slices.Equal(got, []string{current, previous}) {
		t.Fatalf("swept inbound secrets: %d, %v", len(got), err)
	}

	sealed, unopened, err = store.SealSecrets(ctx)
	if err != nil || sealed != 0 || unopened != 0 {
		t.Fatalf("the second sweep sealed %d, could not open %d, %v; want nothing done", sealed, unopened, err)
	}
	if again := stored(t, db); !slices.Equal(again, after) {
		t.Fatal("the second sweep changed stored values")
	}
}

func TestRotationOpensOldValuesAndTheSweepMovesThemToTheNewKey(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	rec := pubtest.Seed(t, db).Adopted(t, db, "Rotated")
	a, b := sealtest.Key(0xa), sealtest.Key(0xb)
	underA := pgstore.New(db, pubtest.Sealer(a))
	body, ep := bareEndpoint(t, db, "UNGA")
	out, err := underA.AddSecret(ctx, publishing.Secret{EndpointID: ep, Kind: publishing.HMACSecret, Value: stdwebhooks.NewHMACSecret()})
	if err != nil {
		t.Fatal(err)
	}
	in1, in2 := stdwebhooks.NewHMACSecret(), stdwebhooks.NewHMACSecret()
	for _, sec := range []string{in1, in2} {
		if err := underA.SetInboundSecret(ctx, body, sec); err != nil {
			t.Fatal(err)
		}
	}
	underA.SealSecrets(ctx)
	beforeRotation := stored(t, db)
	mustBeSealed(t, beforeRotation, pubtest.Sealer(a).CurrentPrefix(), out.Value, in1, in2)

	// B alone, A forgotten: nothing opens, the sweep leaves the values.
	var logs bytes.Buffer
	bOnly := pgstore.New(db, pubtest.Sealer(b)).WithLogger(slog.New(slog.NewTextHandler(&logs, nil)))
	if sealed, unopened, err := bOnly.SealSecrets(ctx); err != nil || sealed != 0 || unopened != 3 {
		t.Fatalf("sweeping with a key that opens nothing: sealed %d, unopened %d, %v; want 0, 3", sealed, unopened, err)
	}
	if !slices.Equal(stored(t, db), beforeRotation) || !strings.Contains(logs.String(), "key_id="+seal.KeyID(a)) {
		t.Fatalf("values changed, or the log does not name key %s: %s", seal.KeyID(a), logs.String())
	}

	// B current, A old: values sealed with A open, and the sweep moves
	// them to B.
	rotating := pgstore.New(db, pubtest.Sealer(b, a))
	if got, err := rotating.InboundSecrets(ctx, body); err != nil || !slices.Equal(got, []string{in2, in1}) {
		t.Fatalf("during the rotation: %d inbound secrets, %v", len(got), err)
	}
	if keys := claimKeys(t, db, rotating, rec, ep, "msg_rotating"); !slices.Equal(keys, []string{out.Value}) {
		t.Fatal("during the rotation the relay does not open the secret sealed with the old key")
	}
	if sealed, unopened, err := rotating.SealSecrets(ctx); err != nil || sealed != 3 || unopened != 0 {
		t.Fatalf("the rotation's sweep: sealed %d, unopened %d, %v; want 3, 0", sealed, unopened, err)
	}
	mustBeSealed(t, stored(t, db), pubtest.Sealer(b).CurrentPrefix(), out.Value, in1, in2)

	// A dropped: B alone opens everything; A alone opens nothing.
	if got, err := bOnly.InboundSecrets(ctx, body); err != nil || !slices.Equal(got, []string{in2, in1}) {
		t.Fatalf("B alone: %d inbound secrets, %v", len(got), err)
	}
	if keys := claimKeys(t, db, bOnly, rec, ep, "msg_b_only"); !slices.Equal(keys, []string{out.Value}) {
		t.Fatal("B alone does not open the endpoint's secret")
	}
	if _, err := underA.InboundSecrets(ctx, body); igfplus.ErrorCode(err) != igfplus.EInternal {
		t.Fatalf("A alone after the rotation: %v; want an internal error", err)
	}
}
