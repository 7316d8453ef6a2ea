package pgstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing/seal"
)

// Webhook signing secrets at rest: endpoint_secrets.secret (what the relay
// signs deliveries with) and bodies.inbound_secret and
// previous_inbound_secret (what bodies sign their answers with) hold
// sealed values (package seal), never the secrets themselves. Each is
// sealed for its place, table and column and the endpoint or body, so a
// sealed value copied into another row or column does not open.
//
// Values written before sealing are plain ("whsec_", "whsk_"): reading
// takes them as they are, so nothing fails before SealSecrets, run once at
// every start, has sealed them.

// The columns of bodies that hold an inbound secret.
const (
	inboundColumn  = "inbound_secret"
	previousColumn = "previous_inbound_secret"
)

// endpointSecretPlace is where an endpoint's signing secret belongs.
func endpointSecretPlace(endpointID int64) string {
	return fmt.Sprintf("endpoint_secrets.secret endpoint_id=%d", endpointID)
}

// inboundPlace is where a body's inbound secret (column) belongs.
func inboundPlace(column string, bodyID int64) string {
	return fmt.Sprintf("bodies.%s id=%d", column, bodyID)
}

// sealSecret seals a secret for place; no secret ("") stays "".
func (s *Store) sealSecret(plain, place string) (string, error) {
	if plain == "" {
		return "", nil
	}
	return s.secrets.Seal(plain, place)
}

// openSecret returns the secret a stored value holds: a sealed value
// opened with any configured key, or a plain one written before sealing,
// as it is. A sealed value that does not open is an internal error, logged
// with who (the endpoint or body: never the value) and the key id it names.
func (s *Store) openSecret(stored, place string, who ...any) (string, error) {
	if !seal.IsSealed(stored) {
		return stored, nil
	}
	plain, err := s.secrets.Open(stored, place)
	if err != nil {
		s.log.Error("publishing: a stored webhook secret does not open with any configured secrets key (IGFPLUS_SECRETS_KEY, IGFPLUS_SECRETS_OLD_KEYS)",
			append(who, "key_id", seal.KeyOf(stored), "err", err)...)
		return "", &igfplus.Error{Code: igfplus.EInternal, Message: "A stored secret could not be decrypted.", Err: err}
	}
	return plain, nil
}

// reseal is the sweep's step for one value: a plain value or one sealed
// with an old key comes back sealed with the current key; ok is false
// when it does not open (logged, left as it is).
func (s *Store) reseal(stored, place string, who ...any) (string, bool, error) {
	plain, err := s.openSecret(stored, place, who...)
	if err != nil {
		return stored, false, nil
	}
	sealed, err := s.sealSecret(plain, place)
	return sealed, true, err
}

// SealSecrets is the start-up sweep: it seals every plain secret (written
// before sealing) and seals again under the current key every secret
// sealed with an old one, so that once every node has restarted after a
// rotation the old key opens nothing left and can be dropped. It returns
// how many values it sealed and how many did not open (logged and left as
// they are: the relay will not sign with them, answers signed with them
// are refused, until the key that sealed them is configured).
//
// Why a sweep at start rather than sealing as values are read: reads open
// plain values as they are, so the sweep is not needed for anything to
// work; sealing on read would write on the relay's path, and would leave
// the values nobody reads (retired secrets, bodies that never answer)
// plain for good. It takes one transaction per table. It is idempotent:
// values already sealed with the current key are not even selected (by
// their prefix), so a second run changes nothing; nodes starting together
// lock the rows in id order, and the later one finds them done.
func (s *Store) SealSecrets(ctx context.Context) (sealed, unopened int, err error) {
	if s.secrets == nil {
		return 0, 0, errors.New("publishing: no secrets key")
	}
	current := s.secrets.CurrentPrefix()
	type endpointRow struct {
		id, endpoint int64
		secret       string
	}
	var n1, bad1 int
	err = s.db.InTx(ctx, func(tx pgx.Tx) error {
		n1, bad1 = 0, 0
		rows, _ := tx.Query(ctx, `SELECT id, endpoint_id, secret FROM endpoint_secrets
			WHERE secret <> '' AND NOT starts_with(secret, $1) ORDER BY id FOR UPDATE`, current)
		list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (endpointRow, error) {
			var e endpointRow
			return e, r.Scan(&e.id, &e.endpoint, &e.secret)
		})
		if err != nil {
			return err
		}
		for _, e := range list {
			v, ok, err := s.reseal(e.secret, endpointSecretPlace(e.endpoint), "endpoint", e.endpoint, "secret_id", e.id)
			if err != nil {
				return err
			}
			if !ok {
				bad1++
				continue
			}
			if _, err := tx.Exec(ctx, `UPDATE endpoint_secrets SET secret = $2 WHERE id = $1`, e.id, v); err != nil {
				return err
			}
			n1++
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("publishing: seal endpoint_secrets: %w", err)
	}
	type bodyRow struct {
		id       int64
		inbound  [2]string // inboundColumn, previousColumn
		resealed bool
	}
	var n2, bad2 int
	err = s.db.InTx(ctx, func(tx pgx.Tx) error {
		n2, bad2 = 0, 0
		rows, _ := tx.Query(ctx, `SELECT id, inbound_secret, previous_inbound_secret FROM bodies
			WHERE (inbound_secret <> '' AND NOT starts_with(inbound_secret, $1))
			   OR (previous_inbound_secret <> '' AND NOT starts_with(previous_inbound_secret, $1))
			ORDER BY id FOR UPDATE`, current)
		list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (bodyRow, error) {
			var b bodyRow
			return b, r.Scan(&b.id, &b.inbound[0], &b.inbound[1])
		})
		if err != nil {
			return err
		}
		for _, b := range list {
			for i, column := range []string{inboundColumn, previousColumn} {
				v := b.inbound[i]
				if v == "" || strings.HasPrefix(v, current) {
					continue
				}
				v, ok, err := s.reseal(v, inboundPlace(column, b.id), "body", b.id, "column", column)
				if err != nil {
					return err
				}
				if !ok {
					bad2++
					continue
				}
				b.inbound[i], b.resealed = v, true
				n2++
			}
			if !b.resealed {
				continue
			}
			if _, err := tx.Exec(ctx, `UPDATE bodies SET inbound_secret = $2, previous_inbound_secret = $3 WHERE id = $1`,
				b.id, b.inbound[0], b.inbound[1]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("publishing: seal bodies' inbound secrets: %w", err)
	}
	return n1 + n2, bad1 + bad2, nil
}
