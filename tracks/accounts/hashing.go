package accounts

import (
	"context"
	"runtime"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// DefaultHashWait is how long a sign-in or registration waits for a free
// hashing slot before it is refused.
const DefaultHashWait = 2 * time.Second

// hashSlots bounds the password hashes computed at once. Each argon2id hash
// holds its memory (19 MiB by default) while it runs, and one more running
// at once beyond the cores makes no request faster: without a bound, a
// hundred parallel sign-ins take two gigabytes. Callers beyond the bound
// wait up to wait, then are told to come back (EUnavailable, with a retry
// time), in a fraction of a second and for a few bytes.
type hashSlots struct {
	slots chan struct{}
	wait  time.Duration
}

// newHashSlots allows n hashes at once (n < 1: one per CPU).
func newHashSlots(n int, wait time.Duration) *hashSlots {
	if n < 1 {
		n = runtime.GOMAXPROCS(0)
	}
	if wait <= 0 {
		wait = DefaultHashWait
	}
	return &hashSlots{slots: make(chan struct{}, n), wait: wait}
}

// errHashBusy answers an attempt that found every slot taken for the
// whole wait.
var errHashBusy = igfplus.Errorf(igfplus.EUnavailable, "Many people are signing in right now. Try again in a few seconds.")

// do runs hash in a slot, waiting for one at most s.wait (or until ctx
// ends).
func (s *hashSlots) do(ctx context.Context, hash func()) error {
	t := time.NewTimer(s.wait)
	defer t.Stop()
	select {
	case s.slots <- struct{}{}:
	case <-t.C:
		return igfplus.RetryLater(errHashBusy, s.wait)
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s.slots }()
	hash()
	return nil
}

// hashPassword is Hasher.Hash in a slot.
func (s *Service) hashPassword(ctx context.Context, password string) (hash string, err error) {
	if slotErr := s.hashing.do(ctx, func() { hash, err = s.hasher.Hash(password) }); slotErr != nil {
		return "", slotErr
	}
	return hash, err
}

// verifyPassword is Hasher.Verify in a slot.
func (s *Service) verifyPassword(ctx context.Context, password, encoded string) (ok bool, err error) {
	if slotErr := s.hashing.do(ctx, func() { ok, err = s.hasher.Verify(password, encoded) }); slotErr != nil {
		return false, slotErr
	}
	return ok, err
}
