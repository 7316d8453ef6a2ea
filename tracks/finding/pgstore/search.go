package pgstore

import (
	"context"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/finding"
)

// searchSQL matches the query, made word for word and stemmed in the
// reader's language, against the stored vectors of migration 0025 (each
// document stemmed in its language and word for word), keeps each
// document's best match, and makes snippets for the results returned only.
// Snippets are plain text: ts_headline's markers are empty.
const searchSQL = `
WITH q AS (SELECT websearch_to_tsquery('pg_catalog.simple'::regconfig, $1) || websearch_to_tsquery(search_config($2), $1) AS q),
hits AS (
	SELECT 'session' AS kind, s.id, s.title, search_config(s.language) AS cfg, s.title || ' ' || s.description AS doc,
		ts_rank(s.search, q.q) AS rank, 'session' AS titled_kind, s.id AS titled_id, s.language AS source_lang
	FROM sessions s, q WHERE s.search @@ q.q AND s.state <> 'unscheduled'
	UNION ALL
	SELECT 'recommendation', r.id, r.title, 'pg_catalog.simple'::regconfig, v.body, ts_rank(v.search, q.q), NULL, NULL, r.source_lang
	FROM q, recommendation_versions v JOIN recommendations r ON r.id = v.recommendation_id
	WHERE v.search @@ q.q AND v.version = (SELECT max(version) FROM recommendation_versions WHERE recommendation_id = r.id)
	UNION ALL
	SELECT 'recommendation', r.id, r.title, 'pg_catalog.simple'::regconfig, r.title, 1, NULL, NULL, r.source_lang
	FROM recommendations r, q WHERE r.search @@ q.q
	UNION ALL
	SELECT 'publication', p.recommendation_id, r.title, 'pg_catalog.simple'::regconfig, p.summary, ts_rank(p.search, q.q), NULL, NULL, r.source_lang
	FROM publications p JOIN recommendations r ON r.id = p.recommendation_id, q
	WHERE p.search @@ q.q
	UNION ALL
	SELECT 'publication', t.recommendation_id, r.title, search_config(t.language), t.text, ts_rank(t.search, q.q), NULL, NULL, r.source_lang
	FROM publication_translations t JOIN publications p ON p.recommendation_id = t.recommendation_id
		JOIN recommendations r ON r.id = t.recommendation_id, q
	WHERE t.search @@ q.q
),
best AS (SELECT DISTINCT ON (kind, id) * FROM hits ORDER BY kind, id, rank DESC),
top AS (SELECT * FROM best ORDER BY rank DESC, kind, id LIMIT $3)
-- The snippets of the results shown only: ts_headline reads the whole text.
-- A recommendation's title is its latest version's, a publication's the
-- published version's: what their translations are of.
SELECT top.kind, top.id, top.title, ts_headline(top.cfg, top.doc, q.q, $4),
	coalesce(top.titled_kind, 'recommendation_version'),
	coalesce(top.titled_id, (SELECT v.id FROM recommendation_versions v WHERE v.recommendation_id = top.id
		AND v.version = coalesce((SELECT p.version FROM publications p WHERE top.kind = 'publication' AND p.recommendation_id = top.id),
			(SELECT max(version) FROM recommendation_versions WHERE recommendation_id = top.id))), 0),
	top.source_lang
FROM top, q ORDER BY top.rank DESC, top.kind, top.id`

const headline = `StartSel="",StopSel="",MaxWords=40,MinWords=20,MaxFragments=1`

// Search runs q over sessions, recommendations and publications.
func (s *Store) Search(ctx context.Context, q, lang string, limit int) ([]finding.Result, error) {
	rows, err := s.db.Pool.Query(ctx, searchSQL, q, lang, limit, headline)
	if err != nil {
		return nil, pgdb.Wrap(err, "finding: search")
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (finding.Result, error) {
		var x finding.Result
		err := r.Scan(&x.Kind, &x.ID, &x.Title, &x.Snippet, &x.Titled.Kind, &x.Titled.ID, &x.TitleLang)
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
