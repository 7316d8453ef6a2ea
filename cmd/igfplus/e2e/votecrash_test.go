package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// TestAcknowledgedVotesSurviveAKilledServer kills the server with SIGKILL
// while ballots flow, restarts it, closes the poll, and checks that every
// ballot acknowledged before the kill is in the published log, which
// `igfplus verify` accepts; then it tampers with one log row and checks
// that `igfplus verify` fails.
func TestAcknowledgedVotesSurviveAKilledServer(t *testing.T) {
	ctx := context.Background()
	e := newElection(t, 400)
	c, n, db, tokens, chair, poll := e.cluster, e.node, e.db, e.tokens, e.chair, e.poll

	acked := castUntilKilled(t, n, poll, tokens, 150)
	n2 := startNode(t, c)
	var closed struct {
		Result struct {
			Ballots int `json:"ballots"`
		} `json:"result"`
	}
	apiCall(t, n2, chair, http.MethodPost, fmt.Sprintf("/api/polls/%d/close", poll), nil, &closed)
	var log struct {
		Entries []struct {
			BallotID string `json:"ballot_id"`
		} `json:"entries"`
	}
	apiCall(t, n2, chair, http.MethodGet, fmt.Sprintf("/api/polls/%d/log", poll), nil, &log)
	inLog := map[string]bool{}
	for _, e := range log.Entries {
		inLog[e.BallotID] = true
	}
	for _, r := range acked {
		if !inLog[r] {
			t.Errorf("acknowledged ballot %s is not in the log", r)
		}
	}
	if closed.Result.Ballots != len(log.Entries) || len(acked) < 150 {
		t.Fatalf("result counts %d, log has %d, %d were acknowledged", closed.Result.Ballots, len(log.Entries), len(acked))
	}
	t.Logf("%d ballots acknowledged before the kill, %d counted", len(acked), closed.Result.Ballots)

	verifyCmd := func() (string, error) {
		out, err := exec.Command(binary(t), "verify", "--url", n2.URL, "--poll", fmt.Sprint(poll)).CombinedOutput()
		return string(out), err
	}
	if out, err := verifyCmd(); err != nil || !strings.Contains(out, "verified") {
		t.Fatalf("igfplus verify on an untouched log: %v\n%s", err, out)
	}
	if _, err := db.Exec(ctx, `
		UPDATE ballot_log SET choice = CASE WHEN choice->>'answer' = 'yes' THEN '{"answer":"no"}' ELSE '{"answer":"yes"}' END::jsonb
		WHERE poll_id = $1 AND position = 1`, poll); err != nil {
		t.Fatal(err)
	}
	if out, err := verifyCmd(); err == nil {
		t.Fatalf("igfplus verify accepted a tampered log:\n%s", out)
	}
}

// election is a node of its own cluster, on a test forum with two live
// sessions, with an open secret poll in the first, the Secretariat's token
// and voters' tokens.
type election struct {
	cluster cluster
	node    *node
	db      *pgx.Conn
	tokens  []string
	chair   string
	poll    int64
}

func newElection(t *testing.T, voters int) election {
	t.Helper()
	ctx := context.Background()
	e := election{cluster: newCluster(t)}
	f := newForum(t, e.cluster)
	f.LiveSession(t, "Another live session")
	e.node = startNode(t, e.cluster)
	db, err := pgx.Connect(ctx, e.cluster.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(ctx) })
	e.db = db
	e.tokens = votersWithTokens(t, db, e.cluster.TokenKey, voters)
	e.chair = signInAs(t, e.node, f.Secretariat)
	e.poll = openTestPoll(t, db, e.node, e.chair)
	return e
}

// castUntilKilled casts ballots from several clients and kills the node
// once min have been acknowledged; it returns the acknowledged receipts.
func castUntilKilled(t *testing.T, n *node, poll int64, tokens []string, min int) []string {
	t.Helper()
	var mu sync.Mutex
	var acked []string
	next := make(chan string)
	go func() {
		defer close(next)
		for _, tok := range tokens {
			next <- tok
		}
	}()
	var wg sync.WaitGroup
	killed := make(chan struct{})
	var once sync.Once
	client := &http.Client{Timeout: 5 * time.Second}
	for range 12 {
		wg.Go(func() {
			for tok := range next {
				receipt, ok := castOnce(client, n.URL, poll, tok)
				mu.Lock()
				if ok {
					acked = append(acked, receipt)
				}
				if len(acked) >= min {
					once.Do(func() { n.cmd.Process.Kill(); close(killed) })
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	select {
	case <-killed:
	default:
		t.Fatalf("only %d ballots were acknowledged", len(acked))
	}
	return acked
}

func castOnce(c *http.Client, base string, poll int64, token string) (string, bool) {
	req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/polls/%d/ballots", base, poll), strings.NewReader(`{"answer":"yes"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.Do(req)
	if err != nil {
		return "", false
	}
	defer resp.Body.Close()
	var r struct {
		Receipt string `json:"receipt"`
	}
	if resp.StatusCode != http.StatusCreated || json.NewDecoder(resp.Body).Decode(&r) != nil {
		return "", false
	}
	return r.Receipt, true
}

// The issuer and audience of the binary's access tokens (cmd/igfplus's
// tokenIssuer and tokenAudience).
const tokenIssuer, tokenAudience = "igfplus", "igfplus"

// votersWithTokens registers n participants directly in the database and
// mints their access tokens with the cluster's key: registering them
// through the API would spend the test's time hashing passwords.
func votersWithTokens(t *testing.T, db *pgx.Conn, key string, n int) []string {
	t.Helper()
	ctx := context.Background()
	k, err := auth.ParseKey(key)
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := auth.NewTokens(auth.TokenConfig{Keys: auth.NewKeys(k), Issuer: tokenIssuer, Audience: tokenAudience})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(ctx, `
		WITH made AS (
			INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region, email_verified_at)
			SELECT 'voter' || g || '@test.example', 'x', 'Voter ' || g,
			       (ARRAY['government','private_sector','civil_society','technical_community','academia'])[1 + g % 5], 'african', now()
			FROM generate_series(1, $1) AS g RETURNING id, display_name, stakeholder_group, region, token_version),
		roles AS (INSERT INTO account_roles (account_id, role) SELECT id, 'participant' FROM made)
		SELECT * FROM made`, n)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var who igfplus.Identity
		if err := rows.Scan(&who.AccountID, &who.Name, &who.StakeholderGroup, &who.Region, &who.TokenVersion); err != nil {
			t.Fatal(err)
		}
		who.Roles = []igfplus.Role{igfplus.RoleParticipant}
		tok, _, err := tokens.Issue(who, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tok)
	}
	return out
}

// openTestPoll opens a secret yes/no poll on a new recommendation of a live
// thematic session, through the API.
func openTestPoll(t *testing.T, db *pgx.Conn, n *node, chair string) int64 {
	t.Helper()
	var rec, session int64
	err := db.QueryRow(context.Background(), `
		INSERT INTO recommendations (policy_issue_id, track_id, session_id, title, created_by)
		SELECT s.policy_issue_id, s.track_id, s.id, 'Crash-safe voting', (SELECT min(id) FROM accounts)
		FROM sessions s JOIN tracks k ON k.id = s.track_id WHERE s.state = 'live' AND k.kind = 'thematic'
		ORDER BY s.id LIMIT 1 RETURNING id, session_id`).Scan(&rec, &session)
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		ID int64 `json:"id"`
	}
	apiCall(t, n, chair, http.MethodPost, "/api/polls", map[string]any{"recommendation_id": rec, "session_id": session,
		"question": "Adopt?", "kind": "yes_no_abstain", "rule": "majority", "secret": true}, &p)
	apiCall(t, n, chair, http.MethodPost, fmt.Sprintf("/api/polls/%d/open", p.ID), nil, nil)
	return p.ID
}

// apiCall sends a JSON request and decodes the answer, which must be a
// success with a JSON body, into out (when not nil).
func apiCall(t *testing.T, n *node, token, method, path string, in, out any) {
	t.Helper()
	code, data := apiDo(t, n, token, method, path, in)
	if code >= 300 {
		t.Fatalf("%s %s: status %d %s", method, path, code, data)
	}
	if out == nil {
		out = &json.RawMessage{}
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatalf("%s %s: %v in %s", method, path, err, data)
	}
}
