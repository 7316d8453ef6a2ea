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
	f.p = newTestPages(d)
	handler := f.e.HTTPErrorHandler
	f.e = echo.New()
	f.e.HTTPErrorHandler = handler
	f.p.Routes(f.e.Group(""))
	return f, fv
}

func TestPollPageOffersALabelledBallotAndLiveTurnout(t *testing.T) {
	f, _ := pollFixture(t)
	mustContain(t, okPage(t, f, "/polls/1?lang=en", "Amina"),
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
	body := okPage(t, f, "/polls/1/bulletin?lang=en", "")
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
		if w := f.get("/polls/3/bulletin?lang=en", who); w.Code != http.StatusNotFound {
			t.Errorf("%q reading a draft poll's bulletin: %d, want 404", who, w.Code)
		}
	}
	wantStatus(t, f.get("/polls/3?lang=en", "Lucia"), http.StatusOK)
	// Nor does the room list it to them: it comes in when it opens.
	if room := f.get("/sessions/1?lang=en", "Amina").Body.String(); strings.Contains(room, `href="/polls/3"`) {
		t.Error("the participants' room lists the draft poll")
	}
	mustContain(t, f.get("/sessions/1/moderate?lang=en", "Lucia").Body.String(), `<a href="/polls/3" dir="auto">`)
}

// Elections: polls whose options are candidates, ranked or chosen.

// rankedFixture is pollFixture with poll 3, an open ranked election in
// session 1, and poll 4, its closed twin with two rounds.
func rankedFixture(t *testing.T) (*fixture, *fakeVoting) {
	t.Helper()
	f, fv := pollFixture(t)
	set := voting.Settings{SessionID: 1, Question: "Elect the rapporteur", Kind: voting.Ranked, Rule: voting.InstantRunoff, ChooseMax: 1,
		Options: []string{"Amina Yusuf", "Rajesh Iyer", "Lucía Pérez"}, Candidates: []voting.Candidate{{Name: "Amina Yusuf", AccountID: 5}, {Name: "Rajesh Iyer"}, {Name: "Lucía Pérez"}}}
	fv.polls[3] = voting.Poll{ID: 3, State: voting.Open, ElectorateSize: 10, Settings: set}
	fv.polls[4] = voting.Poll{ID: 4, State: voting.Closed, ElectorateSize: 10, ChainHead: "cd34", Settings: set,
		Result: &voting.Result{Outcome: voting.Elected, Rule: voting.InstantRunoff, Ballots: 7, Electorate: 10, ChainHead: "cd34",
			Overall: voting.Counts{Ballots: 7, Options: []int{3, 2, 2}}, Winners: []int{2}, Groups: []voting.GroupResult{},
			Rounds: []voting.Round{
				{Round: 1, Counts: []int{3, 2, 2}, Continuing: []int{1, 2, 3}, Eliminated: 3, Reason: voting.ElimListingOrder},
				{Round: 2, Counts: []int{3, 4, 0}, Continuing: []int{1, 2}, Exhausted: 0, Elected: 2, Reason: voting.ElectedMajority},
			}}}
	return f, fv
}

func TestModeratorsPutAQuestionToTheRoomAndSetUpAnElection(t *testing.T) {
	f, fv := pollFixture(t)
	body := f.get("/sessions/1/moderate?lang=en", "Lucia").Body.String()
	mustContain(t, body, `<option value="" selected>None: a question put to the room</option>`,
		`<form id="election-new" class="stack" method="post" action="/sessions/1/polls" aria-labelledby="election-new-h">`,
		`<input type="hidden" name="form" value="election">`,
		`<label for="elect-candidates">Candidates, one per line</label>`,
		`<input type="radio" id="elect-ranked" name="kind" value="ranked" checked>`,
		`<input type="checkbox" id="elect-secret" name="secret" value="true" checked>`)
	w := f.post("/sessions/1/polls", "Lucia", url.Values{"recommendation_id": {""}, "question": {"Which question first?"},
		"kind": {"choose"}, "options": {"Access\nRights\nTrust"}, "choose_max": {"2"}})
	wantStatus(t, w, http.StatusSeeOther)
	w = f.post("/sessions/1/polls", "Lucia", url.Values{"form": {"election"}, "question": {"Elect the rapporteur"}, "kind": {"ranked"},
		"candidates": {"Amina Yusuf\r\n\r\n Rajesh Iyer \r\nLucía Pérez"}, "choose_max": {"1"}, "secret": {"true"}, "recommendation_id": {"7"}})
	wantStatus(t, w, http.StatusSeeOther)
	w = f.post("/sessions/1/polls", "Lucia", url.Values{"form": {"election"}, "question": {"Elect two co-facilitators"}, "kind": {"choose"},
		"candidates": {"A\nB\nC"}, "choose_max": {"2"}})
	wantStatus(t, w, http.StatusSeeOther)
	want := []voting.Settings{
		{SessionID: 1, Question: "Which question first?", Kind: voting.Choose, Options: []string{"Access", "Rights", "Trust"}, ChooseMax: 2, Rule: voting.Plurality},
		{SessionID: 1, Question: "Elect the rapporteur", Kind: voting.Ranked, Rule: voting.InstantRunoff, ChooseMax: 1, Secret: true,
			Candidates: []voting.Candidate{{Name: "Amina Yusuf"}, {Name: "Rajesh Iyer"}, {Name: "Lucía Pérez"}}},
		{SessionID: 1, Question: "Elect two co-facilitators", Kind: voting.Choose, Rule: voting.Plurality, ChooseMax: 2,
			Candidates: []voting.Candidate{{Name: "A"}, {Name: "B"}, {Name: "C"}}},
	}
	if fmt.Sprint(fv.created) != fmt.Sprint(want) {
		t.Errorf("created\n %+v\nwant\n %+v", fv.created, want)
	}
}

func TestElectionFormMistakesComeBackBesideTheirFields(t *testing.T) {
	f, fv := pollFixture(t)
	for lang, texts := range map[string][]string{
		"en": {`<div id="election-new-errors" class="alert" role="alert" tabindex="-1" data-focus-on-load>`,
			`<li><a href="#elect-candidates">An election needs 2 to 20 different candidates, one per line.</a></li>`,
			`<li><a href="#elect-seats">The number of seats must be at least 1 and less than the number of candidates.</a></li>`,
			`<span id="elect-candidates-error" class="error">`, `aria-describedby="elect-candidates-hint elect-candidates-error" aria-invalid="true">Ann
Ann</textarea>`,
			`<input type="radio" id="elect-choose" name="kind" value="choose" checked>`},
		"ar": {"يحتاج الانتخاب إلى 2 إلى 20 مرشحًا مختلفًا، واحد في كل سطر."},
	} {
		w := f.post("/sessions/1/polls?lang="+lang, "Lucia", url.Values{"form": {"election"}, "question": {"Elect"}, "kind": {"choose"},
			"candidates": {"Ann\nAnn"}, "choose_max": {"2"}})
		wantStatus(t, w, http.StatusUnprocessableEntity)
		mustContain(t, w.Body.String(), texts...)
		if strings.Contains(w.Body.String(), `id="poll-new-errors"`) {
			t.Error("the election's mistakes were shown on the poll form")
		}
	}
	if len(fv.created) != 0 {
		t.Errorf("an election was created from a bad form: %+v", fv.created)
	}
}

func TestARankedBallotWorksWithoutJavaScriptAndRefusesARankGivenTwice(t *testing.T) {
	f, fv := rankedFixture(t)
	body := f.get("/polls/3?lang=en", "Amina").Body.String()
	mustContain(t, body, `<fieldset aria-describedby="ballot-limit">`,
		`<p id="ballot-limit" class="hint">Rank the candidates you support: 1 for your first choice, 2 for your second, and so on, up to 3.`,
		`<select id="rank-2" name="rank_2" data-option="2">`, `<option value="" selected>Not ranked</option>`, `<option value="3">3</option>`,
		`<div class="choice rank"><label for="rank-2" dir="auto">Rajesh Iyer</label> <select id="rank-2"`, "Ranked choice, instant runoff")
	if strings.Contains(body, "Recommendation:") {
		t.Error("an election on no recommendation names one")
	}

	w := f.post("/polls/3/ballots?lang=en", "Amina", url.Values{"rank_1": {"2"}, "rank_2": {"2"}, "rank_3": {""}})
	wantStatus(t, w, http.StatusUnprocessableEntity)
	mustContain(t, w.Body.String(), `<fieldset aria-describedby="ballot-limit ballot-error">`,
		`<p id="ballot-error" class="error" role="alert">Each rank can be given to one candidate only: change the ranks that repeat.</p>`,
		`<select id="rank-1" name="rank_1" data-option="1">`, `<option value="2" selected>2</option>`)
	if len(fv.cast) != 0 {
		t.Fatalf("a ballot with a rank given twice was cast: %v", fv.cast)
	}

	w = f.post("/polls/3/ballots?lang=en", "Amina", url.Values{"rank_1": {"2"}, "rank_2": {""}, "rank_3": {"1"}})
	wantStatus(t, w, http.StatusCreated)
	mustContain(t, w.Body.String(), "Your vote is recorded: 1. \u2068Lucía Pérez\u2069; 2. \u2068Amina Yusuf\u2069.", `<code id="receipt-code" class="hash">`)
	if len(fv.cast) != 1 || !slices.Equal(fv.cast[0].Ranking, []int{3, 1}) {
		t.Errorf("cast %+v, want the ranking [3 1]", fv.cast)
	}

	// What the service refuses (an unknown candidate) is said too.
	fv.castErr = igfplus.Errorf(igfplus.EInvalid, "Candidates are numbered from 1 to 3.")
	w = f.post("/polls/3/ballots?lang=en", "Amina", url.Values{"rank_9": {"1"}})
	wantStatus(t, w, http.StatusUnprocessableEntity)
	mustContain(t, w.Body.String(), `role="alert">Choose an answer before voting.</p>`)
}

func TestATooGenerousChooseNBallotSaysTheLimit(t *testing.T) {
	f, fv := pollFixture(t)
	p := fv.polls[2]
	p.State, p.Result = voting.Open, nil
	fv.polls[2] = p
	fv.castErr = igfplus.Errorf(igfplus.EInvalid, "Choose from 1 to 2 different options.")
	w := f.post("/polls/2/ballots?lang=en", "Amina", url.Values{"options": {"1", "2", "3"}})
	wantStatus(t, w, http.StatusUnprocessableEntity)
	mustContain(t, w.Body.String(), `<fieldset aria-describedby="ballot-limit ballot-error">`,
		`<p id="ballot-error" class="error" role="alert">You can choose at most 2 options.</p>`,
		`<input type="checkbox" id="choice-3" name="options" value="3" checked>`)
}

func TestIRVRoundsAreAnAccessibleTable(t *testing.T) {
	f, _ := rankedFixture(t)
	for lang, texts := range map[string][]string{
		"en": {`<caption id="rounds-caption">Instant-runoff rounds: votes per candidate in each round</caption>`,
			`<thead><tr><th scope="col">Candidate</th><th scope="col">Round 1</th><th scope="col">Round 2</th></tr></thead>`,
			`<tr><th scope="row" dir="auto">Lucía Pérez</th><td>2</td><td>eliminated</td></tr>`,
			`<tr><th scope="row" dir="auto">Rajesh Iyer</th><td>2</td><td>4</td></tr>`,
			`<td>⁨Lucía Pérez⁩ eliminated: tied for the fewest votes in every round, listed last on the ballot</td>`,
			`<td>⁨Rajesh Iyer⁩ elected with more than half of the continuing ballots</td>`,
			`<tr class="winner"><th scope="row" dir="auto">Rajesh Iyer (chosen)</th><td>2</td></tr>`,
			`<thead><tr><th scope="col">Candidate</th><th scope="col">Votes</th></tr></thead>`},
		"ar": {"الجولة 2", "استُبعد ⁨Lucía Pérez⁩"},
	} {
		mustContain(t, okPage(t, f, "/polls/4?lang="+lang, "Amina"), texts...)
	}
}

func TestTheBulletinShowsEachRankingInOrderOfPreference(t *testing.T) {
	f, fv := rankedFixture(t)
	fv.log = voting.PublicLog{PollID: 4, ChainHead: "cd34", Settings: fv.polls[4].Settings, Result: *fv.polls[4].Result, Entries: []voting.LogEntry{
		{Position: 1, BallotID: fmt.Sprintf("%032x", 1), Choice: voting.Choice{Ranking: []int{3, 1}}, Group: voting.SmallGroups},
		{Position: 2, BallotID: fmt.Sprintf("%032x", 2), Choice: voting.Choice{Ranking: []int{2}}, Group: voting.SmallGroups},
	}}
	body := f.get("/polls/4/bulletin?lang=en", "").Body.String()
	mustContain(t, body, "<td>3, 1</td>", "<td>2</td>", `<table id="irv-rounds" class="figures">`)
}
