// Package live lets people into a recommendation's room on the hub: the
// room ("recommendation:{id}") is read-only and carries the changes its
// store announces (docs/PROTOCOL.md), so that an open recommendation page
// follows them.
package live

import (
	"context"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
)

// Reader is what the Policy needs of recommendations.Service.
type Reader interface {
	Recommendation(ctx context.Context, id int64) (recommendations.Recommendation, error)
}

// Policy is the hub's Policy for recommendation rooms.
type Policy struct{ recs Reader }

var _ hub.Policy = Policy{}

// NewPolicy returns the Policy over recs.
func NewPolicy(recs Reader) Policy { return Policy{recs: recs} }

// CanJoin lets anyone into the room of a recommendation that exists,
// signed in or not: recommendations are public, and the room is
// read-only.
func (p Policy) CanJoin(ctx context.Context, _ hub.Credentials, room string) error {
	id, ok := recommendations.IDOfRoom(room)
	if !ok {
		return igfplus.Errorf(igfplus.ENotFound, "There is no such room.")
	}
	_, err := p.recs.Recommendation(ctx, id)
	return err
}

// Handles reports whether room is a recommendation's.
func Handles(room string) bool {
	_, ok := recommendations.IDOfRoom(room)
	return ok
}
