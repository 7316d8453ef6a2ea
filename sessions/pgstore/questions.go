package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

var _ sessions.QuestionStore = (*Store)(nil)

// questionSelect reads questions with their vote counts; a merged question's
// votes count towards the one it was merged into (each voter once).
const questionSelect = `
	SELECT q.id, q.session_id, q.body, q.anonymous, q.author_id, a.display_name,
	       (SELECT count(DISTINCT v.account_id) FROM question_votes v JOIN questions m ON m.id = v.question_id
	        WHERE m.id = q.id OR m.merged_into = q.id),
	       q.pinned, q.answered, coalesce(q.merged_into, 0), q.created_at
	FROM questions q JOIN accounts a ON a.id = q.author_id`

func scanQuestion(r pgx.Row, withAuthor bool) (sessions.Question, error) {
	var q sessions.Question
	err := r.Scan(&q.ID, &q.SessionID, &q.Body, &q.Anonymous, &q.AuthorID, &q.AuthorName, &q.Votes, &q.Pinned, &q.Answered, &q.MergedInto, &q.CreatedAt)
	if q.Anonymous && !withAuthor {
		q.AuthorID, q.AuthorName = 0, ""
	}
	return q, err
}

// announceQuestion reads the question as the room sees it and appends it
// as a question.changed event, last in tx.
func announceQuestion(ctx context.Context, tx pgx.Tx, sessionID, id int64) (sessions.Question, []hub.Event, error) {
	q, err := scanQuestion(tx.QueryRow(ctx, questionSelect+` WHERE q.id = $1`, id), false)
	if err != nil {
		return q, nil, pgdb.Wrap(err, "sessions: read question %d", id)
	}
	ev, err := pglog.Append(ctx, tx, sessions.RoomName(sessionID), "question.changed", q)
	return q, []hub.Event{ev}, err
}

// Ask stores a question and announces it.
func (s *Store) Ask(ctx context.Context, q sessions.Question) (sessions.Question, error) {
	var out sessions.Question
	err := s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		var id int64
		if err := tx.QueryRow(ctx, `INSERT INTO questions (session_id, author_id, body, anonymous) VALUES ($1, $2, $3, $4) RETURNING id`,
			q.SessionID, q.AuthorID, q.Body, q.Anonymous).Scan(&id); err != nil {
			return nil, pgdb.Wrap(err, "sessions: insert question")
		}
		var evs []hub.Event
		var err error
		out, evs, err = announceQuestion(ctx, tx, q.SessionID, id)
		return evs, err
	})
	return out, err
}

// Upvote counts one vote per person; the primary key refuses a second.
func (s *Store) Upvote(ctx context.Context, sessionID, questionID, accountID int64) (sessions.Question, error) {
	var out sessions.Question
	err := s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		tag, err := tx.Exec(ctx, `
			INSERT INTO question_votes (question_id, account_id)
			SELECT id, $3 FROM questions WHERE id = $2 AND session_id = $1 AND merged_into IS NULL`, sessionID, questionID, accountID)
		if isUniqueViolation(err) {
			return nil, igfplus.Errorf(igfplus.EConflict, "You have already voted for this question.")
		}
		if err != nil {
			return nil, pgdb.Wrap(err, "sessions: insert question vote")
		}
		if tag.RowsAffected() == 0 {
			return nil, igfplus.Errorf(igfplus.ENotFound, "There is no such open question in this session.")
		}
		var evs []hub.Event
		out, evs, err = announceQuestion(ctx, tx, sessionID, questionID)
		return evs, err
	})
	return out, err
}

// ChangeQuestion applies a moderator's change and announces the question
// (and, on a merge, the one it went into).
func (s *Store) ChangeQuestion(ctx context.Context, sessionID, questionID int64, c sessions.QuestionChange) (sessions.Question, error) {
	var out sessions.Question
	err := s.commitThenPublish(ctx, func(tx pgx.Tx) ([]hub.Event, error) {
		var merged any
		if c.MergedInto != 0 {
			var ok bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM questions WHERE id = $1 AND session_id = $2 AND merged_into IS NULL)`,
				c.MergedInto, sessionID).Scan(&ok); err != nil {
				return nil, pgdb.Wrap(err, "sessions: read the question to merge into")
			}
			if !ok {
				return nil, igfplus.Errorf(igfplus.ENotFound, "There is no such open question to merge into.")
			}
			merged = c.MergedInto
		}
		tag, err := tx.Exec(ctx, `
			UPDATE questions SET pinned = coalesce($3, pinned), answered = coalesce($4, answered), merged_into = coalesce($5, merged_into)
			WHERE id = $1 AND session_id = $2`, questionID, sessionID, c.Pinned, c.Answered, merged)
		if err != nil {
			return nil, pgdb.Wrap(err, "sessions: change question %d", questionID)
		}
		if tag.RowsAffected() == 0 {
			return nil, igfplus.Errorf(igfplus.ENotFound, "There is no such question in this session.")
		}
		var evs []hub.Event
		out, evs, err = announceQuestion(ctx, tx, sessionID, questionID)
		if err != nil || c.MergedInto == 0 {
			return evs, err
		}
		_, more, err := announceQuestion(ctx, tx, sessionID, c.MergedInto)
		return append(evs, more...), err
	})
	return out, err
}

// Questions lists a session's questions, pinned first, then by votes.
func (s *Store) Questions(ctx context.Context, sessionID int64, withAuthors bool) ([]sessions.Question, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT * FROM (`+questionSelect+` WHERE q.session_id = $1) x
		ORDER BY pinned DESC, 7 DESC, id`, sessionID)
	if err != nil {
		return nil, pgdb.Wrap(pgdb.NotFound(err, "The session"), "sessions: read questions")
	}
	qs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.Question, error) { return scanQuestion(r, withAuthors) })
	return qs, pgdb.Wrap(err, "sessions: read questions")
}
