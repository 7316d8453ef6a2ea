package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/hub/pglog/pglogtest"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
	votingstore "github.com/igfplus/igfplus/tracks/voting/pgstore"
)

// followers lets the secretariat run polls and everyone signed in follow.
type followers struct{}

func (followers) MayModerate(context.Context, igfplus.Identity, int64) error {
	return igfplus.Errorf(igfplus.EForbidden, "Only the session's moderators can do that.")
}

func (followers) CanFollow(context.Context, igfplus.Identity, int64) error { return nil }

// votingAPI is the API with a voting service on the test's own forum, an open
// secret poll in a live session (returned as it opened), and people named
// by X-Test-As: "chair" (the secretariat) and voters "v1".."v6", one per
// stakeholder group; v6 was banned from the session once the poll opened.
func votingAPI(t *testing.T) (http.Handler, voting.Poll) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	db := pgtest.DB(t)
	forum := forumtest.New(t, db)
	keys, _ := voting.NewKeys([]byte(strings.Repeat("k", 32)))
	store := votingstore.New(db, pglogtest.NewRecorder(t, db.Pool), nil, keys)
	go store.Run(ctx)
	svc := voting.NewService(store, followers{}, keys)
	people := map[string]igfplus.Identity{}
	rows, err := db.Pool.Query(ctx, `
		WITH made AS (
			INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region, email_verified_at)
			SELECT 'v' || g || '@test.example', 'x', 'V' || g,
			       (ARRAY['government','intergovernmental','private_sector','civil_society','technical_community','academia'])[g], 'african', now()
			FROM generate_series(1, 7) AS g WHERE g <= 6
			RETURNING id, display_name, stakeholder_group),
		r AS (INSERT INTO account_roles (account_id, role) SELECT id, 'participant' FROM made)
		SELECT id, display_name, stakeholder_group FROM made ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; rows.Next(); i++ {
		var who igfplus.Identity
		if err := rows.Scan(&who.AccountID, &who.Name, &who.StakeholderGroup); err != nil {
			t.Fatal(err)
		}
		who.Roles = []igfplus.Role{igfplus.RoleParticipant}
		people[fmt.Sprint("v", i)] = who
	}
	chair := igfplus.Identity{AccountID: people["v1"].AccountID, Roles: []igfplus.Role{igfplus.RoleSecretariat}}
	people["chair"] = chair
	session, track := forum.Session, forum.TrackID
	var rec int64
	if err := db.Pool.QueryRow(ctx, `INSERT INTO recommendations (policy_issue_id, track_id, session_id, title, created_by)
		VALUES ($1, $2, $3, 'Open data', $4) RETURNING id`, forum.PolicyIssueID, track, session, chair.AccountID).Scan(&rec); err != nil {
		t.Fatal(err)
	}
	p, err := svc.CreatePoll(ctx, chair, voting.Settings{RecommendationID: rec, SessionID: session, Question: "Adopt?",
		Kind: voting.YesNoAbstain, Rule: voting.Multistakeholder, Secret: true})
	if err != nil {
		t.Fatal(err)
	}
	if p, err = svc.OpenPoll(ctx, chair, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pool.Exec(ctx, `INSERT INTO session_restrictions (session_id, account_id, kind, by_id) VALUES ($1, $2, 'banned', $3)`,
		session, people["v6"].AccountID, chair.AccountID); err != nil {
		t.Fatal(err)
	}
	h := web.New(web.Deps{Catalogue: sharedCatalogue(), Voting: svc, IdentityOf: testAs(people)}).Handler()
	return h, p
}

func TestBallotsAreIdempotentReceiptsPrivateAndSecretTurnoutCoarse(t *testing.T) {
	h, poll := votingAPI(t)
	path := fmt.Sprintf("/api/polls/%d", poll.ID)
	var first, retry voting.Receipt
	code, out := do(t, h, "POST", path+"/ballots", "v1", `{"answer":"no"}`, nil)
	if json.Unmarshal([]byte(out), &first); code != 201 || len(first.Receipt) != 32 || first.AlreadyVoted {
		t.Fatalf("first ballot: %d %s", code, out)
	}
	// The client timed out and sends again, maybe another answer: it gets
	// the ballot that counts.
	code, out = do(t, h, "POST", path+"/ballots", "v1", `{"answer":"yes"}`, nil)
	if json.Unmarshal([]byte(out), &retry); code != 200 || retry.Receipt != first.Receipt || retry.Choice.Answer != "no" || !retry.AlreadyVoted {
		t.Fatalf("the retry: %d %s; want 200 with receipt %s (no)", code, out, first.Receipt)
	}
	if code, out := do(t, h, "GET", path+"/ballots/mine", "v1", "", nil); code != 200 || !strings.Contains(out, first.Receipt) {
		t.Fatalf("the voter's own receipt: %d %s", code, out)
	}
	for as, want := range map[string]int{"v2": 404, "": 401} {
		if code, out := do(t, h, "GET", path+"/ballots/mine", as, "", nil); code != want || strings.Contains(out, first.Receipt) {
			t.Fatalf("%q asking for a receipt: %d %s; want %d and no receipt", as, code, out, want)
		}
	}
	if code, out := do(t, h, "POST", path+"/ballots", "v6", `{"answer":"yes"}`, nil); code != 403 {
		t.Fatalf("a banned participant's ballot: %d %s", code, out)
	}
	if code, out := do(t, h, "GET", path+"/turnout", "", "", nil); code != 401 {
		t.Fatalf("an anonymous visitor read an open secret poll's turnout: %d %s", code, out)
	}
	code, out = do(t, h, "GET", path+"/turnout", "v2", "", nil)
	if code != 200 || !strings.Contains(out, `"ballots":0`) || !strings.Contains(out, `"step":5`) || strings.Contains(out, "tally") ||
		!strings.Contains(out, fmt.Sprintf(`"electorate":%d`, poll.ElectorateSize-1)) {
		t.Fatalf("a follower's turnout after one ballot, with one of six banned: %d %s", code, out)
	}
	for _, v := range []string{"v2", "v3", "v4", "v5"} {
		if code, out := do(t, h, "POST", path+"/ballots", v, `{"answer":"yes"}`, nil); code != 201 {
			t.Fatalf("%s: %d %s", v, code, out)
		}
	}
	if code, out := do(t, h, "POST", path+"/close", "chair", "", nil); code != 200 {
		t.Fatalf("close: %d %s", code, out)
	}
	code, out = do(t, h, "GET", path+"/log", "", "", nil)
	var log voting.PublicLog
	if json.Unmarshal([]byte(out), &log); code != 200 || log.Verify() != nil || log.Version != voting.LogVersion {
		t.Fatalf("the log: %d %s", code, out)
	}
	for _, e := range log.Entries {
		if e.Group != voting.SmallGroups {
			t.Fatalf("five one-person groups' ballots are labelled %q, not pooled", e.Group)
		}
	}
	if code, out := do(t, h, "GET", path+"/ballots/mine", "v1", "", nil); code != 404 && code != 409 {
		t.Fatalf("a receipt looked up after the close: %d %s", code, out)
	}
}

// A draft poll is shown only to those who may run it (the secretariat
// here): to anyone else, anonymous or signed in, it does not exist, alone
// or in a session's or a recommendation's polls. (A choice between texts,
// so that it may open beside the yes-or-no poll that decides the text.)
func TestDraftPollsAreHiddenFromThoseWhoMayNotRunThem(t *testing.T) {
	h, open := votingAPI(t)
	code, out := do(t, h, "POST", "/api/polls", "chair", fmt.Sprintf(
		`{"recommendation_id":%d,"session_id":%d,"question":"Amend?","kind":"choose","options":["As drafted","As amended"],"choose_max":1}`,
		open.RecommendationID, open.SessionID), nil)
	var draft voting.Poll
	if json.Unmarshal([]byte(out), &draft); code != 201 || draft.State != voting.Draft {
		t.Fatalf("create a draft: %d %s", code, out)
	}
	path := fmt.Sprintf("/api/polls/%d", draft.ID)
	lists := []string{fmt.Sprintf("/api/sessions/%d/polls", open.SessionID), fmt.Sprintf("/api/recommendations/%d/polls", open.RecommendationID)}
	ids := func(out string) map[int64]bool {
		var in struct{ Polls []voting.Poll }
		if err := json.Unmarshal([]byte(out), &in); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
		got := map[int64]bool{}
		for _, p := range in.Polls {
			got[p.ID] = true
		}
		return got
	}
	for _, as := range []string{"", "v2"} {
		if code, out := do(t, h, "GET", path, as, "", nil); code != 404 || strings.Contains(out, "Amend?") {
			t.Fatalf("%q reading a draft: %d %s; want 404", as, code, out)
		}
		for _, l := range lists {
			code, out := do(t, h, "GET", l, as, "", nil)
			if got := ids(out); code != 200 || got[draft.ID] || !got[open.ID] {
				t.Fatalf("%q listing %s: %d %s; want the open poll %d, not the draft %d", as, l, code, out, open.ID, draft.ID)
			}
		}
		if code, out := do(t, h, "GET", fmt.Sprintf("/api/polls/%d", open.ID), as, "", nil); code != 200 {
			t.Fatalf("%q reading an open poll: %d %s", as, code, out)
		}
	}
	if code, out := do(t, h, "GET", path, "chair", "", nil); code != 200 || !strings.Contains(out, "Amend?") {
		t.Fatalf("the chair reading a draft: %d %s", code, out)
	}
	for _, l := range lists {
		code, out := do(t, h, "GET", l, "chair", "", nil)
		if got := ids(out); code != 200 || !got[draft.ID] || !got[open.ID] {
			t.Fatalf("the chair listing %s: %d %s; want both polls", l, code, out)
		}
	}
	// Once opened, it is anyone's to see.
	if code, out := do(t, h, "POST", path+"/open", "chair", "", nil); code != 200 {
		t.Fatalf("open: %d %s", code, out)
	}
	if code, out := do(t, h, "GET", path, "", "", nil); code != 200 {
		t.Fatalf("an anonymous visitor reading the opened poll: %d %s", code, out)
	}
}

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
