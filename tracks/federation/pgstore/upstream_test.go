package pgstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks/federation"
	"github.com/igfplus/igfplus/tracks/federation/pgstore"
	"github.com/igfplus/igfplus/tracks/publishing/seal/sealtest"
)

// A push whose claim ran out and was taken over by another node: the late
// outcome of the first attempt counts nothing, and the delivery the second
// recorded stays.
func TestALatePushOutcomeOfAClaimTakenOverCountsNothing(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	f := forumtest.New(t, db)
	rec := id(t, db, `INSERT INTO recommendations (policy_issue_id, track_id, title, created_by) VALUES ($1, $2, 'Pushed', $3) RETURNING id`,
		f.PolicyIssueID, f.TrackID, f.Moderator.ID)
	link := id(t, db, `INSERT INTO federation_links (track_id, global_track_id, remote_link_id, asked_by) VALUES ($1, 7, 9, $2) RETURNING id`,
		f.TrackID, f.Moderator.ID)
	id(t, db, `INSERT INTO federation_outbox (link_id, recommendation_id, event_id) VALUES ($1, $2, 'push_1') RETURNING id`, link, rec)
	s := pgstore.New(db, sealtest.New(t, sealtest.Key(1)))
	claim := func(lease time.Duration) []federation.Push {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			due, err := s.DuePushes(ctx, 1, lease)
			if err != nil {
				t.Fatal(err)
			}
			if len(due) == 1 {
				return due
			}
		}
		t.Fatal("the push never came due")
		return nil
	}
	first := claim(time.Millisecond) // a node whose lease runs out at once
	second := claim(time.Minute)     // another node takes it over
	if err := s.Pushed(ctx, second[0], true, time.Now(), ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Pushed(ctx, first[0], false, time.Now().Add(time.Hour), "timed out"); err != nil {
		t.Fatal(err)
	}
	if got := raw(t, db, `SELECT (delivered_at IS NOT NULL)::text || ' ' || attempts FROM federation_outbox`); got != "true 1" {
		t.Fatalf("the push after both outcomes: delivered and attempts %q, want \"true 1\"", got)
	}
}
