package main

import (
	"context"
	"crypto/ed25519"
	"log/slog"
	"time"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/federation"
	"github.com/igfplus/igfplus/tracks/federation/httpclient"
	"github.com/igfplus/igfplus/tracks/federation/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// wireFederation builds federation with other installations on its store,
// whose peers' and upstream's secrets are sealed with the webhook secrets'
// key (secretsSealer). Like newPublishing, it first seals what is still
// stored plain or under an old secrets key. mayRunNRI says who may act for
// an NRI.
func wireFederation(ctx context.Context, cfg Config, signing ed25519.PrivateKey, db *pgdb.DB,
	mayRunNRI func(context.Context, igfplus.Identity, int64) error, log *slog.Logger) (*federation.Service, error) {
	sealer, err := secretsSealer(cfg, signing)
	if err != nil {
		return nil, err
	}
	store := pgstore.New(db, sealer).WithLogger(log.With("component", "federation"))
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
	return federation.NewService(store, httpclient.New(15*time.Second), mayRunNRI), nil
}
