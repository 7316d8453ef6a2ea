package pgstore

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// feedLog is a VersionWatcher that hands on what it is told.
type feedLog chan string

func (f feedLog) Listening() { f <- "listening" }
func (f feedLog) Lost()      { f <- "lost" }
func (f feedLog) TokenVersionChanged(id int64, v int) {
	f <- fmt.Sprintf("%d %d", id, v)
}

func (f feedLog) expect(t *testing.T, want string) {
	t.Helper()
	select {
	case got := <-f:
		if got != want {
			t.Fatalf("the feed told %q, want %q", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the feed did not tell %q within 10 s", want)
	}
}

// A committed change of a token version is told; one rolled back is not;
// when the feed's connection is cut it says so and listens again.
func TestTokenVersionChangesAreToldAtCommit(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db := pgtest.DB(t)
	s := New(db)
	a := mustAccount(t, s, "feed@example.org")
	feed := make(feedLog, 16)
	failures := make(chan error, 4)
	done := make(chan struct{})
	go func() {
		s.WatchTokenVersions(ctx, feed, 10*time.Millisecond, func(err error) { failures <- err })
		close(done)
	}()
	feed.expect(t, "listening")

	if err := s.GrantRole(ctx, a.ID, igfplus.RoleModerator); err != nil {
		t.Fatal(err)
	}
	feed.expect(t, fmt.Sprintf("%d 2", a.ID))

	tx, err := db.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `UPDATE accounts SET token_version = token_version + 1 WHERE id = $1`, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Pool.Exec(ctx, `UPDATE accounts SET display_name = 'Amina K.' WHERE id = $1`, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.RevokeRole(ctx, a.ID, igfplus.RoleModerator); err != nil {
		t.Fatal(err)
	}
	feed.expect(t, fmt.Sprintf("%d 3", a.ID)) // neither the rollback nor the rename was told

	if _, err := db.Pool.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE query LIKE 'LISTEN token_versions%' AND pid <> pg_backend_pid()`); err != nil {
		t.Fatal(err)
	}
	feed.expect(t, "lost")
	if err := <-failures; err == nil {
		t.Fatal("a lost feed reported no error")
	}
	feed.expect(t, "listening")

	cancel()
	feed.expect(t, "lost")
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the feed did not stop with its context")
	}
}

func TestParseVersionChange(t *testing.T) {
	if id, v, err := parseVersionChange("42 7"); err != nil || id != 42 || v != 7 {
		t.Fatalf("42 7: %d %d %v", id, v, err)
	}
	for _, bad := range []string{"", "42", "42 x", "x 7", "42 7 9"} {
		if _, _, err := parseVersionChange(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
