package pages

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

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
		w := f.get("/polls/4?lang="+lang, "Amina")
		wantStatus(t, w, http.StatusOK)
		mustContain(t, w.Body.String(), texts...)
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
