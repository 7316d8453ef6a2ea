package pgstore

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// ChangePassword implements accounts.Store.
func (s *Store) ChangePassword(ctx context.Context, accountID int64, passwordHash string, keep uuid.UUID, at time.Time) error {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := bumpTokenVersion(ctx, tx, accountID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE accounts SET password_hash = $2 WHERE id = $1`, accountID, passwordHash); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			UPDATE refresh_tokens SET revoked_at = $3
			WHERE account_id = $1 AND family <> $2 AND revoked_at IS NULL`, accountID, keep, at)
		return err
	})
	if err != nil {
		return errorf(err, "change the password of %d", accountID)
	}
	return nil
}

// ChangeEmail implements accounts.Store.
func (s *Store) ChangeEmail(ctx context.Context, token string, at time.Time) (int64, error) {
	id, err := s.useLink(ctx, token, accounts.PurposeChangeEmail, at, func(tx pgx.Tx, id int64, email string) error {
		tag, err := tx.Exec(ctx, `UPDATE accounts SET email = $2, email_verified_at = $3
			WHERE id = $1 AND deleted_at IS NULL`, id, email, at)
		if err == nil && tag.RowsAffected() == 0 {
			return accounts.ErrLinkInvalid
		}
		if err != nil {
			return err
		}
		// The links still unused were mailed to the address given up (a
		// reset asked by whoever holds it now) or to another new one: void.
		_, err = tx.Exec(ctx, `UPDATE account_links SET used_at = $2 WHERE account_id = $1 AND used_at IS NULL`, id, at)
		return err
	})
	if pgdb.Violates(err, "accounts_email_key") {
		return 0, &igfplus.Error{Code: igfplus.EConflict, Message: "Another account has this e-mail address now: nothing was changed.", Err: err}
	}
	if err != nil {
		return 0, errorf(err, "change e-mail")
	}
	return id, nil
}

// erasures are what deleting an account removes outright, beyond its own
// row's details: its sessions, secrets, personal choices and pending
// requests. What it said in public stays, under DeletedName. Its rows in
// poll_electorate stay too, on purpose: an open poll's electorate is who
// could vote when it opened, the quorum's denominator, and the person may
// already have voted (docs/BALLOT-SECRECY.md, "Deleted accounts").
var erasures = []string{
	`DELETE FROM account_roles WHERE account_id = $1`,
	`DELETE FROM refresh_tokens WHERE account_id = $1`,
	`DELETE FROM account_links WHERE account_id = $1`,
	`DELETE FROM calendar_tokens WHERE account_id = $1`,
	`DELETE FROM passkeys WHERE account_id = $1`,
	`DELETE FROM account_identities WHERE account_id = $1`,
	`DELETE FROM session_follows WHERE account_id = $1`,
	`DELETE FROM notification_prefs WHERE account_id = $1`,
	`DELETE FROM notifications_sent WHERE account_id = $1`,
	`DELETE FROM notification_activity WHERE account_id = $1`,
	`DELETE FROM session_registrations WHERE account_id = $1`,
	`DELETE FROM session_admissions WHERE account_id = $1`,
	`DELETE FROM session_roles WHERE account_id = $1`,
	`DELETE FROM room_presence WHERE account_id = $1`,
	`DELETE FROM recommendation_drafters WHERE account_id = $1`,
	`DELETE FROM nri_coordinators WHERE account_id = $1`,
	`DELETE FROM verification_requests WHERE account_id = $1`,
	`DELETE FROM chat_reports WHERE reporter_id = $1`,
	`UPDATE floor_requests SET state = 'withdrawn', ended_at = now() WHERE account_id = $1 AND state = 'queued'`,
}

// DeleteAccount implements accounts.Store.
func (s *Store) DeleteAccount(ctx context.Context, accountID int64, at time.Time) error {
	err := s.db.InTx(ctx, func(tx pgx.Tx) error {
		if err := bumpTokenVersion(ctx, tx, accountID); err != nil {
			return err
		}
		var email string
		err := tx.QueryRow(ctx, `
			UPDATE accounts a SET email = 'deleted-' || a.id || '@deleted.invalid', password_hash = '',
			       display_name = $3, country = '', gender = '', age_band = '', first_time = NULL,
			       show_name_in_presence = false, email_verified_at = NULL, verified_as = '', deleted_at = $2
			FROM accounts old WHERE old.id = a.id AND a.id = $1 AND a.deleted_at IS NULL
			RETURNING old.email`, accountID, at, accounts.DeletedName).Scan(&email)
		if err != nil {
			return pgdb.NotFound(err, "The account")
		}
		for _, q := range erasures {
			if _, err := tx.Exec(ctx, q, accountID); err != nil {
				return err
			}
		}
		// Mail waiting to go to the address is not sent; mail sent is
		// forgotten with it (the outbox keeps no one's address for good).
		_, err = tx.Exec(ctx, `DELETE FROM mail_outbox WHERE lower(recipient) = lower($1) AND state <> 'sending'`, email)
		return err
	})
	if err != nil {
		return errorf(err, "delete account %d", accountID)
	}
	return nil
}
