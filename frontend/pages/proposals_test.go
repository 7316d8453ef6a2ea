package pages

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/proposals"
)

// fakeProposals answers with one open call and one proposal (ID 7, by
// account 5), assigned to the MAG member (account 2), and records the
// decisions and reviews the forms send.
type fakeProposals struct {
	// refuse, when set, is the answer to opening the call or setting its
	// rubric.
	refuse  error
	call    proposals.Call
	p       proposals.Proposal
	decided []proposals.Decision
	scored  []proposals.Scoring
	more    int // proposals on the board besides p
}

func newFakeProposals(now time.Time) *fakeProposals {
	speakers := []proposals.Speaker{
		{Name: "Amina Yusuf", StakeholderGroup: igfplus.CivilSociety, Region: igfplus.African, Gender: proposals.Woman},
		{Name: "Carlos Rivera", StakeholderGroup: igfplus.TechnicalCommunity, Region: igfplus.LatinAmericanCaribbean, Gender: proposals.Man},
	}
	return &fakeProposals{
		call: proposals.Call{ID: 3, EditionID: 1, Opens: now.AddDate(0, 0, -7), Closes: now.AddDate(0, 0, 14), Intro: "Propose a session.",
			Rubric: []proposals.Criterion{{ID: 31, Name: "Relevance", Weight: 3}, {ID: 32, Name: "Diversity", Weight: 2}}},
		p: proposals.Proposal{ID: 7, CallID: 3, ProposerID: 5, ProposerName: "Amina", State: proposals.Submitted,
			Draft: proposals.Draft{PolicyIssueID: 1, TrackID: 10, Format: "workshop", Title: "Community networks", Description: "Last-mile access.",
				Organisers: []string{"Youth IGF Kenya"}, Speakers: speakers}},
	}
}

func (f *fakeProposals) Call(context.Context, int64) (proposals.Call, error) { return f.call, nil }
func (f *fakeProposals) OpenCall(context.Context, igfplus.Identity, int64, proposals.CallChange) (proposals.Call, error) {
	return f.call, f.refuse
}
func (f *fakeProposals) SetRubric(context.Context, igfplus.Identity, int64, []proposals.Criterion) (proposals.Call, error) {
	return f.call, f.refuse
}
func (f *fakeProposals) Submit(context.Context, igfplus.Identity, int64, proposals.Draft) (proposals.Proposal, error) {
	return f.p, nil
}
func (f *fakeProposals) Edit(context.Context, igfplus.Identity, int64, proposals.Draft) (proposals.Proposal, error) {
	return f.p, nil
}
func (f *fakeProposals) Proposal(context.Context, igfplus.Identity, int64) (proposals.Proposal, error) {
	return f.p, nil
}
func (f *fakeProposals) Mine(_ context.Context, who igfplus.Identity) ([]proposals.Proposal, error) {
	if who.AccountID == f.p.ProposerID {
		return []proposals.Proposal{f.p}, nil
	}
	return nil, nil
}
func (f *fakeProposals) Reviewers(context.Context, igfplus.Identity) ([]proposals.Person, error) {
	return []proposals.Person{{ID: 2, Name: "Nanjala Wekesa"}}, nil
}
func (f *fakeProposals) Assign(context.Context, igfplus.Identity, int64, int64) error { return nil }
func (f *fakeProposals) Assignments(context.Context, igfplus.Identity) ([]proposals.Assignment, error) {
	return []proposals.Assignment{{ProposalID: f.p.ID, ProposalTitle: f.p.Title, Reviewer: proposals.Person{ID: 2, Name: "Nanjala Wekesa"}}}, nil
}
func (f *fakeProposals) Score(_ context.Context, _ igfplus.Identity, _ int64, s proposals.Scoring) (proposals.Review, error) {
	f.scored = append(f.scored, s)
	return proposals.Review{}, nil
}
func (f *fakeProposals) DeclareConflict(context.Context, igfplus.Identity, int64, string) (proposals.Review, error) {
	return proposals.Review{}, nil
}
func (f *fakeProposals) Reviews(context.Context, igfplus.Identity, int64) ([]proposals.Review, error) {
	return []proposals.Review{}, nil
}
func (f *fakeProposals) Board(context.Context, igfplus.Identity, int64) (proposals.Board, error) {
	all := []proposals.Proposal{f.p}
	for i := range f.more {
		q := f.p
		q.ID, q.Title = int64(100+i), fmt.Sprintf("Proposal %d", 100+i)
		all = append(all, q)
	}
	return proposals.BoardOf(f.call, all, nil, nil), nil
}
func (f *fakeProposals) Decide(_ context.Context, _ igfplus.Identity, _ int64, d proposals.Decision) (proposals.Proposal, error) {
	f.decided = append(f.decided, d)
	return f.p, nil
}

// roleIdentity signs in the Secretariat ("sec", account 1), a MAG member
// ("mag", account 2) or a participant (any other user, account 5) by the
// test's header.
func roleIdentity(c echo.Context) igfplus.Identity {
	switch c.Request().Header.Get(userHeader) {
	case "":
		return igfplus.Identity{}
	case "sec":
		return igfplus.Identity{AccountID: 1, Name: "Sec", Roles: []igfplus.Role{igfplus.RoleSecretariat}}
	case "mag":
		return igfplus.Identity{AccountID: 2, Name: "Nanjala", Roles: []igfplus.Role{igfplus.RoleMAGMember}}
	}
	return igfplus.Identity{AccountID: 5, Name: "Amina"}
}

// proposalsFixture serves the pages to the Secretariat ("sec", account
// 1), a MAG member ("mag", account 2) and the proposer (anyone else,
// account 5).
func proposalsFixture(t *testing.T) (*fixture, *fakeProposals) {
	var fake *fakeProposals
	f := newFixtureWith(t, func(d *Deps) {
		fake = newFakeProposals(d.Now())
		d.Proposals = fake
		d.IdentityOf = roleIdentity
	})
	return f, fake
}

// TestProposalPagesRenderForEachReader renders every page of the call
// for each of its readers, with what each may do on it: a template that
// cannot execute fails here rather than in front of the Secretariat. A
// reviewer reads the proposal's policy issue and track by name, its
// organisers one by one, and what the scale means.
func TestProposalPagesRenderForEachReader(t *testing.T) {
	f, _ := proposalsFixture(t)
	for _, c := range []struct {
		path, user string
		want       []string
	}{
		{"/call", "", []string{`id="call-facts"`, `id="propose-link"`}},
		{"/call", "amina", []string{`id="my-proposals"`, `href="/proposals/7"`}},
		{"/call", "mag", []string{`id="assignments"`}},
		{"/call", "sec", []string{`id="call-form"`, `id="rubric-form"`, `id="criterion-name-5"`}},
		{"/proposals/new", "amina", []string{`id="proposal-form"`, `id="speaker-gender-11"`, `data-dimension="gender"`}},
		{"/proposals/7", "amina", []string{`id="proposal-form"`, `value="Amina Yusuf"`, `<script src="/assets/proposal.`,
			`<option value="1" selected>Universal and meaningful connectivity</option>`, `<option value="10" selected>Connectivity track</option>`}},
		{"/proposals/7", "mag", []string{`id="review-form"`, `id="score-31-5"`, `id="conflict-form"`, `id="speaker-list"`,
			`id="proposal-issue">Universal and meaningful connectivity</dd>`, `id="proposal-track">Connectivity track</dd>`,
			`<li dir="auto">Youth IGF Kenya</li>`, `from 1 (weakest) to 5 (strongest)`, `aria-labelledby="conflict-h"`}},
		{"/call/board", "sec", []string{`id="outcome-7-accepted"`, `id="outcome-7-merge_suggested"`, `id="reviewer-7"`, `class="reviewers"`, `not scored yet (reviewers assigned: 0)`}},
	} {
		w := f.get(c.path+"?lang=en", c.user)
		if w.Code != http.StatusOK {
			t.Errorf("%s as %q: %d\n%s", c.path, c.user, w.Code, w.Body)
			continue
		}
		for _, s := range c.want {
			if !strings.Contains(w.Body.String(), s) {
				t.Errorf("%s as %q: no %s\n%s", c.path, c.user, s, w.Body)
			}
		}
	}
}

// TestBoardDecisionFormPostsTheOutcome: the board's decision form sends
// the outcome and the note the Secretariat chose.
func TestBoardDecisionFormPostsTheOutcome(t *testing.T) {
	f, fake := proposalsFixture(t)
	w := f.post("/proposals/7/decision", "sec", map[string][]string{"outcome": {"accepted"}, "merge_with": {"0"}, "note": {"Welcome."}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/call/board#proposal-7" {
		t.Fatalf("decision: %d %s", w.Code, w.Header().Get("Location"))
	}
	if len(fake.decided) != 1 || fake.decided[0].Outcome != proposals.Accepted || fake.decided[0].Note != "Welcome." {
		t.Fatalf("decided %+v", fake.decided)
	}
}

// TestTheBoardShowsAPageOfProposalsAndListsEveryOneOnce: a call of
// thousands is shown boardPageSize proposals at a time with links to the
// other pages, and the merge fields share one list of every proposal
// (a list per row made the board of 2,000 proposals 254 MB).
func TestTheBoardShowsAPageOfProposalsAndListsEveryOneOnce(t *testing.T) {
	f, fake := proposalsFixture(t)
	fake.more = 120
	body := f.get("/call/board?page=2&lang=en", "sec").Body.String()
	if got := strings.Count(body, `class="board-row"`); got != boardPageSize {
		t.Errorf("page 2 shows %d proposals, want %d", got, boardPageSize)
	}
	if got := strings.Count(body, "<option value=\"1"); got > 121 {
		t.Errorf("%d options for the merge fields: one list per row?", got)
	}
	mustContain(t, body, "Page 2 of 3", `href="/call/board?page=1#board-h" rel="prev"`, `href="/call/board?page=3#board-h" rel="next"`,
		`id="proposal-149-h"`, `list="proposal-numbers"`)
	if strings.Contains(body, `id="proposal-100-h"`) {
		t.Error("page 2 shows a proposal of page 1")
	}
	if body := f.get("/call/board?page=99&lang=en", "sec").Body.String(); !strings.Contains(body, "Page 3 of 3") {
		t.Error("a page past the end is not the last page")
	}
}

// A call's form refused by the service (a rule the browser cannot check)
// comes back with what was typed, not what is stored: the introduction and
// the rubric's rows.
func TestARefusedCallFormKeepsWhatWasTyped(t *testing.T) {
	f, fp := proposalsFixture(t)
	fp.refuse = igfplus.Errorf(igfplus.EInvalid, "Name each criterion once.")
	rec := f.post("/call", "sec", url.Values{"opens_at": {"2025-06-01T09:00"}, "closes_at": {"2025-07-01T09:00"}, "intro": {"Sessions on rural access first."}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Sessions on rural access first.</textarea>") {
		t.Errorf("the refused call: %d, the typed introduction not shown again", rec.Code)
	}
	rec = f.post("/call/rubric", "sec", url.Values{"criterion_name_0": {"Impact"}, "criterion_weight_0": {"4"}, "criterion_name_1": {"Impact"}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `value="Impact"`) || strings.Contains(rec.Body.String(), `value="Relevance"`) {
		t.Errorf("the refused rubric: %d, the typed rows not shown again", rec.Code)
	}
}
