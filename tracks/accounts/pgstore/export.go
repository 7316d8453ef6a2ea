package pgstore

import (
	"context"
	"encoding/json"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
)

// exportSections are the queries of an export, by section: each lists
// rows about the account $1, read in one snapshot. Other people's account
// ids are left out (a moderator's, a decider's): the export is the
// person's data, not who handled it. docs/SECURITY.md ("Deleting an account") lists what is not
// exported and why.
var exportSections = map[string]string{
	"account": `SELECT id, email, display_name, stakeholder_group, region, country, gender, age_band, first_time,
		show_name_in_presence, locale, verified_as, created_at, email_verified_at
		FROM accounts WHERE id = $1`,
	"roles":              `SELECT role FROM account_roles WHERE account_id = $1 ORDER BY role`,
	"session_roles":      `SELECT session_id, role FROM session_roles WHERE account_id = $1 ORDER BY session_id, role`,
	"follows":            `SELECT f.session_id, s.title, f.followed_at FROM session_follows f JOIN sessions s ON s.id = f.session_id WHERE f.account_id = $1 ORDER BY f.followed_at`,
	"calendar_feed":      `SELECT created_at FROM calendar_tokens WHERE account_id = $1`,
	"notifications":      `SELECT reminders, activity, updated_at FROM notification_prefs WHERE account_id = $1`,
	"notices_sent":       `SELECT kind, subject, sent_at FROM notifications_sent WHERE account_id = $1 ORDER BY sent_at`,
	"registrations":      `SELECT session_id, registered_at FROM session_registrations WHERE account_id = $1 ORDER BY registered_at`,
	"admissions":         `SELECT session_id, state, asked_at, decided_at FROM session_admissions WHERE account_id = $1 ORDER BY asked_at`,
	"attendance":         `SELECT session_id, joined_at, left_at FROM attendance WHERE account_id = $1 ORDER BY joined_at`,
	"chat_messages":      `SELECT id, session_id, body, reply_to, created_at, removed_at FROM chat_messages WHERE author_id = $1 ORDER BY id`,
	"chat_reports":       `SELECT message_id, reason, created_at FROM chat_reports WHERE reporter_id = $1 ORDER BY id`,
	"questions":          `SELECT id, session_id, body, anonymous, pinned, answered, merged_into, held, hidden_at, hidden_reason, created_at FROM questions WHERE author_id = $1 ORDER BY id`,
	"question_votes":     `SELECT question_id FROM question_votes WHERE account_id = $1 ORDER BY question_id`,
	"floor_requests":     `SELECT id, session_id, mode, point_of_order, state, requested_at, granted_at, ended_at, speaking_seconds, hub_id FROM floor_requests WHERE account_id = $1 ORDER BY id`,
	"remote_hubs":        `SELECT id, session_id, name, city, country, expected, created_at FROM remote_hubs WHERE account_id = $1 ORDER BY id`,
	"captions":           `SELECT id, session_id, text, created_at FROM captions WHERE captioner_id = $1 ORDER BY id`,
	"restrictions":       `SELECT session_id, kind, created_at FROM session_restrictions WHERE account_id = $1 ORDER BY created_at`,
	"moderation":         `SELECT session_id, action, target_id, detail, reason, created_at FROM moderation_log WHERE target_account_id = $1 ORDER BY id`,
	"recommendations":    `SELECT id, title, state, created_at FROM recommendations WHERE created_by = $1 ORDER BY id`,
	"drafting":           `SELECT recommendation_id, added_at FROM recommendation_drafters WHERE account_id = $1 ORDER BY added_at`,
	"comments":           `SELECT id, recommendation_id, version, paragraph, body, created_at FROM recommendation_comments WHERE author_id = $1 ORDER BY id`,
	"amendments":         `SELECT id, recommendation_id, version, paragraph, proposed_text, rationale, state, created_at FROM amendments WHERE proposed_by = $1 ORDER BY id`,
	"amendment_supports": `SELECT amendment_id, created_at FROM amendment_supports WHERE account_id = $1 ORDER BY created_at`,
	"delegate_requests":  `SELECT id, verify_as, note, asked_at, state, decided_at, reason FROM verification_requests WHERE account_id = $1 ORDER BY id`,
	"nri_coordination":   `SELECT nri_id FROM nri_coordinators WHERE account_id = $1 ORDER BY nri_id`,
	"electorates":        `SELECT p.id AS poll_id, p.question, p.secret, p.state, p.opened_at, p.closed_at FROM poll_electorate e JOIN polls p ON p.id = e.poll_id WHERE e.account_id = $1 ORDER BY p.id`,
	"polls_created":      `SELECT id, question, state, created_at FROM polls WHERE created_by = $1 ORDER BY id`,
	"mail":               `SELECT o.kind, o.subject, o.state, o.created_at, o.sent_at FROM mail_outbox o JOIN accounts a ON lower(o.recipient) = lower(a.email) WHERE a.id = $1 ORDER BY o.id`,
}

// Export implements accounts.Store. Every section is read in one
// read-only snapshot, so that the sections agree with each other.
func (s *Store) Export(ctx context.Context, accountID int64) (map[string]json.RawMessage, error) {
	out := make(map[string]json.RawMessage, len(exportSections))
	tx, err := s.db.Pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, errorf(err, "export %d", accountID)
	}
	defer tx.Rollback(ctx)
	for name, q := range exportSections {
		var raw []byte
		err := tx.QueryRow(ctx, `SELECT coalesce(json_agg(t), '[]') FROM (`+q+`) t`, accountID).Scan(&raw)
		if err != nil {
			return nil, errorf(err, "export %s of %d", name, accountID)
		}
		out[name] = raw
	}
	var account []json.RawMessage
	if err := json.Unmarshal(out["account"], &account); err != nil || len(account) != 1 {
		return nil, errorf(pgdb.NotFound(pgx.ErrNoRows, "The account"), "export %d", accountID)
	}
	out["account"] = account[0]
	return out, nil
}
