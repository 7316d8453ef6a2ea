package e2e

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
	"github.com/igfplus/igfplus/tracks/publishing/relay/relaytest"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

// relayEvents is the count of the two-process relay test: 10,000 is the
// issue's acceptance figure and takes about 35 s under -race on two cores.
var relayEvents = flag.Int("relay-events", 10000, "events the two-process relay test delivers")

// demoFixture names the demo's programme and secretariat for pubtest.
func demoFixture(t *testing.T, db *pgdb.DB) pubtest.Fixture {
	t.Helper()
	var f pubtest.Fixture
	if err := db.Pool.QueryRow(context.Background(), `SELECT t.edition_id, t.policy_issue_id, t.id,
			(SELECT account_id FROM account_roles WHERE role = 'secretariat' LIMIT 1)
		FROM tracks t WHERE t.kind = 'thematic' ORDER BY t.id LIMIT 1`).Scan(&f.EditionID, &f.PolicyIssueID, &f.TrackID, &f.Secretariat); err != nil {
		t.Fatal(err)
	}
	return f
}

// forumFixture names the test forum's programme and Secretariat for
// pubtest.
func forumFixture(f *forumtest.Forum) pubtest.Fixture {
	return pubtest.Fixture{EditionID: f.EditionID, PolicyIssueID: f.PolicyIssueID, TrackID: f.TrackID, Secretariat: f.Secretariat.ID}
}

// within polls cond every 50 ms for up to limit.
func within(limit time.Duration, cond func() bool) bool {
	for end := time.Now().Add(limit); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

// TestAPublicationCommittedBeforeAKillIsDeliveredAfterRestart publishes
// through the API of a node that sends nothing (--relay-workers 0), so the
// outbox row is committed and not sent; kills that process with SIGKILL;
// and checks that a node started afterwards delivers the event, once.
func TestAPublicationCommittedBeforeAKillIsDeliveredAfterRestart(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	n1 := startNode(t, c, "--relay-workers", "0")
	db := openDB(t, c)
	rec := demoFixture(t, db).Adopted(t, db, "Delivered after a crash")
	sec := signIn(t, n1, "secretariat@demo.igf.example", "igfplus-demo")
	var body, endpoint struct{ ID int64 }
	apiCall(t, n1, sec, http.MethodPost, "/api/bodies", map[string]string{"name": "Crash-test body", "kind": "other"}, &body)
	apiCall(t, n1, sec, http.MethodPost, fmt.Sprintf("/api/bodies/%d/endpoints", body.ID),
		map[string]any{"url": "https://relay.example.org/hook"}, &endpoint)
	var secret struct{ Value string }
	apiCall(t, n1, sec, http.MethodPost, fmt.Sprintf("/api/endpoints/%d/secrets", endpoint.ID), map[string]string{"kind": "hmac"}, &secret)
	rc := relaytest.New(t, []string{secret.Value}, nil, nil)
	apiCall(t, n1, sec, http.MethodPut, fmt.Sprintf("/api/endpoints/%d", endpoint.ID),
		map[string]any{"url": rc.URL + "/hook", "allow_private": true}, &endpoint)

	for _, member := range []string{"panel.chair@demo.igf.example", "panel.member@demo.igf.example"} {
		var out struct{ Published bool }
		apiCall(t, n1, signIn(t, n1, member, "igfplus-demo"), http.MethodPost, fmt.Sprintf("/api/publications/%d/approvals", rec), nil, &out)
	}
	var rows int
	db.Pool.QueryRow(ctx, `SELECT count(*) FROM relay_outbox WHERE recommendation_id = $1 AND state = 'pending'`, rec).Scan(&rows)
	if rows != 1 {
		t.Fatalf("%d pending outbox rows after publishing, want 1 (the demo's bodies have disabled endpoints)", rows)
	}
	var demoBodies, demoEnabled int
	db.Pool.QueryRow(ctx, `SELECT count(DISTINCT b.id), count(*) FILTER (WHERE e.enabled) FROM bodies b
		JOIN body_endpoints e ON e.body_id = b.id WHERE b.kind IN ('un_general_assembly', 'cstd', 'itu', 'unesco', 'parliament')`).Scan(&demoBodies, &demoEnabled)
	if demoBodies != 5 || demoEnabled != 0 {
		t.Fatalf("demo registry: %d bodies, %d enabled endpoints; want 5 and 0", demoBodies, demoEnabled)
	}
	if err := n1.cmd.Process.Kill(); err != nil { // SIGKILL: no shutdown, no flush
		t.Fatal(err)
	}
	n1.cmd.Wait()
	if effects, requests, _, _ := rc.Counts(); effects+requests != 0 {
		t.Fatalf("the killed node sent %d requests", requests)
	}

	n2 := startNode(t, c, "--relay-workers", "2")
	if !within(30*time.Second, func() bool { effects, _, _, _ := rc.Counts(); return effects == 1 }) {
		t.Fatal("the event committed before the kill was not delivered within 30 s of the restart")
	}
	var state string
	if !within(5*time.Second, func() bool {
		db.Pool.QueryRow(ctx, `SELECT state FROM relay_outbox WHERE recommendation_id = $1`, rec).Scan(&state)
		return state == "delivered"
	}) {
		t.Fatalf("outbox row %s, want delivered", state)
	}
	if effects, requests, overlaps, bad := rc.Counts(); effects != 1 || requests != 1 || overlaps+bad != 0 {
		t.Fatalf("effects %d, requests %d, overlaps %d, bad signatures %d; want one delivery", effects, requests, overlaps, bad)
	}
	metrics := getText(t, n2.Metrics+"/metrics")
	for _, want := range []string{`igfplus_relay_deliveries_total{outcome="delivered"} 1`, `igfplus_relay_deliveries_total{outcome="retry"} 0`,
		"igfplus_relay_outbox_backlog 0", "igfplus_relay_outbox_oldest_age_seconds 0"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}

// getText GETs url and returns the body.
func getText(t *testing.T, url string) string {
	t.Helper()
	_, b := httpGet(t, url)
	return string(b)
}

// httpGet GETs url and returns the response with its body read and closed.
func httpGet(t *testing.T, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// TestFourRelayWorkersInTwoProcessesDeliverEachEventOnce runs two nodes of
// the real binary with two relay workers each against one outbox of
// -relay-events events for a local receiver: each webhook-id's effect
// happens once, none is ever in flight twice at once, and both processes
// took part.
func TestFourRelayWorkersInTwoProcessesDeliverEachEventOnce(t *testing.T) {
	ctx := context.Background()
	n := *relayEvents
	c := newCluster(t)
	f := newForum(t, c)
	secret := stdwebhooks.NewHMACSecret()
	rc := relaytest.New(t, []string{secret}, nil, nil)
	for range 2 {
		startNode(t, c, "--relay-workers", "2")
	}
	db := openDB(t, c)
	rec := forumFixture(f).Adopted(t, db, "Relayed ten thousand times")
	ep := pubtest.Endpoint(t, db, "Busy body", rc.URL+"/hook", secret)
	start := time.Now()
	pubtest.MustExec(t, db, `INSERT INTO relay_outbox (event_id, endpoint_id, recommendation_id, sequence, payload)
		SELECT 'msg_load_' || g, $1, $2, g, jsonb_build_object('sequence', g) FROM generate_series(1, $3) g`, ep, rec, n)
	if !within(100*time.Second, func() bool { effects, _, _, _ := rc.Counts(); return effects >= n }) {
		effects, _, _, _ := rc.Counts()
		t.Fatalf("%d of %d events delivered within 100 s", effects, n)
	}
	elapsed := time.Since(start)
	var left, processes, workers int
	within(5*time.Second, func() bool {
		db.Pool.QueryRow(ctx, `SELECT count(*) FROM relay_outbox WHERE state <> 'delivered'`).Scan(&left)
		return left == 0
	})
	db.Pool.QueryRow(ctx, `SELECT count(DISTINCT split_part(worker, '-', 1)), count(DISTINCT worker) FROM relay_attempts`).Scan(&processes, &workers)
	effects, requests, overlaps, bad := rc.Counts()
	t.Logf("%d events delivered by %d workers in %d processes in %v (%.0f/s)", effects, workers, processes, elapsed.Round(time.Millisecond), float64(effects)/elapsed.Seconds())
	if effects != n || requests != n || overlaps != 0 || bad != 0 || left != 0 || processes != 2 || workers != 4 {
		t.Fatalf("effects %d, requests %d, overlaps %d, bad signatures %d, rows not delivered %d, processes %d, workers %d; want %d, %d, 0, 0, 0, 2, 4",
			effects, requests, overlaps, bad, left, processes, workers, n, n)
	}
}

// TestAnEventInFlightWhenItsSenderIsKilledIsSentAgainAndAppliedOnce: the
// receiver holds the first request open; the sending process is killed
// with SIGKILL mid-request, before it can record anything; once its lease
// (4 × --relay-timeout) runs out a node started afterwards sends the same
// webhook-id again, which the receiver applies once.
func TestAnEventInFlightWhenItsSenderIsKilledIsSentAgainAndAppliedOnce(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	f := newForum(t, c)
	secret := stdwebhooks.NewHMACSecret()
	arrived := make(chan struct{}, 4)
	var attempts atomic.Int32
	rc := relaytest.New(t, []string{secret}, nil, func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		if attempts.Add(1) == 1 {
			<-r.Context().Done() // the first attempt hangs until its sender dies
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	n1 := startNode(t, c, "--relay-workers", "1", "--relay-timeout", "2s")
	db := openDB(t, c)
	rec := forumFixture(f).Adopted(t, db, "Sent again after a crash")
	ep := pubtest.Endpoint(t, db, "Slow body", rc.URL+"/hook", secret)
	pubtest.MustExec(t, db, `INSERT INTO relay_outbox (event_id, endpoint_id, recommendation_id, sequence, payload)
		VALUES ('msg_inflight', $1, $2, 1, '{"sequence":1}')`, ep, rec)
	select {
	case <-arrived:
	case <-time.After(20 * time.Second):
		t.Fatal("the first attempt never arrived")
	}
	n1.cmd.Process.Kill()
	n1.cmd.Wait()
	var state string
	db.Pool.QueryRow(ctx, `SELECT state FROM relay_outbox WHERE event_id = 'msg_inflight'`).Scan(&state)
	if state != "delivering" {
		t.Fatalf("row %s after the kill, want delivering (leased to the dead process)", state)
	}
	startNode(t, c, "--relay-workers", "1", "--relay-timeout", "2s")
	if !within(30*time.Second, func() bool {
		db.Pool.QueryRow(ctx, `SELECT state FROM relay_outbox WHERE event_id = 'msg_inflight'`).Scan(&state)
		return state == "delivered"
	}) {
		t.Fatalf("row %s 30 s after the restart, want delivered", state)
	}
	if effects, requests, overlaps, bad := rc.Counts(); effects != 1 || requests != 2 || overlaps+bad != 0 {
		t.Fatalf("effects %d, requests %d, overlaps %d, bad signatures %d; want the same id twice, applied once", effects, requests, overlaps, bad)
	}
}
