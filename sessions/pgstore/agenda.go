package pgstore

import (
	"context"
	"time"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

var _ sessions.AgendaStore = (*Store)(nil)

// AdvanceItem starts item if the item under way is still from.
func (s *Store) AdvanceItem(ctx context.Context, id, from int64, item sessions.AgendaItem) (sessions.Progress, error) {
	return s.startItem(ctx, id, item, from)
}

// ExtendItem lengthens the time box of the item under way.
func (s *Store) ExtendItem(ctx context.Context, id, item int64, minutes int) (sessions.Progress, error) {
	var p sessions.Progress
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		tag, err := tx.Exec(ctx, `UPDATE agenda_items SET minutes = least(600, minutes + $3)
			WHERE id = $2 AND id = (SELECT current_item_id FROM sessions WHERE id = $1 AND state = 'live')`, id, item, minutes)
		if err != nil {
			return pgdb.Wrap(err, "sessions: extend agenda item %d", item)
		}
		if tag.RowsAffected() == 0 {
			return igfplus.Errorf(igfplus.EConflict, "The agenda moved on meanwhile; reload.")
		}
		return announceProgress(ctx, tx, id, &p)
	})
	return p, err
}

// MoveItem reorders the agenda under the session row's lock, so that the
// rule (sessions.Reorder) holds against an item starting meanwhile.
func (s *Store) MoveItem(ctx context.Context, id, itemID int64, position int) ([]sessions.AgendaItem, error) {
	var agenda []sessions.AgendaItem
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		var current int64
		if err := tx.QueryRow(ctx, `SELECT coalesce(current_item_id, 0) FROM sessions WHERE id = $1 FOR UPDATE`, id).Scan(&current); err != nil {
			return pgdb.Wrap(pgdb.NotFound(err, "The session"), "sessions: lock session %d", id)
		}
		items, err := agendaOf(ctx, tx, id)
		if err != nil {
			return err
		}
		order, err := sessions.Reorder(items, current, itemID, position)
		if err != nil {
			return err
		}
		// Positions are unique: move them all out of the way first.
		if _, err := tx.Exec(ctx, `UPDATE agenda_items SET position = -position WHERE session_id = $1`, id); err != nil {
			return pgdb.Wrap(err, "sessions: reorder agenda of %d", id)
		}
		if _, err := tx.Exec(ctx, `UPDATE agenda_items a SET position = o.n
			FROM unnest($2::bigint[]) WITH ORDINALITY AS o(id, n) WHERE a.id = o.id AND a.session_id = $1`, id, order); err != nil {
			return pgdb.Wrap(err, "sessions: reorder agenda of %d", id)
		}
		if agenda, err = agendaOf(ctx, tx, id); err != nil {
			return err
		}
		return tx.announce(ctx, id, "agenda.changed", map[string]any{"items": agendaEvent(agenda)})
	})
	return agenda, err
}

// agendaItemEvent is an agenda item as the room's agenda.changed has it.
type agendaItemEvent struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	Minutes int    `json:"minutes"`
	Started bool   `json:"started"`
}

func agendaEvent(agenda []sessions.AgendaItem) []agendaItemEvent {
	out := make([]agendaItemEvent, 0, len(agenda))
	for _, a := range agenda {
		out = append(out, agendaItemEvent{ID: a.ID, Title: a.Title, Minutes: a.Minutes, Started: a.Started})
	}
	return out
}

// Reopen brings an ended session back live if it ended within the window;
// the report's end moves with the next end.
func (s *Store) Reopen(ctx context.Context, id, byID int64, within time.Duration) (sessions.Progress, error) {
	var p sessions.Progress
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		tag, err := tx.Exec(ctx, `UPDATE sessions SET state = 'live', state_changed_at = now()
			WHERE id = $1 AND state = 'ended' AND state_changed_at > now() - make_interval(secs => $2)`, id, within.Seconds())
		if err != nil {
			return pgdb.Wrap(err, "sessions: reopen session %d", id)
		}
		if tag.RowsAffected() == 0 {
			return igfplus.Errorf(igfplus.EConflict, "A session can be reopened only within %d minutes of its end.", int(within.Minutes()))
		}
		if err := logModeration(ctx, tx, id, sessions.LogEntry{ActorID: byID, Action: sessions.LogSessionReopen}); err != nil {
			return err
		}
		return announceProgress(ctx, tx, id, &p)
	})
	return p, err
}
