package federation

import (
	"context"
	"time"
)

// Store keeps both sides' federation records.
type Store interface {
	// Global side.
	AddPeer(ctx context.Context, p Peer) (Peer, error)
	// SetPeerSecret replaces peer id's secret with secret (the old one
	// verifies nothing from then on) and returns the peer; ENotFound when
	// there is none.
	SetPeerSecret(ctx context.Context, id int64, secret string) (Peer, error)
	// PeerSecret returns a peer's secret, or ENotFound.
	PeerSecret(ctx context.Context, peer int64) (string, error)
	Agenda(ctx context.Context) (Agenda, error)
	// MirrorLink mirrors the peer's track as an NRI track of the peer's
	// initiative (once) and asks a pending link to the global track
	// (EConflict when one is open), or returns the open one.
	MirrorLink(ctx context.Context, peer int64, r LinkRequest) (LinkAnswer, error)
	// TakeOutput records a pushed output in the global track's intake
	// with its origin; EConflict while the mirrored link is not accepted;
	// a webhook-id already taken in is not taken twice (nil).
	TakeOutput(ctx context.Context, peer int64, msgID string, o Output) error

	// NRI side.
	SetUpstream(ctx context.Context, u Upstream) error
	// Upstream returns the upstream, or ENotFound when none is set.
	Upstream(ctx context.Context) (Upstream, error)
	// TrackNRI returns the initiative owning a local track (0: none) and
	// the track's title.
	TrackNRI(ctx context.Context, track int64) (int64, string, error)
	// AddLink records a link asked upstream and queues the track's
	// recommendations already adopted.
	AddLink(ctx context.Context, l FedLink, by int64) (FedLink, error)
	Links(ctx context.Context) ([]FedLink, error)
	// DuePushes claims up to n due pushes until lease ends, skipping rows
	// another node holds.
	DuePushes(ctx context.Context, n int, lease time.Duration) ([]Push, error)
	// Pushed records an attempt at p as claimed: delivered, or retry at
	// next with why. An attempt whose claim another node has taken over
	// since records nothing, and a delivery once recorded stays.
	Pushed(ctx context.Context, p Push, delivered bool, next time.Time, why string) error
}

// Upstreams is the client that talks to the global installation, signing
// every request with the upstream's secret.
type Upstreams interface {
	Agenda(ctx context.Context, u Upstream) (Agenda, error)
	AskLink(ctx context.Context, u Upstream, r LinkRequest) (LinkAnswer, error)
	// Push sends one output with its webhook-id; an error says why it
	// must be retried.
	Push(ctx context.Context, u Upstream, eventID string, o Output) error
}
