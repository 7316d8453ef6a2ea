package hub

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Policy decides who may join a room. It is asked at every join, including
// resumes, so that a removed or banned person cannot come back.
type Policy interface {
	CanJoin(ctx context.Context, who Credentials, room string) error
}

// Inbound is one message a client sent: its type, the client's reference for
// the reply, and the whole raw message for the dispatcher to decode.
type Inbound struct {
	Type string          `json:"type"`
	Ref  string          `json:"ref,omitempty"`
	Raw  json.RawMessage `json:"-"`
}

// Dispatcher carries out a client's message. It authorises the message
// against who, as for an HTTP request, persists its effect and publishes the
// resulting events after commit. A nil error is acknowledged to the client;
// an error becomes an error frame.
type Dispatcher interface {
	Dispatch(ctx context.Context, who Credentials, room string, msg Inbound) error
}

// ReplyDispatcher is a Dispatcher some of whose messages answer with data,
// which the hub sends in the message's ack (a ballot's receipt, say). When
// the Dispatcher implements it, the hub calls DispatchReply instead of
// Dispatch.
type ReplyDispatcher interface {
	DispatchReply(ctx context.Context, who Credentials, room string, msg Inbound) (reply any, err error)
}

// Config is what a Hub needs. Zero limits take the documented defaults.
type Config struct {
	Broker  Broker
	History History
	// Recent, when set, serves resumes that go back further than a room's
	// memory on this node before History is read (the Redis broker's
	// history).
	Recent RecentLog
	Policy Policy
	// EventKeys authenticate events between nodes (HMAC-SHA256, at least
	// 32 bytes each): this node tags the events it publishes with the
	// first, and takes an event from the broker or the Recent log only
	// with a tag made with one of them; any other is read from History
	// instead. Every node of an installation must hold the signing key;
	// the others are kept during a rollover. Empty: a random key, so that
	// only this node's own events are taken from the broker (one node).
	EventKeys [][]byte
	// Dispatcher handles client messages; nil makes every room read-only.
	Dispatcher Dispatcher
	// Authenticate establishes who is connecting. The hub never parses
	// tokens itself.
	Authenticate func(*http.Request) (Credentials, error)
	// Wording returns how the error frames of the connection r opens word
	// a refusal: the server words them in the language r negotiates, as
	// its pages do (?lang, the language cookies, Accept-Language), for the
	// whole life of the connection. Nil: the errors' English
	// (igfplus.ErrorMessage).
	Wording func(*http.Request) func(error) string
	// AllowedOrigins is the exact list of Origin values accepted on upgrade
	// (scheme://host[:port]). A request without Origin (not a browser) is
	// accepted; "null" and anything not listed are refused.
	AllowedOrigins []string
	Logger         *slog.Logger
	Metrics        *Metrics
	// TokenVersions returns the current token versions of accounts. The
	// hub checks its connections with it every RevalidateInterval (default
	// 2 s) and closes, with CloseUnauthorized, those whose credential was
	// revoked since they connected (sign-out, ban, role change). Nil
	// disables the check.
	TokenVersions      func(ctx context.Context, accountIDs []int64) (map[int64]int, error)
	RevalidateInterval time.Duration

	// ReadLimit is the largest message accepted (default 64 KiB); a larger
	// one closes the connection with 1009.
	ReadLimit int64
	// QueueBytes bounds a connection's outgoing queue (default 1 MiB); a
	// connection that falls further behind is closed with CloseSlowConsumer.
	QueueBytes int
	// PingInterval is how often the server pings (default 15 s); a peer
	// silent for PongWait (default 30 s) is closed.
	PingInterval time.Duration
	PongWait     time.Duration
	// WriteWait bounds one socket write (default 10 s).
	WriteWait time.Duration
	// MessageRate and MessageBurst limit client messages per connection
	// (defaults 10/s, burst 20). Messages past the limit get a rate_limited
	// error frame; a client that keeps on is closed with 1008.
	MessageRate  float64
	MessageBurst int
	// SocketsPerAccount caps one account's open connections to one room on
	// this node; the next is refused before the upgrade with 429
	// rate_limited. Unlike the other limits, 0 means none (the server sets
	// 3; benchmarks and tests that share one account leave it off).
	SocketsPerAccount int
	// SocketsPerAddress caps the open connections from one client address
	// on this node, over all rooms, signed in or not; 0: none (the server
	// sets 2,000: a venue's whole network may come from one address).
	SocketsPerAddress int
	// ClientAddress names a request's client (the server's own reading of
	// trusted proxies' X-Forwarded-For); nil: the connection's peer.
	ClientAddress func(*http.Request) string
	// GapGrace is how long a gap in a room's sequence may wait for the
	// broker before it is healed from History (default 200 ms).
	GapGrace time.Duration
	// BacklogLimit caps the events replayed on one resume (default 10,000);
	// a client further behind is told to reload.
	BacklogLimit int
	// DispatchTimeout bounds the handling of one client message (default 10 s).
	DispatchTimeout time.Duration
	// WriteCoalesce is the least time between two batches of a room's
	// events (default 2 ms; negative: none). Events that arrive sooner
	// wait for the next batch and go out together, so a busy room costs a
	// bounded number of writes per connection; a quiet one is written at
	// once (batch.go). A big room's beat is longer anyway: twice the CPU
	// time its last batch took to write, per core it ran on. The default is short because at
	// 10 ms a small room's events waited 5 ms on average for nothing:
	// writing to a few connections is cheap.
	WriteCoalesce time.Duration
	// ShardSize is the most connections one shard of a room holds
	// (default 512): a room's batch is queued and written to its shards in
	// parallel, one goroutine a shard, so that a big room's fanout uses
	// every core (shard.go).
	ShardSize int
}

func (c *Config) setDefaults() {
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Wording == nil {
		c.Wording = func(*http.Request) func(error) string { return igfplus.ErrorMessage }
	}
	if c.ReadLimit == 0 {
		c.ReadLimit = 64 << 10
	}
	if c.QueueBytes == 0 {
		c.QueueBytes = 1 << 20
	}
	if c.PingInterval == 0 {
		c.PingInterval = 15 * time.Second
	}
	if c.PongWait == 0 {
		c.PongWait = 30 * time.Second
	}
	if c.WriteWait == 0 {
		c.WriteWait = 10 * time.Second
	}
	if c.MessageRate == 0 {
		c.MessageRate = 10
	}
	if c.MessageBurst == 0 {
		c.MessageBurst = 20
	}
	if c.ClientAddress == nil {
		c.ClientAddress = peerAddress
	}
	if c.GapGrace == 0 {
		c.GapGrace = 200 * time.Millisecond
	}
	if c.BacklogLimit == 0 {
		c.BacklogLimit = 10000
	}
	if c.RevalidateInterval == 0 {
		c.RevalidateInterval = 2 * time.Second
	}
	if c.DispatchTimeout == 0 {
		c.DispatchTimeout = 10 * time.Second
	}
	if c.ShardSize <= 0 {
		c.ShardSize = 512
	}
	switch {
	case c.WriteCoalesce == 0:
		c.WriteCoalesce = 2 * time.Millisecond
	case c.WriteCoalesce < 0:
		c.WriteCoalesce = 0
	}
}
