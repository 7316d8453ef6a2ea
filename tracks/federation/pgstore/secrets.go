package pgstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing/seal"
)

// Federation secrets at rest: federation_peers.secret (what a peer signs
// its messages with, on the global side) and federation_upstream.secret
// (what this installation signs its messages upstream with, on an NRI's
// side) hold sealed values (package seal, with the same keys, rotation and
// start-up sweep as the webhook signing secrets in publishing/pgstore),
// never the secrets themselves. Each is sealed for its table, column and
// row, so a sealed value copied into another row does not open.
//
// Values written before sealing are plain ("whsec_"): reading takes them
// as they are, so nothing fails before SealSecrets, run at every start,
// has sealed them.

// peerPlace is where a peer's secret belongs.
func peerPlace(peer int64) string { return fmt.Sprintf("federation_peers.secret id=%d", peer) }

// upstreamPlace is where the upstream's secret belongs (one row, id 1).
const upstreamPlace = "federation_upstream.secret id=1"

// open returns the secret a stored value holds: a sealed value opened with
// any configured key, or a plain one written before sealing, as it is. A
// sealed value that does not open is an internal error, logged with whose
// it is and the key id it names, never the value.
func (s *Store) open(stored, place string, who ...any) (string, error) {
	plain, err := s.secrets.OpenStored(stored, place)
	if err != nil {
		s.log.Error("federation: a stored secret does not open with any configured secrets key (IGFPLUS_SECRETS_KEY, IGFPLUS_SECRETS_OLD_KEYS)",
			append(who, "key_id", seal.KeyOf(stored), "err", err)...)
		return "", &igfplus.Error{Code: igfplus.EInternal, Message: "A stored secret could not be decrypted.", Err: err}
	}
	return plain, nil
}

// SealSecrets is the start-up sweep, as publishing/pgstore's: it seals
// every peer's and the upstream's secret still stored plain, and seals
// again under the current key those sealed with an old one, in one
// transaction. It returns how many values it sealed and how many did not
// open (logged and left as they are: that peer's messages are refused, or
// nothing goes upstream, until the key that sealed them is configured).
// Values sealed with the current key are not selected, so a second run
// changes nothing.
func (s *Store) SealSecrets(ctx context.Context) (sealed, unopened int, err error) {
	if s.secrets == nil {
		return 0, 0, errors.New("federation: no secrets key")
	}
	current := s.secrets.CurrentPrefix()
	type row struct {
		table string
		id    int64
		value string
	}
	err = s.db.InTx(ctx, func(tx pgx.Tx) error {
		sealed, unopened = 0, 0
		rows, _ := tx.Query(ctx, `
			SELECT 'federation_peers', id, secret FROM federation_peers WHERE secret <> '' AND NOT starts_with(secret, $1)
			UNION ALL
			SELECT 'federation_upstream', id, secret FROM federation_upstream WHERE secret <> '' AND NOT starts_with(secret, $1)`, current)
		list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (row, error) {
			var v row
			return v, r.Scan(&v.table, &v.id, &v.value)
		})
		if err != nil {
			return err
		}
		for _, r := range list {
			place := upstreamPlace
			if r.table == "federation_peers" {
				place = peerPlace(r.id)
			}
			plain, err := s.open(r.value, place, "table", r.table, "id", r.id)
			if err != nil {
				unopened++
				continue
			}
			v, err := s.secrets.SealStored(plain, place)
			if err != nil {
				return err
			}
			// Only if it is still what was read: a node starting at the
			// same time may have sealed it meanwhile.
			update := `UPDATE federation_peers SET secret = $3 WHERE id = $1 AND secret = $2`
			if r.table == "federation_upstream" {
				update = `UPDATE federation_upstream SET secret = $3 WHERE id = $1 AND secret = $2`
			}
			tag, err := tx.Exec(ctx, update, r.id, r.value, v)
			if err != nil {
				return err
			}
			sealed += int(tag.RowsAffected())
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("federation: seal the stored secrets: %w", err)
	}
	return sealed, unopened, nil
}
