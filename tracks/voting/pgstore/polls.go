package pgstore

import (
	"context"
	"encoding/json"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// CreatePoll stores a draft poll in its recommendation's track, or in its
// session's when it is on no recommendation.
func (s *Store) CreatePoll(ctx context.Context, p voting.Poll) (voting.Poll, error) {
	options, _ := json.Marshal(p.Options)
	candidates := candidatesJSON(p.Candidates)
	var id int64
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		trackID, err := pollTrack(ctx, tx, p.Settings)
		if err != nil {
			return err
		}
		return tx.QueryRow(ctx, `
			INSERT INTO polls (recommendation_id, amendment_id, session_id, track_id, question, kind, options, choose_max,
			                   secret, rule, quorum_percent, hide_results, opens_at, closes_at, created_by, candidates, electorate_scope)
			VALUES (nullif($1, 0), nullif($2, 0), nullif($3, 0), $4, $5, $6, $7, $8, $9, $10, nullif($11, 0), $12, $13, $14, $15, $16, coalesce(nullif($17, ''), 'all'))
			RETURNING id`,
			p.RecommendationID, p.AmendmentID, p.SessionID, trackID, p.Question, p.Kind, options, p.ChooseMax,
			p.Secret, p.Rule, p.QuorumPercent, p.HideResults, p.OpensAt, p.ClosesAt, p.CreatedBy, candidates, p.Electorate).Scan(&id)
	})
	if err != nil {
		return voting.Poll{}, err
	}
	return s.Poll(ctx, id)
}

// pollTrack is the track a new poll belongs to: its recommendation's (a
// session's moderators run polls on their own track's recommendations
// only, and an amendment must be of that recommendation), or its
// session's for a question put to the room.
func pollTrack(ctx context.Context, tx pgx.Tx, p voting.Settings) (int64, error) {
	var trackID int64
	if p.RecommendationID == 0 {
		err := tx.QueryRow(ctx, `SELECT track_id FROM sessions WHERE id = $1`, p.SessionID).Scan(&trackID)
		return trackID, pgdb.NotFound(err, "The session")
	}
	err := tx.QueryRow(ctx, `SELECT track_id FROM recommendations WHERE id = $1`, p.RecommendationID).Scan(&trackID)
	if err != nil {
		return 0, pgdb.NotFound(err, "The recommendation")
	}
	if p.SessionID != 0 {
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM sessions WHERE id = $1 AND track_id = $2`, p.SessionID, trackID).Scan(&n); err != nil || n == 0 {
			return 0, igfplus.Errorf(igfplus.EInvalid, "The poll's session must be in the recommendation's track.")
		}
	}
	if p.AmendmentID != 0 {
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM amendments WHERE id = $1 AND recommendation_id = $2`, p.AmendmentID, p.RecommendationID).Scan(&n); err != nil || n == 0 {
			return 0, igfplus.Errorf(igfplus.ENotFound, "The amendment was not found on that recommendation.")
		}
	}
	return trackID, nil
}

// candidatesJSON is an election's candidates as stored ([] for any other
// poll).
func candidatesJSON(c []voting.Candidate) []byte {
	if len(c) == 0 {
		return []byte("[]")
	}
	b, _ := json.Marshal(c)
	return b
}

// AccountNames are the display names of the accounts among ids.
func (s *Store) AccountNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT id, display_name FROM accounts WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, pgdb.Wrap(err, "voting: read account names")
	}
	out := map[int64]string{}
	var id int64
	var name string
	_, err = pgx.ForEachRow(rows, []any{&id, &name}, func() error {
		out[id] = name
		return nil
	})
	return out, pgdb.Wrap(err, "voting: read account names")
}

// UpdatePoll changes a draft poll's settings.
func (s *Store) UpdatePoll(ctx context.Context, id int64, set voting.Settings) (voting.Poll, error) {
	options, _ := json.Marshal(set.Options)
	tag, err := s.db.Pool.Exec(ctx, `
		UPDATE polls SET question = $2, kind = $3, options = $4, choose_max = $5, secret = $6, rule = $7,
		       quorum_percent = nullif($8, 0), hide_results = $9, opens_at = $10, closes_at = $11, candidates = $12,
		       electorate_scope = coalesce(nullif($13, ''), 'all')
		WHERE id = $1 AND state = 'draft'`,
		id, set.Question, set.Kind, options, set.ChooseMax, set.Secret, set.Rule, set.QuorumPercent, set.HideResults, set.OpensAt, set.ClosesAt,
		candidatesJSON(set.Candidates), set.Electorate)
	if err != nil {
		return voting.Poll{}, pgdb.Wrap(err, "voting: update draft poll %d", id)
	}
	if tag.RowsAffected() == 0 {
		return voting.Poll{}, igfplus.Errorf(igfplus.EConflict, "The poll has opened: its settings are locked.")
	}
	return s.Poll(ctx, id)
}

// lockPoll reads a poll and its track's kind, locking the poll's row.
func lockPoll(ctx context.Context, tx pgx.Tx, id int64) (voting.Poll, tracks.Kind, error) {
	var kind tracks.Kind
	p, err := scanPoll(tx.QueryRow(ctx, `SELECT `+pollColumns+`, t.kind FROM polls p JOIN tracks t ON t.id = p.track_id
		WHERE p.id = $1 FOR UPDATE OF p`, id), &kind)
	return p, kind, pgdb.NotFound(err, "The poll")
}

// OpenPoll fixes the electorate by the track's rule and opens the poll.
func (s *Store) OpenPoll(ctx context.Context, id int64) (voting.Poll, error) {
	var p voting.Poll
	err := s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		var kind tracks.Kind
		var err error
		if p, kind, err = lockPoll(ctx, tx, id); err != nil {
			return nil, err
		}
		if p.State != voting.Draft {
			return nil, igfplus.Errorf(igfplus.EConflict, "The poll is already %s.", igfplus.Text(p.State))
		}
		// The recommendation's row lock orders this against text changes,
		// which drafting refuses while a vote is under way.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM recommendations WHERE id = $1 FOR UPDATE`, p.RecommendationID); err != nil {
			return nil, pgdb.Wrap(err, "voting: lock the poll's recommendation")
		}
		if err := openToDecide(ctx, tx, p); err != nil {
			return nil, err
		}
		rule := voting.ElectorateOf(kind)
		verified := make([]string, len(rule.VerifiedAs))
		for i, v := range rule.VerifiedAs {
			verified[i] = string(v)
		}
		// Registered participants whose address is verified, by the
		// track's rule and the poll's scope, less anyone removed or banned
		// from the poll's session and its observers (those whose only role
		// in it is observer: they follow without taking part, as in
		// sessions' takePart; the aggregate has a row only when they hold
		// a role there, and it is true only when every one is observer).
		tag, err := tx.Exec(ctx, `
			INSERT INTO poll_electorate (poll_id, account_id)
			SELECT $1, a.id FROM accounts a
			WHERE EXISTS (SELECT 1 FROM account_roles r WHERE r.account_id = a.id AND r.role = 'participant')
			  AND a.email_verified_at IS NOT NULL AND a.deleted_at IS NULL
			  AND (cardinality($2::text[]) = 0 OR a.verified_as = ANY($2))
			  AND ($5 <> 'registered' OR EXISTS (SELECT 1 FROM session_registrations g JOIN sessions s ON s.id = g.session_id
			        WHERE g.account_id = a.id AND (s.id = $4 OR ($4::bigint IS NULL AND s.track_id = $6))))
			  AND ($5 <> 'attending' OR EXISTS (SELECT 1 FROM attendance g JOIN sessions s ON s.id = g.session_id
			        WHERE g.account_id = a.id AND (s.id = $4 OR ($4::bigint IS NULL AND s.track_id = $6))))
			  AND (NOT $3 OR a.age_band IN ('under_18', '18_24', '25_34'))
			  AND NOT EXISTS (SELECT 1 FROM session_restrictions x
			                  WHERE x.session_id = $4 AND x.account_id = a.id AND x.kind IN ('removed', 'banned'))
			  AND NOT EXISTS (SELECT 1 FROM session_roles o WHERE o.session_id = $4 AND o.account_id = a.id
			                  HAVING bool_and(o.role = 'observer'))`,
			id, verified, rule.Youth, nullID(p.SessionID), string(p.Electorate), p.TrackID)
		if err != nil {
			return nil, pgdb.Wrap(err, "voting: fix the electorate of poll %d", id)
		}
		if _, err := tx.Exec(ctx, `UPDATE polls SET state = 'open', opened_at = now(), electorate_size = $2, ballot_salt = $3, ballot_key_id = $4
			WHERE id = $1`, id, tag.RowsAffected(), voting.NewSalt(), s.keys.ID()); err != nil {
			return nil, pgdb.Wrap(err, "voting: open poll %d", id)
		}
		marked, err := s.markSubject(ctx, tx, p, "under_vote")
		if err != nil {
			return nil, err
		}
		p.State, p.ElectorateSize = voting.Open, int(tag.RowsAffected())
		own, err := announce(ctx, tx, p, "poll.opened", p)
		return append(own, marked...), err
	})
	if err != nil {
		return voting.Poll{}, err
	}
	return s.Poll(ctx, id)
}

// openToDecide refuses to open a poll that would decide a text (an
// amendment, or a recommendation by yes or no: markSubject) when the text
// is decided already, or another open poll is deciding it: the first to
// close would decide, and the other's result would change nothing. The
// caller holds the recommendation's row lock, which orders two openings.
func openToDecide(ctx context.Context, tx pgx.Tx, p voting.Poll) error {
	var undecided, contested bool
	var err error
	switch {
	case p.AmendmentID != 0:
		err = tx.QueryRow(ctx, `
			SELECT EXISTS (SELECT 1 FROM amendments WHERE id = $1 AND state IN ('proposed', 'under_vote')),
			       EXISTS (SELECT 1 FROM polls WHERE amendment_id = $1 AND state = 'open' AND id <> $2)`,
			p.AmendmentID, p.ID).Scan(&undecided, &contested)
	case p.Kind == voting.YesNoAbstain && p.RecommendationID != 0:
		err = tx.QueryRow(ctx, `
			SELECT EXISTS (SELECT 1 FROM recommendations WHERE id = $1 AND state IN ('draft', 'under_vote')),
			       EXISTS (SELECT 1 FROM polls WHERE recommendation_id = $1 AND amendment_id IS NULL AND kind = 'yes_no_abstain'
			                 AND state = 'open' AND id <> $2)`,
			p.RecommendationID, p.ID).Scan(&undecided, &contested)
	default:
		return nil // a choice among texts, or a question put to the room, decides no text
	}
	switch {
	case err != nil:
		return pgdb.Wrap(err, "voting: read whether poll %d's text is open to a vote", p.ID)
	case !undecided:
		return igfplus.Errorf(igfplus.EConflict, "This text has been decided already: a poll on it would change nothing.")
	case contested:
		return igfplus.Errorf(igfplus.EConflict, "Another poll on this text is open: close it first.")
	}
	return nil
}

// markSubject moves the poll's amendment, or its recommendation for a
// yes/no poll, to state, and returns the events that announce the change
// in the recommendation's room.
func (s *Store) markSubject(ctx context.Context, tx pgx.Tx, p voting.Poll, state string) ([]hub.Event, error) {
	var err error
	switch {
	case p.AmendmentID != 0:
		_, err = tx.Exec(ctx, `UPDATE amendments SET state = $2 WHERE id = $1 AND state IN ('proposed', 'under_vote')`, p.AmendmentID, state)
	case p.Kind != voting.YesNoAbstain:
		return nil, nil // choosing among texts decides no adoption by itself
	default:
		_, err = tx.Exec(ctx, `
			UPDATE recommendations SET state = $2, adopted_at = CASE WHEN $2 = 'adopted' THEN now() END
			WHERE id = $1 AND state IN ('draft', 'under_vote')`, p.RecommendationID, state)
	}
	if err != nil || s.amender == nil || p.RecommendationID == 0 {
		return nil, pgdb.Wrap(err, "voting: mark the poll's subject %s", state)
	}
	return s.amender.PollChangedTx(ctx, tx, p.RecommendationID, p.AmendmentID)
}

// announce appends a poll event to its session's room, if it has one.
func announce(ctx context.Context, tx pgx.Tx, p voting.Poll, kind string, data any) ([]hub.Event, error) {
	if p.Room() == "" {
		return nil, nil
	}
	ev, err := pglog.Append(ctx, tx, p.Room(), kind, data)
	if err != nil {
		return nil, err
	}
	return []hub.Event{ev}, nil
}

// nullID is id, or NULL for 0 (no such row).
func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}
