// Package pgdb is the platform's PostgreSQL pool, its transaction helper and
// the querier every store shares, beside the schema they run against
// (package migrations). It also maps the Postgres errors that users can cause
// (unique, foreign key and check violations, no rows) to domain errors, in
// one place for every store.
package pgdb

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Querier is what a store's reads and writes need, satisfied by the pool and
// by a transaction alike, so one function serves both.
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

var (
	_ Querier = (*pgxpool.Pool)(nil)
	_ Querier = pgx.Tx(nil)
)

// DB is the platform's connection pool.
type DB struct {
	Pool *pgxpool.Pool
}

// Open connects to url and checks the connection.
func Open(ctx context.Context, url string, maxConns int32) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("pgdb: bad DATABASE_URL: %w", err)
	}
	if maxConns > 0 {
		cfg.MaxConns = maxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("pgdb: open pool: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("pgdb: cannot reach Postgres: %w", err)
	}
	return &DB{Pool: pool}, nil
}

// Close closes the pool.
func (db *DB) Close() { db.Pool.Close() }

// Ping reports whether Postgres answers.
func (db *DB) Ping(ctx context.Context) error { return db.Pool.Ping(ctx) }

// InTx runs fn in a transaction and commits it, retrying a few times when
// Postgres reports a serialization failure or deadlock. fn must not publish
// anything: the caller publishes after InTx returns nil. fn's own errors come
// back as fn returned them (the stores name their failing query there);
// failing to begin or commit is named here.
func (db *DB) InTx(ctx context.Context, fn func(pgx.Tx) error) error {
	return Retrying(func() error {
		var fnErr error
		err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
			fnErr = fn(tx)
			return fnErr
		})
		if err != nil && fnErr == nil {
			err = fmt.Errorf("pgdb: begin or commit: %w", err)
		}
		return err
	})
}

// Retrying runs fn, a transaction or a statement that is one, again while
// Postgres reports a serialization failure or a deadlock (a few times at
// most), and returns its last error mapped by mapError.
func Retrying(fn func() error) error {
	const attempts = 3
	var err error
	for range attempts {
		if err = fn(); !retryable(err) {
			break
		}
	}
	return mapError(err)
}

func retryable(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "40001" || pgErr.Code == "40P01")
}

// mapError turns the Postgres errors that users can cause into domain errors.
func mapError(err error) error {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return err
	}
	switch pgErr.Code {
	case "23505":
		return &igfplus.Error{Code: igfplus.EConflict, Message: "That already exists.", Err: err}
	case "23503":
		return &igfplus.Error{Code: igfplus.EInvalid, Message: "That refers to something that does not exist.", Err: err}
	case "23514", "22001":
		return &igfplus.Error{Code: igfplus.EInvalid, Message: "That value is not allowed.", Err: err}
	}
	return err
}

// Violates reports whether err (wrapped or not) is Postgres refusing a
// statement by one of the named constraints ("accounts_email_key"): a store
// that can tell which of its rules was broken answers with its own domain
// error instead of mapError's general one.
func Violates(err error, constraints ...string) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && slices.Contains(constraints, pgErr.ConstraintName)
}

// Wrap names the operation that err comes from ("sessions: insert chat
// message"), with %w, so that a logged failure says which query failed while
// errors.As still finds its domain kind and errors.Is pgx.ErrNoRows. A nil
// err stays nil, so a query's result can be returned as it comes:
// return n, pgdb.Wrap(err, "…"). Wrap where the query is, once: a caller
// that gets the error from a function that wrapped it passes it on as is.
func Wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

// NotFound maps pgx.ErrNoRows to a domain not-found error naming what
// ("The session"), which is translated with the message.
func NotFound(err error, what igfplus.Text) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return igfplus.Errorf(igfplus.ENotFound, "%s was not found.", what).Because(err)
	}
	return mapError(err)
}
