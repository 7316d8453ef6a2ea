package sessions

import (
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// The pace at which one person may act in one session's room (chat,
// floor, questions, reactions), whichever way the actions come: over any
// number of sockets, the REST API or the pages' forms (#17: 300 chat
// messages in 1.7 s through the REST API, and the socket's own limit
// multiplied by opening sockets). As the socket's own limit: 10 a second,
// in bursts of 20. The budget is this node's: behind a load balancer that
// spreads one person's requests, each node allows its own.
const (
	paceRate  = 10
	paceBurst = 20
	// paceIdle is how long a person's budget is kept unused: by then it is
	// full again, the same as a new one.
	paceIdle = time.Minute
)

type paceKey struct{ account, session int64 }

type paceEntry struct {
	limiter *rate.Limiter
	used    time.Time
}

// pace holds the budgets of those who acted lately.
type pace struct {
	mu    sync.Mutex
	m     map[paceKey]*paceEntry
	swept time.Time
}

func newPace() *pace { return &pace{m: map[paceKey]*paceEntry{}, swept: time.Now()} }

// spend takes one action from who's budget in session, or refuses it with
// rate_limited.
func (p *pace) spend(who igfplus.Identity, session int64) error {
	if p == nil {
		return nil // a Service not made by NewService
	}
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	if now.Sub(p.swept) > paceIdle {
		p.sweep(now)
	}
	k := paceKey{who.AccountID, session}
	e := p.m[k]
	if e == nil {
		e = &paceEntry{limiter: rate.NewLimiter(paceRate, paceBurst)}
		p.m[k] = e
	}
	e.used = now
	if !e.limiter.AllowN(now, 1) {
		return igfplus.Errorf(igfplus.ERateLimited, "You are acting too fast in this session: wait a moment, then try again.")
	}
	return nil
}

// sweep forgets the budgets unused for paceIdle, so that the map holds
// only those who act now.
func (p *pace) sweep(now time.Time) {
	for k, e := range p.m {
		if now.Sub(e.used) > paceIdle {
			delete(p.m, k)
		}
	}
	p.swept = now
}
