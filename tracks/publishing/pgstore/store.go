// Package pgstore keeps publications, the registry of decision-making
// bodies, the relay's outbox and delivery log, and bodies' answers in
// Postgres.
package pgstore

import (
	"context"
	"encoding/json"
	"log/slog"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/seal"
)

// Store implements publishing.Store and the relay's Outbox.
type Store struct {
	db *pgdb.DB
	// secrets seals the webhook signing secrets at rest (secrets.go).
	secrets *seal.Sealer
	log     *slog.Logger
}

var _ publishing.Store = (*Store)(nil)

// New returns a store on db that keeps webhook signing secrets sealed with
// secrets. It logs to slog's default logger until WithLogger.
func New(db *pgdb.DB, secrets *seal.Sealer) *Store {
	return &Store{db: db, secrets: secrets, log: slog.Default()}
}

// WithLogger makes the store log (a secret that does not open, the sweep)
// to log, and returns it.
func (s *Store) WithLogger(log *slog.Logger) *Store {
	s.log = log
	return s
}

// itemSQL reads an adopted recommendation with its provenance: the latest
// version, the programme it belongs to, the closed poll that adopted it
// (its result and ballot-log head), the record, the summary, and the
// publication when there is one.
const itemSQL = `
SELECT r.id, r.title, coalesce(v.body, ''), coalesce(v.version, 0), coalesce(r.adopted_at, 'epoch'),
       e.id, e.year, pi.id, pi.title, t.id, t.title, coalesce(r.session_id, 0),
       coalesce(p.id, 0), p.result, coalesce(p.chain_head, ''), coalesce(rr.consensus, ''),
       coalesce(pub.summary, s.summary, ''), coalesce(pub.published_at, 'epoch'), r.source_lang
FROM recommendations r
JOIN policy_issues pi ON pi.id = r.policy_issue_id
JOIN tracks t ON t.id = r.track_id
JOIN editions e ON e.id = t.edition_id
LEFT JOIN publications pub ON pub.recommendation_id = r.id
LEFT JOIN LATERAL (SELECT version, body FROM recommendation_versions
                   WHERE recommendation_id = r.id
                     AND (pub.version IS NULL OR version = pub.version)
                   ORDER BY version DESC LIMIT 1) v ON true
LEFT JOIN LATERAL (SELECT id, result, chain_head FROM polls
                   WHERE recommendation_id = r.id AND amendment_id IS NULL AND state = 'closed'
                   ORDER BY closed_at DESC NULLS LAST, id DESC LIMIT 1) p ON true
LEFT JOIN recommendation_record rr ON rr.recommendation_id = r.id
LEFT JOIN publication_summaries s ON s.recommendation_id = r.id
`

func scanItem(row pgx.Row) (publishing.Item, error) {
	var it publishing.Item
	var result []byte
	pv := &it.Provenance
	err := row.Scan(&it.RecommendationID, &it.Title, &it.Text, &it.Version, &it.AdoptedAt,
		&pv.EditionID, &pv.EditionYear, &pv.PolicyIssueID, &pv.PolicyIssue, &pv.TrackID, &pv.Track, &pv.SessionID,
		&pv.PollID, &result, &pv.ChainHead, &pv.Consensus, &it.Summary, &it.PublishedAt, &it.SourceLang)
	if len(result) > 0 {
		pv.PollResult = json.RawMessage(result)
	}
	// 'epoch' stands for NULL: the JSON leaves zero times out.
	if it.AdoptedAt.Unix() == 0 {
		it.AdoptedAt = zeroTime
	}
	if it.PublishedAt.Unix() == 0 {
		it.PublishedAt = zeroTime
	}
	return it, err
}

// details adds the dissent, translations and approvals to items.
func (s *Store) details(ctx context.Context, q pgdb.Querier, items []publishing.Item) error {
	for i := range items {
		it := &items[i]
		rec := it.RecommendationID
		var err error
		if it.Provenance.Dissent, err = listOf(ctx, q, "the dissent on", rec, `SELECT stakeholder_group, who, reason
			FROM recommendation_dissent WHERE recommendation_id = $1 ORDER BY position`,
			func(r pgx.CollectableRow, d *publishing.Dissent) error {
				return r.Scan(&d.StakeholderGroup, &d.Who, &d.Reason)
			}); err != nil {
			return err
		}
		if it.Translations, err = listOf(ctx, q, "the translations of", rec, `SELECT language, text, origin, engine, updated_by, updated_at
			FROM publication_translations WHERE recommendation_id = $1 ORDER BY language`,
			func(r pgx.CollectableRow, t *publishing.Translation) error {
				return r.Scan(&t.Language, &t.Text, &t.Origin, &t.Engine, &t.By, &t.At)
			}); err != nil {
			return err
		}
		if it.Approvals, err = listOf(ctx, q, "the approvals of", rec, `SELECT a.account_id, ac.display_name, a.approved_at,
				coalesce(encode(a.content_hash, 'hex'), '')
			FROM publication_approvals a JOIN accounts ac ON ac.id = a.account_id WHERE a.recommendation_id = $1 ORDER BY a.approved_at`,
			func(r pgx.CollectableRow, a *publishing.Approval) error {
				return r.Scan(&a.AccountID, &a.Name, &a.At, &a.ContentHash)
			}); err != nil {
			return err
		}
		it.ContentHash = publishing.ContentHash(*it)
	}
	return nil
}

// listOf reads what sql returns for recommendation rec, each row scanned
// by scan, as a list that is never nil (in JSON, [] rather than null);
// what names the rows in a failure ("the approvals of").
func listOf[T any](ctx context.Context, q pgdb.Querier, what string, rec int64, sql string,
	scan func(pgx.CollectableRow, *T) error) ([]T, error) {
	rows, _ := q.Query(ctx, sql, rec)
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (T, error) {
		var v T
		return v, scan(r, &v)
	})
	if err != nil {
		return nil, pgdb.Wrap(err, "publishing: read %s %d", what, rec)
	}
	if list == nil {
		list = []T{}
	}
	return list, nil
}
