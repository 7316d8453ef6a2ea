// Package pgstore keeps the translations in Postgres: one table for every
// kind of entity (translations), read for many entities at once.
package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/translations"
)

var _ translations.Store = (*Store)(nil)

// Store is the Postgres store of the translations.
type Store struct {
	db  *pgdb.DB
	pub Publisher
}

// Publisher announces committed events (the hub).
type Publisher = pglog.Publisher

// New returns a Store over db that tells open session rooms through pub
// when their texts' translations change (nil: it tells none).
func New(db *pgdb.DB, pub Publisher) *Store { return &Store{db: db, pub: pub} }

// entityQueries read each kind's source language, track, recommendation
// and texts (in the order of translations.Fields, ” past its last).
var entityQueries = map[translations.Kind]string{
	translations.Session:     `SELECT language, track_id, 0::bigint, title, description, '' FROM sessions WHERE id = $1`,
	translations.AgendaItem:  `SELECT s.language, s.track_id, 0::bigint, a.title, '', '' FROM agenda_items a JOIN sessions s ON s.id = a.session_id WHERE a.id = $1`,
	translations.PolicyIssue: `SELECT source_lang, 0::bigint, 0::bigint, title, summary, '' FROM policy_issues WHERE id = $1`,
	translations.Track:       `SELECT source_lang, id, 0::bigint, title, description, '' FROM tracks WHERE id = $1`,
	translations.RecommendationVersion: `SELECT r.source_lang, 0::bigint, r.id, r.title, r.summary, v.body
		FROM recommendation_versions v JOIN recommendations r ON r.id = v.recommendation_id WHERE v.id = $1`,
}

// Entity reads r's source language, track or recommendation, and texts.
func (s *Store) Entity(ctx context.Context, r translations.Ref) (translations.Entity, error) {
	e := translations.Entity{Ref: r}
	var texts [3]string
	err := s.db.Pool.QueryRow(ctx, entityQueries[r.Kind], r.ID).Scan(&e.SourceLang, &e.TrackID, &e.RecommendationID, &texts[0], &texts[1], &texts[2])
	if err != nil {
		return e, pgdb.Wrap(pgdb.NotFound(err, "The text to translate"), "translations: read %s %d", r.Kind, r.ID)
	}
	e.Source = map[translations.Field]string{}
	for i, f := range translations.Fields[r.Kind] {
		e.Source[f] = texts[i]
	}
	return e, nil
}

// Of lists the translations of refs.
func (s *Store) Of(ctx context.Context, refs []translations.Ref) ([]translations.Translation, error) {
	kinds, ids := make([]string, len(refs)), make([]int64, len(refs))
	for i, r := range refs {
		kinds[i], ids[i] = string(r.Kind), r.ID
	}
	rows, _ := s.db.Pool.Query(ctx, `
		SELECT t.kind, t.entity_id, t.field, t.language, t.text, t.origin, coalesce(t.author_id, 0), t.engine, t.updated_at
		FROM translations t JOIN unnest($1::text[], $2::bigint[]) AS r(kind, id) ON t.kind = r.kind AND t.entity_id = r.id`,
		kinds, ids)
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (translations.Translation, error) {
		var t translations.Translation
		err := r.Scan(&t.Kind, &t.ID, &t.Field, &t.Lang, &t.Text, &t.Origin, &t.AuthorID, &t.Engine, &t.UpdatedAt)
		return t, err
	})
	return list, pgdb.Wrap(err, "translations: read %d entities' translations", len(refs))
}

// Save inserts or replaces put and deletes remove in one transaction;
// once it commits, the rooms of the sessions whose texts changed hear of
// it (content.translated).
func (s *Store) Save(ctx context.Context, put []translations.Translation, remove []translations.Key) error {
	return pglog.CommitThenPublish(ctx, s.db, s.pub, func(tx pgx.Tx) ([]hub.Event, error) {
		if err := write(ctx, tx, put, remove); err != nil {
			return nil, err
		}
		if s.pub == nil {
			return nil, nil
		}
		return announce(ctx, tx, changed(put, remove))
	})
}

// write saves put and deletes remove inside tx.
func write(ctx context.Context, tx pgx.Tx, put []translations.Translation, remove []translations.Key) error {
	for _, t := range put {
		_, err := tx.Exec(ctx, `
			INSERT INTO translations (kind, entity_id, field, language, text, origin, author_id, engine)
			VALUES ($1, $2, $3, $4, $5, $6, nullif($7, 0), $8)
			ON CONFLICT (kind, entity_id, field, language) DO UPDATE SET text = EXCLUDED.text, origin = EXCLUDED.origin,
				author_id = EXCLUDED.author_id, engine = EXCLUDED.engine, updated_at = now()`,
			t.Kind, t.ID, t.Field, t.Lang, t.Text, t.Origin, t.AuthorID, t.Engine)
		if err != nil {
			return pgdb.Wrap(err, "translations: save %s %d %s in %s", t.Kind, t.ID, t.Field, t.Lang)
		}
	}
	for _, k := range remove {
		_, err := tx.Exec(ctx, `DELETE FROM translations WHERE kind = $1 AND entity_id = $2 AND field = $3 AND language = $4`,
			k.Kind, k.ID, k.Field, k.Lang)
		if err != nil {
			return pgdb.Wrap(err, "translations: remove %s %d %s in %s", k.Kind, k.ID, k.Field, k.Lang)
		}
	}
	return nil
}
