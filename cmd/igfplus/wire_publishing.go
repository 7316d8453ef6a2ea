package main

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/crypto/hkdf"

	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore"
	"github.com/igfplus/igfplus/tracks/publishing/relay"
	"github.com/igfplus/igfplus/tracks/publishing/seal"
)

// newPublishing wires the high-level body's publishing and the relay that
// delivers its outbox. Every node runs relay workers: they share the
// outbox through Postgres, so adding nodes adds senders, never duplicates.
// It first seals the webhook signing secrets still stored plain or under
// an old secrets key (pgstore.Store.SealSecrets says why at start).
func newPublishing(ctx context.Context, cfg Config, signing ed25519.PrivateKey, db *pgdb.DB, reg prometheus.Registerer, log *slog.Logger) (*publishing.Service, *relay.Relay, error) {
	sealer, err := secretsSealer(cfg, signing)
	if err != nil {
		return nil, nil, err
	}
	store := pgstore.New(db, sealer).WithLogger(log.With("component", "publishing"))
	sealed, unopened, err := store.SealSecrets(ctx)
	if err != nil {
		return nil, nil, err
	}
	if sealed > 0 {
		log.Info("webhook signing secrets sealed under the current secrets key", "values", sealed, "key_id", sealer.CurrentKeyID())
	}
	if unopened > 0 {
		log.Error("webhook signing secrets that no configured secrets key opens: configure the key named above in IGFPLUS_SECRETS_OLD_KEYS", "values", unopened)
	}
	svc := publishing.NewService(store)
	svc.ResolveWith(net.DefaultResolver)
	return svc, relay.New(relay.Config{Outbox: store, Workers: cfg.RelayWorkers,
		Timeout: cfg.RelayTimeout, Metrics: relay.NewMetrics(reg, store), Logger: log.With("component", "relay")}), nil
}

// secretsSealer seals the webhook signing secrets kept in the database:
// with IGFPLUS_SECRETS_KEY, or else with a key derived from the
// access-token signing key, which every node of an installation shares
// already. It opens values sealed with that key, with any of
// IGFPLUS_SECRETS_OLD_KEYS and, when IGFPLUS_SECRETS_KEY is set, with the
// derived key, so that moving from the default to a key of one's own needs
// nothing else. Set IGFPLUS_SECRETS_KEY before rotating the token key: the
// derived key changes with it.
func secretsSealer(cfg Config, signing ed25519.PrivateKey) (*seal.Sealer, error) {
	current, old, err := secretsKeys(cfg, signing)
	if err != nil {
		return nil, err
	}
	return seal.New(current, old...)
}

// secretsKeys are the installation's secrets keys: the current one, and
// those that still open what was sealed before (see secretsSealer).
func secretsKeys(cfg Config, signing ed25519.PrivateKey) (current []byte, old [][]byte, err error) {
	derived := derivedSecretsKey(signing)
	current = derived
	if cfg.SecretsKey != "" {
		k, err := secretsKey(cfg.SecretsKey)
		if err != nil {
			return nil, nil, fmt.Errorf("IGFPLUS_SECRETS_KEY: %w", err)
		}
		current, old = k, append(old, derived)
	}
	for _, v := range strings.Split(cfg.SecretsOldKeys, ",") {
		if v = strings.TrimSpace(v); v == "" {
			continue
		}
		k, err := secretsKey(v)
		if err != nil {
			return nil, nil, fmt.Errorf("IGFPLUS_SECRETS_OLD_KEYS: %w", err)
		}
		old = append(old, k)
	}
	return current, old, nil
}

func secretsKey(v string) ([]byte, error) {
	k, err := base64.StdEncoding.DecodeString(strings.TrimSpace(v))
	if err != nil || len(k) != seal.KeySize {
		return nil, fmt.Errorf("a secrets key is %d bytes in base64 (head -c %d /dev/urandom | base64)", seal.KeySize, seal.KeySize)
	}
	return k, nil
}

// derivedSecretsKey is HKDF-SHA256 of the token key's seed, with a label
// of its own: the ballot key and this one are unrelated.
func derivedSecretsKey(signing ed25519.PrivateKey) []byte {
	return deriveKey(signing.Seed(), "igfplus webhook secrets at rest v1", seal.KeySize)
}

// deriveKey is n bytes of HKDF-SHA256 of secret under label: keys for
// different uses made from one secret are unrelated.
func deriveKey(secret []byte, label string, n int) []byte {
	k := make([]byte, n)
	if _, err := io.ReadFull(hkdf.New(sha256.New, secret, nil, []byte(label)), k); err != nil {
		panic(err) // HKDF-SHA256 gives up to 8,160 bytes
	}
	return k
}

// runRelay runs the node's relay workers until ctx ends; the channel
// closes once attempts in flight have been recorded. With no workers
// (--relay-workers 0) the node sends nothing; other nodes do.
func (a *app) runRelay(ctx context.Context, workers int) <-chan struct{} {
	done := make(chan struct{})
	if workers == 0 {
		close(done)
		return done
	}
	go func() { a.relay.Run(ctx); close(done) }()
	return done
}
