package pgstore

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/finding"
)

// searchSQL matches the query, made word for word and stemmed in the
// reader's language, against the expressions migration 0023 indexes (the
// same expressions, so that the GIN indexes serve them). Snippets are
// plain text: ts_headline's markers are empty.
const searchSQL = `
WITH q AS (SELECT websearch_to_tsquery('pg_catalog.simple'::regconfig, $1) || websearch_to_tsquery(search_config($2), $1) AS q),
latest AS (
	SELECT DISTINCT ON (recommendation_id) recommendation_id, body FROM recommendation_versions
	ORDER BY recommendation_id, version DESC)
SELECT kind, id, title, snippet FROM (
	SELECT 'session' AS kind, s.id, s.title,
		ts_headline(search_config(s.language), s.title || ' ' || s.description, q.q, $4) AS snippet,
		ts_rank(to_tsvector(search_config(s.language), s.title || ' ' || s.description)
			|| to_tsvector('pg_catalog.simple'::regconfig, s.title || ' ' || s.description), q.q) AS rank
	FROM sessions s, q
	WHERE (to_tsvector(search_config(s.language), s.title || ' ' || s.description)
		|| to_tsvector('pg_catalog.simple'::regconfig, s.title || ' ' || s.description)) @@ q.q
	UNION ALL
	SELECT 'recommendation', r.id, r.title,
		ts_headline('pg_catalog.simple'::regconfig, l.body, q.q, $4),
		ts_rank(to_tsvector('pg_catalog.simple'::regconfig, r.title || ' ' || l.body), q.q)
	FROM recommendations r JOIN latest l ON l.recommendation_id = r.id, q
	WHERE to_tsvector('pg_catalog.simple'::regconfig, r.title) @@ q.q
		OR r.id IN (SELECT v.recommendation_id FROM recommendation_versions v, q
			WHERE to_tsvector('pg_catalog.simple'::regconfig, v.body) @@ q.q)
			AND to_tsvector('pg_catalog.simple'::regconfig, l.body) @@ q.q
	UNION ALL
	SELECT 'publication', p.recommendation_id, r.title,
		ts_headline('pg_catalog.simple'::regconfig, p.summary, q.q, $4),
		ts_rank(to_tsvector('pg_catalog.simple'::regconfig, p.summary), q.q)
	FROM publications p JOIN recommendations r ON r.id = p.recommendation_id, q
	WHERE to_tsvector('pg_catalog.simple'::regconfig, p.summary) @@ q.q
		OR p.recommendation_id IN (SELECT t.recommendation_id FROM publication_translations t, q
			WHERE (to_tsvector(search_config(t.language), t.text) || to_tsvector('pg_catalog.simple'::regconfig, t.text)) @@ q.q)
) hits
ORDER BY rank DESC, kind, id
LIMIT $3`

const headline = `StartSel="",StopSel="",MaxWords=40,MinWords=20,MaxFragments=1`

// Search runs q over sessions, recommendations and publications.
func (s *Store) Search(ctx context.Context, q, lang string, limit int) ([]finding.Result, error) {
	rows, err := s.db.Pool.Query(ctx, searchSQL, q, lang, limit, headline)
	if err != nil {
		return nil, pgdb.Wrap(err, "finding: search")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (finding.Result, error) {
		var x finding.Result
		err := r.Scan(&x.Kind, &x.ID, &x.Title, &x.Snippet)
		x.Link = link(x.Kind, x.ID)
		return x, err
	})
	return out, pgdb.Wrap(err, "finding: search")
}

func link(k finding.Kind, id int64) string {
	n := strconv.FormatInt(id, 10)
	switch k {
	case finding.KindSession:
		return "/sessions/" + n
	case finding.KindRecommendation:
		return "/recommendations/" + n
	default:
		return "/publications/" + n
	}
}
