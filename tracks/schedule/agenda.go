package schedule

import (
	"context"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Item is an agenda item with its time box, as the scheduler edits it.
type Item struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	Minutes int    `json:"minutes"`
}

func (it *Item) validate() error {
	if !trimmed(&it.Title, 300) {
		return igfplus.Errorf(igfplus.EInvalid, "An agenda item's title is 1 to 300 characters.")
	}
	if it.Minutes < 1 || it.Minutes > 600 {
		return igfplus.Errorf(igfplus.EInvalid, "An agenda item's time box is 1 to 600 minutes.")
	}
	return nil
}

// AgendaStore keeps a session's agenda before it begins. Each write takes
// the session's row lock and refuses (EConflict) once it has begun: from
// then on its moderators run the agenda.
type AgendaStore interface {
	Agenda(ctx context.Context, session int64) ([]Item, error)
	// AddItem appends an item.
	AddItem(ctx context.Context, session int64, it Item) (Item, error)
	// UpdateItem changes an item's title and time box; ENotFound when the
	// session has no such item.
	UpdateItem(ctx context.Context, session int64, it Item) error
	// RemoveItem deletes an item, the later ones moving up.
	RemoveItem(ctx context.Context, session, item int64) error
}

// Agenda reads a session's agenda.
func (s *Service) Agenda(ctx context.Context, who igfplus.Identity, session int64) ([]Item, error) {
	if err := secretariat(who); err != nil {
		return nil, err
	}
	return s.store.Agenda(ctx, session)
}

// AddItem appends an item to a session's agenda.
func (s *Service) AddItem(ctx context.Context, who igfplus.Identity, session int64, it Item) (Item, error) {
	if err := secretariat(who); err != nil {
		return Item{}, err
	}
	if err := it.validate(); err != nil {
		return Item{}, err
	}
	return s.store.AddItem(ctx, session, it)
}

// UpdateItem changes an agenda item.
func (s *Service) UpdateItem(ctx context.Context, who igfplus.Identity, session int64, it Item) error {
	if err := secretariat(who); err != nil {
		return err
	}
	if err := it.validate(); err != nil {
		return err
	}
	return s.store.UpdateItem(ctx, session, it)
}

// RemoveItem deletes an agenda item.
func (s *Service) RemoveItem(ctx context.Context, who igfplus.Identity, session, item int64) error {
	if err := secretariat(who); err != nil {
		return err
	}
	return s.store.RemoveItem(ctx, session, item)
}
