package main

import (
	"context"
	"crypto/ed25519"
	"log/slog"

	"github.com/igfplus/igfplus/migrations/pgdb"
	federationstore "github.com/igfplus/igfplus/tracks/federation/pgstore"
)

// newFederationStore is the federation store, its peers' and upstream's
// secrets sealed with the webhook secrets' key (secretsSealer). Like
// newPublishing, it first seals what is still stored plain or under an old
// secrets key.
func newFederationStore(ctx context.Context, cfg Config, signing ed25519.PrivateKey, db *pgdb.DB, log *slog.Logger) (*federationstore.Store, error) {
	sealer, err := secretsSealer(cfg, signing)
	if err != nil {
		return nil, err
	}
	store := federationstore.New(db, sealer).WithLogger(log.With("component", "federation"))
	sealed, unopened, err := store.SealSecrets(ctx)
	if err != nil {
		return nil, err
	}
	if sealed > 0 {
		log.Info("federation secrets sealed under the current secrets key", "values", sealed, "key_id", sealer.CurrentKeyID())
	}
	if unopened > 0 {
		log.Error("federation secrets that no configured secrets key opens: configure the key named above in IGFPLUS_SECRETS_OLD_KEYS", "values", unopened)
	}
	return store, nil
}
