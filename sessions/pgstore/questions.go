package pgstore

import (
	"context"

	"github.com/jackc/pgx/v5"

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
	       q.pinned, q.answered, coalesce(q.merged_into, 0), q.created_at,
	       q.hidden_at IS NOT NULL, q.hidden_reason, q.held
	FROM questions q JOIN accounts a ON a.id = q.author_id`

// visible keeps the questions the room sees: neither hidden nor held.
const visible = ` AND q.hidden_at IS NULL AND NOT q.held`

// scanQuestion reads a question; moderator keeps who asked an anonymous
// one and why a hidden one was hidden.
func scanQuestion(r pgx.Row, moderator bool) (sessions.Question, error) {
	var q sessions.Question
	err := r.Scan(&q.ID, &q.SessionID, &q.Body, &q.Anonymous, &q.AuthorID, &q.AuthorName, &q.Votes, &q.Pinned, &q.Answered, &q.MergedInto, &q.CreatedAt,
		&q.Hidden, &q.HiddenReason, &q.Held)
	if q.Anonymous && !moderator {
		q.AuthorID, q.AuthorName = 0, ""
	}
	if !moderator {
		q.HiddenReason = ""
	}
	return q, err
}

// announceQuestion reads the question as the room sees it and appends it
// as a question.changed event, last in tx. A hidden question goes out as
// its id only: the room takes it off the screen.
func announceQuestion(ctx context.Context, tx *roomTx, sessionID, id int64) (sessions.Question, error) {
	q, err := scanQuestion(tx.QueryRow(ctx, questionSelect+` WHERE q.id = $1`, id), false)
	if err != nil {
		return q, pgdb.Wrap(err, "sessions: read question %d", id)
	}
	var data any = q
	if q.Hidden {
		data = sessions.Question{ID: q.ID, SessionID: q.SessionID, Hidden: true, CreatedAt: q.CreatedAt}
	}
	return q, tx.announce(ctx, sessionID, "question.changed", data)
}

// announceReview appends how many questions wait for review
// (questions.review): the room learns the number, never the questions.
func announceReview(ctx context.Context, tx *roomTx, sessionID int64) error {
	var n int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM questions WHERE session_id = $1 AND held AND hidden_at IS NULL`, sessionID).Scan(&n); err != nil {
		return pgdb.Wrap(err, "sessions: count questions held in %d", sessionID)
	}
	return tx.announce(ctx, sessionID, "questions.review", map[string]int{"waiting": n})
}

// Ask stores a question and announces it, or, when the session reviews
// questions first, holds it and announces only how many wait.
func (s *Store) Ask(ctx context.Context, q sessions.Question) (sessions.Question, error) {
	var out sessions.Question
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		var id int64
		var held bool
		if err := tx.QueryRow(ctx, `INSERT INTO questions (session_id, author_id, body, anonymous, held)
			VALUES ($1, $2, $3, $4, (SELECT review_questions FROM sessions WHERE id = $1)) RETURNING id, held`,
			q.SessionID, q.AuthorID, q.Body, q.Anonymous).Scan(&id, &held); err != nil {
			return pgdb.Wrap(err, "sessions: insert question")
		}
		if held {
			// Its author's own: who asked stays on it.
			var err error
			if out, err = scanQuestion(tx.QueryRow(ctx, questionSelect+` WHERE q.id = $1`, id), true); err != nil {
				return pgdb.Wrap(err, "sessions: read question %d", id)
			}
			return announceReview(ctx, tx, q.SessionID)
		}
		var err error
		out, err = announceQuestion(ctx, tx, q.SessionID, id)
		return err
	})
	return out, err
}

// HideQuestion takes a question off the room with its reason, and logs it.
func (s *Store) HideQuestion(ctx context.Context, sessionID, questionID, byID int64, reason string) (sessions.Question, error) {
	var out sessions.Question
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		var author int64
		var held bool
		err := tx.QueryRow(ctx, `UPDATE questions SET hidden_at = now(), hidden_by = $3, hidden_reason = $4
			WHERE id = $1 AND session_id = $2 AND hidden_at IS NULL RETURNING author_id, held`,
			questionID, sessionID, byID, reason).Scan(&author, &held)
		if err == pgx.ErrNoRows {
			return igfplus.Errorf(igfplus.ENotFound, "There is no such question to hide in this session.")
		}
		if err != nil {
			return pgdb.Wrap(err, "sessions: hide question %d", questionID)
		}
		if err := logModeration(ctx, tx, sessionID, sessions.LogEntry{ActorID: byID, Action: sessions.LogQuestionHide,
			AccountID: author, TargetID: questionID, Reason: reason}); err != nil {
			return err
		}
		if held { // the room never saw it: only the number waiting changes
			if out, err = scanQuestion(tx.QueryRow(ctx, questionSelect+` WHERE q.id = $1`, questionID), true); err != nil {
				return pgdb.Wrap(err, "sessions: read question %d", questionID)
			}
			return announceReview(ctx, tx, sessionID)
		}
		out, err = announceQuestion(ctx, tx, sessionID, questionID)
		return err
	})
	return out, err
}

// ReleaseQuestion lets a held or hidden question reach the room, and logs it.
func (s *Store) ReleaseQuestion(ctx context.Context, sessionID, questionID, byID int64) (sessions.Question, error) {
	var out sessions.Question
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		var author int64
		var wasHeld bool
		err := tx.QueryRow(ctx, `
			UPDATE questions q SET held = false, hidden_at = NULL, hidden_by = NULL, hidden_reason = ''
			FROM (SELECT id, held FROM questions WHERE id = $1 AND session_id = $2 AND (held OR hidden_at IS NOT NULL) FOR UPDATE) old
			WHERE q.id = old.id RETURNING q.author_id, old.held`, questionID, sessionID).Scan(&author, &wasHeld)
		if err == pgx.ErrNoRows {
			return igfplus.Errorf(igfplus.ENotFound, "There is no such held or hidden question in this session.")
		}
		if err != nil {
			return pgdb.Wrap(err, "sessions: release question %d", questionID)
		}
		if err := logModeration(ctx, tx, sessionID, sessions.LogEntry{ActorID: byID, Action: sessions.LogQuestionShow,
			AccountID: author, TargetID: questionID}); err != nil {
			return err
		}
		if out, err = announceQuestion(ctx, tx, sessionID, questionID); err != nil || !wasHeld {
			return err
		}
		return announceReview(ctx, tx, sessionID)
	})
	return out, err
}

// Upvote counts one vote per person; the primary key refuses a second.
func (s *Store) Upvote(ctx context.Context, sessionID, questionID, accountID int64) (sessions.Question, error) {
	var out sessions.Question
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		tag, err := tx.Exec(ctx, `
			INSERT INTO question_votes (question_id, account_id)
			SELECT id, $3 FROM questions q WHERE id = $2 AND session_id = $1 AND merged_into IS NULL`+visible, sessionID, questionID, accountID)
		if isUniqueViolation(err) {
			return igfplus.Errorf(igfplus.EConflict, "You have already voted for this question.")
		}
		if err != nil {
			return pgdb.Wrap(err, "sessions: insert question vote")
		}
		if tag.RowsAffected() == 0 {
			return igfplus.Errorf(igfplus.ENotFound, "There is no such open question in this session.")
		}
		out, err = announceQuestion(ctx, tx, sessionID, questionID)
		return err
	})
	return out, err
}

// ChangeQuestion applies a moderator's change and announces the question
// (and, on a merge, the one it went into).
func (s *Store) ChangeQuestion(ctx context.Context, sessionID, questionID int64, c sessions.QuestionChange) (sessions.Question, error) {
	var out sessions.Question
	err := s.commitThenPublish(ctx, func(tx *roomTx) error {
		var merged any
		if c.MergedInto != 0 {
			var ok bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM questions q WHERE id = $1 AND session_id = $2 AND merged_into IS NULL`+visible+`)`,
				c.MergedInto, sessionID).Scan(&ok); err != nil {
				return pgdb.Wrap(err, "sessions: read the question to merge into")
			}
			if !ok {
				return igfplus.Errorf(igfplus.ENotFound, "There is no such open question to merge into.")
			}
			merged = c.MergedInto
		}
		tag, err := tx.Exec(ctx, `
			UPDATE questions q SET pinned = coalesce($3, pinned), answered = coalesce($4, answered), merged_into = coalesce($5, merged_into)
			WHERE id = $1 AND session_id = $2`+visible, questionID, sessionID, c.Pinned, c.Answered, merged)
		if err != nil {
			return pgdb.Wrap(err, "sessions: change question %d", questionID)
		}
		if tag.RowsAffected() == 0 {
			return igfplus.Errorf(igfplus.ENotFound, "There is no such question in the room (a held or hidden one is let through first).")
		}
		out, err = announceQuestion(ctx, tx, sessionID, questionID)
		if err != nil || c.MergedInto == 0 {
			return err
		}
		_, err = announceQuestion(ctx, tx, sessionID, c.MergedInto)
		return err
	})
	return out, err
}

// Questions lists a session's questions as v sees them, pinned first, then
// by votes: the room's, and for moderators the hidden and held ones too,
// for an author their own held ones.
func (s *Store) Questions(ctx context.Context, sessionID int64, v sessions.QuestionViewer) ([]sessions.Question, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT * FROM (`+questionSelect+` WHERE q.session_id = $1
		AND ($2 OR (q.hidden_at IS NULL AND (NOT q.held OR q.author_id = $3)))) x
		ORDER BY pinned DESC, 7 DESC, id`, sessionID, v.Moderator, v.AccountID)
	if err != nil {
		return nil, pgdb.Wrap(pgdb.NotFound(err, "The session"), "sessions: read questions")
	}
	qs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (sessions.Question, error) { return scanQuestion(r, v.Moderator) })
	return qs, pgdb.Wrap(err, "sessions: read questions")
}
