package web_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/voting"
)

// A question put to the session's room (session_id, no recommendation_id)
// and a ranked election run through the API; bad input is refused with a
// problem that says what to fix, and changes nothing.
func TestQuickPollsAndRankedElectionsThroughTheAPI(t *testing.T) {
	h, open := votingAPI(t)
	create := func(body string) (int, string, voting.Poll) {
		code, out := do(t, h, "POST", "/api/polls", "chair", body, nil)
		var p voting.Poll
		_ = json.Unmarshal([]byte(out), &p)
		return code, out, p
	}
	code, out, quick := create(fmt.Sprintf(`{"session_id":%d,"question":"Which two first?","kind":"choose","options":["Access","Rights","Trust"],"choose_max":2}`, open.SessionID))
	if code != 201 || quick.RecommendationID != 0 || quick.Rule != voting.Plurality || strings.Contains(out, "recommendation_id") {
		t.Fatalf("a quick choose-2 poll: %d %s", code, out)
	}
	code, out, election := create(fmt.Sprintf(`{"session_id":%d,"question":"Elect the rapporteur","kind":"ranked",
		"candidates":[{"account_id":%d},{"name":"Rajesh Iyer"},{"name":"Lucía Pérez"}]}`, open.SessionID, open.CreatedBy))
	if code != 201 || election.Rule != voting.InstantRunoff || len(election.Options) != 3 || election.Options[0] == "" {
		t.Fatalf("a ranked election: %d %s", code, out)
	}
	for what, body := range map[string]string{
		"an unknown candidate account":  fmt.Sprintf(`{"session_id":%d,"question":"Elect","kind":"ranked","candidates":[{"account_id":999999999},{"name":"B"}]}`, open.SessionID),
		"choose_max out of range":       fmt.Sprintf(`{"session_id":%d,"question":"Q","kind":"choose","options":["a","b"],"choose_max":2}`, open.SessionID),
		"no session nor recommendation": `{"question":"Q","kind":"yes_no_abstain","rule":"majority"}`,
		"two seats by instant runoff":   fmt.Sprintf(`{"session_id":%d,"question":"Q","kind":"ranked","options":["a","b","c"],"choose_max":2}`, open.SessionID),
	} {
		if code, out, _ := create(body); code != 422 || !strings.Contains(out, "cannot be set up") {
			t.Errorf("%s: %d %s; want 422 saying why", what, code, out)
		}
	}
	for _, id := range []int64{quick.ID, election.ID} {
		if code, out := do(t, h, "POST", fmt.Sprintf("/api/polls/%d/open", id), "chair", "", nil); code != 200 {
			t.Fatalf("open %d: %d %s", id, code, out)
		}
	}
	ballots := fmt.Sprintf("/api/polls/%d/ballots", election.ID)
	for what, c := range map[string]struct{ body, want string }{
		"a duplicate rank":     {`{"ranking":[2,2]}`, "one rank"},
		"an unknown candidate": {`{"ranking":[4]}`, "numbered from 1 to 3"},
		"no ranking":           {`{"options":[1]}`, "Rank at least one"},
	} {
		if code, out := do(t, h, "POST", ballots, "v1", c.body, nil); code != 422 || !strings.Contains(out, c.want) {
			t.Errorf("%s: %d %s; want 422 with %q", what, code, out, c.want)
		}
	}
	if code, out := do(t, h, "POST", fmt.Sprintf("/api/polls/%d/ballots", quick.ID), "v1", `{"options":[1,2,3]}`, nil); code != 422 || !strings.Contains(out, "from 1 to 2") {
		t.Errorf("three options of a choose-2 poll: %d %s", code, out)
	}
	for v, ranking := range map[string]string{"v1": "[2,1]", "v2": "[2]", "v3": "[1,3]", "v4": "[3,1]", "v5": "[2,3]"} {
		if code, out := do(t, h, "POST", ballots, v, `{"ranking":`+ranking+`}`, nil); code != 201 {
			t.Fatalf("%s ranks %s: %d %s", v, ranking, code, out)
		}
	}
	code, out = do(t, h, "POST", fmt.Sprintf("/api/polls/%d/close", election.ID), "chair", "", nil)
	var closed voting.Poll
	if json.Unmarshal([]byte(out), &closed); code != 200 || closed.Result == nil || !slices.Equal(closed.Result.Winners, []int{2}) || len(closed.Result.Rounds) != 1 {
		t.Fatalf("the closed election: %d %s; want Rajesh elected in round 1 (3 of 5)", code, out)
	}
	code, out = do(t, h, "GET", fmt.Sprintf("/api/polls/%d/log", election.ID), "", "", nil)
	var log voting.PublicLog
	if json.Unmarshal([]byte(out), &log); code != 200 || log.Verify() != nil || len(log.Settings.Candidates) != 3 {
		t.Fatalf("the election's log: %d %s", code, out)
	}
}
