// Package pgtest gives tests a real, private PostgreSQL: one server per test
// binary, started from the machine's binaries on first use, and a fresh
// migrated database per test, cloned from a template so that each costs
// milliseconds.
//
// Under CI (CI=true) a missing PostgreSQL fails the test instead of skipping.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/igfplus/igfplus/deploy/localpg"
	"github.com/igfplus/igfplus/deploy/testenv"
	"github.com/igfplus/igfplus/migrations"
	"github.com/igfplus/igfplus/migrations/pgdb"
)

// shared is the server of every test in the binary.
var shared = testenv.Shared[*localpg.Server]{Name: "pgtest", Start: start}

// counter names each test's database.
var counter atomic.Int64

const template = "igfplus_template"

// Main runs the tests and stops the shared server afterwards. Use it as
// TestMain: func TestMain(m *testing.M) { pgtest.Main(m) }.
func Main(m *testing.M) { testenv.Main(m, Stop) }

// Stop stops the shared server, if one was started. TestMain functions that
// combine several harnesses hand it to testenv.Main.
func Stop() { shared.Stop() }

// start starts the server with the template database, migrated.
func start(ctx context.Context, dir string) (*localpg.Server, error) {
	server, err := localpg.Start(ctx, dir, localpg.Options{Database: template})
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, server.URL); err != nil {
		server.Stop()
		return nil, err
	}
	return server, nil
}

// migrate applies the platform's migrations to the database at url.
func migrate(ctx context.Context, url string) error {
	db, err := pgdb.Open(ctx, url, 2)
	if err != nil {
		return err
	}
	defer db.Close()
	sqlDB := stdlib.OpenDBFromPool(db.Pool)
	defer sqlDB.Close()
	_, err = migrations.Apply(ctx, sqlDB)
	return err
}

// Server returns the shared server, starting it if needed. Without
// PostgreSQL binaries the test is skipped, or failed under CI.
func Server(tb testing.TB) *localpg.Server {
	tb.Helper()
	server, err := shared.Get()
	if err != nil {
		if errors.Is(err, localpg.ErrNoBinaries) {
			testenv.Missing(tb, "pgtest: %v", err)
		}
		tb.Fatalf("pgtest: %v", err)
	}
	return server
}

// URL creates a fresh database with the platform's schema for this test and
// returns its URL. The database is dropped when the test ends.
func URL(tb testing.TB) string {
	tb.Helper()
	s := Server(tb)
	ctx := context.Background()
	name := fmt.Sprintf("t%d_%d", os.Getpid(), counter.Add(1))
	admin, err := pgx.Connect(ctx, s.URL)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, template)); err != nil {
		tb.Fatalf("pgtest: create database: %v", err)
	}
	cfg, _ := pgx.ParseConfig(s.URL)
	url := fmt.Sprintf("postgres://%s:%s@%s:%d/%s?sslmode=disable", cfg.User, cfg.Password, cfg.Host, cfg.Port, name)
	tb.Cleanup(func() {
		c, err := pgx.Connect(ctx, s.URL)
		if err != nil {
			return
		}
		defer c.Close(ctx)
		c.Exec(ctx, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name))
	})
	return url
}

// DB opens a pool on a fresh database (see URL), closed when the test ends.
func DB(tb testing.TB) *pgdb.DB {
	tb.Helper()
	db, err := pgdb.Open(context.Background(), URL(tb), 10)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	tb.Cleanup(db.Close)
	return db
}

// ID runs sql, which returns one id (an INSERT … RETURNING id), and
// returns it; a failure fails tb with the statement.
func ID(tb testing.TB, db *pgdb.DB, sql string, args ...any) int64 {
	tb.Helper()
	var id int64
	if err := db.Pool.QueryRow(context.Background(), sql, args...).Scan(&id); err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
	return id
}

// Exec runs sql; a failure fails tb with the statement.
func Exec(tb testing.TB, db *pgdb.DB, sql string, args ...any) {
	tb.Helper()
	if _, err := db.Pool.Exec(context.Background(), sql, args...); err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
}

// Pool is DB(tb).Pool.
func Pool(tb testing.TB) *pgxpool.Pool { return DB(tb).Pool }
