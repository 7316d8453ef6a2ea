package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/schedule"
)

// Agenda reads a session's agenda in order.
func (s *Store) Agenda(ctx context.Context, session int64) ([]schedule.Item, error) {
	rows, _ := s.db.Pool.Query(ctx, `SELECT id, title, minutes FROM agenda_items WHERE session_id = $1 ORDER BY position`, session)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[schedule.Item])
	return list, pgdb.Wrap(err, "schedule: read the agenda of session %d", session)
}

// AddItem appends an item under the session's lock.
func (s *Store) AddItem(ctx context.Context, session int64, it schedule.Item) (schedule.Item, error) {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := lockSession(ctx, tx, session); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `INSERT INTO agenda_items (session_id, position, title, minutes)
			SELECT $1, coalesce(max(position), 0) + 1, $2, $3 FROM agenda_items WHERE session_id = $1 RETURNING id`,
			session, it.Title, it.Minutes).Scan(&it.ID)
		return pgdb.Wrap(err, "schedule: add an agenda item to session %d", session)
	})
	return it, err
}

// UpdateItem changes an item under the session's lock.
func (s *Store) UpdateItem(ctx context.Context, session int64, it schedule.Item) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := lockSession(ctx, tx, session); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE agenda_items SET title = $3, minutes = $4 WHERE id = $2 AND session_id = $1`,
			session, it.ID, it.Title, it.Minutes)
		if err != nil {
			return pgdb.Wrap(err, "schedule: change agenda item %d", it.ID)
		}
		return affected(tag.RowsAffected())
	})
}

// RemoveItem deletes an item and closes the gap in the positions (in two
// steps, as the unique positions are checked row by row).
func (s *Store) RemoveItem(ctx context.Context, session, item int64) error {
	return s.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := lockSession(ctx, tx, session); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `DELETE FROM agenda_items WHERE id = $2 AND session_id = $1`, session, item)
		if err != nil {
			return pgdb.Wrap(err, "schedule: remove agenda item %d", item)
		}
		if err := affected(tag.RowsAffected()); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE agenda_items SET position = -position WHERE session_id = $1`, session); err != nil {
			return pgdb.Wrap(err, "schedule: renumber the agenda of session %d", session)
		}
		_, err = tx.Exec(ctx, `UPDATE agenda_items a SET position = n.position FROM
			(SELECT id, row_number() OVER (ORDER BY -position) AS position FROM agenda_items WHERE session_id = $1) n
			WHERE a.id = n.id`, session)
		return pgdb.Wrap(err, "schedule: renumber the agenda of session %d", session)
	})
}

func affected(n int64) error {
	if n == 0 {
		return igfplus.Errorf(igfplus.ENotFound, "The agenda item was not found.")
	}
	return nil
}
