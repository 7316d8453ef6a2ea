// Package demo seeds a realistic demo forum: an edition with its focused
// agenda of strategic policy issues, tracks of every kind, sessions with
// agendas (some live now), and participants of every stakeholder group and
// region with the platform's roles. It is what a fresh install shows.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
)

// Password is the demo accounts' shared password.
const Password = "igfplus-demo"

// Login is a demo sign-in to print for the person trying the platform.
type Login struct {
	Email string
	Role  string
}

// Seeded reports whether the database already holds an edition.
func Seeded(ctx context.Context, db *pgdb.DB) (bool, error) {
	var n int
	err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM editions`).Scan(&n)
	return n > 0, err
}

// Seed writes the demo forum in one transaction, relative to now so that
// some sessions are live. hash turns the demo password into a stored hash.
func Seed(ctx context.Context, db *pgdb.DB, now time.Time, hash func(string) (string, error)) ([]Login, error) {
	pwHash, err := hash(Password)
	if err != nil {
		return nil, err
	}
	var logins []Login
	err = db.InTx(ctx, func(tx pgx.Tx) error {
		s := seeder{ctx: ctx, tx: tx, now: now.UTC().Truncate(time.Minute)}
		if err := s.seedProgramme(); err != nil {
			return err
		}
		var err error
		logins, err = s.seedPeople(pwHash)
		if err != nil {
			return err
		}
		if err := s.seedSessions(); err != nil {
			return err
		}
		if err := s.seedNRIs(); err != nil {
			return err
		}
		if err := s.seedRecommendations(); err != nil {
			return err
		}
		if err := s.seedProposals(); err != nil {
			return err
		}
		return s.seedBodies()
	})
	return logins, err
}

type seeder struct {
	ctx     context.Context
	tx      pgx.Tx
	now     time.Time
	edition int64
	issues  map[string]int64
	tracks  map[string]int64
	people  map[string]int64
}

func (s *seeder) one(sql string, args ...any) (int64, error) {
	var id int64
	if err := s.tx.QueryRow(s.ctx, sql, args...).Scan(&id); err != nil {
		return 0, fmt.Errorf("demo: %w", err)
	}
	return id, nil
}

func (s *seeder) exec(sql string, args ...any) error {
	if _, err := s.tx.Exec(s.ctx, sql, args...); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}
