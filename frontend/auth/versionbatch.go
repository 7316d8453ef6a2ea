package auth

import (
	"context"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// BatchVersionSource is a VersionSource that also answers for many
// accounts in one query (accounts.Service does). TokenVersions leaves out
// the accounts that are gone.
type BatchVersionSource interface {
	VersionSource
	TokenVersions(ctx context.Context, ids []int64) (map[int64]int, error)
}

// versionQueryTimeout bounds one batched query, which no single request's
// context owns.
const versionQueryTimeout = 5 * time.Second

// versionBatcher gathers the token-version lookups that miss the cache
// while a query runs and asks them all in the next one: under a burst of
// requests from many participants (a vote), one query a round trip instead
// of one a request, which would otherwise cost the database about as much
// as the ballots themselves.
type versionBatcher struct {
	src BatchVersionSource

	mu      sync.Mutex
	waiting map[int64][]chan versionAnswer
	running bool
}

type versionAnswer struct {
	version int
	err     error
}

func newVersionBatcher(src BatchVersionSource) *versionBatcher {
	return &versionBatcher{src: src, waiting: make(map[int64][]chan versionAnswer)}
}

// lookup returns the account's current token version, asked in the next
// batch.
func (b *versionBatcher) lookup(ctx context.Context, accountID int64) (int, error) {
	answer := make(chan versionAnswer, 1)
	b.mu.Lock()
	b.waiting[accountID] = append(b.waiting[accountID], answer)
	if !b.running {
		b.running = true
		go b.run(context.WithoutCancel(ctx))
	}
	b.mu.Unlock()
	select {
	case a := <-answer:
		return a.version, a.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// run asks for the waiting accounts, batch after batch, until none wait.
func (b *versionBatcher) run(ctx context.Context) {
	for {
		b.mu.Lock()
		batch := b.waiting
		if len(batch) == 0 {
			b.running = false
			b.mu.Unlock()
			return
		}
		b.waiting = make(map[int64][]chan versionAnswer)
		b.mu.Unlock()
		b.answer(ctx, batch)
	}
}

func (b *versionBatcher) answer(ctx context.Context, batch map[int64][]chan versionAnswer) {
	ctx, cancel := context.WithTimeout(ctx, versionQueryTimeout)
	defer cancel()
	got, err := b.src.TokenVersions(ctx, slices.Collect(maps.Keys(batch)))
	for id, answers := range batch {
		a := versionAnswer{err: err}
		if err == nil {
			v, ok := got[id]
			a.version = v
			if !ok {
				a.err = igfplus.Errorf(igfplus.ENotFound, "The account was not found.")
			}
		}
		for _, ch := range answers {
			ch <- a // buffered: a caller that gave up is not waited for
		}
	}
}
