package relay_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
	"github.com/igfplus/igfplus/tracks/publishing/relay"
	"github.com/igfplus/igfplus/tracks/publishing/relay/relaytest"
	"github.com/igfplus/igfplus/tracks/publishing/seal/sealtest"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// enqueue writes n outbox rows for endpoint, as a publication would.
func enqueue(t *testing.T, db *pgdb.DB, rec, endpoint int64, n int) {
	t.Helper()
	pubtest.MustExec(t, db, `INSERT INTO relay_outbox (event_id, endpoint_id, recommendation_id, sequence, payload)
		SELECT 'msg_' || $3 || '_' || g, $2, $1, g, jsonb_build_object('n', g) FROM generate_series(1, $4) g`,
		rec, endpoint, fmt.Sprint(endpoint), n)
}

type row struct {
	State    string
	Attempts int
	Wait     time.Duration
}

func outboxRow(t *testing.T, db *pgdb.DB, endpoint int64) row {
	t.Helper()
	var r row
	var secs float64
	if err := db.Pool.QueryRow(context.Background(), `SELECT state, attempts, extract(epoch FROM next_attempt_at - now())
		FROM relay_outbox WHERE endpoint_id = $1`, endpoint).Scan(&r.State, &r.Attempts, &secs); err != nil {
		t.Fatal(err)
	}
	r.Wait = time.Duration(secs * float64(time.Second))
	return r
}

func setup(t *testing.T) (*pgdb.DB, *pgstore.Store, int64) {
	db := pgtest.DB(t)
	f := pubtest.Seed(t, db)
	return db, pubtest.Store(db), f.Adopted(t, db, "Relayed")
}

// receiving starts a receiver that accepts every delivery signed with a
// new HMAC secret, and adds it as the endpoint of a body named name.
func receiving(t *testing.T, db *pgdb.DB, name string) (*relaytest.Receiver, int64) {
	t.Helper()
	secret := stdwebhooks.NewHMACSecret()
	rc := relaytest.New(t, []string{secret}, nil, nil)
	return rc, pubtest.Endpoint(t, db, name, rc.URL, secret)
}

func TestReceiverErrorMatrixFollowsThePolicy(t *testing.T) {
	ctx := context.Background()
	db, store, rec := setup(t)
	secret := stdwebhooks.NewHMACSecret()
	release := make(chan struct{})
	defer close(release)
	cases := []struct {
		name      string
		respond   func(http.ResponseWriter, *http.Request)
		state     string
		waitMin   time.Duration
		waitMax   time.Duration
		enabled   bool
		errSubstr string
		failure   publishing.Failure
	}{
		{"200 delivers", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(200) }, "delivered", -time.Minute, time.Minute, true, "", publishing.NoFailure},
		{"500 retries after 5s±20%", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(500) }, "pending", 3 * time.Second, 7 * time.Second, true, "", publishing.FailServerError},
		{"timeout retries after 5s±20%", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		}, "pending", 3 * time.Second, 7 * time.Second, true, "Client.Timeout", publishing.FailTimeout},
		{"429 honours Retry-After", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(429)
		}, "pending", 115 * time.Second, 121 * time.Second, true, "", publishing.FailRateLimited},
		{"410 disables the endpoint", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(410) }, "disabled", -time.Minute, time.Minute, false, "", publishing.FailGone},
		{"301 is not followed and fails", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://127.0.0.1:1/elsewhere", http.StatusMovedPermanently)
		}, "pending", 3 * time.Second, 7 * time.Second, true, "redirect not followed", publishing.FailRedirect},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rc := relaytest.New(t, []string{secret}, nil, c.respond)
			ep := pubtest.Endpoint(t, db, fmt.Sprintf("Body %d", i), rc.URL+"/hook", secret)
			enqueue(t, db, rec, ep, 1)
			r := relay.New(relay.Config{Outbox: outboxOf(store, ep), Timeout: 300 * time.Millisecond})
			if n, err := r.Once(ctx, "w", 1); n != 1 || err != nil {
				t.Fatalf("Once = %d, %v", n, err)
			}
			got := outboxRow(t, db, ep)
			if got.State != c.state || got.Attempts != 1 || got.Wait < c.waitMin || got.Wait > c.waitMax {
				t.Fatalf("row %+v, want state %s, wait in [%v, %v]", got, c.state, c.waitMin, c.waitMax)
			}
			var enabled bool
			var logged int
			var errText string
			var failure publishing.Failure
			db.Pool.QueryRow(ctx, `SELECT enabled FROM body_endpoints WHERE id = $1`, ep).Scan(&enabled)
			db.Pool.QueryRow(ctx, `SELECT count(*), max(error), max(failure) FROM relay_attempts a JOIN relay_outbox o ON o.id = a.outbox_id
				WHERE o.endpoint_id = $1`, ep).Scan(&logged, &errText, &failure)
			if enabled != c.enabled || logged != 1 || !strings.Contains(errText, c.errSubstr) || failure != c.failure {
				t.Fatalf("endpoint enabled %v (want %v), %d attempts logged, error %q (want %q), failure %q (want %q)", enabled, c.enabled, logged, errText, c.errSubstr, failure, c.failure)
			}
			if _, requests, _, bad := rc.Counts(); requests != 1 || bad != 0 {
				t.Fatalf("receiver saw %d requests, %d bad signatures; want 1 and 0 (redirect not followed)", requests, bad)
			}
		})
	}
}

// outboxOf restricts a store's claims to one endpoint, so that the matrix's
// cases do not take each other's rows.
func outboxOf(s *pgstore.Store, endpoint int64) publishing.Outbox {
	return onlyEndpoint{s, endpoint}
}

type onlyEndpoint struct {
	*pgstore.Store
	endpoint int64
}

func (o onlyEndpoint) Claim(ctx context.Context, worker string, n int, lease time.Duration) ([]publishing.Job, error) {
	jobs, err := o.Store.Claim(ctx, worker, n, lease)
	for _, j := range jobs {
		if j.EndpointID != o.endpoint {
			return nil, fmt.Errorf("claimed another endpoint's row %d", j.OutboxID)
		}
	}
	return jobs, err
}

func TestSignaturesVerifyWithTheReceiversSecretsOnlyAndDuringRotation(t *testing.T) {
	ctx := context.Background()
	db, store, rec := setup(t)
	oldSecret, newSecret := stdwebhooks.NewHMACSecret(), stdwebhooks.NewHMACSecret()
	priv, pub := stdwebhooks.NewEd25519Key()
	for _, c := range []struct {
		name    string
		secrets []string
		pubs    []string
		ok      bool
	}{
		{"old secret", []string{oldSecret}, nil, true},
		{"new secret", []string{newSecret}, nil, true},
		{"ed25519 public key", nil, []string{pub}, true},
		{"wrong secret", []string{stdwebhooks.NewHMACSecret()}, nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			rc := relaytest.New(t, c.secrets, c.pubs, nil)
			ep := pubtest.Endpoint(t, db, "Rotating "+c.name, rc.URL, oldSecret)
			pubtest.MustExec(t, db, `INSERT INTO endpoint_secrets (endpoint_id, kind, secret) VALUES ($1, 'hmac', $2), ($1, 'ed25519', $3)`, ep, newSecret, priv)
			enqueue(t, db, rec, ep, 1)
			if _, err := relay.New(relay.Config{Outbox: outboxOf(store, ep)}).Once(ctx, "w", 1); err != nil {
				t.Fatal(err)
			}
			effects, _, _, bad := rc.Counts()
			if got := outboxRow(t, db, ep).State; (got == "delivered") != c.ok || (effects == 1) != c.ok || (bad == 0) != c.ok {
				t.Fatalf("state %s, effects %d, bad signatures %d; want accepted=%v", got, effects, bad, c.ok)
			}
		})
	}
}

// Secrets the store makes are sealed in the database; the relay opens them
// to sign, HMAC and Ed25519 alike. A secret that no configured key opens
// is treated as no secret: nothing is sent (never an unsigned delivery),
// the attempt is logged and retried on the usual schedule.
func TestSealedSecretsSignAndOneThatDoesNotOpenSendsNothing(t *testing.T) {
	ctx := context.Background()
	db, store, rec := setup(t)
	priv, pub := stdwebhooks.NewEd25519Key()
	hmac := stdwebhooks.NewHMACSecret()
	sealedEndpoint := func(name, url string, s *pgstore.Store) int64 {
		ep := pubtest.Endpoint(t, db, name, url, stdwebhooks.NewHMACSecret())
		pubtest.MustExec(t, db, `UPDATE endpoint_secrets SET active = false WHERE endpoint_id = $1`, ep)
		for _, sec := range []publishing.Secret{{EndpointID: ep, Kind: publishing.HMACSecret, Value: hmac},
			{EndpointID: ep, Kind: publishing.Ed25519Secret, Value: priv, PublicKey: pub}} {
			if _, err := s.AddSecret(ctx, sec); err != nil {
				t.Fatal(err)
			}
		}
		enqueue(t, db, rec, ep, 1)
		return ep
	}
	for name, rc := range map[string]*relaytest.Receiver{
		"hmac":    relaytest.New(t, []string{hmac}, nil, nil),
		"ed25519": relaytest.New(t, nil, []string{pub}, nil),
	} {
		ep := sealedEndpoint("Sealed "+name, rc.URL, store)
		if _, err := relay.New(relay.Config{Outbox: outboxOf(store, ep)}).Once(ctx, "w", 1); err != nil {
			t.Fatal(err)
		}
		if effects, _, _, bad := rc.Counts(); effects != 1 || bad != 0 || outboxRow(t, db, ep).State != "delivered" {
			t.Fatalf("%s: effects %d, bad signatures %d, state %s; want delivered with a valid signature", name, effects, bad, outboxRow(t, db, ep).State)
		}
	}

	other := pubtest.Sealer(sealtest.Key(7))
	rc := relaytest.New(t, []string{hmac}, []string{pub}, nil)
	ep := sealedEndpoint("Sealed elsewhere", rc.URL, pgstore.New(db, other))
	if _, err := relay.New(relay.Config{Outbox: outboxOf(store, ep)}).Once(ctx, "w", 1); err != nil {
		t.Fatal(err)
	}
	var errText string
	var failure publishing.Failure
	db.Pool.QueryRow(ctx, `SELECT a.error, a.failure FROM relay_attempts a JOIN relay_outbox o ON o.id = a.outbox_id
		WHERE o.endpoint_id = $1`, ep).Scan(&errText, &failure)
	if _, requests, _, bad := rc.Counts(); requests+bad != 0 || !strings.Contains(errText, "no signing key") || failure != publishing.FailSigning || outboxRow(t, db, ep).State != "pending" {
		t.Fatalf("receiver got %d requests, error %q (%q), state %s; want nothing sent, a signing failure and a retry", requests+bad, errText, failure, outboxRow(t, db, ep).State)
	}
}

func TestEndpointsOnPrivateAddressesAreRefusedUnlessAllowed(t *testing.T) {
	ctx := context.Background()
	db, store, rec := setup(t)
	rc, ep := receiving(t, db, "Private")
	// The URL carries its webhook service's token, which no log and no
	// attempt's record may hold.
	pubtest.MustExec(t, db, `UPDATE body_endpoints SET allow_private = false, url = url || '?token=s3cr3t-hook-token' WHERE id = $1`, ep)
	enqueue(t, db, rec, ep, 1)
	var logged bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logged, nil))
	if _, err := relay.New(relay.Config{Outbox: outboxOf(store, ep), Logger: logger}).Once(ctx, "w", 1); err != nil {
		t.Fatal(err)
	}
	var errText string
	var failure publishing.Failure
	db.Pool.QueryRow(ctx, `SELECT error, failure FROM relay_attempts`).Scan(&errText, &failure)
	if _, requests, _, _ := rc.Counts(); requests != 0 || !strings.Contains(errText, "private address") || failure != publishing.FailPrivateAddress || outboxRow(t, db, ep).State != "pending" {
		t.Fatalf("receiver got %d requests, error %q (%q); want refused at dial time", requests, errText, failure)
	}
	if strings.Contains(errText+logged.String(), "s3cr3t") || !strings.Contains(logged.String(), "endpoint refused") {
		t.Fatalf("the endpoint's token in the record %q or the log %q", errText, logged.String())
	}
}

func TestTwoRelaysDeliverEveryEventOnceAndNeverTwiceAtOnce(t *testing.T) {
	const n = 300
	db, store, rec := setup(t)
	secret := stdwebhooks.NewHMACSecret()
	rc := relaytest.New(t, []string{secret}, nil, func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(time.Millisecond) // widen the window in which an overlap would show
		w.WriteHeader(200)
	})
	ep := pubtest.Endpoint(t, db, "Busy", rc.URL, secret)
	enqueue(t, db, rec, ep, n)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for range 2 { // two processes' relays, two workers each
		r := relay.New(relay.Config{Outbox: store, Workers: 2, Poll: 20 * time.Millisecond})
		wg.Go(func() { r.Run(ctx) })
	}
	for ctx.Err() == nil {
		var left int
		db.Pool.QueryRow(ctx, `SELECT count(*) FROM relay_outbox WHERE state <> 'delivered'`).Scan(&left)
		if left == 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	wg.Wait()
	effects, requests, overlaps, bad := rc.Counts()
	if effects != n || requests != n || overlaps != 0 || bad != 0 {
		t.Fatalf("effects %d, requests %d, overlaps %d, bad signatures %d; want %d, %d, 0, 0", effects, requests, overlaps, bad, n, n)
	}
}

func TestAnExpiredLeaseIsTakenOverAndTheOldHolderCannotOverwrite(t *testing.T) {
	ctx := context.Background()
	db, store, rec := setup(t)
	_, ep := receiving(t, db, "Crashy")
	enqueue(t, db, rec, ep, 1)
	jobs, err := store.Claim(ctx, "crashed", 1, time.Minute)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("claim: %v, %v", jobs, err)
	}
	if again, _ := store.Claim(ctx, "other", 1, time.Minute); len(again) != 0 {
		t.Fatalf("a leased row was claimed again: %+v", again)
	}
	pubtest.MustExec(t, db, `UPDATE relay_outbox SET claimed_until = now() - interval '1 second'`)
	if _, err := relay.New(relay.Config{Outbox: store}).Once(ctx, "survivor", 1); err != nil {
		t.Fatal(err)
	}
	late := publishing.AttemptResult{Status: 500, Decision: publishing.Decision{Outcome: publishing.Retry, Wait: time.Hour}}
	if err := store.Complete(ctx, "crashed", jobs[0], late); err != nil {
		t.Fatal(err)
	}
	if got := outboxRow(t, db, ep); got.State != "delivered" || got.Attempts != 2 {
		t.Fatalf("row %+v, want delivered on the second attempt despite the stale completion", got)
	}
}

func TestAReplayedDeliverySendsTheSameWebhookIDAgain(t *testing.T) {
	ctx := context.Background()
	db, store, rec := setup(t)
	rc, ep := receiving(t, db, "Replayed")
	enqueue(t, db, rec, ep, 1)
	r := relay.New(relay.Config{Outbox: store})
	r.Once(ctx, "w", 1)
	log, err := store.Deliveries(ctx, ep, 10)
	if err != nil || len(log) != 1 || log[0].Status != 200 && log[0].Status != 204 {
		t.Fatalf("log %+v, %v", log, err)
	}
	if err := store.Replay(ctx, log[0].ID); err != nil {
		t.Fatal(err)
	}
	r.Once(ctx, "w", 1)
	effects, requests, _, _ := rc.Counts()
	if effects != 1 || requests != 2 || outboxRow(t, db, ep).State != "delivered" {
		t.Fatalf("effects %d, requests %d; want the same id sent twice, applied once", effects, requests)
	}
	steps, err := store.Timeline(ctx, rec)
	if err != nil || len(steps) != 2 || steps[1].Kind != publishing.StepRelayed || steps[1].Body != "Replayed" {
		t.Fatalf("timeline %+v, %v; want adopted, then relayed to Replayed", steps, err)
	}
}

// Every refused range is refused at dial time too, after resolution, when
// the endpoint does not have the Secretariat's allowance: nothing is sent
// (the dialer's hook runs before the connection is made), and the attempt
// is logged with the reason and retried on the normal schedule. Among them
// the forms that embed a refused IPv4 address (NAT64, 6to4, IPv4-compatible)
// and the IPv4 ranges the attacker's look dialled (0.0.0.0/8, 198.18.0.0/15).
func TestDialTimeRefusesEveryPrivateRangeWithoutTheAllowance(t *testing.T) {
	ctx := context.Background()
	db, store, rec := setup(t)
	for i, host := range []string{"127.0.0.1", "169.254.169.254", "10.0.0.1", "172.16.0.1", "192.168.0.1",
		"[::1]", "[fc00::1]", "[fe80::1]", "[64:ff9b::7f00:1]", "[64:ff9b::a9fe:a9fe]", "[2002:7f00:1::]", "[::7f00:1]",
		"0.0.0.1", "198.18.0.1", "100.64.0.1", "240.0.0.1", "[2001:db8::1]"} {
		t.Run(host, func(t *testing.T) {
			ep := pubtest.Endpoint(t, db, fmt.Sprintf("Refused %d", i), "http://"+host+":9/hook", stdwebhooks.NewHMACSecret())
			pubtest.MustExec(t, db, `UPDATE body_endpoints SET allow_private = false WHERE id = $1`, ep)
			enqueue(t, db, rec, ep, 1)
			if _, err := relay.New(relay.Config{Outbox: outboxOf(store, ep), Timeout: time.Second}).Once(ctx, "w", 1); err != nil {
				t.Fatal(err)
			}
			var errText string
			db.Pool.QueryRow(ctx, `SELECT a.error FROM relay_attempts a JOIN relay_outbox o ON o.id = a.outbox_id
				WHERE o.endpoint_id = $1`, ep).Scan(&errText)
			if !strings.Contains(errText, "private address") || outboxRow(t, db, ep).State != "pending" {
				t.Fatalf("error %q, state %s; want refused at dial time and retried later", errText, outboxRow(t, db, ep).State)
			}
		})
	}
}
