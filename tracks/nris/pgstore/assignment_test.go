package pgstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
	"github.com/igfplus/igfplus/tracks/pgstore/programmetest"
)

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
