package pages

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/recommendations"
	"github.com/igfplus/igfplus/tracks/voting"
)

// recVoting is the poll pages' fake with the polls of a recommendation.
type recVoting struct{ *fakeVoting }

func (f recVoting) PollsOfRecommendationFor(_ context.Context, who igfplus.Identity, id int64) ([]voting.Poll, error) {
	var out []voting.Poll
	for _, p := range f.polls {
		if p.RecommendationID == id && (p.State != voting.Draft || who.Name == "Lucia") {
			out = append(out, p)
		}
	}
	return out, nil
}

// recPublishing publishes one recommendation; the page asks for nothing
// else (the embedded interface is nil).
type recPublishing struct {
	Publishing
	published int64
	steps     []publishing.Step
}

func (f recPublishing) Publication(_ context.Context, id int64) (publishing.Item, []publishing.Step, error) {
	if id != f.published {
		return publishing.Item{}, nil, igfplus.Errorf(igfplus.ENotFound, "That recommendation has not been published.")
	}
	return publishing.Item{RecommendationID: id, PublishedAt: time.Now()}, f.steps, nil
}

func TestRecommendationPageListsItsPollsPutsAnAmendmentToAVoteAndSaysWhereItWentNext(t *testing.T) {
	votes := recVoting{&fakeVoting{polls: map[int64]voting.Poll{}}}
	pub := &recPublishing{}
	w := newRecWorld(t, func(d *Deps) { d.Voting, d.Publishing = votes, pub })
	r := w.draft(t)
	here := recommendationPath(r.ID)
	a, err := w.svc.ProposeAmendment(context.Background(), w.people["Amina"], r.ID, recommendations.Proposal{Paragraph: 2, Text: "Operators must share their towers."})
	if err != nil {
		t.Fatal(err)
	}
	vote := fmt.Sprintf("vote-%d", a.ID)
	if page := w.get(t, here, "Amina"); strings.Contains(page, vote) {
		t.Errorf("a participant is offered to put the amendment to a vote")
	}
	holds(t, "the moderator's view", within(w.get(t, here, "Lucia"), fmt.Sprintf("amendment-%d", a.ID)), `id="`+vote+`"`)
	w.post(t, "put to a vote", fmt.Sprintf("%s/amendments/%d/vote", here, a.ID), "Lucia", url.Values{}, http.StatusSeeOther,
		fmt.Sprintf("/sessions/%d/moderate#polls", w.session))
	if len(votes.created) != 1 {
		t.Fatalf("%d polls created, want 1", len(votes.created))
	}
	s := votes.created[0]
	if s.RecommendationID != r.ID || s.AmendmentID != a.ID || s.SessionID != w.session || s.Kind != voting.YesNoAbstain || s.Rule != voting.Majority ||
		s.Question != fmt.Sprintf("Accept amendment %d to paragraph 2 of “Affordable access for all”?", a.ID) {
		t.Errorf("the poll set up: %+v", s)
	}

	votes.polls[4] = voting.Poll{ID: 4, Settings: voting.Settings{RecommendationID: r.ID, Question: "Adopt it?"}, State: voting.Closed,
		Result: &voting.Result{Outcome: voting.Adopted}}
	holds(t, "the polls on it", within(w.get(t, here, ""), "rec-polls"), `href="/polls/4"`, "Adopt it?", "Adopted")

	if _, err := w.db.Pool.Exec(context.Background(), `UPDATE recommendations SET state = 'adopted' WHERE id = $1`, r.ID); err != nil {
		t.Fatal(err)
	}
	page := w.get(t, here, "")
	holds(t, "an adopted one under review", within(page, "next"), "Adopted: waiting for review by the high-level body.")
	if strings.Contains(page, `class="comment-form"`) || strings.Contains(page, `id="support-`) {
		t.Errorf("an adopted recommendation offers its forms")
	}
	pub.published = r.ID
	pub.steps = []publishing.Step{{Kind: publishing.StepPublished, At: time.Now()},
		{Kind: publishing.StepRelayed, At: time.Now(), Body: "CSTD"}}
	holds(t, "a published one", within(w.get(t, here, ""), "next"), fmt.Sprintf(`href="/publications/%d"`, r.ID), "Relayed to \u2068CSTD\u2069")
}
