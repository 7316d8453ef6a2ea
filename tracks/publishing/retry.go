package publishing

import (
	"math/rand/v2"
	"time"
)

// Backoff is the wait after each failed attempt: about three days in all
// (71.6 h) before a delivery is given up as failed. A body's endpoint that
// is down for a weekend still gets the recommendation.
var Backoff = []time.Duration{
	5 * time.Second, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 5 * time.Hour,
	10 * time.Hour, 10 * time.Hour, 14 * time.Hour, 14 * time.Hour, 16 * time.Hour,
}

// MaxRetryAfter caps a receiver's Retry-After, so that a wrong header
// cannot park a delivery for months.
const MaxRetryAfter = 24 * time.Hour

// Outcome is what an attempt's response means for the delivery.
type Outcome string

// The outcomes of an attempt.
const (
	Delivered       Outcome = "delivered"        // 2xx
	Retry           Outcome = "retry"            // try again later
	Failed          Outcome = "failed"           // attempts exhausted
	DisableEndpoint Outcome = "disable_endpoint" // 410 Gone
)

// Decision is the policy's answer for one attempt.
type Decision struct {
	Outcome Outcome
	// Wait is the delay before the next attempt when Outcome is Retry.
	Wait time.Duration
}

// Decide applies the retry policy to attempt number attempt (1 for the
// first) that got status (0 for a network error or timeout) and, for 429,
// 502 and 504, the receiver's Retry-After (0 when absent). Redirects are
// failures: the relay never follows them, a body must give its real URL.
// jitter in [0,1) spreads retries (±20%) so that endpoints that come back
// together are not hit together.
func Decide(attempt, status int, retryAfter time.Duration, jitter float64) Decision {
	switch {
	case status >= 200 && status < 300:
		return Decision{Outcome: Delivered}
	case status == 410:
		return Decision{Outcome: DisableEndpoint}
	}
	if attempt > len(Backoff) {
		return Decision{Outcome: Failed}
	}
	if (status == 429 || status == 502 || status == 504) && retryAfter > 0 {
		return Decision{Outcome: Retry, Wait: min(retryAfter, MaxRetryAfter)}
	}
	base := Backoff[attempt-1]
	return Decision{Outcome: Retry, Wait: time.Duration(float64(base) * (0.8 + 0.4*jitter))}
}

// Jitter returns a random jitter for Decide.
func Jitter() float64 { return rand.Float64() }
