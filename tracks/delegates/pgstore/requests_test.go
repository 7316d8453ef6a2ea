package pgstore_test

import (
	"context"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/delegates"
	"github.com/igfplus/igfplus/tracks/delegates/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestVerificationIsDecidedOnceBySecretariatAndRecorded: a participant asks
// (once at a time), only the secretariat lists and decides, accepting sets
// the account's verification, the decision keeps who, when and why, and a
// decided request cannot be decided again.
func TestVerificationIsDecidedOnceBySecretariatAndRecorded(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	svc := delegates.NewService(pgstore.New(db))
	account := func(email string, role igfplus.Role) igfplus.Identity {
		id := pgtest.ID(t, db, `INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region)
			VALUES ($1, 'x', $1, 'government', 'african') RETURNING id`, email)
		return igfplus.Identity{AccountID: id, Roles: []igfplus.Role{role}}
	}
	p, sec := account("p@example.org", igfplus.RoleParticipant), account("s@example.org", igfplus.RoleSecretariat)

	req, err := svc.Ask(ctx, p, tracks.GovernmentDelegate, "Ministry of ICT, letter attached")
	if err != nil || req.State != delegates.Pending {
		t.Fatalf("ask: %+v, %v", req, err)
	}
	if _, err := svc.Ask(ctx, p, tracks.MemberOfParliament, ""); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("a second pending request: %v, want conflict", err)
	}
	if _, err := svc.Ask(ctx, p, "king", ""); igfplus.ErrorCode(err) != igfplus.EInvalid {
		t.Errorf("an unknown verification: %v, want invalid", err)
	}
	if _, err := svc.Requests(ctx, p, ""); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant listing requests: %v, want forbidden", err)
	}
	if _, err := svc.Decide(ctx, p, req.ID, true, ""); igfplus.ErrorCode(err) != igfplus.EForbidden {
		t.Errorf("a participant deciding: %v, want forbidden", err)
	}
	list, err := svc.Requests(ctx, sec, delegates.Pending)
	if err != nil || len(list) != 1 || list[0].ID != req.ID {
		t.Fatalf("pending requests: %+v, %v", list, err)
	}
	done, err := svc.Decide(ctx, sec, req.ID, true, "Letter checked with the mission")
	if err != nil || done.State != delegates.Accepted || done.DecidedBy != sec.AccountID || done.DecidedAt.IsZero() || done.Reason != "Letter checked with the mission" {
		t.Fatalf("accept: %+v, %v", done, err)
	}
	var as string
	db.Pool.QueryRow(ctx, `SELECT verified_as FROM accounts WHERE id = $1`, p.AccountID).Scan(&as)
	if as != string(tracks.GovernmentDelegate) {
		t.Errorf("verified_as %q after accepting", as)
	}
	if _, err := svc.Decide(ctx, sec, req.ID, false, "changed my mind"); igfplus.ErrorCode(err) != igfplus.EConflict {
		t.Errorf("deciding twice: %v, want conflict", err)
	}
	if _, err := svc.Decide(ctx, sec, 987654, false, ""); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("deciding no request: %v, want not found", err)
	}
	again, err := svc.Ask(ctx, p, tracks.MemberOfParliament, "Also elected")
	if err != nil {
		t.Fatal(err)
	}
	if d, err := svc.Decide(ctx, sec, again.ID, false, "No proof of mandate"); err != nil || d.State != delegates.Declined {
		t.Fatalf("decline: %+v, %v", d, err)
	}
	db.Pool.QueryRow(ctx, `SELECT verified_as FROM accounts WHERE id = $1`, p.AccountID).Scan(&as)
	if as != string(tracks.GovernmentDelegate) {
		t.Errorf("a declined request changed verified_as to %q", as)
	}
}
