package pgdb_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// The stores wrap what a query returned with the operation that failed
// (fmt.Errorf with %w). The wrap must not change what users are told: the
// kind (and so the HTTP status) and the message are read with errors.As, and
// pgx.ErrNoRows with errors.Is, through any number of wraps.
func TestWrappedStoreErrorsKeepTheirKindAndMessage(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	pgtest.Exec(t, db, `CREATE TABLE wrapped (id int PRIMARY KEY, n int CHECK (n > 0))`)
	insert := func(id, n int) error {
		return db.InTx(ctx, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO wrapped (id, n) VALUES ($1, $2)`, id, n); err != nil {
				return fmt.Errorf("test: insert wrapped %d: %w", id, err)
			}
			return nil
		})
	}
	if err := insert(1, 1); err != nil {
		t.Fatal(err)
	}
	var n int
	noRows := db.Pool.QueryRow(ctx, `SELECT n FROM wrapped WHERE id = 2`).Scan(&n)

	for _, tc := range []struct {
		name    string
		err     error
		code    igfplus.Code
		message string
		op      string
	}{
		{"a unique violation inside InTx", insert(1, 1), igfplus.EConflict, "That already exists.", "test: insert wrapped 1"},
		{"a check violation inside InTx", insert(3, -1), igfplus.EInvalid, "That value is not allowed.", "test: insert wrapped 3"},
		{"no rows wrapped, then NotFound", pgdb.NotFound(fmt.Errorf("test: read wrapped 2: %w", noRows), "The row"),
			igfplus.ENotFound, "The row was not found.", "test: read wrapped 2"},
		{"NotFound, then wrapped", fmt.Errorf("test: read wrapped 2: %w", pgdb.NotFound(noRows, "The row")),
			igfplus.ENotFound, "The row was not found.", "test: read wrapped 2"},
		{"a domain error wrapped twice", fmt.Errorf("outer: %w", fmt.Errorf("test: lock: %w", igfplus.Errorf(igfplus.EForbidden, "Not yours."))),
			igfplus.EForbidden, "Not yours.", "test: lock"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatal("no error")
			}
			if got := igfplus.ErrorCode(tc.err); got != tc.code {
				t.Errorf("kind %q, want %q (error: %v)", got, tc.code, tc.err)
			}
			if got := igfplus.ErrorMessage(tc.err); got != tc.message {
				t.Errorf("message %q, want %q", got, tc.message)
			}
			if !strings.Contains(tc.err.Error(), tc.op) {
				t.Errorf("%q does not name the operation %q", tc.err, tc.op)
			}
		})
	}
	if !errors.Is(fmt.Errorf("test: read wrapped 2: %w", noRows), pgx.ErrNoRows) {
		t.Error("a wrapped no-rows error is not pgx.ErrNoRows")
	}
}

// A transaction that fails only when it commits (a deferred constraint) is
// named as such, and still becomes the domain error its cause maps to.
func TestInTxNamesAFailedCommit(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	pgtest.Exec(t, db, `CREATE TABLE deferred (id int, CONSTRAINT deferred_id UNIQUE (id) DEFERRABLE INITIALLY DEFERRED)`)
	err := db.InTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO deferred VALUES (1), (1)`)
		return err
	})
	if err == nil {
		t.Fatal("the commit succeeded")
	}
	if !strings.Contains(err.Error(), "pgdb: begin or commit") {
		t.Errorf("%q does not say the commit failed", err)
	}
	if got := igfplus.ErrorCode(err); got != igfplus.EConflict {
		t.Errorf("kind %q, want %q", got, igfplus.EConflict)
	}
}

func TestWrapKeepsNilAndTheChain(t *testing.T) {
	if err := pgdb.Wrap(nil, "test: read %d", 1); err != nil {
		t.Errorf("Wrap(nil) = %v, want nil", err)
	}
	err := pgdb.Wrap(pgdb.NotFound(pgx.ErrNoRows, "The row"), "test: read %d", 1)
	if got, want := err.Error(), "test: read 1: not_found: The row was not found.: no rows in result set"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if !errors.Is(err, pgx.ErrNoRows) || igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("%v lost its cause or its kind", err)
	}
}

// Violates tells a store which of its constraints refused a statement,
// through InTx and wraps, and nothing else.
func TestViolatesNamesTheConstraintThatRefused(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	pgtest.Exec(t, db, `CREATE TABLE named (id int CONSTRAINT named_pkey PRIMARY KEY, n int CONSTRAINT named_n_positive CHECK (n > 0))`)
	pgtest.Exec(t, db, `INSERT INTO named VALUES (1, 1)`)
	twice := db.InTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO named VALUES (1, 1)`)
		return pgdb.Wrap(err, "test: insert named")
	})
	if !pgdb.Violates(twice, "named_n_positive", "named_pkey") {
		t.Errorf("%v: not a violation of named_pkey", twice)
	}
	if pgdb.Violates(twice, "named_n_positive") || pgdb.Violates(twice) {
		t.Errorf("%v: a violation of a constraint it did not break", twice)
	}
	_, negative := db.Pool.Exec(ctx, `INSERT INTO named VALUES (2, -1)`)
	if !pgdb.Violates(negative, "named_n_positive") {
		t.Errorf("%v: not a violation of named_n_positive", negative)
	}
	if pgdb.Violates(nil, "") || pgdb.Violates(errors.New("named_pkey"), "named_pkey", "") {
		t.Error("an error that is not Postgres's is a violation")
	}
}

// ClaimDue leases the pending rows whose time has come and the busy rows
// whose lease ran out, oldest first and at most $1, counting an attempt;
// a row leased to a live worker, a row not yet due and a finished row stay.
func TestClaimDueLeasesDueRowsAndExpiredLeasesOnly(t *testing.T) {
	ctx := context.Background()
	db := pgtest.DB(t)
	pgtest.Exec(t, db, `CREATE TABLE queue (id int PRIMARY KEY, state text NOT NULL, next_attempt_at timestamptz NOT NULL,
		claimed_by text, claimed_until timestamptz, attempts int NOT NULL DEFAULT 0)`)
	pgtest.Exec(t, db, `INSERT INTO queue (id, state, next_attempt_at, claimed_by, claimed_until, attempts) VALUES
		(1, 'pending', now() - interval '1 minute', NULL, NULL, 0),
		(2, 'pending', now() + interval '1 hour', NULL, NULL, 0),
		(3, 'working', now() - interval '2 minutes', 'crashed', now() - interval '1 second', 1),
		(4, 'working', now() - interval '3 minutes', 'alive', now() + interval '1 minute', 1),
		(5, 'done', now() - interval '4 minutes', NULL, NULL, 1),
		(6, 'pending', now() - interval '1 second', NULL, NULL, 0)`)
	claim := func(n int) (ids, attempts []int) {
		rows, _ := db.Pool.Query(ctx, pgdb.ClaimDue("queue", "working")+` WHERE o.id = due.id RETURNING o.id, o.attempts`, n, "w1", 60.0)
		claimed, err := pgx.CollectRows(rows, pgx.RowToStructByPos[struct{ ID, Attempts int }])
		if err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(claimed, func(a, b struct{ ID, Attempts int }) int { return a.ID - b.ID })
		for _, c := range claimed {
			ids, attempts = append(ids, c.ID), append(attempts, c.Attempts)
		}
		return ids, attempts
	}
	if ids, attempts := claim(2); !slices.Equal(ids, []int{1, 3}) || !slices.Equal(attempts, []int{1, 2}) {
		t.Errorf("the two most overdue: rows %v with attempts %v, want rows [1 3] with [1 2]", ids, attempts)
	}
	if ids, _ := claim(10); !slices.Equal(ids, []int{6}) {
		t.Errorf("then: rows %v, want [6] (the others are leased, not due or done)", ids)
	}
	var state, by string
	if err := db.Pool.QueryRow(ctx, `SELECT state, claimed_by FROM queue WHERE id = 3`).Scan(&state, &by); err != nil || state != "working" || by != "w1" {
		t.Errorf("row 3 is %s by %s (%v), want working by w1", state, by, err)
	}
}

// TestRetryingRunsAgainOnlyWhatPostgresAbortedForAnother: a deadlock or a
// serialization failure is tried again, at most three times in all; any
// other error ends it at once, mapped to its domain kind.
func TestRetryingRunsAgainOnlyWhatPostgresAbortedForAnother(t *testing.T) {
	aborted := func(code string) error { return fmt.Errorf("op: %w", &pgconn.PgError{Code: code}) }
	calls := 0
	err := pgdb.Retrying(func() error {
		if calls++; calls < 3 {
			return aborted("40P01")
		}
		return nil
	})
	if err != nil || calls != 3 {
		t.Fatalf("two deadlocks then success: %v after %d calls", err, calls)
	}
	calls = 0
	err = pgdb.Retrying(func() error { calls++; return aborted("40001") })
	if calls != 3 || !strings.Contains(err.Error(), "op:") {
		t.Fatalf("serialization failures: %d calls, %v; want 3 and the last error", calls, err)
	}
	calls = 0
	err = pgdb.Retrying(func() error { calls++; return aborted("23503") })
	var domain *igfplus.Error
	if calls != 1 || !errors.As(err, &domain) || domain.Code != igfplus.EInvalid {
		t.Fatalf("a foreign key violation: %d calls, %v; want 1 and invalid", calls, err)
	}
}
