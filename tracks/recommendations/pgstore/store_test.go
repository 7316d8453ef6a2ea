package pgstore_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/demo"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
	"github.com/igfplus/igfplus/tracks/recommendations/pgstore"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

type fixture struct {
	db                                *pgdb.DB
	store                             *pgstore.Store
	svc                               *recommendations.Service
	issue, otherIssue, track, session int64
	// chair moderates the session only; codrafter and member are plain
	// participants; guest has an account but no participant role.
	chair, codrafter, member, guest igfplus.Identity
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: pgtest.DB(t)}
	f.store = pgstore.New(f.db)
	f.svc = recommendations.NewService(f.store)
	edition := pgtest.ID(t, f.db, `INSERT INTO editions (year, title, starts_on, ends_on) VALUES (2031, 'IGF 2031', '2031-06-01', '2031-06-05') RETURNING id`)
	f.issue = pgtest.ID(t, f.db, `INSERT INTO policy_issues (edition_id, position, slug, title) VALUES ($1, 1, 'access', 'Access') RETURNING id`, edition)
	f.otherIssue = pgtest.ID(t, f.db, `INSERT INTO policy_issues (edition_id, position, slug, title) VALUES ($1, 2, 'ai', 'AI') RETURNING id`, edition)
	f.track = pgtest.ID(t, f.db, `INSERT INTO tracks (edition_id, policy_issue_id, kind, slug, title) VALUES ($1, $2, 'thematic', 'access', 'Access') RETURNING id`, edition, f.issue)
	f.session = pgtest.ID(t, f.db, `
		INSERT INTO sessions (track_id, policy_issue_id, slug, title, format, starts_at, ends_at)
		VALUES ($1, $2, 'access-ws', 'Access workshop', 'workshop', now(), now() + interval '1 hour') RETURNING id`, f.track, f.issue)
	person := func(name string, group igfplus.StakeholderGroup, roles ...igfplus.Role) igfplus.Identity {
		id := pgtest.ID(t, f.db, `
			INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region, email_verified_at)
			VALUES ($1, 'x', $2, $3, 'african', now()) RETURNING id`, strings.ToLower(name)+"@test.example", name, group)
		for _, r := range roles {
			if _, err := f.db.Pool.Exec(ctx, `INSERT INTO account_roles (account_id, role) VALUES ($1, $2)`, id, r); err != nil {
				t.Fatal(err)
			}
		}
		return igfplus.Identity{AccountID: id, Name: name, StakeholderGroup: group, Roles: roles}
	}
	f.chair = person("Chair", igfplus.CivilSociety, igfplus.RoleParticipant)
	f.codrafter = person("Codrafter", igfplus.Government, igfplus.RoleParticipant)
	f.member = person("Member", igfplus.PrivateSector, igfplus.RoleParticipant)
	f.guest = person("Guest", igfplus.Academia)
	if _, err := f.db.Pool.Exec(ctx, `INSERT INTO session_roles (session_id, account_id, role) VALUES ($1, $2, 'moderator')`, f.session, f.chair.AccountID); err != nil {
		t.Fatal(err)
	}
	return f
}

// draft has the chair start a recommendation of three paragraphs with the
// co-drafter.
func (f *fixture) draft(t *testing.T) recommendations.Recommendation {
	t.Helper()
	r, err := f.svc.Create(context.Background(), f.chair, recommendations.NewRecommendation{
		PolicyIssueID: f.issue, TrackID: f.track, SessionID: f.session, Title: " Affordable access ",
		Body: "Governments should.\n\nOperators should.\n\nEveryone should.", CoDrafters: []int64{f.codrafter.AccountID, f.chair.AccountID},
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// amend proposes, as the member, text for paragraph of r's current version.
func (f *fixture) amend(t *testing.T, r recommendations.Recommendation, paragraph int, text string) recommendations.Amendment {
	t.Helper()
	a, err := f.svc.ProposeAmendment(context.Background(), f.member, r.ID, recommendations.Proposal{Paragraph: paragraph, Text: text})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func (f *fixture) setState(t *testing.T, table string, id int64, state string) {
	t.Helper()
	if _, err := f.db.Pool.Exec(context.Background(), `UPDATE `+table+` SET state = $2 WHERE id = $1`, id, state); err != nil {
		t.Fatal(err)
	}
}

func wantCode(t *testing.T, what string, err error, code igfplus.Code) {
	t.Helper()
	if igfplus.ErrorCode(err) != code {
		t.Errorf("%s: %v, want %s", what, err, code)
	}
}

func TestSessionModeratorsCreateWithCoDraftersAndOthersCannot(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.draft(t)
	if r.Title != "Affordable access" || r.State != recommendations.Draft || r.Version != 1 || r.SessionID != f.session {
		t.Fatalf("created %+v", r)
	}
	if len(r.Drafters) != 2 || r.Drafters[0].AccountID != f.chair.AccountID || r.Drafters[1].Name != "Codrafter" || r.Drafters[1].StakeholderGroup != igfplus.Government {
		t.Fatalf("drafters %+v, want the chair then the co-drafter", r.Drafters)
	}
	d := recommendations.NewRecommendation{PolicyIssueID: f.issue, TrackID: f.track, SessionID: f.session, Title: "T", Body: "B"}
	_, err := f.svc.Create(ctx, f.member, d)
	wantCode(t, "a participant creates", err, igfplus.EForbidden)
	_, err = f.svc.Create(ctx, igfplus.Identity{}, d)
	wantCode(t, "anonymous creates", err, igfplus.EUnauthorized)
	d.PolicyIssueID = f.otherIssue
	_, err = f.svc.Create(ctx, f.chair, d)
	wantCode(t, "a track of another policy issue", err, igfplus.EInvalid)
	d.PolicyIssueID, d.CoDrafters = f.issue, []int64{999999}
	_, err = f.svc.Create(ctx, f.chair, d)
	wantCode(t, "an unknown co-drafter", err, igfplus.EInvalid)
	secretariat := f.member
	secretariat.Roles = []igfplus.Role{igfplus.RoleSecretariat}
	d.SessionID, d.CoDrafters = 0, nil
	if _, err := f.svc.Create(ctx, secretariat, d); err != nil {
		t.Fatalf("the Secretariat creates without a session: %v", err)
	}
	list, err := f.svc.Recommendations(ctx, recommendations.Filter{TrackID: f.track})
	if err != nil || len(list) != 2 || list[1].ID != r.ID || len(list[1].Drafters) != 2 {
		t.Fatalf("listed %+v, %v", list, err)
	}
}

func TestOnlyDraftersReviseAndAStaleRevisionIsAConflict(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.draft(t)
	v, err := f.svc.Revise(ctx, f.codrafter, r.ID, 1, "Governments must.\n\nOperators should.\n\nEveryone should.", "Stronger.")
	if err != nil || v.Version != 2 || v.Note != "Stronger." || v.CreatedBy.Name != "Codrafter" {
		t.Fatalf("co-drafter revises: %+v, %v", v, err)
	}
	_, err = f.svc.Revise(ctx, f.chair, r.ID, 1, "Something else.", "")
	wantCode(t, "a revision of version 1 after version 2", err, igfplus.EConflict)
	_, err = f.svc.Revise(ctx, f.member, r.ID, 0, "Mine.", "")
	wantCode(t, "a participant revises", err, igfplus.EForbidden)
	vs, err := f.svc.Versions(ctx, r.ID)
	if err != nil || len(vs) != 2 || vs[0].Version != 1 || vs[1].Body != v.Body {
		t.Fatalf("versions %+v, %v", vs, err)
	}
	for _, state := range []string{"under_vote", "adopted"} {
		f.setState(t, "recommendations", r.ID, state)
		_, err = f.svc.Revise(ctx, f.chair, r.ID, 0, "Too late.", "")
		wantCode(t, "a revision once "+state, err, igfplus.EConflict)
		_, err = f.svc.Comment(ctx, f.member, r.ID, 0, 1, "Too late.")
		wantCode(t, "a comment once "+state, err, igfplus.EConflict)
	}
}

func TestConcurrentRevisionsOfOneVersionMakeOneNewVersion(t *testing.T) {
	f := newFixture(t)
	r := f.draft(t)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			who := f.chair
			if i%2 == 1 {
				who = f.codrafter
			}
			_, errs[i] = f.svc.Revise(context.Background(), who, r.ID, 1, "Revision "+string(rune('a'+i)), "")
		})
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else {
			wantCode(t, "a losing revision", err, igfplus.EConflict)
		}
	}
	vs, _ := f.svc.Versions(context.Background(), r.ID)
	if ok != 1 || len(vs) != 2 {
		t.Fatalf("%d revisions accepted, %d versions; want 1 and 2", ok, len(vs))
	}
}

func TestParticipantsCommentOnParagraphsWithTheirGroupShown(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.draft(t)
	c, err := f.svc.Comment(ctx, f.member, r.ID, 0, 2, "  Which operators?  ")
	if err != nil || c.Version != 1 || c.Paragraph != 2 || c.Body != "Which operators?" || c.Author.Name != "Member" || c.Author.StakeholderGroup != igfplus.PrivateSector {
		t.Fatalf("comment %+v, %v", c, err)
	}
	_, err = f.svc.Comment(ctx, f.member, r.ID, 1, 4, "No such paragraph.")
	wantCode(t, "paragraph 4 of 3", err, igfplus.EInvalid)
	_, err = f.svc.Comment(ctx, f.member, r.ID, 2, 1, "No such version.")
	wantCode(t, "version 2 of 1", err, igfplus.ENotFound)
	_, err = f.svc.Comment(ctx, f.guest, r.ID, 1, 1, "Not registered.")
	wantCode(t, "an account without the participant role", err, igfplus.EForbidden)
	_, err = f.svc.Comment(ctx, igfplus.Identity{}, r.ID, 1, 1, "Anonymous.")
	wantCode(t, "anonymous", err, igfplus.EUnauthorized)
	_, err = f.svc.Comment(ctx, f.member, r.ID, 1, 1, " ")
	wantCode(t, "an empty comment", err, igfplus.EInvalid)
	list, err := f.svc.Comments(ctx, r.ID, recommendations.CommentFilter{Paragraph: 2})
	if err != nil || len(list) != 1 || list[0].ID != c.ID {
		t.Fatalf("comments %+v, %v", list, err)
	}
}

func TestDraftersAcceptAnAmendmentIntoTheNextVersionOrRejectIt(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.draft(t)
	a, err := f.svc.ProposeAmendment(ctx, f.member, r.ID, recommendations.Proposal{Version: 1, Paragraph: 2, Text: "Operators must.", Rationale: "Clearer."})
	if err != nil || a.State != recommendations.Proposed || a.ProposedBy.StakeholderGroup != igfplus.PrivateSector {
		t.Fatalf("proposed %+v, %v", a, err)
	}
	b := f.amend(t, r, 4, "A new closing paragraph.")
	_, err = f.svc.ProposeAmendment(ctx, f.member, r.ID, recommendations.Proposal{Paragraph: 1, Text: "Governments should."})
	wantCode(t, "an amendment that changes nothing", err, igfplus.EInvalid)
	_, err = f.svc.DecideAmendment(ctx, f.member, r.ID, a.ID, true)
	wantCode(t, "a participant accepts", err, igfplus.EForbidden)

	got, err := f.svc.DecideAmendment(ctx, f.codrafter, r.ID, a.ID, true)
	if err != nil || got.State != recommendations.Accepted || got.AppliedVersion != 2 || got.DecidedBy == nil || got.DecidedBy.AccountID != f.codrafter.AccountID {
		t.Fatalf("accepted %+v, %v", got, err)
	}
	v, err := f.svc.Version(ctx, r.ID, 0)
	if err != nil || v.Version != 2 || v.Body != "Governments should.\n\nOperators must.\n\nEveryone should." || !strings.Contains(v.Note, "Amendment") {
		t.Fatalf("version after accepting: %+v, %v", v, err)
	}
	_, err = f.svc.DecideAmendment(ctx, f.chair, r.ID, a.ID, false)
	wantCode(t, "rejecting an accepted amendment", err, igfplus.EConflict)
	_, err = f.svc.ProposeAmendment(ctx, f.member, r.ID, recommendations.Proposal{Version: 1, Paragraph: 3, Text: "Stale."})
	wantCode(t, "an amendment on version 1 once 2 is current", err, igfplus.EConflict)
	_, err = f.svc.DecideAmendment(ctx, f.chair, r.ID+1000, b.ID, false)
	wantCode(t, "an amendment under another recommendation", err, igfplus.ENotFound)

	// b was proposed on version 1; its new last paragraph still applies.
	got, err = f.svc.DecideAmendment(ctx, f.chair, r.ID, b.ID, true)
	if err != nil || got.AppliedVersion != 3 {
		t.Fatalf("accepting an amendment of version 1 onto version 2: %+v, %v", got, err)
	}
	c := f.amend(t, r, 1, "Nobody should.")
	if got, err = f.svc.DecideAmendment(ctx, f.chair, r.ID, c.ID, false); err != nil || got.State != recommendations.Rejected || got.AppliedVersion != 0 {
		t.Fatalf("rejected %+v, %v", got, err)
	}
	if v, _ := f.svc.Version(ctx, r.ID, 0); v.Version != 3 {
		t.Fatalf("a rejection made version %d", v.Version)
	}
}

func TestAPollAcceptsAnAmendmentInsideItsOwnTransaction(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.draft(t)
	a := f.amend(t, r, 3, "Everyone must.")
	f.setState(t, "amendments", a.ID, "under_vote")
	_, err := f.svc.DecideAmendment(ctx, f.chair, r.ID, a.ID, true)
	wantCode(t, "drafters accepting an amendment under vote", err, igfplus.EConflict)
	_, err = f.svc.Revise(ctx, f.chair, r.ID, 0, "Rewritten.", "")
	wantCode(t, "a revision while an amendment is under vote", err, igfplus.EConflict)

	var announced []hub.Event
	accept := func(tx pgx.Tx) error {
		var err error
		announced, err = f.store.AcceptAmendmentTx(ctx, tx, a.ID, f.chair.AccountID)
		return err
	}
	// A failed closing transaction writes nothing.
	f.setState(t, "recommendations", r.ID, "withdrawn")
	err = f.db.InTx(ctx, accept)
	wantCode(t, "a poll accepting into a withdrawn recommendation", err, igfplus.EConflict)
	f.setState(t, "recommendations", r.ID, "draft")

	err = f.db.InTx(ctx, func(tx pgx.Tx) error {
		// The poll may mark the amendment accepted before asking for the text.
		if _, err := tx.Exec(ctx, `UPDATE amendments SET state = 'accepted' WHERE id = $1`, a.ID); err != nil {
			return err
		}
		return accept(tx)
	})
	if err != nil {
		t.Fatal(err)
	}
	v, err := f.svc.Version(ctx, r.ID, 0)
	if err != nil || v.Version != 2 || v.Body != "Governments should.\n\nOperators should.\n\nEveryone must." {
		t.Fatalf("version after the poll: %+v, %v", v, err)
	}
	// The poll's store announces these after its commit.
	if kinds := eventKinds(announced); !slices.Equal(kinds, []string{"amendment.changed", "recommendation.revised"}) {
		t.Errorf("the accepted amendment's events: %v", kinds)
	}
	err = f.db.InTx(ctx, accept)
	wantCode(t, "accepting twice", err, igfplus.EConflict)
}

func TestTheRecordKeepsConsensusAndDissentUntilDecided(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	r := f.draft(t)
	empty, err := f.svc.Record(ctx, r.ID)
	if err != nil || empty.Consensus != "" || len(empty.Dissent) != 0 || empty.UpdatedBy != nil {
		t.Fatalf("a new record: %+v, %v", empty, err)
	}
	in := recommendations.Record{Consensus: " Broad agreement on paragraphs 1 and 3. ", Dissent: []recommendations.Dissent{
		{StakeholderGroup: igfplus.PrivateSector, Who: "Operators' association", Reason: "Paragraph 2 imposes costs."},
		{StakeholderGroup: igfplus.Government, Reason: "Prefers voluntary measures."},
	}}
	rec, err := f.svc.SetRecord(ctx, f.codrafter, r.ID, in)
	if err != nil || rec.Consensus != "Broad agreement on paragraphs 1 and 3." || len(rec.Dissent) != 2 || rec.Dissent[0].Who != "Operators' association" || rec.UpdatedBy.Name != "Codrafter" {
		t.Fatalf("record %+v, %v", rec, err)
	}
	in.Dissent = in.Dissent[1:]
	if rec, err = f.svc.SetRecord(ctx, f.chair, r.ID, in); err != nil || len(rec.Dissent) != 1 || rec.Dissent[0].StakeholderGroup != igfplus.Government {
		t.Fatalf("replaced record %+v, %v", rec, err)
	}
	_, err = f.svc.SetRecord(ctx, f.member, r.ID, in)
	wantCode(t, "a participant keeps the record", err, igfplus.EForbidden)
	_, err = f.svc.SetRecord(ctx, f.chair, r.ID, recommendations.Record{Dissent: []recommendations.Dissent{{StakeholderGroup: "lobbyists", Reason: "x"}}})
	wantCode(t, "an unknown stakeholder group", err, igfplus.EInvalid)
	_, err = f.svc.SetRecord(ctx, f.chair, r.ID, recommendations.Record{Dissent: []recommendations.Dissent{{StakeholderGroup: igfplus.Academia}}})
	wantCode(t, "a dissent without a reason", err, igfplus.EInvalid)
	f.setState(t, "recommendations", r.ID, "adopted")
	_, err = f.svc.SetRecord(ctx, f.chair, r.ID, in)
	wantCode(t, "a record once adopted", err, igfplus.EConflict)
}

func TestTheDemoRecommendationIsConsistentAndItsAmendmentApplies(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	if _, err := demo.Seed(ctx, db, time.Now(), func(string) (string, error) { return "not-a-real-hash", nil }); err != nil {
		t.Fatal(err)
	}
	svc := recommendations.NewService(pgstore.New(db))
	list, err := svc.Recommendations(ctx, recommendations.Filter{})
	// The one being drafted; the initiatives' tracks bring adopted ones.
	list = slices.DeleteFunc(list, func(r recommendations.Recommendation) bool { return r.State == recommendations.Adopted })
	if err != nil || len(list) != 1 {
		t.Fatalf("demo recommendations %+v, %v", list, err)
	}
	r := list[0]
	if r.Version != 2 || len(r.Drafters) != 2 || r.SessionID == 0 {
		t.Fatalf("demo recommendation %+v", r)
	}
	comments, err := svc.Comments(ctx, r.ID, recommendations.CommentFilter{})
	if err != nil || len(comments) == 0 {
		t.Fatalf("comments %v, %v", comments, err)
	}
	for _, c := range comments {
		v, err := svc.Version(ctx, r.ID, c.Version)
		if err != nil || c.Paragraph > len(v.Paragraphs()) {
			t.Errorf("comment %d on paragraph %d of version %d, which has %d", c.ID, c.Paragraph, c.Version, len(v.Paragraphs()))
		}
	}
	rec, err := svc.Record(ctx, r.ID)
	if err != nil || rec.Consensus == "" || len(rec.Dissent) != 1 {
		t.Fatalf("record %+v, %v", rec, err)
	}
	amendments, err := svc.Amendments(ctx, r.ID)
	if err != nil || len(amendments) != 1 || amendments[0].State != recommendations.Proposed {
		t.Fatalf("amendments %+v, %v", amendments, err)
	}
	drafter := igfplus.Identity{AccountID: r.CreatedBy.AccountID}
	if a, err := svc.DecideAmendment(ctx, drafter, r.ID, amendments[0].ID, true); err != nil || a.AppliedVersion != 3 {
		t.Fatalf("accepting the demo amendment: %+v, %v", a, err)
	}
}

// eventKinds lists the kinds of events, in order.
func eventKinds(events []hub.Event) []string {
	kinds := make([]string, len(events))
	for i, ev := range events {
		kinds[i] = ev.Type
	}
	return kinds
}
