package nris

import (
	"context"
)

// Store keeps the directory, sessions' co-organisers, links and intake.
// Writes that a rule depends on take the rows they check under lock.
type Store interface {
	NRIs(ctx context.Context) ([]NRI, error)
	// NRI returns one initiative, or ENotFound.
	NRI(ctx context.Context, id int64) (NRI, error)
	CreateNRI(ctx context.Context, c NRIChange) (NRI, error)
	UpdateNRI(ctx context.Context, id int64, c NRIChange) (NRI, error)
	// Coordinates reports whether account coordinates initiative nri.
	Coordinates(ctx context.Context, account, nri int64) (bool, error)

	// CoOrganisersOf lists the initiatives co-organising each of the
	// sessions, by name, in one read; a session without any is absent.
	CoOrganisersOf(ctx context.Context, sessions []int64) (map[int64][]CoOrganiser, error)
	// SessionNRI returns the initiative of a session's track (0: none).
	SessionNRI(ctx context.Context, session int64) (int64, error)
	// SetCoOrganisers makes list a session's co-organisers and requests:
	// those of consented are accepted, the others new are pending and
	// asked by by, those already there keep their state, and those not in
	// list are deleted.
	SetCoOrganisers(ctx context.Context, session int64, list, consented []int64, by int64) error
	// CoOrganiserRequests lists the pending requests of a session, to an
	// initiative, or to the initiatives an account coordinates (0: any),
	// oldest first.
	CoOrganiserRequests(ctx context.Context, session, nri, coordinator int64) ([]CoOrganiserRequest, error)
	// DecideCoOrganiser accepts a pending request (EConflict when it was
	// accepted already) or deletes a request or co-organiser; ENotFound
	// when there is none.
	DecideCoOrganiser(ctx context.Context, session, nri, by int64, accept bool) error

	// AskLink records a pending link; EConflict when one is pending or
	// accepted for the pair.
	AskLink(ctx context.Context, nriTrack, globalTrack, by int64, note string) (Link, error)
	Link(ctx context.Context, id int64) (Link, error)
	// Links lists the links of a track (either side), newest first; track
	// 0 lists all, state "" every state.
	Links(ctx context.Context, track int64, state LinkState) ([]Link, error)
	// DecideLink accepts or declines a pending link; accepting copies the
	// NRI track's adopted recommendations into the global track's intake
	// in the same transaction.
	DecideLink(ctx context.Context, id, by int64, accept bool, reason string) (Link, error)

	Intake(ctx context.Context, globalTrack int64) ([]IntakeItem, error)
	IntakeItem(ctx context.Context, id int64) (IntakeItem, error)
	// Merge marks a pending item merged into recommendation rec, which
	// must belong to the item's global track.
	Merge(ctx context.Context, item, rec, by int64) (IntakeItem, error)
	Answer(ctx context.Context, item, by int64, answer string) (IntakeItem, error)
}
