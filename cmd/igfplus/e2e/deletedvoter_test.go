package e2e

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/forumtest"
)

// TestADeletedVoterLeavesTheBallotLogVerifiableAndTheElectorateWhole: three
// participants vote in a secret poll; one downloads their data (it holds
// the poll among their electorates but neither their choice nor their
// receipt) and deletes their account while the poll is open; the
// electorate keeps the size it had at opening (docs/BALLOT-SECRECY.md,
// "Deleted accounts"), the poll closes with the three ballots, and
// `igfplus verify`, the real binary, verifies the published log.
func TestADeletedVoterLeavesTheBallotLogVerifiableAndTheElectorateWhole(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	f := newForum(t, c)
	people := []struct {
		name, answer string
	}{{"Nadia Haddad", "no"}, {"Tomas Lindqvist", "yes"}, {"Wen Li", "abstain"}}
	var tokens []string
	n := startNode(t, c)
	for _, p := range people {
		tokens = append(tokens, signInAs(t, n, f.Participant(t, p.name)))
	}
	db, err := pgx.Connect(ctx, c.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(ctx) })
	chair := signInAs(t, n, f.Secretariat)
	poll := openTestPoll(t, db, n, chair)
	pollPath := fmt.Sprintf("/api/polls/%d", poll)
	var opened struct {
		Electorate int `json:"electorate"`
	}
	apiCall(t, n, chair, http.MethodGet, pollPath, nil, &opened)
	if opened.Electorate < len(people) {
		t.Fatalf("the electorate at opening is %d, fewer than the %d voters", opened.Electorate, len(people))
	}

	var receipts []string
	for i, p := range people {
		var r struct {
			Receipt string `json:"receipt"`
		}
		apiCall(t, n, tokens[i], http.MethodPost, pollPath+"/ballots", map[string]string{"answer": p.answer}, &r)
		receipts = append(receipts, r.Receipt)
	}

	// Nadia voted "no", the only one to: her export must not say so.
	code, export := apiDo(t, n, tokens[0], http.MethodGet, "/api/me/export", nil)
	if code != http.StatusOK {
		t.Fatalf("GET /api/me/export: %d %s", code, export)
	}
	if !strings.Contains(string(export), `"poll_id":`+fmt.Sprint(poll)) {
		t.Errorf("the export does not list the poll among her electorates:\n%s", export)
	}
	for _, leak := range []string{receipts[0], `"answer"`, `"no"`, `"choice"`, "ballot_id", "voter_tag"} {
		if strings.Contains(string(export), leak) {
			t.Errorf("the export holds %q, a ballot's content:\n%s", leak, export)
		}
	}

	if code, body := apiDo(t, n, tokens[0], http.MethodDelete, "/api/me", map[string]string{"password": forumtest.Password}); code != http.StatusNoContent {
		t.Fatalf("DELETE /api/me: %d %s", code, body)
	}
	var open struct {
		Electorate int `json:"electorate"`
	}
	apiCall(t, n, chair, http.MethodGet, pollPath, nil, &open)
	if open.Electorate != opened.Electorate {
		t.Errorf("the open poll's electorate went from %d to %d with a deletion", opened.Electorate, open.Electorate)
	}

	var closed struct {
		Electorate int `json:"electorate"`
		Result     struct {
			Ballots int `json:"ballots"`
		} `json:"result"`
	}
	apiCall(t, n, chair, http.MethodPost, pollPath+"/close", nil, &closed)
	if closed.Result.Ballots != len(people) || closed.Electorate != opened.Electorate {
		t.Errorf("closed with %d ballots of an electorate of %d; want %d of %d", closed.Result.Ballots, closed.Electorate, len(people), opened.Electorate)
	}
	out, err := exec.Command(binary(t), "verify", "--url", n.URL, "--poll", fmt.Sprint(poll)).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "verified") {
		t.Fatalf("igfplus verify after a voter's deletion: %v\n%s", err, out)
	}
	for _, r := range receipts {
		if !logHolds(t, n, chair, poll, r) {
			t.Errorf("receipt %s is not in the published log", r)
		}
	}
}

// logHolds says whether the published log of poll holds the ballot whose
// receipt is receipt.
func logHolds(t *testing.T, n *node, token string, poll int64, receipt string) bool {
	t.Helper()
	var log struct {
		Entries []struct {
			BallotID string `json:"ballot_id"`
		} `json:"entries"`
	}
	apiCall(t, n, token, http.MethodGet, fmt.Sprintf("/api/polls/%d/log", poll), nil, &log)
	for _, e := range log.Entries {
		if e.BallotID == receipt {
			return true
		}
	}
	return false
}
