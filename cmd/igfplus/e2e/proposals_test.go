package e2e

import (
	"strconv"
	"testing"
)

// TestProposalReviewsAreReadOnlyByTheirReviewersAndTheSecretariat runs
// the demo's call through the real API: the proposer cannot read the
// reviews of their proposal; a reviewer sees no other scores before
// scoring; a reviewer who declared a conflict cannot score; the
// Secretariat reads every review and decides, and the accepted
// proposal's session is in no public list until scheduled.
func TestProposalReviewsAreReadOnlyByTheirReviewersAndTheSecretariat(t *testing.T) {
	n := startNode(t, newCluster(t))
	token := func(email string) string { return signIn(t, n, email, demoPassword) }
	youth, mag1, mag2, sec := token("youth@demo.igf.example"), token("mag.member@demo.igf.example"),
		token("mag.member2@demo.igf.example"), token("secretariat@demo.igf.example")
	var ed struct {
		ID int64 `json:"id"`
	}
	api(t, n, "GET", "/api/editions/current", "", "", 200, &ed)
	var call struct {
		Rubric []struct {
			ID int64 `json:"id"`
		} `json:"rubric"`
	}
	api(t, n, "GET", "/api/editions/"+strconv.FormatInt(ed.ID, 10)+"/call", "", "", 200, &call)
	var mine struct {
		Proposals []struct {
			ID    int64  `json:"id"`
			State string `json:"state"`
		} `json:"proposals"`
	}
	api(t, n, "GET", "/api/me/proposals", youth, "", 200, &mine)
	if len(mine.Proposals) != 1 || len(call.Rubric) != 3 {
		t.Fatalf("the demo's proposer has %+v; rubric %+v", mine, call)
	}
	p := "/api/proposals/" + strconv.FormatInt(mine.Proposals[0].ID, 10)
	scores := `{"scores":{`
	for i, c := range call.Rubric {
		if i > 0 {
			scores += ","
		}
		scores += `"` + strconv.FormatInt(c.ID, 10) + `":4`
	}
	scores += `}}`

	api(t, n, "GET", p+"/reviews", youth, "", 403, nil)
	api(t, n, "PUT", p+"/review", youth, scores, 403, nil)
	api(t, n, "PUT", p+"/review", mag1, scores, 200, nil)
	var seen struct {
		Reviews []struct {
			ReviewerName string         `json:"reviewer_name"`
			Scores       map[string]int `json:"scores"`
		} `json:"reviews"`
	}
	api(t, n, "GET", p+"/reviews", mag2, "", 200, &seen)
	if len(seen.Reviews) != 0 {
		t.Fatalf("before scoring, the second reviewer sees %+v", seen.Reviews)
	}
	api(t, n, "POST", p+"/conflict", mag2, `{"comment":"I advise the organisers."}`, 200, nil)
	api(t, n, "PUT", p+"/review", mag2, scores, 403, nil)
	api(t, n, "GET", p+"/reviews", mag1, "", 200, &seen)
	if len(seen.Reviews) != 2 {
		t.Fatalf("after scoring, the first reviewer sees %d reviews", len(seen.Reviews))
	}
	api(t, n, "GET", p+"/reviews", youth, "", 403, nil)
	api(t, n, "POST", p+"/decision", youth, `{"outcome":"accepted"}`, 403, nil)
	var decided struct {
		State     string `json:"state"`
		SessionID int64  `json:"session_id"`
	}
	api(t, n, "POST", p+"/decision", sec, `{"outcome":"accepted","note":"Welcome to the programme."}`, 200, &decided)
	if decided.State != "accepted" || decided.SessionID == 0 {
		t.Fatalf("decision: %+v", decided)
	}
	var list struct {
		Sessions []struct {
			ID int64 `json:"id"`
		} `json:"sessions"`
	}
	api(t, n, "GET", "/api/sessions", "", "", 200, &list)
	for _, s := range list.Sessions {
		if s.ID == decided.SessionID {
			t.Error("the unscheduled session is in the public programme")
		}
	}
	api(t, n, "GET", p, youth, "", 200, &mine.Proposals[0])
	if mine.Proposals[0].State != "accepted" {
		t.Errorf("the proposer sees %q", mine.Proposals[0].State)
	}
}
