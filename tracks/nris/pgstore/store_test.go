package pgstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
	"github.com/igfplus/igfplus/tracks/nris/pgstore"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// world is an edition with two policy issues, a global thematic track led
// by lead, and the people of the tests.
type world struct {
	db                         *pgdb.DB
	svc                        *nris.Service
	edition, issue, other      int64
	global                     int64
	sec, lead, coord, stranger igfplus.Identity
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{db: pgtest.DB(t)}
	w.svc = nris.NewService(pgstore.New(w.db))
	one := func(sql string, args ...any) int64 {
		t.Helper()
		var id int64
		if err := w.db.Pool.QueryRow(ctx, sql, args...).Scan(&id); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return id
	}
	person := func(name string, roles ...igfplus.Role) igfplus.Identity {
		id := one(`INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region)
			VALUES ($1, 'x', $1, 'civil_society', 'african') RETURNING id`, name+"@example.org")
		return igfplus.Identity{AccountID: id, Name: name, Roles: append([]igfplus.Role{igfplus.RoleParticipant}, roles...)}
	}
	w.sec, w.lead, w.coord, w.stranger = person("sec", igfplus.RoleSecretariat), person("lead"), person("coord"), person("stranger")
	w.edition = one(`INSERT INTO editions (year, title, starts_on, ends_on, max_policy_issues) VALUES (2031, 'IGF 2031', '2031-06-01', '2031-06-05', 2) RETURNING id`)
	w.issue = one(`INSERT INTO policy_issues (edition_id, position, slug, title) VALUES ($1, 1, 'access', 'Access') RETURNING id`, w.edition)
	w.other = one(`INSERT INTO policy_issues (edition_id, position, slug, title) VALUES ($1, 2, 'ai', 'AI') RETURNING id`, w.edition)
	w.global = one(`INSERT INTO tracks (edition_id, policy_issue_id, kind, slug, title, lead_id) VALUES ($1, $2, 'thematic', 'access', 'Access', $3) RETURNING id`,
		w.edition, w.issue, w.lead.AccountID)
	return w
}

// adopted inserts a recommendation of track adopted now, with one version.
func (w *world) adopted(t *testing.T, track int64, title string) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := w.db.Pool.QueryRow(ctx, `INSERT INTO recommendations (policy_issue_id, track_id, title, created_by)
		VALUES ($1, $2, $3, $4) RETURNING id`, w.issue, track, title, w.coord.AccountID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.Pool.Exec(ctx, `INSERT INTO recommendation_versions (recommendation_id, version, body, created_by) VALUES ($1, 1, $2, $3)`,
		id, "Text of "+title, w.coord.AccountID); err != nil {
		t.Fatal(err)
	}
	// The poll that adopted it, closed with its result, in the same
	// transaction as the adoption (as voting closes a poll).
	tx, err := w.db.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `INSERT INTO polls (recommendation_id, track_id, question, kind, rule, state, created_by, result)
		VALUES ($1, $2, 'Adopt?', 'yes_no_abstain', 'majority', 'closed', $3, '{"decision":"adopted","turnout":7}')`, id, track, w.coord.AccountID); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `UPDATE recommendations SET state = 'adopted', adopted_at = now() WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	return id
}

func code(err error) igfplus.Code { return igfplus.ErrorCode(err) }

func TestTheFocusedAgendaIsCappedAndEverySessionIsTiedToAnIssueOfItsTrack(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	_, err := w.svc.AddPolicyIssue(ctx, w.sec, nris.NewPolicyIssue{EditionID: w.edition, Slug: "third", Title: "A third issue"})
	if code(err) != igfplus.EConflict {
		t.Fatalf("a third issue over a cap of 2: %v, want conflict", err)
	}
	if _, err := w.svc.AddPolicyIssue(ctx, w.lead, nris.NewPolicyIssue{EditionID: w.edition, Slug: "x", Title: "X"}); code(err) != igfplus.EForbidden {
		t.Errorf("a participant setting the agenda: %v, want forbidden", err)
	}
	// The secretariat raises the cap: the third fits, a fourth does not.
	w.db.Pool.Exec(ctx, `UPDATE editions SET max_policy_issues = 3 WHERE id = $1`, w.edition)
	if pi, err := w.svc.AddPolicyIssue(ctx, w.sec, nris.NewPolicyIssue{EditionID: w.edition, Slug: "third", Title: "A third issue"}); err != nil || pi.ID == 0 {
		t.Fatalf("a third issue under a cap of 3: %+v, %v", pi, err)
	}
	start := time.Date(2031, 6, 2, 9, 0, 0, 0, time.UTC)
	s := nris.NewSession{Slug: "s1", Title: "S", Format: "workshop", StartsAt: start, EndsAt: start.Add(time.Hour)}
	if _, err := w.svc.AddSession(ctx, w.sec, w.global, s); code(err) != igfplus.EInvalid {
		t.Errorf("a session with no policy issue: %v, want invalid", err)
	}
	s.PolicyIssueID = w.other
	if _, err := w.svc.AddSession(ctx, w.sec, w.global, s); code(err) != igfplus.EInvalid {
		t.Errorf("a session of the access track on the AI issue: %v, want invalid", err)
	}
	s.PolicyIssueID = w.issue
	if id, err := w.svc.AddSession(ctx, w.sec, w.global, s); err != nil || id == 0 {
		t.Errorf("a session on the track's issue: %d, %v", id, err)
	}
}

// TestCoordinatorsRunTheirTracksAndLinkThemToAGlobalTrack: the secretariat
// adds an initiative with its coordinator, who adds an NRI track and a
// session (which they moderate) and asks to link it; only the global
// track's lead or the secretariat decides; accepting brings the track's
// adopted recommendations into the intake with their origin, and later
// adoptions follow by themselves; the lead merges one and answers another.
func TestCoordinatorsRunTheirTracksAndLinkThemToAGlobalTrack(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	slug, name, level := "kenya-igf", "Kenya IGF", nris.National
	countries, coords := []string{"KE"}, []int64{w.coord.AccountID}
	if _, err := w.svc.CreateNRI(ctx, w.coord, nris.NRIChange{Slug: &slug, Name: &name, Level: &level}); code(err) != igfplus.EForbidden {
		t.Fatalf("a coordinator adding to the directory: %v, want forbidden", err)
	}
	nri, err := w.svc.CreateNRI(ctx, w.sec, nris.NRIChange{Slug: &slug, Name: &name, Level: &level, Countries: &countries, Coordinators: &coords})
	if err != nil || len(nri.Coordinators) != 1 || nri.Coordinators[0].ID != w.coord.AccountID || nri.Recognition != nris.Pending {
		t.Fatalf("create: %+v, %v", nri, err)
	}
	rec := nris.Recognised
	if nri, err = w.svc.UpdateNRI(ctx, w.sec, nri.ID, nris.NRIChange{Recognition: &rec}); err != nil || nri.Recognition != nris.Recognised || nri.Countries[0] != "KE" {
		t.Fatalf("recognise: %+v, %v", nri, err)
	}
	nt := nris.NewTrack{EditionID: w.edition, NRIID: nri.ID, Kind: tracks.NRI, Slug: "kenya", Title: "Kenya IGF track"}
	if _, err := w.svc.AddTrack(ctx, w.stranger, nt); code(err) != igfplus.EForbidden {
		t.Errorf("a stranger adding the initiative's track: %v, want forbidden", err)
	}
	track, err := w.svc.AddTrack(ctx, w.coord, nt)
	if err != nil || track.NRIName != "Kenya IGF" {
		t.Fatalf("the coordinator's track: %+v, %v", track, err)
	}
	if _, err := w.svc.AddTrack(ctx, w.coord, nris.NewTrack{EditionID: w.edition, PolicyIssueID: w.issue, Kind: tracks.Thematic, Slug: "t", Title: "T"}); code(err) != igfplus.EForbidden {
		t.Errorf("a coordinator adding a global track: %v, want forbidden", err)
	}
	start := time.Now().Add(time.Hour)
	session, err := w.svc.AddSession(ctx, w.coord, track.ID, nris.NewSession{PolicyIssueID: w.issue, Slug: "kenya-1", Title: "Kenya on access", Format: "nri_collaborative", StartsAt: start, EndsAt: start.Add(time.Hour)})
	if err != nil {
		t.Fatalf("the coordinator's session: %v", err)
	}
	var moderates, coorganised bool
	w.db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM session_roles WHERE session_id = $1 AND account_id = $2 AND role = 'moderator'),
		EXISTS (SELECT 1 FROM session_coorganisers WHERE session_id = $1 AND nri_id = $3)`, session, w.coord.AccountID, nri.ID).Scan(&moderates, &coorganised)
	if !moderates || !coorganised {
		t.Errorf("the session's moderator %v, co-organised by the initiative %v", moderates, coorganised)
	}

	before := w.adopted(t, track.ID, "Adopted before the link")
	if _, err := w.svc.AskLink(ctx, w.stranger, track.ID, w.global, ""); code(err) != igfplus.EForbidden {
		t.Errorf("a stranger asking for the link: %v, want forbidden", err)
	}
	if _, err := w.svc.AskLink(ctx, w.coord, w.global, track.ID, ""); code(err) != igfplus.EInvalid {
		t.Errorf("linking the wrong way round: %v, want invalid", err)
	}
	link, err := w.svc.AskLink(ctx, w.coord, track.ID, w.global, "Our messages on access")
	if err != nil || link.State != nris.LinkPending || link.NRIName != "Kenya IGF" {
		t.Fatalf("ask: %+v, %v", link, err)
	}
	if _, err := w.svc.AskLink(ctx, w.coord, track.ID, w.global, ""); code(err) != igfplus.EConflict {
		t.Errorf("asking twice: %v, want conflict", err)
	}
	if items, _ := w.svc.Intake(ctx, w.global); len(items) != 0 {
		t.Errorf("intake before the link is accepted: %+v", items)
	}
	if _, err := w.svc.DecideLink(ctx, w.coord, link.ID, true, ""); code(err) != igfplus.EForbidden {
		t.Errorf("the coordinator accepting their own link: %v, want forbidden", err)
	}
	if link, err = w.svc.DecideLink(ctx, w.lead, link.ID, true, "Welcome"); err != nil || link.State != nris.LinkAccepted || link.DecidedBy.ID != w.lead.AccountID {
		t.Fatalf("the lead accepts: %+v, %v", link, err)
	}
	if _, err := w.svc.DecideLink(ctx, w.sec, link.ID, false, ""); code(err) != igfplus.EConflict {
		t.Errorf("deciding twice: %v, want conflict", err)
	}
	after := w.adopted(t, track.ID, "Adopted after the link")
	items, err := w.svc.Intake(ctx, w.global)
	if err != nil || len(items) != 2 {
		t.Fatalf("intake: %+v, %v; want both adopted recommendations", items, err)
	}
	got := map[int64]nris.IntakeItem{}
	for _, it := range items {
		got[it.Origin.RecommendationID] = it
	}
	for _, rec := range []int64{before, after} {
		it := got[rec]
		if it.Origin.NRI != "Kenya IGF" || it.Origin.Track != "Kenya IGF track" || it.LinkID != link.ID || it.State != nris.IntakePending || it.Origin.Body != "Text of "+it.Origin.Title ||
			!strings.Contains(string(it.Origin.PollResult), `"turnout": 7`) {
			t.Errorf("intake item of %d: %+v", rec, it)
		}
	}
	globalRec := w.adopted(t, w.global, "A global recommendation")
	if _, err := w.svc.Merge(ctx, w.coord, got[before].ID, globalRec); code(err) != igfplus.EForbidden {
		t.Errorf("the coordinator merging: %v, want forbidden", err)
	}
	if _, err := w.svc.Merge(ctx, w.lead, got[before].ID, after); code(err) != igfplus.EInvalid {
		t.Errorf("merging into the NRI's own recommendation: %v, want invalid", err)
	}
	merged, err := w.svc.Merge(ctx, w.lead, got[before].ID, globalRec)
	if err != nil || merged.State != nris.IntakeMerged || merged.MergedInto != globalRec || merged.Origin.RecommendationID != before {
		t.Fatalf("merge: %+v, %v", merged, err)
	}
	answered, err := w.svc.Answer(ctx, w.sec, got[after].ID, "Taken up in the main session's messages.")
	if err != nil || answered.State != nris.IntakeAnswered || answered.DecidedBy.ID != w.sec.AccountID {
		t.Fatalf("answer: %+v, %v", answered, err)
	}
	if _, err := w.svc.Answer(ctx, w.sec, got[before].ID, "again"); code(err) != igfplus.EConflict {
		t.Errorf("answering a merged item: %v, want conflict", err)
	}
}

// A chain of parents never loops: an initiative cannot be put under one of
// its own descendants, and the refused change leaves it as it was.
func TestAnInitiativeCannotSitUnderItsOwnDescendant(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	mk := func(slug string, parent int64) int64 {
		t.Helper()
		name, level := "IGF "+slug, nris.National
		c := nris.NRIChange{Slug: &slug, Name: &name, Level: &level}
		if parent != 0 {
			c.ParentID = &parent
		}
		n, err := w.svc.CreateNRI(ctx, w.sec, c)
		if err != nil {
			t.Fatal(err)
		}
		return n.ID
	}
	region := mk("region", 0)
	country := mk("country", region)
	youth := mk("country-youth", country)
	if _, err := w.svc.UpdateNRI(ctx, w.sec, region, nris.NRIChange{ParentID: &youth}); code(err) != igfplus.EInvalid {
		t.Fatalf("region under its grandchild: %v, want invalid", err)
	}
	if _, err := w.svc.UpdateNRI(ctx, w.sec, country, nris.NRIChange{ParentID: &youth}); code(err) != igfplus.EInvalid {
		t.Fatalf("country under its child: %v, want invalid", err)
	}
	if n, err := w.svc.NRI(ctx, region); err != nil || n.ParentID != 0 {
		t.Fatalf("after the refusal the region has parent %d (%v), want none", n.ParentID, err)
	}
	other := mk("other-region", 0)
	if n, err := w.svc.UpdateNRI(ctx, w.sec, youth, nris.NRIChange{ParentID: &other}); err != nil || n.ParentID != other {
		t.Fatalf("moving the youth initiative elsewhere: %+v, %v", n, err)
	}
}
