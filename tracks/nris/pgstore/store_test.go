package pgstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
	"github.com/igfplus/igfplus/tracks/pgstore/programmetest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// adopted inserts a recommendation of track adopted now, with one version.
func adopted(t *testing.T, w *programmetest.World, track int64, title string) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	if err := w.DB.Pool.QueryRow(ctx, `INSERT INTO recommendations (policy_issue_id, track_id, title, created_by)
		VALUES ($1, $2, $3, $4) RETURNING id`, w.Issue, track, title, w.Coord.AccountID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := w.DB.Pool.Exec(ctx, `INSERT INTO recommendation_versions (recommendation_id, version, body, created_by) VALUES ($1, 1, $2, $3)`,
		id, "Text of "+title, w.Coord.AccountID); err != nil {
		t.Fatal(err)
	}
	// The poll that adopted it, closed with its result, in the same
	// transaction as the adoption (as voting closes a poll).
	tx, err := w.DB.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `INSERT INTO polls (recommendation_id, track_id, question, kind, rule, state, created_by, result)
		VALUES ($1, $2, 'Adopt?', 'yes_no_abstain', 'majority', 'closed', $3, '{"decision":"adopted","turnout":7}')`, id, track, w.Coord.AccountID); err != nil {
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

// TestCoordinatorsRunTheirTracksAndLinkThemToAGlobalTrack: the secretariat
// adds an initiative with its coordinator, who adds an NRI track and a
// session (which they moderate) and asks to link it; only the global
// track's lead or the secretariat decides; accepting brings the track's
// adopted recommendations into the intake with their origin, and later
// adoptions follow by themselves; the lead merges one and answers another.
func TestCoordinatorsRunTheirTracksAndLinkThemToAGlobalTrack(t *testing.T) {
	ctx := context.Background()
	w := programmetest.New(t)
	slug, name, level := "kenya-igf", "Kenya IGF", nris.National
	countries, coords := []string{"KE"}, []int64{w.Coord.AccountID}
	if _, err := w.NRIs.CreateNRI(ctx, w.Coord, nris.NRIChange{Slug: &slug, Name: &name, Level: &level}); code(err) != igfplus.EForbidden {
		t.Fatalf("a coordinator adding to the directory: %v, want forbidden", err)
	}
	nri, err := w.NRIs.CreateNRI(ctx, w.Sec, nris.NRIChange{Slug: &slug, Name: &name, Level: &level, Countries: &countries, Coordinators: &coords})
	if err != nil || len(nri.Coordinators) != 1 || nri.Coordinators[0].ID != w.Coord.AccountID || nri.Recognition != nris.Pending {
		t.Fatalf("create: %+v, %v", nri, err)
	}
	rec := nris.Recognised
	if nri, err = w.NRIs.UpdateNRI(ctx, w.Sec, nri.ID, nris.NRIChange{Recognition: &rec}); err != nil || nri.Recognition != nris.Recognised || nri.Countries[0] != "KE" {
		t.Fatalf("recognise: %+v, %v", nri, err)
	}
	nt := tracks.NewTrack{EditionID: w.Edition, NRIID: nri.ID, Kind: tracks.NRI, Slug: "kenya", Title: "Kenya IGF track"}
	if _, err := w.Programme.AddTrack(ctx, w.Stranger, nt); code(err) != igfplus.EForbidden {
		t.Errorf("a stranger adding the initiative's track: %v, want forbidden", err)
	}
	track, err := w.Programme.AddTrack(ctx, w.Coord, nt)
	if err != nil || track.NRIName != "Kenya IGF" {
		t.Fatalf("the coordinator's track: %+v, %v", track, err)
	}
	if _, err := w.Programme.AddTrack(ctx, w.Coord, tracks.NewTrack{EditionID: w.Edition, PolicyIssueID: w.Issue, Kind: tracks.Thematic, Slug: "t", Title: "T"}); code(err) != igfplus.EForbidden {
		t.Errorf("a coordinator adding a global track: %v, want forbidden", err)
	}
	start := time.Now().Add(time.Hour)
	session, err := w.Programme.AddSession(ctx, w.Coord, track.ID, tracks.NewSession{PolicyIssueID: w.Issue, Slug: "kenya-1", Title: "Kenya on access", Format: "nri_collaborative", StartsAt: start, EndsAt: start.Add(time.Hour)})
	if err != nil {
		t.Fatalf("the coordinator's session: %v", err)
	}
	var moderates, coorganised bool
	w.DB.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM session_roles WHERE session_id = $1 AND account_id = $2 AND role = 'moderator'),
		EXISTS (SELECT 1 FROM session_coorganisers WHERE session_id = $1 AND nri_id = $3)`, session, w.Coord.AccountID, nri.ID).Scan(&moderates, &coorganised)
	if !moderates || !coorganised {
		t.Errorf("the session's moderator %v, co-organised by the initiative %v", moderates, coorganised)
	}

	before := adopted(t, w, track.ID, "Adopted before the link")
	if _, err := w.NRIs.AskLink(ctx, w.Stranger, track.ID, w.Global, ""); code(err) != igfplus.EForbidden {
		t.Errorf("a stranger asking for the link: %v, want forbidden", err)
	}
	if _, err := w.NRIs.AskLink(ctx, w.Coord, w.Global, track.ID, ""); code(err) != igfplus.EInvalid {
		t.Errorf("linking the wrong way round: %v, want invalid", err)
	}
	link, err := w.NRIs.AskLink(ctx, w.Coord, track.ID, w.Global, "Our messages on access")
	if err != nil || link.State != nris.LinkPending || link.NRIName != "Kenya IGF" {
		t.Fatalf("ask: %+v, %v", link, err)
	}
	if _, err := w.NRIs.AskLink(ctx, w.Coord, track.ID, w.Global, ""); code(err) != igfplus.EConflict {
		t.Errorf("asking twice: %v, want conflict", err)
	}
	if items, _ := w.NRIs.Intake(ctx, w.Global); len(items) != 0 {
		t.Errorf("intake before the link is accepted: %+v", items)
	}
	if _, err := w.NRIs.DecideLink(ctx, w.Coord, link.ID, true, ""); code(err) != igfplus.EForbidden {
		t.Errorf("the coordinator accepting their own link: %v, want forbidden", err)
	}
	if link, err = w.NRIs.DecideLink(ctx, w.Lead, link.ID, true, "Welcome"); err != nil || link.State != nris.LinkAccepted || link.DecidedBy.ID != w.Lead.AccountID {
		t.Fatalf("the lead accepts: %+v, %v", link, err)
	}
	if _, err := w.NRIs.DecideLink(ctx, w.Sec, link.ID, false, ""); code(err) != igfplus.EConflict {
		t.Errorf("deciding twice: %v, want conflict", err)
	}
	after := adopted(t, w, track.ID, "Adopted after the link")
	items, err := w.NRIs.Intake(ctx, w.Global)
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
	globalRec := adopted(t, w, w.Global, "A global recommendation")
	if _, err := w.NRIs.Merge(ctx, w.Coord, got[before].ID, globalRec); code(err) != igfplus.EForbidden {
		t.Errorf("the coordinator merging: %v, want forbidden", err)
	}
	if _, err := w.NRIs.Merge(ctx, w.Lead, got[before].ID, after); code(err) != igfplus.EInvalid {
		t.Errorf("merging into the NRI's own recommendation: %v, want invalid", err)
	}
	merged, err := w.NRIs.Merge(ctx, w.Lead, got[before].ID, globalRec)
	if err != nil || merged.State != nris.IntakeMerged || merged.MergedInto != globalRec || merged.Origin.RecommendationID != before {
		t.Fatalf("merge: %+v, %v", merged, err)
	}
	answered, err := w.NRIs.Answer(ctx, w.Sec, got[after].ID, "Taken up in the main session's messages.")
	if err != nil || answered.State != nris.IntakeAnswered || answered.DecidedBy.ID != w.Sec.AccountID {
		t.Fatalf("answer: %+v, %v", answered, err)
	}
	if _, err := w.NRIs.Answer(ctx, w.Sec, got[before].ID, "again"); code(err) != igfplus.EConflict {
		t.Errorf("answering a merged item: %v, want conflict", err)
	}
}

// A chain of parents never loops: an initiative cannot be put under one of
// its own descendants, and the refused change leaves it as it was.
func TestAnInitiativeCannotSitUnderItsOwnDescendant(t *testing.T) {
	w := programmetest.New(t)
	ctx := context.Background()
	mk := func(slug string, parent int64) int64 {
		t.Helper()
		name, level := "IGF "+slug, nris.National
		c := nris.NRIChange{Slug: &slug, Name: &name, Level: &level}
		if parent != 0 {
			c.ParentID = &parent
		}
		n, err := w.NRIs.CreateNRI(ctx, w.Sec, c)
		if err != nil {
			t.Fatal(err)
		}
		return n.ID
	}
	region := mk("region", 0)
	country := mk("country", region)
	youth := mk("country-youth", country)
	if _, err := w.NRIs.UpdateNRI(ctx, w.Sec, region, nris.NRIChange{ParentID: &youth}); code(err) != igfplus.EInvalid {
		t.Fatalf("region under its grandchild: %v, want invalid", err)
	}
	if _, err := w.NRIs.UpdateNRI(ctx, w.Sec, country, nris.NRIChange{ParentID: &youth}); code(err) != igfplus.EInvalid {
		t.Fatalf("country under its child: %v, want invalid", err)
	}
	if n, err := w.NRIs.NRI(ctx, region); err != nil || n.ParentID != 0 {
		t.Fatalf("after the refusal the region has parent %d (%v), want none", n.ParentID, err)
	}
	other := mk("other-region", 0)
	if n, err := w.NRIs.UpdateNRI(ctx, w.Sec, youth, nris.NRIChange{ParentID: &other}); err != nil || n.ParentID != other {
		t.Fatalf("moving the youth initiative elsewhere: %+v, %v", n, err)
	}
}

// TestRolesGivenForACoordinationEndWithIt: a coordinator of two initiatives
// moderates the session they added to one, and a moderator named for it
// does too. Taken off that initiative, they lose its session's moderation
// but keep the platform role for the other; taken off both, the role goes;
// each change renews their token version. The named moderator stays.
func TestRolesGivenForACoordinationEndWithIt(t *testing.T) {
	ctx := context.Background()
	w := programmetest.New(t)
	kenya := w.Initiative(t, "kenya-igf", "Kenya IGF", w.Coord.AccountID)
	ghana := w.Initiative(t, "ghana-igf", "Ghana IGF", w.Coord.AccountID)
	nt := tracks.NewTrack{EditionID: w.Edition, NRIID: kenya.ID, Kind: tracks.NRI, Slug: "kenya", Title: "Kenya IGF track"}
	track, err := w.Programme.AddTrack(ctx, w.Coord, nt)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().Add(time.Hour)
	add := func(slug string, moderator int64) int64 {
		t.Helper()
		id, err := w.Programme.AddSession(ctx, w.Coord, track.ID, tracks.NewSession{PolicyIssueID: w.Issue, Slug: slug, Title: slug,
			Format: "workshop", StartsAt: start, EndsAt: start.Add(time.Hour), ModeratorID: moderator})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	own, named := add("own", 0), add("named", w.Lead.AccountID)
	state := func() (role, moderates, leadModerates bool, version int) {
		t.Helper()
		if err := w.DB.Pool.QueryRow(ctx, `SELECT
			EXISTS (SELECT 1 FROM account_roles WHERE account_id = $1 AND role = 'nri_coordinator'),
			EXISTS (SELECT 1 FROM session_roles WHERE session_id = $2 AND account_id = $1 AND role = 'moderator'),
			EXISTS (SELECT 1 FROM session_roles WHERE session_id = $3 AND account_id = $4 AND role = 'moderator'),
			(SELECT token_version FROM accounts WHERE id = $1)`, w.Coord.AccountID, own, named, w.Lead.AccountID).Scan(&role, &moderates, &leadModerates, &version); err != nil {
			t.Fatal(err)
		}
		return
	}
	role, moderates, leadModerates, v0 := state()
	if !role || !moderates || !leadModerates {
		t.Fatalf("before: role %v, moderates %v, the named moderator %v", role, moderates, leadModerates)
	}

	none := []int64{}
	if _, err := w.NRIs.UpdateNRI(ctx, w.Sec, kenya.ID, nris.NRIChange{Coordinators: &none}); err != nil {
		t.Fatal(err)
	}
	role, moderates, leadModerates, v1 := state()
	if !role || moderates || !leadModerates || v1 <= v0 {
		t.Errorf("off Kenya: role %v (want kept for Ghana), moderates Kenya's session %v (want not), named moderator %v (want kept), token version %d -> %d",
			role, moderates, leadModerates, v0, v1)
	}
	if err := w.NRIs.MayRunNRI(ctx, w.Coord, kenya.ID); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("the former coordinator running Kenya's tracks: %v, want forbidden", err)
	}
	if _, err := w.NRIs.UpdateNRI(ctx, w.Sec, ghana.ID, nris.NRIChange{Coordinators: &none}); err != nil {
		t.Fatal(err)
	}
	if role, _, _, v2 := state(); role || v2 <= v1 {
		t.Errorf("off both: role %v, token version %d -> %d; want no role and a new version", role, v1, v2)
	}
}

// A recommendation adopted while its track's link is being accepted
// reaches the intake all the same: the adoption and the decision take the
// track's row, so whichever commits second sees the other.
func TestAnAdoptionAsTheLinkIsAcceptedReachesTheIntake(t *testing.T) {
	ctx := context.Background()
	w := programmetest.New(t)
	slug, name, level := "ghana-igf", "Ghana IGF", nris.National
	coords, recognised := []int64{w.Coord.AccountID}, nris.Recognised
	nri, err := w.NRIs.CreateNRI(ctx, w.Sec, nris.NRIChange{Slug: &slug, Name: &name, Level: &level, Coordinators: &coords, Recognition: &recognised})
	if err != nil {
		t.Fatal(err)
	}
	track, err := w.Programme.AddTrack(ctx, w.Coord, tracks.NewTrack{EditionID: w.Edition, NRIID: nri.ID, Kind: tracks.NRI, Slug: "ghana", Title: "Ghana IGF track"})
	if err != nil {
		t.Fatal(err)
	}
	link, err := w.NRIs.AskLink(ctx, w.Coord, track.ID, w.Global, "")
	if err != nil {
		t.Fatal(err)
	}
	var rec int64
	if err := w.DB.Pool.QueryRow(ctx, `INSERT INTO recommendations (policy_issue_id, track_id, title, created_by)
		VALUES ($1, $2, 'Adopted as the link is accepted', $3) RETURNING id`, w.Issue, track.ID, w.Coord.AccountID).Scan(&rec); err != nil {
		t.Fatal(err)
	}
	adoption, err := w.DB.Pool.Begin(ctx) // the closing poll's transaction, not committed yet
	if err != nil {
		t.Fatal(err)
	}
	defer adoption.Rollback(ctx)
	if _, err := adoption.Exec(ctx, `UPDATE recommendations SET state = 'adopted', adopted_at = now() WHERE id = $1`, rec); err != nil {
		t.Fatal(err)
	}
	decided := make(chan error, 1)
	go func() {
		_, err := w.NRIs.DecideLink(ctx, w.Lead, link.ID, true, "")
		decided <- err
	}()
	// The decision waits for the adoption (it did not before: then it
	// committed first, seeing no adoption, while the adoption had seen the
	// link still pending).
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		var waiting int
		w.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
			AND wait_event_type = 'Lock' AND strpos(query, 'FOR UPDATE OF t') > 0`).Scan(&waiting)
		if waiting > 0 {
			break
		}
	}
	if err := adoption.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-decided; err != nil {
		t.Fatal(err)
	}
	if items, err := w.NRIs.Intake(ctx, w.Global); err != nil || len(items) != 1 || items[0].Origin.RecommendationID != rec {
		t.Fatalf("intake %+v, %v; want the recommendation adopted as the link was accepted", items, err)
	}
}
