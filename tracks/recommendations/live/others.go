package live

import (
	"context"

	"github.com/igfplus/igfplus/hub"
)

// Or is the hub's Policy for a node whose hub carries recommendation rooms
// beside others (the sessions'): a recommendation's room by p, any other
// room by others. Recommendation rooms are read-only: their messages reach
// the other rooms' dispatcher, which knows no such room.
func (p Policy) Or(others hub.Policy) hub.Policy { return either{p, others} }

type either struct {
	recommendations Policy
	others          hub.Policy
}

func (e either) CanJoin(ctx context.Context, who hub.Credentials, room string) error {
	if Handles(room) {
		return e.recommendations.CanJoin(ctx, who, room)
	}
	return e.others.CanJoin(ctx, who, room)
}
