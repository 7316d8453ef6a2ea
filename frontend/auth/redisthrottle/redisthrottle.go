// Package redisthrottle keeps the sign-in attempt budgets of auth.Throttle
// in Redis, so that every node of an installation spends from the same
// budget. The counting is github.com/go-redis/redis_rate's (GCRA in one
// Lua script, a key a budget that expires once refilled): a well-kept
// implementation of the one part that must be atomic across nodes.
package redisthrottle

import (
	"context"

	"github.com/go-redis/redis_rate/v10"
	"github.com/redis/go-redis/v9"

	"github.com/igfplus/igfplus/frontend/auth"
)

// Limiter is an auth.Limiter on Redis.
type Limiter struct {
	limiter *redis_rate.Limiter
	prefix  string
}

// New returns a Limiter on rdb (one Redis or a Redis Cluster: a budget is
// one key) whose keys start with prefix.
func New(rdb redis.UniversalClient, prefix string) *Limiter {
	return &Limiter{limiter: redis_rate.NewLimiter(rdb), prefix: prefix}
}

var _ auth.Limiter = (*Limiter)(nil)

// Take implements auth.Limiter. With n = 0 the script spends nothing and
// reports the whole attempts left.
func (l *Limiter) Take(ctx context.Context, key string, lim auth.Limit, n int) (auth.Verdict, error) {
	res, err := l.limiter.AllowN(ctx, l.prefix+key, redis_rate.Limit{Rate: 1, Period: lim.Every, Burst: lim.Burst}, n)
	if err != nil {
		return auth.Verdict{}, err
	}
	if n == 0 {
		if res.Remaining >= 1 {
			return auth.Verdict{OK: true}, nil
		}
		return auth.Verdict{RetryAfter: lim.Every}, nil // at most one interval
	}
	if res.Allowed < n {
		return auth.Verdict{RetryAfter: res.RetryAfter}, nil
	}
	return auth.Verdict{OK: true}, nil
}
