package publishing

import (
	"context"
	"time"
)

// Job is one outbox row claimed by a relay worker: an event for one
// endpoint, with what is needed to send it.
type Job struct {
	OutboxID     int64
	EventID      string
	EndpointID   int64
	Attempt      int // 1 for the first
	URL          string
	AllowPrivate bool
	// Keys are the endpoint's active signing secrets ("whsec_", "whsk_").
	Keys    []string
	Payload []byte
}

// AttemptResult is what one attempt got, and what the policy made of it.
type AttemptResult struct {
	Status int // 0 when no response came
	Error  string
	// Failure classifies the error or the status (relay.Classify).
	Failure  Failure
	Duration time.Duration
	Decision Decision
}

// Outbox is the relay's view of the queue. Claim leases due rows to
// worker (a row is never leased to two workers at once: FOR UPDATE SKIP
// LOCKED, and an expired lease is what lets another take it); Complete
// logs the attempt and applies the decision, only while worker still
// holds the lease.
type Outbox interface {
	Claim(ctx context.Context, worker string, n int, lease time.Duration) ([]Job, error)
	Complete(ctx context.Context, worker string, job Job, res AttemptResult) error
}

// Backlog is what the outbox holds that is not yet delivered (pending or
// being delivered).
type Backlog struct {
	Rows      int
	OldestAge time.Duration
}
