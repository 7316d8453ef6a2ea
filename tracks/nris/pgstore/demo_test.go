package pgstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/demo"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/nris"
	"github.com/igfplus/igfplus/tracks/nris/pgstore"
	trackstore "github.com/igfplus/igfplus/tracks/pgstore"
)

// TestTheDemoForumShowsEveryTrackKindAndThreeLinkedNRIs: the demo has a
// track of every kind, at least three initiatives whose tracks are linked
// to global tracks with their adopted recommendations in the intake, a
// link waiting for a decision, and a collaborative session co-organised
// by several initiatives.
func TestTheDemoForumShowsEveryTrackKindAndThreeLinkedNRIs(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	if _, err := demo.Seed(ctx, db, time.Now(), func(string) (string, error) { return "x", nil }); err != nil {
		t.Fatal(err)
	}
	svc := nris.NewService(pgstore.New(db), trackstore.NewProgramme(db))
	var edition int64
	db.Pool.QueryRow(ctx, `SELECT id FROM editions`).Scan(&edition)
	list, err := trackstore.NewProgramme(db).TracksOfEdition(ctx, edition)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[tracks.Kind]bool{}
	for _, tr := range list {
		kinds[tr.Kind] = true
	}
	for _, k := range tracks.Kinds {
		if !kinds[k] {
			t.Errorf("no %s track in the demo", k)
		}
	}
	links, err := svc.Links(ctx, 0, nris.LinkAccepted)
	if err != nil {
		t.Fatal(err)
	}
	linked := map[string]bool{}
	for _, l := range links {
		linked[l.NRIName] = true
		items, err := svc.Intake(ctx, l.GlobalTrackID)
		if err != nil || len(items) == 0 || items[0].Origin.NRI == "" {
			t.Errorf("the intake of %q: %+v, %v", l.GlobalTrackTitle, items, err)
		}
	}
	if len(linked) < 3 {
		t.Errorf("linked initiatives %v, want at least three", linked)
	}
	if pending, _ := svc.Links(ctx, 0, nris.LinkPending); len(pending) == 0 {
		t.Error("no link waiting for a decision in the demo")
	}
	var coorganisers int
	db.Pool.QueryRow(ctx, `SELECT count(*) FROM session_coorganisers c JOIN sessions s ON s.id = c.session_id WHERE s.format = 'nri_collaborative'`).Scan(&coorganisers)
	if coorganisers < 2 {
		t.Errorf("the collaborative session has %d co-organisers", coorganisers)
	}
}
