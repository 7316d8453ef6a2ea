package pages

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
	"github.com/igfplus/igfplus/tracks/voting"
)

// fakeVoting holds polls by id; castErr refuses every ballot.
type fakeVoting struct {
	polls   map[int64]voting.Poll
	turnout voting.Turnout
	log     voting.PublicLog
	castErr error
	cast    []voting.Choice
	created []voting.Settings
	// createErr refuses every new poll, as the service refuses bad settings.
	createErr error
	runs      []string
	// mine is each account's ballot, for MyBallot.
	mine map[int64]voting.Receipt
}

func (f *fakeVoting) Poll(_ context.Context, id int64) (voting.Poll, error) {
	p, ok := f.polls[id]
	if !ok {
		return p, igfplus.Errorf(igfplus.ENotFound, "There is no such poll.")
	}
	return p, nil
}

// PollFor hides drafts from all but Lucia (the session's moderator), as the
// service hides them from all but those who may run the poll.
func (f *fakeVoting) PollFor(ctx context.Context, who igfplus.Identity, id int64) (voting.Poll, error) {
	p, err := f.Poll(ctx, id)
	if err == nil && p.State == voting.Draft && who.Name != "Lucia" {
		return voting.Poll{}, igfplus.Errorf(igfplus.ENotFound, "There is no such poll.")
	}
	return p, err
}

// PollsOfSessionFor is PollsOfSession without the drafts Lucia alone
// may see.
func (f *fakeVoting) PollsOfSessionFor(ctx context.Context, who igfplus.Identity, id int64) ([]voting.Poll, error) {
	list, err := f.PollsOfSession(ctx, id)
	return slices.DeleteFunc(list, func(p voting.Poll) bool { return p.State == voting.Draft && who.Name != "Lucia" }), err
}

func (f *fakeVoting) Turnout(_ context.Context, who igfplus.Identity, id int64) (voting.Turnout, error) {
	if p := f.polls[id]; p.Secret && p.State == voting.Open && who.Anonymous() {
		return voting.Turnout{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in.")
	}
	return f.turnout, nil
}

func (f *fakeVoting) MyBallot(_ context.Context, who igfplus.Identity, id int64) (voting.Receipt, error) {
	if r, ok := f.mine[who.AccountID]; ok && r.PollID == id {
		return r, nil
	}
	return voting.Receipt{}, igfplus.Errorf(igfplus.ENotFound, "You have not voted in this poll.")
}

func (f *fakeVoting) Cast(_ context.Context, _ igfplus.Identity, id int64, c voting.Choice) (voting.Receipt, error) {
	if f.castErr != nil {
		return voting.Receipt{}, f.castErr
	}
	f.cast = append(f.cast, c)
	return voting.Receipt{PollID: id, Receipt: "00112233445566778899aabbccddeeff", Choice: c}, nil
}

func (f *fakeVoting) PublicLog(context.Context, int64) (voting.PublicLog, error) { return f.log, nil }

func (f *fakeVoting) PollsOfSession(_ context.Context, id int64) ([]voting.Poll, error) {
	var out []voting.Poll
	for _, p := range f.polls {
		if p.SessionID == id {
			out = append(out, p)
		}
	}
	return out, nil
}

func (f *fakeVoting) CreatePoll(_ context.Context, _ igfplus.Identity, s voting.Settings) (voting.Poll, error) {
	if f.createErr != nil {
		return voting.Poll{}, f.createErr
	}
	f.created = append(f.created, s)
	return voting.Poll{ID: 99, Settings: s, State: voting.Draft}, nil
}

func (f *fakeVoting) OpenPoll(_ context.Context, _ igfplus.Identity, id int64) (voting.Poll, error) {
	f.runs = append(f.runs, fmt.Sprint("open ", id))
	return f.Poll(context.Background(), id)
}

func (f *fakeVoting) ClosePoll(_ context.Context, _ igfplus.Identity, id int64) (voting.Poll, error) {
	f.runs = append(f.runs, fmt.Sprint("close ", id))
	return f.Poll(context.Background(), id)
}

type fakeRecs struct{}

func (fakeRecs) Recommendation(_ context.Context, id int64) (recommendations.Recommendation, error) {
	return recommendations.Recommendation{ID: id, Title: "Community networks first"}, nil
}

func (fakeRecs) Recommendations(context.Context, recommendations.Filter) ([]recommendations.Recommendation, error) {
	return []recommendations.Recommendation{{ID: 7, Title: "Community networks first", State: recommendations.Draft},
		{ID: 8, Title: "Already adopted", State: recommendations.Adopted}}, nil
}

// pollFixture is the pages' fixture with voting: poll 1 open in session 1
// (yes/no/abstain, secret), poll 2 a closed choice poll.
func pollFixture(t *testing.T) (*fixture, *fakeVoting) {
	t.Helper()
	f := newFixture(t)
	yes := true
	fv := &fakeVoting{
		polls: map[int64]voting.Poll{
			1: {ID: 1, State: voting.Open, ElectorateSize: 10, Settings: voting.Settings{RecommendationID: 7, SessionID: 1,
				Question: "Adopt the recommendation?", Kind: voting.YesNoAbstain, Rule: voting.Majority, Secret: true}},
			2: {ID: 2, State: voting.Closed, ElectorateSize: 10, ChainHead: "ab12", Settings: voting.Settings{RecommendationID: 7,
				Question: "Which texts?", Kind: voting.Choose, Options: []string{"Text A", "Text B", "Text C"}, ChooseMax: 2, Rule: voting.Plurality},
				Result: &voting.Result{Outcome: voting.Elected, Ballots: 6, Electorate: 10, TurnoutPercent: 60, ChainHead: "ab12",
					Overall: voting.Counts{Ballots: 6, Options: []int{5, 1, 4}}, Winners: []int{1, 3},
					Groups: []voting.GroupResult{{Name: "civil_society", Ballots: voting.Figure{N: 6}, Counts: &voting.Counts{Ballots: 6}, Passed: &yes}}}},
		},
		turnout: voting.Turnout{PollID: 1, Ballots: 5, Electorate: 10, Groups: []voting.GroupResult{}, Step: voting.TurnoutStep},
	}
	d := f.p.deps
	d.Voting, d.Recommendations = fv, fakeRecs{}
	f.p = New(d)
	handler := f.e.HTTPErrorHandler
	f.e = echo.New()
	f.e.HTTPErrorHandler = handler
	f.p.Routes(f.e.Group(""))
	return f, fv
}

func TestPollPageOffersALabelledBallotAndLiveTurnout(t *testing.T) {
	f, _ := pollFixture(t)
	w := f.get("/polls/1?lang=en", "Amina")
	wantStatus(t, w, http.StatusOK)
	mustContain(t, w.Body.String(),
		`<h1 dir="auto">Adopt the recommendation?</h1>`, "Community networks first", "Open for voting", "Simple majority", "Secret ballot",
		`<form id="ballot-form" method="post" action="/polls/1/ballots">`, `<legend dir="auto">Adopt the recommendation?</legend>`,
		`<input type="radio" id="choice-yes" name="answer" value="yes" required> <label for="choice-yes" dir="auto">Yes</label>`,
		`<label for="choice-no" dir="auto">No</label>`, `<label for="choice-abstain" dir="auto">Abstain</label>`,
		`<button id="ballot-submit" type="submit">Cast my vote</button>`,
		`<div id="turnout-live" role="status" aria-live="polite">`, "At least 5 of 10 voters have voted (counted in steps of 5 until the poll closes).",
		`<div id="ballot-receipt" class="receipt" role="status">`,
		`data-session-id="1"`, `src="/assets/poll.`, `href="/polls/1/bulletin"`,
		`<p id="poll-secrecy" class="hint">Secret ballot: nobody can see how anyone voted.`)
}

func TestAVoterSeesTheyHaveVotedAndTheirReceiptAfterAReload(t *testing.T) {
	f, fv := pollFixture(t)
	receipt := voting.Receipt{PollID: 1, Receipt: "00112233445566778899aabbccddeeff", Choice: voting.Choice{Answer: voting.No}, AlreadyVoted: true}
	fv.mine = map[int64]voting.Receipt{5: receipt}
	body := f.get("/polls/1?lang=en", "Amina").Body.String()
	mustContain(t, body, "You have voted in this poll.", "Your vote is recorded: No.",
		`<code id="receipt-code" class="hash">00112233445566778899aabbccddeeff</code>`)
	if strings.Contains(body, `id="ballot-form"`) {
		t.Error("the page offers the ballot again to someone who voted")
	}
	// Sending the form again (a reload of the answer, a second tab) shows
	// the same ballot, not an error.
	fv.castErr = nil
	w := f.post("/polls/1/ballots?lang=en", "Amina", url.Values{"answer": {"yes"}})
	mustContain(t, w.Body.String(), "You have voted in this poll.")
	// Visitors see neither a receipt nor an open secret poll's turnout.
	anon := f.get("/polls/1?lang=en", "").Body.String()
	if strings.Contains(anon, "00112233") || strings.Contains(anon, `id="turnout-summary"`) {
		t.Errorf("a visitor sees a receipt or the turnout of an open secret poll")
	}
}

func TestAnonymousVisitorsAreAskedToSignInToVote(t *testing.T) {
	f, fv := pollFixture(t)
	body := f.get("/polls/1?lang=en", "").Body.String()
	mustContain(t, body, "Sign in to vote.")
	if strings.Contains(body, `id="ballot-form"`) || strings.Contains(body, "data-session-id") {
		t.Error("an anonymous visitor got the ballot form or the room's socket")
	}
	w := f.post("/polls/1/ballots", "", url.Values{"answer": {"yes"}})
	wantStatus(t, w, http.StatusSeeOther)
	if len(fv.cast) != 0 {
		t.Errorf("an anonymous ballot was cast: %v", fv.cast)
	}
}

func TestBallotPostedWithoutJavaScriptShowsTheReceipt(t *testing.T) {
	f, fv := pollFixture(t)
	w := f.post("/polls/1/ballots?lang=en", "Amina", url.Values{"answer": {"no"}})
	wantStatus(t, w, http.StatusCreated)
	mustContain(t, w.Body.String(), "Your vote is recorded: No.", `<code id="receipt-code" class="hash">00112233445566778899aabbccddeeff</code>`,
		"Keep this receipt")
	if len(fv.cast) != 1 || fv.cast[0].Answer != "no" {
		t.Errorf("cast %v", fv.cast)
	}
	if strings.Contains(w.Result().Header.Get("Location"), "0011") {
		t.Error("the receipt went into a URL")
	}
}

func TestRefusedBallotsSayWhyInTheCataloguesWords(t *testing.T) {
	tests := []struct {
		name   string
		state  voting.State
		err    error
		status int
		want   string
	}{
		{"already voted", voting.Open, igfplus.Errorf(igfplus.EConflict, "x"), http.StatusConflict, "You have already voted in this poll."},
		{"closed", voting.Closed, igfplus.Errorf(igfplus.EConflict, "x"), http.StatusConflict, "This poll is closed: your vote was not counted."},
		// A draft is only its moderators' to see: Lucia's ballot is refused
		// with the reason, anyone else's is for a poll not found.
		{"not open", voting.Draft, igfplus.Errorf(igfplus.EConflict, "x"), http.StatusConflict, "This poll has not opened yet."},
		{"not in electorate", voting.Open, igfplus.Errorf(igfplus.EForbidden, "x"), http.StatusForbidden, "You are not in this poll's electorate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, fv := pollFixture(t)
			p := fv.polls[1]
			p.State = tt.state
			fv.polls[1], fv.castErr = p, tt.err
			voter := "Amina"
			if tt.state == voting.Draft {
				wantStatus(t, f.post("/polls/1/ballots?lang=en", voter, url.Values{"answer": {"yes"}}), http.StatusNotFound)
				voter = "Lucia"
			}
			w := f.post("/polls/1/ballots?lang=en", voter, url.Values{"answer": {"yes"}})
			wantStatus(t, w, tt.status)
			mustContain(t, strings.ReplaceAll(w.Body.String(), "&#39;", "'"), `role="alert">`+tt.want)
		})
	}
	f, fv := pollFixture(t)
	fv.castErr = igfplus.Errorf(igfplus.EForbidden, "x")
	mustContain(t, f.post("/polls/1/ballots?lang=ar", "Amina", url.Values{"answer": {"yes"}}).Body.String(), "لست ضمن الهيئة الناخبة")
}

func TestClosedChoicePollShowsItsResult(t *testing.T) {
	f, _ := pollFixture(t)
	body := f.get("/polls/2?lang=en", "Amina").Body.String()
	mustContain(t, body, "This poll is closed: no more votes are taken.", `<section id="poll-result"`, "Chosen",
		"6 of 10 voters voted (60%).", `<tr class="winner"><th scope="row" dir="auto">Text A (chosen)</th><td>5</td></tr>`,
		`<code class="hash" id="chain-head">ab12</code>`, "<th scope=\"row\">Civil society</th><td>6</td>")
	if strings.Contains(body, `id="ballot-form"`) {
		t.Error("a closed poll offers the ballot")
	}
}

// logOf is a closed poll's log of n ballots with ids "%032x" of 1..n.
func logOf(n int) voting.PublicLog {
	l := voting.PublicLog{PollID: 1, ChainHead: "cafe", Result: voting.Result{Outcome: voting.Adopted, ChainHead: "cafe", Ballots: n, Electorate: n}}
	for i := 1; i <= n; i++ {
		l.Entries = append(l.Entries, voting.LogEntry{Position: i, BallotID: fmt.Sprintf("%032x", i), Choice: voting.Choice{Answer: voting.Yes}, Group: igfplus.Academia})
	}
	return l
}

func TestBulletinIsPublishedAtClosingAndFindsAReceipt(t *testing.T) {
	f, fv := pollFixture(t)
	mustContain(t, f.get("/polls/1/bulletin?lang=en", "").Body.String(), "The bulletin is published when the poll closes")

	p := fv.polls[1]
	p.State = voting.Closed
	fv.polls[1], fv.log = p, logOf(1200)
	w := f.get("/polls/1/bulletin?lang=en", "")
	wantStatus(t, w, http.StatusOK)
	body := w.Body.String()
	mustContain(t, body, "Ballots 1 to 500 of 1200", `href="/polls/1/bulletin?page=2" rel="next"`, `<code class="hash" id="chain-head">cafe</code>`,
		`<label for="receipt">Your receipt</label>`, "Adopted")
	if n := strings.Count(body, `<tr id="ballot-`); n != bulletinPage {
		t.Errorf("%d rows, want %d", n, bulletinPage)
	}

	mustContain(t, body, `<form id="receipt-search" method="post" action="/polls/1/bulletin" role="search">`)

	id := fmt.Sprintf("%032x", 1100)
	body = f.post("/polls/1/bulletin?lang=en", "", url.Values{"receipt": {strings.ToUpper(id)}}).Body.String()
	mustContain(t, body, "Ballots 1001 to 1200 of 1200", `<a href="#ballot-`+id+`">Your ballot is at position 1100, highlighted in the log.</a>`,
		`<tr id="ballot-`+id+`" class="found" aria-current="true">`, `rel="prev"`)

	body = f.post("/polls/1/bulletin?lang=en", "", url.Values{"receipt": {"deadbeef"}}).Body.String()
	mustContain(t, body, "No ballot has the receipt deadbeef.")

	// A receipt in a URL is not searched for: nothing invites putting it
	// there.
	body = f.get("/polls/1/bulletin?lang=en&receipt="+id, "").Body.String()
	if strings.Contains(body, `class="found"`) || strings.Contains(body, "Your ballot is at position") {
		t.Error("the bulletin searched a receipt from its URL")
	}
}

func TestModeratorsSeeThePollsPanelAndCreateAPoll(t *testing.T) {
	f, fv := pollFixture(t)
	body := f.get("/sessions/1/moderate?lang=en", "Lucia").Body.String()
	mustContain(t, body, `<section id="polls" aria-labelledby="polls-h">`, `<a href="/polls/1" dir="auto">Adopt the recommendation?</a>`,
		`<input type="hidden" name="type" value="poll.close"><input type="hidden" name="back" value="moderate"><input type="hidden" name="poll_id" value="1">`, `<option value="7">Community networks first</option>`, `<option value="two_thirds">Two-thirds majority</option>`,
		`<label for="poll-quorum">`)
	if strings.Contains(body, "Already adopted") {
		t.Error("an adopted recommendation is offered for a new poll")
	}
	w := f.post("/sessions/1/polls", "Lucia", url.Values{"recommendation_id": {"7"}, "question": {"Adopt?"}, "rule": {"two_thirds"},
		"secret": {"true"}, "quorum_percent": {"50"}})
	wantStatus(t, w, http.StatusSeeOther)
	want := voting.Settings{RecommendationID: 7, SessionID: 1, Question: "Adopt?", Kind: voting.YesNoAbstain, Rule: voting.TwoThirds, Secret: true, QuorumPercent: 50}
	if len(fv.created) != 1 || fmt.Sprint(fv.created[0]) != fmt.Sprint(want) {
		t.Errorf("created %+v, want %+v", fv.created, want)
	}
	w = f.post("/polls/1/close", "Lucia", url.Values{"back": {"moderate"}})
	if loc := w.Result().Header.Get("Location"); loc != "/sessions/1/moderate#polls" || fmt.Sprint(fv.runs) != "[close 1]" {
		t.Errorf("close: to %q, runs %v", loc, fv.runs)
	}
	room := f.get("/sessions/1?lang=en", "Amina").Body.String()
	mustContain(t, room, `<ul id="polls-list" data-open="Open for voting" data-closed="Closed">`, `<a href="/polls/1" dir="auto">`)
	if strings.Contains(room, "poll-new") {
		t.Error("the participants' room offers to create a poll")
	}
}

func TestADraftPollIsNotFoundByThoseWhoMayNotRunIt(t *testing.T) {
	f, fv := pollFixture(t)
	draft := fv.polls[1]
	draft.ID, draft.State = 3, voting.Draft
	fv.polls[3] = draft
	for _, who := range []string{"", "Amina"} {
		if w := f.get("/polls/3?lang=en", who); w.Code != http.StatusNotFound {
			t.Errorf("%q reading a draft poll's page: %d, want 404", who, w.Code)
		}
	}
	wantStatus(t, f.get("/polls/3?lang=en", "Lucia"), http.StatusOK)
	// Nor does the room list it to them: it comes in when it opens.
	if room := f.get("/sessions/1?lang=en", "Amina").Body.String(); strings.Contains(room, `href="/polls/3"`) {
		t.Error("the participants' room lists the draft poll")
	}
	mustContain(t, f.get("/sessions/1/moderate?lang=en", "Lucia").Body.String(), `<a href="/polls/3" dir="auto">`)
}
