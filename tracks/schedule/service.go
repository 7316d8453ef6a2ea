package schedule

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Store keeps the schedule. Writes that a rule depends on run the rule
// inside their transaction, under the edition's row lock, so that two
// placements (or an import and a placement) are checked one after the
// other against what the other saved.
type Store interface {
	// Plan reads session id's plan; ENotFound when there is none.
	Plan(ctx context.Context, session int64) (Plan, error)
	// Place locks the session's edition, reads its plan again, and saves
	// p when decide(plan) is nil (an unscheduled session becomes
	// scheduled); decide's error is returned as it is.
	Place(ctx context.Context, session int64, p Placement, decide func(Plan) error) (Booking, error)
	// Programme lists an edition's sessions with their people: the
	// unscheduled first, then by time and room.
	Programme(ctx context.Context, edition int64) ([]Booking, error)
	// Import locks the edition, reads its catalogue, and inserts what
	// validate makes of it in one transaction when validate finds no
	// problem; otherwise it inserts nothing and returns the problems.
	Import(ctx context.Context, edition int64, validate func(Catalogue) ([]Imported, []RowProblem)) ([]int64, []RowProblem, error)
	PeopleStore
	AgendaStore
}

// Service authorises and carries out scheduling: the Secretariat's work.
type Service struct {
	store Store
}

// NewService returns a Service over its store.
func NewService(store Store) *Service { return &Service{store: store} }

func secretariat(who igfplus.Identity) error {
	return who.Require(igfplus.RoleSecretariat, "Only the secretariat schedules the programme.")
}

// Programme lists an edition's sessions as the scheduler sees them.
func (s *Service) Programme(ctx context.Context, who igfplus.Identity, edition int64) ([]Booking, error) {
	if err := secretariat(who); err != nil {
		return nil, err
	}
	return s.store.Programme(ctx, edition)
}

// Plan reads what placing session id is checked against.
func (s *Service) Plan(ctx context.Context, who igfplus.Identity, id int64) (Plan, error) {
	if err := secretariat(who); err != nil {
		return Plan{}, err
	}
	return s.store.Plan(ctx, id)
}

// Check lists the clashes of placing session id at p, changing nothing.
func (s *Service) Check(ctx context.Context, who igfplus.Identity, id int64, p Placement) ([]Clash, error) {
	if err := secretariat(who); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	pl, err := s.store.Plan(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := placeable(pl.Session); err != nil {
		return nil, err
	}
	return pl.Check(p), nil
}

// Refused is the refusal of a placement because of its clashes: a
// conflict whose Clashes say why.
type Refused struct {
	Err     *igfplus.Error
	Clashes []Clash
}

func (r *Refused) Error() string { return r.Err.Error() }

// Unwrap lets igfplus.ErrorCode and ErrorMessage read the conflict.
func (r *Refused) Unwrap() error { return r.Err }

// Place puts session id at p. A blocking clash refuses it; other clashes
// refuse it unless confirmed. Either refusal is a *Refused (EConflict)
// listing the clashes found under the edition's lock.
func (s *Service) Place(ctx context.Context, who igfplus.Identity, id int64, p Placement, confirmed bool) (Booking, []Clash, error) {
	if err := secretariat(who); err != nil {
		return Booking{}, nil, err
	}
	if err := p.validate(); err != nil {
		return Booking{}, nil, err
	}
	var found []Clash
	b, err := s.store.Place(ctx, id, p, func(pl Plan) error {
		if err := placeable(pl.Session); err != nil {
			return err
		}
		found = pl.Check(p)
		return decide(found, confirmed)
	})
	return b, found, err
}

// RefuseBlocking is the refusal of a slot with a blocking clash (a room
// booked twice, a day outside the edition), or nil: the rule for a session
// given its slot where nobody confirms the other clashes (a track's
// planners adding it through the programme's API).
func RefuseBlocking(found []Clash) error {
	if AnyBlocking(found) {
		return &Refused{igfplus.Errorf(igfplus.EConflict, "Not saved: %s", words(found)), found}
	}
	return nil
}

// decide is the rule of saving with clashes (see the package's doc).
func decide(found []Clash, confirmed bool) error {
	switch {
	case AnyBlocking(found):
		return RefuseBlocking(found)
	case len(found) > 0 && !confirmed:
		return &Refused{igfplus.Errorf(igfplus.EConflict, "Not saved until the clashes are confirmed: %s", words(found)), found}
	}
	return nil
}

func words(cs []Clash) igfplus.Errors {
	out := make(igfplus.Errors, len(cs))
	for i, c := range cs {
		out[i] = c.refusal()
	}
	return out
}

// placeable: a session that has begun keeps its slot.
func placeable(b Booking) error {
	if b.State != "unscheduled" && b.State != "scheduled" {
		return igfplus.Errorf(igfplus.EConflict, "A session that has begun keeps its room and time.")
	}
	return nil
}

// trimmed trims s and checks it is 1 to max characters.
func trimmed(s *string, max int) bool {
	*s = strings.TrimSpace(*s)
	return *s != "" && utf8.RuneCountInString(*s) <= max
}
