package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Limit is an attempt budget: Burst attempts at once, then one more every
// Every.
type Limit struct {
	Every time.Duration
	Burst int
}

// Verdict is a budget's answer to an attempt.
type Verdict struct {
	OK bool
	// RetryAfter is, when OK is false, about how long until an attempt is
	// left.
	RetryAfter time.Duration
}

// Limiter keeps attempt budgets by key. Take spends n attempts of key's
// budget under l and reports whether they were left; with n = 0 it spends
// nothing and reports whether one attempt is left.
type Limiter interface {
	Take(ctx context.Context, key string, l Limit, n int) (Verdict, error)
}

// Throttle limits sign-in and registration attempts so that they protect
// people rather than lock them out:
//
//   - every attempt spends from its client's budget (an IPv4 address or an
//     IPv6 /64; generous, as a conference venue puts hundreds of people
//     behind one address), which bounds the hashing one client can demand;
//   - only failed sign-ins spend from an e-mail's budgets: strictly from
//     one client (the guard against guessing one person's password), more
//     loosely from all clients together. When the loose one is spent (a
//     guessing attack from many addresses), each further client gets one
//     attempt on that e-mail every few minutes instead of ten, so a person
//     who types the right password still gets in.
//
// A correct sign-in spends nothing of the e-mail's budgets, and failures
// from other clients never refuse it outright.
//
// With a shared Limiter (Redis, when the installation has one) every node
// spends from the same budgets, so N nodes do not give an attacker N times
// the attempts. When the shared limiter fails, the node counts in its own
// memory, and asks the shared one again after sharedRetry: sign-in keeps
// working through a Redis outage, without waiting on Redis at every
// attempt, and stays limited.
type Throttle struct {
	shared    Limiter // nil: this node's memory only
	local     *memoryLimiter
	log       *slog.Logger
	downUntil atomic.Int64 // unix nanoseconds before which shared is not asked
	lastWarn  atomic.Int64 // unix seconds of the last "shared limiter failed" log
	limits    Limits
}

// Limits are a Throttle's budgets.
type Limits struct {
	// Client is every attempt (sign-in or registration) from one client.
	Client Limit
	// EmailClient is the failed sign-ins on one e-mail from one client.
	EmailClient Limit
	// Email is the failed sign-ins on one e-mail from all clients.
	Email Limit
	// EmailClientCrowded is EmailClient once Email is spent.
	EmailClientCrowded Limit
}

// DefaultLimits: per client, a burst of 120 attempts then 5 a second; per
// e-mail and client, 10 failures then one every 30 s; per e-mail, 50
// failures then one a minute, after which one failure per client every
// 10 minutes.
var DefaultLimits = Limits{
	Client:             Limit{Every: 200 * time.Millisecond, Burst: 120},
	EmailClient:        Limit{Every: 30 * time.Second, Burst: 10},
	Email:              Limit{Every: time.Minute, Burst: 50},
	EmailClientCrowded: Limit{Every: 10 * time.Minute, Burst: 1},
}

// NewThrottle returns a Throttle with DefaultLimits, counted in this
// node's memory.
func NewThrottle() *Throttle {
	return &Throttle{local: newMemoryLimiter(100_000), log: slog.New(slog.DiscardHandler), limits: DefaultLimits}
}

// NewSharedThrottle is NewThrottle counting in shared, which every node of
// the installation uses.
func NewSharedThrottle(shared Limiter, log *slog.Logger) *Throttle {
	t := NewThrottle()
	t.shared, t.log = shared, log
	return t
}

var errTooMany = igfplus.Errorf(igfplus.ERateLimited, "Too many attempts. Wait a minute and try again.")

// refused is the error for a verdict that is not OK.
func refused(v Verdict) error { return igfplus.RetryLater(errTooMany, v.RetryAfter) }

// Client spends one attempt of the request's client budget, and returns
// ERateLimited (with a retry time) when it is used up.
func (t *Throttle) Client(c echo.Context) error {
	if t == nil {
		return nil
	}
	if v := t.take(c.Request().Context(), clientKey(c.RealIP()), t.limits.Client, 1); !v.OK {
		return refused(v)
	}
	return nil
}

// SignIn runs attempt, a sign-in with email, within the budgets: the
// client's is spent first; the e-mail's are looked at before and spent
// only when attempt fails with EUnauthorized (wrong credentials) or
// accounts.ErrWrongPassword (a signed-in change proven with a wrong one). Its
// answer is attempt's, or ERateLimited.
func (t *Throttle) SignIn(c echo.Context, email string, attempt func() error) error {
	if t == nil {
		return attempt()
	}
	if err := t.Client(c); err != nil {
		return err
	}
	ctx := c.Request().Context()
	keys := t.emailKeys(email, c.RealIP())
	if v := t.take(ctx, keys.pair, t.limits.EmailClient, 0); !v.OK {
		return refused(v)
	}
	crowded := !t.take(ctx, keys.email, t.limits.Email, 0).OK
	if crowded {
		if v := t.take(ctx, keys.crowded, t.limits.EmailClientCrowded, 0); !v.OK {
			return refused(v)
		}
	}
	err := attempt()
	if igfplus.ErrorCode(err) == igfplus.EUnauthorized || errors.Is(err, accounts.ErrWrongPassword) {
		t.take(ctx, keys.pair, t.limits.EmailClient, 1)
		t.take(ctx, keys.email, t.limits.Email, 1)
		if crowded {
			t.take(ctx, keys.crowded, t.limits.EmailClientCrowded, 1)
		}
	}
	return err
}

// signInKeys name an e-mail's budgets.
type signInKeys struct{ pair, email, crowded string }

// emailKeys names the budgets by hashes, so that a shared store never
// holds the addresses people sign in with.
func (t *Throttle) emailKeys(email, ip string) signInKeys {
	email = strings.ToLower(strings.TrimSpace(email))
	pair := hashed(email + "\x00" + clientKey(ip))
	return signInKeys{pair: "email-client:" + pair, email: "email:" + hashed(email), crowded: "email-client-crowded:" + pair}
}

func hashed(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}

// sharedRetry is how long a node counts alone after the shared limiter
// failed.
const sharedRetry = 5 * time.Second

func (t *Throttle) take(ctx context.Context, key string, l Limit, n int) Verdict {
	if t.shared != nil && time.Now().UnixNano() >= t.downUntil.Load() {
		v, err := t.shared.Take(ctx, key, l, n)
		if err == nil {
			return v
		}
		t.downUntil.Store(time.Now().Add(sharedRetry).UnixNano())
		t.warn(err)
	}
	return t.local.take(key, l, n)
}

// warn logs a failure of the shared limiter at most once a minute: during
// an outage every attempt fails the same way.
func (t *Throttle) warn(err error) {
	now := time.Now().Unix()
	if last := t.lastWarn.Load(); now-last >= 60 && t.lastWarn.CompareAndSwap(last, now) {
		t.log.Warn("throttle: the shared limiter failed; counting attempts on this node", "err", err)
	}
}

// Proof runs attempt, a signed-in change that the account's current
// password proves (a change of password or address, a deletion), within
// sign-in's budgets keyed by the account: a stolen session cannot guess
// the password faster than a sign-in could.
func (t *Throttle) Proof(c echo.Context, accountID int64, attempt func() error) error {
	return t.SignIn(c, "account:"+strconv.FormatInt(accountID, 10), attempt)
}
