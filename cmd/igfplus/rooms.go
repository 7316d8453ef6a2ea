package main

import (
	"context"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/tracks/igfplus"
	reclive "github.com/igfplus/igfplus/tracks/recommendations/live"
)

// roomPolicy lets people into the hub's rooms by kind: a recommendation's
// room to whoever may read the recommendation, a session's to whoever may
// follow the session. Recommendation rooms are read-only: their messages
// reach the sessions' dispatcher, which knows no such room.
type roomPolicy struct {
	sessions        hub.Policy
	recommendations reclive.Policy
}

func (p roomPolicy) CanJoin(ctx context.Context, who igfplus.Identity, room string) error {
	if reclive.Handles(room) {
		return p.recommendations.CanJoin(ctx, who, room)
	}
	return p.sessions.CanJoin(ctx, who, room)
}
