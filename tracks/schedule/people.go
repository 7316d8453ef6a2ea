package schedule

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Candidate is an account found by name, to give a part in a session.
type Candidate struct {
	ID               int64  `json:"id"`
	Name             string `json:"name"`
	StakeholderGroup string `json:"stakeholder_group"`
}

// MaxFound is how many accounts a search by name lists.
const MaxFound = 20

// PeopleStore keeps the session's people.
type PeopleStore interface {
	// SearchPeople lists up to limit accounts whose name holds q (without
	// case), by name.
	SearchPeople(ctx context.Context, q string, limit int) ([]Candidate, error)
	// AddRole gives account a role in session (nothing when it has it);
	// EInvalid when there is no such account, ENotFound no such session.
	AddRole(ctx context.Context, session, account int64, role Role) error
	// RemoveRole takes it away; ENotFound when it was not there.
	RemoveRole(ctx context.Context, session, account int64, role Role) error
}

// SearchPeople finds accounts by name: 2 to 100 characters of it.
func (s *Service) SearchPeople(ctx context.Context, who igfplus.Identity, q string) ([]Candidate, error) {
	if err := secretariat(who); err != nil {
		return nil, err
	}
	q = strings.TrimSpace(q)
	if n := utf8.RuneCountInString(q); n < 2 || n > 100 {
		return nil, igfplus.Errorf(igfplus.EInvalid, "Search with 2 to 100 characters of a name.")
	}
	return s.store.SearchPeople(ctx, q, MaxFound)
}

// AddRole gives someone a part in a session.
func (s *Service) AddRole(ctx context.Context, who igfplus.Identity, session, account int64, role Role) error {
	if err := secretariat(who); err != nil {
		return err
	}
	if !role.Valid() {
		return igfplus.Errorf(igfplus.EInvalid, "role is moderator, co_moderator, rapporteur, captioner or speaker.")
	}
	return s.store.AddRole(ctx, session, account, role)
}

// RemoveRole takes a part in a session away.
func (s *Service) RemoveRole(ctx context.Context, who igfplus.Identity, session, account int64, role Role) error {
	if err := secretariat(who); err != nil {
		return err
	}
	return s.store.RemoveRole(ctx, session, account, role)
}
