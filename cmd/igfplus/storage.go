package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/igfplus/igfplus/cmd/igfplus/config"
	"github.com/igfplus/igfplus/deploy/localpg"
	"github.com/igfplus/igfplus/migrations"
	"github.com/igfplus/igfplus/migrations/pgdb"
)

// storage is the database of a run: the configured Postgres, or a private
// one started in the data folder.
type storage struct {
	db    *pgdb.DB
	local *localpg.Server // nil when DATABASE_URL is set
}

// setUp is what every subcommand starts with: its configuration, the
// logger, and the database with the migrations applied.
func setUp(ctx context.Context, name string, args []string, stderr io.Writer) (Config, *slog.Logger, *storage, error) {
	cfg, err := parseConfig(name, args, stderr)
	if err != nil {
		return cfg, nil, nil, err
	}
	log, err := config.NewLogger(cfg, stderr)
	if err != nil {
		return cfg, nil, nil, err
	}
	st, err := openStorage(ctx, cfg, log)
	return cfg, log, st, err
}

// withStorage runs a subcommand that only needs the database, such as
// migrate and demo: it sets up as setUp does, runs do and closes the
// storage, whatever do returns.
func withStorage(ctx context.Context, name string, args []string, stderr io.Writer, do func(log *slog.Logger, st *storage) error) error {
	_, log, st, err := setUp(ctx, name, args, stderr)
	if err != nil {
		return err
	}
	defer st.close()
	return do(log, st)
}

// openStorage connects to Postgres (starting the private one if needed) and
// applies the migrations.
func openStorage(ctx context.Context, cfg Config, log *slog.Logger) (*storage, error) {
	st := &storage{}
	url := cfg.DatabaseURL
	if url == "" {
		dir := filepath.Join(cfg.DataDir, "postgres")
		log.Info("no DATABASE_URL: starting a private PostgreSQL", "dir", dir)
		local, err := localpg.Start(ctx, dir, localpg.Options{Durable: true})
		if err != nil {
			return nil, err
		}
		st.local, url = local, local.URL
	}
	db, err := pgdb.Open(ctx, url, 0)
	if err != nil {
		st.close()
		return nil, err
	}
	st.db = db
	sqlDB := stdlib.OpenDBFromPool(db.Pool)
	defer sqlDB.Close()
	applied, err := migrations.Apply(ctx, sqlDB)
	if err != nil {
		st.close()
		return nil, fmt.Errorf("migrate: %w", err)
	}
	if len(applied) > 0 {
		log.Info("migrations applied", "files", applied)
	}
	return st, nil
}

func (st *storage) close() {
	if st.db != nil {
		st.db.Close()
	}
	if st.local != nil {
		st.local.Stop()
	}
}
