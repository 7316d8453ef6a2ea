package pgstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// tokenVersionChannel is where the database announces, at commit, each
// account whose token version changed (migration 0039's trigger), as
// "<account id> <version>".
const tokenVersionChannel = "token_versions"

// VersionWatcher is told of the token versions that change in the
// database (frontend/auth.Authenticator is one).
type VersionWatcher interface {
	// Listening: every change committed from now on will be told.
	Listening()
	// Lost: changes may go untold until Listening again.
	Lost()
	TokenVersionChanged(accountID int64, version int)
}

// WatchTokenVersions tells w of every change of an account's token
// version until ctx ends, on a connection of its own taken from the pool.
// When the connection fails it tells w Lost, calls failed with why, and
// listens again after retry.
func (s *Store) WatchTokenVersions(ctx context.Context, w VersionWatcher, retry time.Duration, failed func(error)) {
	for ctx.Err() == nil {
		err := s.watchTokenVersions(ctx, w)
		w.Lost()
		if ctx.Err() != nil {
			return
		}
		failed(err)
		select {
		case <-ctx.Done():
		case <-time.After(retry):
		}
	}
}

func (s *Store) watchTokenVersions(ctx context.Context, w VersionWatcher) error {
	pooled, err := s.db.Pool.Acquire(ctx)
	if err != nil {
		return errorf(err, "token version feed: connect")
	}
	// The connection leaves the pool: it stays in LISTEN for good.
	conn := pooled.Hijack()
	defer func() {
		// Closing says goodbye to the server, which may be the one that
		// stopped answering: bounded, and not by ctx, which may be over.
		closeCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		conn.Close(closeCtx)
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+tokenVersionChannel); err != nil {
		return errorf(err, "token version feed: listen")
	}
	w.Listening()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return errorf(err, "token version feed: wait")
		}
		id, version, err := parseVersionChange(n.Payload)
		if err != nil {
			// A change not understood may be a sign-out: treat the feed as
			// broken rather than trust what it no longer tells.
			return errorf(err, "token version feed")
		}
		w.TokenVersionChanged(id, version)
	}
}

func parseVersionChange(payload string) (int64, int, error) {
	a, b, ok := strings.Cut(payload, " ")
	id, err1 := strconv.ParseInt(a, 10, 64)
	version, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("a change of %q is not \"<account> <version>\"", payload)
	}
	return id, version, nil
}
