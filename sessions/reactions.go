package sessions

import (
	"context"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// ReactionKind is a reaction participants send to the room.
type ReactionKind string

// The reactions.
const (
	Applause ReactionKind = "applause"
	Agree    ReactionKind = "agree"
	Disagree ReactionKind = "disagree"
)

// ReactionKinds lists every reaction.
var ReactionKinds = []ReactionKind{Applause, Agree, Disagree}

// Valid reports whether k is a known reaction.
func (k ReactionKind) Valid() bool { return k == Applause || k == Agree || k == Disagree }

// ReactionWindow is how far back the room's reaction counts look.
const ReactionWindow = 10 * time.Second

// Reactions is what the room sees of reactions: counts only, never who.
// Counts are those of the last WindowS seconds up to At, on every node;
// Totals are the session's since it began.
type Reactions struct {
	At      time.Time      `json:"at"`
	WindowS int            `json:"window_s"`
	Counts  map[string]int `json:"counts"`
	Totals  map[string]int `json:"totals"`
}

// ReactionStore keeps reaction counts (never who reacted).
type ReactionStore interface {
	// AddReactions adds counts to the second at, and commits a
	// reactions.changed event with the room's Reactions as of at.
	AddReactions(ctx context.Context, sessionID int64, counts map[ReactionKind]int, at time.Time) (Reactions, error)
	// ReactionTotals counts a session's reactions per kind.
	ReactionTotals(ctx context.Context, sessionID int64) (map[string]int, error)
}

// MayReact checks that who may send reaction kind to a live session (as
// for a chat message: not muted, not only observing). Reactions are then
// gathered and recorded by RecordReactions, at most once a second.
func (s *Service) MayReact(ctx context.Context, who igfplus.Identity, sessionID int64, kind ReactionKind) error {
	if who.Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, "Sign in to react.")
	}
	if !kind.Valid() {
		return igfplus.Errorf(igfplus.EInvalid, "A reaction is applause, agree or disagree.")
	}
	_, err := s.takePart(ctx, who, sessionID, "Reactions are open only while the session is live.", true)
	return err
}

// RecordReactions records reactions already allowed by MayReact, gathered
// over a moment, and announces the room's new counts.
func (s *Service) RecordReactions(ctx context.Context, sessionID int64, counts map[ReactionKind]int, at time.Time) (Reactions, error) {
	return s.reactions.AddReactions(ctx, sessionID, counts, at)
}

// zeroCounts returns a count of 0 for every reaction kind.
func zeroCounts() map[string]int {
	m := make(map[string]int, len(ReactionKinds))
	for _, k := range ReactionKinds {
		m[string(k)] = 0
	}
	return m
}

// CompleteCounts adds the kinds missing from m with 0, so that clients
// always see every kind.
func CompleteCounts(m map[string]int) map[string]int {
	out := zeroCounts()
	for k, n := range m {
		out[k] = n
	}
	return out
}
