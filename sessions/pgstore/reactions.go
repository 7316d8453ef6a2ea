package pgstore

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
)

var _ sessions.ReactionStore = (*Store)(nil)

// AddReactions adds counts to their second and announces the room's
// counts over the window and its totals, across every node's additions.
func (s *Store) AddReactions(ctx context.Context, sessionID int64, counts map[sessions.ReactionKind]int, at time.Time) (sessions.Reactions, error) {
	out := sessions.Reactions{At: at.UTC(), WindowS: int(sessions.ReactionWindow / time.Second)}
	var kinds []string
	var ns []int
	for k, n := range counts {
		if n > 0 {
			kinds, ns = append(kinds, string(k)), append(ns, n)
		}
	}
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		if _, err := tx.Exec(ctx, `
			INSERT INTO reaction_counts (session_id, kind, second, count)
			SELECT $1, k, date_trunc('second', $4::timestamptz), n FROM unnest($2::text[], $3::int[]) AS t(k, n)
			ON CONFLICT (session_id, kind, second) DO UPDATE SET count = reaction_counts.count + EXCLUDED.count`,
			sessionID, kinds, ns, at); err != nil {
			return pgdb.Wrap(err, "sessions: add reactions")
		}
		rows, err := tx.Query(ctx, `
			SELECT kind, coalesce(sum(count) FILTER (WHERE second > $2::timestamptz - $3 * interval '1 second' AND second <= $2), 0)::int,
			       sum(count)::int
			FROM reaction_counts WHERE session_id = $1 GROUP BY kind`, sessionID, at, out.WindowS)
		if err != nil {
			return pgdb.Wrap(err, "sessions: count reactions")
		}
		window, totals := map[string]int{}, map[string]int{}
		var kind string
		var w, t int
		if _, err := pgx.ForEachRow(rows, []any{&kind, &w, &t}, func() error {
			window[kind], totals[kind] = w, t
			return nil
		}); err != nil {
			return pgdb.Wrap(err, "sessions: count reactions")
		}
		out.Counts, out.Totals = sessions.CompleteCounts(window), sessions.CompleteCounts(totals)
		return tx.announce(ctx, sessionID, "reactions.changed", out)
	})
	return out, err
}

// ReactionTotals counts a session's reactions per kind.
func (s *Store) ReactionTotals(ctx context.Context, sessionID int64) (map[string]int, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT kind, sum(count)::int FROM reaction_counts WHERE session_id = $1 GROUP BY kind`, sessionID)
	if err != nil {
		return nil, pgdb.Wrap(err, "sessions: read reaction totals")
	}
	totals := map[string]int{}
	var kind string
	var n int
	_, err = pgx.ForEachRow(rows, []any{&kind, &n}, func() error {
		totals[kind] = n
		return nil
	})
	return sessions.CompleteCounts(totals), pgdb.Wrap(err, "sessions: read reaction totals")
}
