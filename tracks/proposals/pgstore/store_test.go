package pgstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/pgstore/programmetest"
	"github.com/igfplus/igfplus/tracks/proposals"
	"github.com/igfplus/igfplus/tracks/proposals/pgstore"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

type letters []proposals.Letter

func (l *letters) MailDecision(_ context.Context, x proposals.Letter) error {
	*l = append(*l, x)
	return nil
}

// world is a programme with an open call on its edition, a rubric of two
// criteria, and two MAG members.
type world struct {
	*programmetest.World
	svc        *proposals.Service
	mail       *letters
	now        time.Time
	call       proposals.Call
	mag1, mag2 igfplus.Identity
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{World: programmetest.New(t), mail: &letters{}, now: time.Date(2031, 3, 1, 12, 0, 0, 0, time.UTC)}
	w.svc = proposals.NewService(pgstore.New(w.DB), w.mail, func() time.Time { return w.now })
	mag := func(name string) igfplus.Identity {
		id := w.One(t, `INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region)
			VALUES ($1, 'x', $1, 'academia', 'asia_pacific') RETURNING id`, name+"@example.org")
		w.One(t, `INSERT INTO account_roles (account_id, role) VALUES ($1, 'mag_member') RETURNING account_id`, id)
		return igfplus.Identity{AccountID: id, Name: name, Roles: []igfplus.Role{igfplus.RoleParticipant, igfplus.RoleMAGMember}}
	}
	w.mag1, w.mag2 = mag("mag1"), mag("mag2")
	ctx := context.Background()
	var err error
	if _, err = w.svc.OpenCall(ctx, w.Stranger, w.Edition, proposals.CallChange{Opens: w.now, Closes: w.now.Add(time.Hour)}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("a participant opened the call: %v", err)
	}
	if _, err = w.svc.OpenCall(ctx, w.Sec, w.Edition, proposals.CallChange{Opens: w.now.Add(-time.Hour), Closes: w.now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if w.call, err = w.svc.SetRubric(ctx, w.Sec, w.Edition, []proposals.Criterion{{Name: "Relevance", Weight: 3}, {Name: "Diversity", Weight: 1}}); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) draft() proposals.Draft {
	return proposals.Draft{PolicyIssueID: w.Issue, TrackID: w.Global, Format: "workshop", Title: "Last-mile access", Description: "Community networks.",
		Organisers: []string{"Rural Connect"},
		Speakers:   []proposals.Speaker{{Name: "Ana", StakeholderGroup: igfplus.CivilSociety, Region: igfplus.African, Gender: proposals.Woman}}}
}

func (w *world) scores(a, b int) proposals.Scoring {
	return proposals.Scoring{Scores: map[int64]int{w.call.Rubric[0].ID: a, w.call.Rubric[1].ID: b}}
}

// TestAProposalIsEditedUntilTheDeadlineWithinItsEdition: a proposal names
// an issue and track of the call's edition, a track of the same issue and
// known NRIs; its proposer edits it until the deadline, nobody else does.
func TestAProposalIsEditedUntilTheDeadlineWithinItsEdition(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	bad := w.draft()
	bad.PolicyIssueID = w.Other // the track is of Issue
	if _, err := w.svc.Submit(ctx, w.Coord, w.Edition, bad); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("a track of another issue: %v", err)
	}
	bad = w.draft()
	bad.NRIs = []int64{999999}
	if _, err := w.svc.Submit(ctx, w.Coord, w.Edition, bad); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("an unknown NRI: %v", err)
	}
	p, err := w.svc.Submit(ctx, w.Coord, w.Edition, w.draft())
	if err != nil || p.State != proposals.Submitted || p.ProposerName != "coord@example.org" || len(p.Speakers) != 1 {
		t.Fatalf("submit: %+v, %v", p, err)
	}
	d := w.draft()
	d.Title = "Last-mile access, revised"
	if _, err := w.svc.Edit(ctx, w.Stranger, p.ID, d); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a stranger edited: %v", err)
	}
	if p, err = w.svc.Edit(ctx, w.Coord, p.ID, d); err != nil || p.Title != d.Title {
		t.Fatalf("edit: %+v, %v", p, err)
	}
	w.now = w.now.Add(time.Hour)
	if _, err := w.svc.Edit(ctx, w.Coord, p.ID, w.draft()); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("edited after the deadline: %v", err)
	}
	if _, err := w.svc.Submit(ctx, w.Coord, w.Edition, w.draft()); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("submitted after the deadline: %v", err)
	}
	mine, err := w.svc.Mine(ctx, w.Coord)
	if err != nil || len(mine) != 1 || mine[0].Title != d.Title {
		t.Errorf("mine: %+v, %v", mine, err)
	}
}

// TestReviewersScoreWhatIsAssignedUnlessConflicted: only MAG members are
// assigned; a reviewer sees no other scores before scoring; a declared
// conflict forbids scoring; the rubric is frozen once scored; the
// proposer reads no review; the board aggregates.
func TestReviewersScoreWhatIsAssignedUnlessConflicted(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	p, err := w.svc.Submit(ctx, w.Coord, w.Edition, w.draft())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.svc.Assign(ctx, w.Sec, p.ID, w.Stranger.AccountID); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("assigned to a non-member: %v", err)
	}
	if _, err := w.svc.Score(ctx, w.mag1, p.ID, w.scores(5, 5)); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("scored unassigned: %v", err)
	}
	for _, m := range []igfplus.Identity{w.mag1, w.mag2} {
		if err := w.svc.Assign(ctx, w.Sec, p.ID, m.AccountID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.svc.Score(ctx, w.mag1, p.ID, w.scores(5, 1)); err != nil {
		t.Fatal(err)
	}
	if got, err := w.svc.Reviews(ctx, w.mag2, p.ID); err != nil || len(got) != 0 {
		t.Errorf("before scoring, mag2 sees %+v, %v", got, err)
	}
	if _, err := w.svc.DeclareConflict(ctx, w.mag2, p.ID, "I advise the organiser."); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.Score(ctx, w.mag2, p.ID, w.scores(1, 1)); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a conflicted reviewer scored: %v", err)
	}
	if _, err := w.svc.DeclareConflict(ctx, w.mag1, p.ID, ""); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("a conflict declared after scoring: %v", err)
	}
	if got, _ := w.svc.Reviews(ctx, w.mag2, p.ID); len(got) != 1 || got[0].ReviewerID != w.mag2.AccountID {
		t.Errorf("the conflicted reviewer sees %+v", got)
	}
	if got, _ := w.svc.Reviews(ctx, w.mag1, p.ID); len(got) != 2 {
		t.Errorf("after scoring, mag1 sees %d reviews", len(got))
	}
	if _, err := w.svc.Reviews(ctx, w.Coord, p.ID); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("the proposer read the reviews: %v", err)
	}
	if _, err := w.svc.SetRubric(ctx, w.Sec, w.Edition, []proposals.Criterion{{Name: "Other", Weight: 1}}); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("the rubric changed after scoring: %v", err)
	}
	b, err := w.svc.Board(ctx, w.Sec, w.Edition)
	if err != nil || len(b.Rows) != 1 {
		t.Fatalf("board: %+v, %v", b, err)
	}
	if s := b.Rows[0].Scores; s.Assigned != 2 || s.Scored != 1 || s.Conflicts != 1 || s.Mean != 4 {
		t.Errorf("aggregate: %+v", s)
	}
	if _, err := w.svc.Board(ctx, w.mag1, w.Edition); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a reviewer read the board: %v", err)
	}
}

// TestAcceptingAProposalAddsAnUnscheduledSessionAndMailsTheProposer: the
// decision is taken once, accepting adds the session (the proposal's
// issue, track and title, moderated by its proposer, unscheduled), and
// each decision is mailed; merging names a proposal of the same call.
func TestAcceptingAProposalAddsAnUnscheduledSessionAndMailsTheProposer(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	a, _ := w.svc.Submit(ctx, w.Coord, w.Edition, w.draft())
	b, _ := w.svc.Submit(ctx, w.Lead, w.Edition, w.draft())
	if _, err := w.svc.Decide(ctx, w.Coord, a.ID, proposals.Decision{Outcome: proposals.Accepted}); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("the proposer decided: %v", err)
	}
	p, err := w.svc.Decide(ctx, w.Sec, a.ID, proposals.Decision{Outcome: proposals.Accepted, Note: "Welcome."})
	if err != nil || p.State != proposals.Accepted || p.SessionID == 0 {
		t.Fatalf("accept: %+v, %v", p, err)
	}
	var state, title string
	var issue, track, moderator int64
	if err := w.DB.Pool.QueryRow(ctx, `SELECT s.state, s.title, s.policy_issue_id, s.track_id, r.account_id FROM sessions s
		JOIN session_roles r ON r.session_id = s.id AND r.role = 'moderator' WHERE s.id = $1`, p.SessionID).
		Scan(&state, &title, &issue, &track, &moderator); err != nil {
		t.Fatal(err)
	}
	if state != "unscheduled" || title != a.Title || issue != w.Issue || track != w.Global || moderator != w.Coord.AccountID {
		t.Errorf("session: %s %q issue %d track %d moderator %d", state, title, issue, track, moderator)
	}
	if _, err := w.svc.Decide(ctx, w.Sec, a.ID, proposals.Decision{Outcome: proposals.Rejected}); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("decided twice: %v", err)
	}
	if _, err := w.svc.Edit(ctx, w.Coord, a.ID, w.draft()); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("edited once decided: %v", err)
	}
	if _, err := w.svc.Decide(ctx, w.Sec, b.ID, proposals.Decision{Outcome: proposals.MergeSuggested, MergeWith: 999999}); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("merge with an unknown proposal: %v", err)
	}
	if p, err = w.svc.Decide(ctx, w.Sec, b.ID, proposals.Decision{Outcome: proposals.MergeSuggested, MergeWith: a.ID}); err != nil || p.MergeWith != a.ID {
		t.Fatalf("merge: %+v, %v", p, err)
	}
	m := *w.mail
	if len(m) != 2 || m[0].To.Email != "coord@example.org" || m[0].Proposal.State != proposals.Accepted ||
		m[1].To.Email != "lead@example.org" || m[1].MergeTitle != a.Title {
		t.Errorf("letters: %+v", m)
	}
}

// A proposal on a track the Secretariat has since moved to another policy
// issue is still accepted: its session is of the track's issue now.
func TestAProposalOnATrackMovedToAnotherIssueIsStillAccepted(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	a, err := w.svc.Submit(ctx, w.Coord, w.Edition, w.draft())
	if err != nil {
		t.Fatal(err)
	}
	other := w.One(t, `SELECT id FROM policy_issues WHERE edition_id = $1 AND id <> $2 ORDER BY id LIMIT 1`, w.Edition, w.Issue)
	w.One(t, `UPDATE tracks SET policy_issue_id = $2 WHERE id = $1 RETURNING id`, w.Global, other)
	p, err := w.svc.Decide(ctx, w.Sec, a.ID, proposals.Decision{Outcome: proposals.Accepted})
	if err != nil || p.SessionID == 0 {
		t.Fatalf("accepting the proposal on the moved track: %+v, %v", p, err)
	}
	if issue := w.One(t, `SELECT policy_issue_id FROM sessions WHERE id = $1`, p.SessionID); issue != other {
		t.Errorf("the session is of issue %d, want the track's own %d", issue, other)
	}
}
