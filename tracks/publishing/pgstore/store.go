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
		it.Provenance.Dissent = []publishing.Dissent{}
		it.Translations = []publishing.Translation{}
		it.Approvals = []publishing.Approval{}
		rows, _ := q.Query(ctx, `SELECT stakeholder_group, who, reason FROM recommendation_dissent
			WHERE recommendation_id = $1 ORDER BY position`, it.RecommendationID)
		d, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (publishing.Dissent, error) {
			var d publishing.Dissent
			return d, r.Scan(&d.StakeholderGroup, &d.Who, &d.Reason)
		})
		if err != nil {
			return pgdb.Wrap(err, "publishing: read the dissent on %d", it.RecommendationID)
		}
		it.Provenance.Dissent = append(it.Provenance.Dissent, d...)
		rows, _ = q.Query(ctx, `SELECT language, text, origin, engine, updated_by, updated_at FROM publication_translations
			WHERE recommendation_id = $1 ORDER BY language`, it.RecommendationID)
		tr, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (publishing.Translation, error) {
			var t publishing.Translation
			return t, r.Scan(&t.Language, &t.Text, &t.Origin, &t.Engine, &t.By, &t.At)
		})
		if err != nil {
			return pgdb.Wrap(err, "publishing: read the translations of %d", it.RecommendationID)
		}
		it.Translations = append(it.Translations, tr...)
		rows, _ = q.Query(ctx, `SELECT a.account_id, ac.display_name, a.approved_at, coalesce(encode(a.content_hash, 'hex'), '') FROM publication_approvals a
			JOIN accounts ac ON ac.id = a.account_id WHERE a.recommendation_id = $1 ORDER BY a.approved_at`, it.RecommendationID)
		ap, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (publishing.Approval, error) {
			var a publishing.Approval
			return a, r.Scan(&a.AccountID, &a.Name, &a.At, &a.ContentHash)
		})
		if err != nil {
			return pgdb.Wrap(err, "publishing: read the approvals of %d", it.RecommendationID)
		}
		it.Approvals = append(it.Approvals, ap...)
		it.ContentHash = publishing.ContentHash(*it)
	}
	return nil
}
