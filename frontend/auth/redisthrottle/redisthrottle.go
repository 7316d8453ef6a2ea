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

// Allow spends one attempt of key's budget under l.
func (l *Limiter) Allow(ctx context.Context, key string, lim auth.Limit) (bool, error) {
	res, err := l.limiter.Allow(ctx, l.prefix+key, redis_rate.Limit{Rate: 1, Period: lim.Every, Burst: lim.Burst})
	if err != nil {
		return false, err
	}
	return res.Allowed > 0, nil
}
