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
// multiplied by opening sockets). By default as the socket's own limit:
// DefaultPace a second, in bursts of twice that. The budget is this
// node's: behind a load balancer that spreads one person's requests, each
// node allows its own.
const (
	DefaultPace = 10
	// paceIdle is how long a person's budget is kept unused: by then it is
	// full again, the same as a new one.
	paceIdle = time.Minute
)

type paceKey struct{ account, session int64 }

type paceEntry struct {
	limiter *rate.Limiter
	used    time.Time
}

// pace holds the budgets of those who acted lately: perSecond actions a
// second, in bursts of twice that.
type pace struct {
	perSecond int
	mu        sync.Mutex
	m         map[paceKey]*paceEntry
	swept     time.Time
}

// newPace returns the budgets of perSecond actions a second; none (nil)
// for 0.
func newPace(perSecond int) *pace {
	if perSecond <= 0 {
		return nil
	}
	return &pace{perSecond: perSecond, m: map[paceKey]*paceEntry{}, swept: time.Now()}
}

// spend takes one action from who's budget in session, or refuses it with
// rate_limited.
func (p *pace) spend(who igfplus.Identity, session int64) error {
	if p == nil {
		return nil // no budget (SetPace(0), or a Service not made by NewService)
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
		e = &paceEntry{limiter: rate.NewLimiter(rate.Limit(p.perSecond), 2*p.perSecond)}
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
