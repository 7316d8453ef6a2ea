package localpg_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/igfplus/igfplus/deploy/localpg"
	"github.com/igfplus/igfplus/deploy/testenv"
)

// TestThePrivateServersLogIsPrivateAndNamesNoValues: the private
// PostgreSQL's log is readable by its owner only (0600, and a log left with
// a wider mode is narrowed at start), and a unique violation on an e-mail
// address leaves no trace of the address in it.
func TestThePrivateServersLogIsPrivateAndNamesNoValues(t *testing.T) {
	testenv.Heavy(t, "a private PostgreSQL")
	if _, err := localpg.FindBinaries(); err != nil {
		testenv.Missing(t, "%v", err)
	}
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "igfplus-pglog-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	os.Chmod(dir, 0o755) // the server runs as the postgres user under root
	log := filepath.Join(dir, "postgres.log")
	if err := os.WriteFile(log, nil, 0o644); err != nil { // as an earlier version left it
		t.Fatal(err)
	}
	srv, err := localpg.Start(ctx, dir, localpg.Options{})
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, srv.URL)
	if err != nil {
		srv.Stop()
		t.Fatal(err)
	}
	const email = "amina.wanjiku@example.org"
	_, err = conn.Exec(ctx, `CREATE TABLE people (email text UNIQUE)`)
	for i := 0; err == nil && i < 2; i++ {
		_, err = conn.Exec(ctx, `INSERT INTO people (email) VALUES ($1)`, email)
	}
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "23505" {
		t.Errorf("the second insert: %v, want a unique violation", err)
	}
	conn.Close(ctx)
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(log)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o600 {
		t.Errorf("postgres.log is %o, want 600", mode)
	}
	b, _ := os.ReadFile(log)
	if !strings.Contains(string(b), "duplicate key") {
		t.Errorf("the log does not show the violation at all:\n%s", b)
	}
	if strings.Contains(string(b), email) || strings.Contains(string(b), "@example.org") {
		t.Errorf("the log names the e-mail address:\n%s", b)
	}
}
