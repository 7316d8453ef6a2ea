package pgstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func count(t *testing.T, db interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTwoDifferentMembersPublishAndTheOutboxHasOneRowPerEnabledEndpoint(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	f := pubtest.Seed(t, db)
	rec := f.Adopted(t, db, "Connect the unconnected")
	pubtest.Endpoint(t, db, "UNGA", "http://127.0.0.1:1/a", stdwebhooks.NewHMACSecret())
	off := pubtest.Endpoint(t, db, "ITU", "http://127.0.0.1:1/b", stdwebhooks.NewHMACSecret())
	pubtest.MustExec(t, db, `UPDATE body_endpoints SET enabled = false WHERE id = $1`, off)
	svc := publishing.NewService(pubtest.Store(db))
	m1 := f.Member(0)
	m2 := f.Member(1)

	queue, err := svc.Queue(ctx, m1)
	if err != nil || len(queue) != 1 || queue[0].Provenance.ChainHead != "abc123" || len(queue[0].Provenance.Dissent) != 1 ||
		queue[0].Provenance.Track != "Access track" || len(queue[0].Provenance.PollResult) == 0 {
		t.Fatalf("queue = %+v, %v", queue, err)
	}
	if err := svc.SetSummary(ctx, m1, rec, "Everyone online by 2030."); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetTranslation(ctx, m2, rec, publishing.Translation{Language: "fr", Text: "Tout le monde en ligne."}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Approve(ctx, igfplus.Identity{AccountID: f.Secretariat, Roles: []igfplus.Role{igfplus.RoleSecretariat}}, rec, ""); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Fatalf("secretariat approving: %v, want forbidden", err)
	}
	if pub, err := svc.Approve(ctx, m1, rec, ""); pub || err != nil {
		t.Fatalf("first approval: published %v, %v", pub, err)
	}
	if _, err := svc.Approve(ctx, m1, rec, ""); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("same member twice: %v, want conflict", err)
	}
	if n := count(t, db.Pool, `SELECT count(*) FROM relay_outbox`); n != 0 {
		t.Fatalf("%d outbox rows before publication", n)
	}
	if pub, err := svc.Approve(ctx, m2, rec, ""); !pub || err != nil {
		t.Fatalf("second approval: published %v, %v", pub, err)
	}
	if n := count(t, db.Pool, `SELECT count(*) FROM relay_outbox WHERE recommendation_id = $1 AND sequence = 1`, rec); n != 1 {
		t.Fatalf("%d outbox rows, want 1 (one enabled endpoint)", n)
	}
	var payload []byte
	db.Pool.QueryRow(ctx, `SELECT payload FROM relay_outbox`).Scan(&payload)
	var ev publishing.Event
	if err := json.Unmarshal(payload, &ev); err != nil || ev.Type != publishing.EventPublished || ev.Data.Summary != "Everyone online by 2030." ||
		len(ev.Data.Translations) != 1 || ev.Sequence != 1 {
		t.Fatalf("payload %s: %v", payload, err)
	}
	items, err := svc.Published(ctx, publishing.Filter{TrackID: f.TrackID})
	if err != nil || len(items) != 1 || len(items[0].Approvals) != 2 {
		t.Fatalf("archive = %+v, %v", items, err)
	}
	if items, _ := svc.Published(ctx, publishing.Filter{TrackID: f.TrackID + 1000}); len(items) != 0 {
		t.Fatalf("filter by another track found %d", len(items))
	}
	if err := svc.SetSummary(ctx, m1, rec, "late"); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Fatalf("editing after publication: %v, want conflict", err)
	}
}

func TestAnAbortedPublicationLeavesNoOutboxRow(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	f := pubtest.Seed(t, db)
	rec := f.Adopted(t, db, "Aborted")
	pubtest.Endpoint(t, db, "UNGA", "http://127.0.0.1:1/a", stdwebhooks.NewHMACSecret())
	if _, err := pubtest.Store(db).Approve(ctx, rec, f.Members[0], ""); err != nil {
		t.Fatal(err)
	}
	abort := errors.New("crash before commit")
	err := db.InTx(ctx, func(tx pgx.Tx) error {
		published, err := pgstore.ApproveTx(ctx, tx, rec, f.Members[1], "")
		if err != nil || !published {
			t.Fatalf("ApproveTx: %v, %v", published, err)
		}
		if n := count(t, tx, `SELECT count(*) FROM relay_outbox`); n != 1 {
			t.Fatalf("inside the transaction: %d outbox rows, want 1", n)
		}
		return abort
	})
	if !errors.Is(err, abort) {
		t.Fatalf("InTx: %v", err)
	}
	if n := count(t, db.Pool, `SELECT count(*) FROM relay_outbox`) + count(t, db.Pool, `SELECT count(*) FROM publications`); n != 0 {
		t.Fatalf("after abort: %d outbox rows and publications, want none", n)
	}
}
