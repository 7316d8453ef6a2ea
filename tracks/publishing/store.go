package publishing

import (
	"context"
	"time"
)

// Store keeps publications, bodies and the relay's outbox. Every method
// that changes more than one row does so in one transaction.
type Store interface {
	// Queue lists adopted recommendations not yet published.
	Queue(ctx context.Context) ([]Item, error)
	// Item reads one adopted (or published) recommendation.
	Item(ctx context.Context, recommendationID int64) (Item, error)
	// SetSummary and SetTranslation change the content under review; a
	// change clears the approvals given so far, in the same transaction.
	SetSummary(ctx context.Context, recommendationID, by int64, text string) error
	SetTranslation(ctx context.Context, recommendationID, by int64, t Translation) error
	// Approve records by's approval of the content whose ContentHash is
	// contentHash (the current content when empty): a conflict when by
	// already approved or the content is no longer that. When it is the
	// ApprovalsToPublish-th approval of that content, it publishes in the
	// same transaction: the publication and one outbox row per enabled
	// endpoint of every body. It reports whether it published.
	Approve(ctx context.Context, recommendationID, by int64, contentHash string) (published bool, err error)
	// Published lists the public archive, newest first.
	Published(ctx context.Context, f Filter) ([]Item, error)
	// Timeline is a published recommendation's public record.
	Timeline(ctx context.Context, recommendationID int64) ([]Step, error)

	CreateBody(ctx context.Context, b Body) (Body, error)
	Bodies(ctx context.Context) ([]Body, error)
	AddEndpoint(ctx context.Context, e Endpoint) (Endpoint, error)
	SetEndpoint(ctx context.Context, e Endpoint) (Endpoint, error)
	AddSecret(ctx context.Context, s Secret) (Secret, error)
	// Secrets lists the signing secrets of the endpoints, active and
	// retired, by endpoint then age, without their values (an Ed25519
	// secret's public key is listed: it is public).
	Secrets(ctx context.Context, endpointIDs []int64) ([]Secret, error)
	// RetireSecret stops a secret signing. It refuses (a conflict) to
	// retire the last active secret of an enabled endpoint, which could
	// then not sign its deliveries; retiring a retired secret does nothing.
	RetireSecret(ctx context.Context, secretID int64) error
	// SetInboundSecret sets the secret a body signs its answers with; the
	// one it replaces stays valid until the next rotation.
	SetInboundSecret(ctx context.Context, bodyID int64, secret string) error
	// InboundSecrets are the secrets a body's answers may be signed with:
	// the current one and the one it replaced.
	InboundSecrets(ctx context.Context, bodyID int64) ([]string, error)
	// AddAnswer records an answer once per (body, message id).
	AddAnswer(ctx context.Context, a Answer) (Answer, error)

	Deliveries(ctx context.Context, endpointID int64, limit int) ([]Delivery, error)
	// Replay queues the outbox row of a logged attempt again, due now.
	Replay(ctx context.Context, attemptID int64) error
}

// Delivery is one logged attempt to deliver an outbox row.
type Delivery struct {
	ID         int64  `json:"id"`
	OutboxID   int64  `json:"outbox_id"`
	EventID    string `json:"event_id"`
	EndpointID int64  `json:"endpoint_id"`
	Attempt    int    `json:"attempt"`
	Status     int    `json:"status"`
	Error      string `json:"error,omitempty"`
	// Failure says why the attempt failed ("" when it delivered, and for
	// attempts logged before it was recorded: Why still says).
	Failure  Failure       `json:"failure,omitempty"`
	Duration time.Duration `json:"duration_ns"`
	At       time.Time     `json:"at"`
	// State is the outbox row's state now.
	State string `json:"state"`
}
