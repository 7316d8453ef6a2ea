package main

import (
	"crypto/ed25519"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/membroker"
	"github.com/igfplus/igfplus/hub/redisbroker"
)

// newBroker is Redis pub/sub when REDIS_URL is set, else the in-process
// broker (one node).
func (a *app) newBroker(cfg Config, log *slog.Logger) (hub.Broker, error) {
	if cfg.RedisURL == "" {
		return membroker.New(4096), nil
	}
	client, err := redisClient(cfg)
	if err != nil {
		return nil, err
	}
	a.redis = client
	return redisbroker.New(a.redis, redisbroker.Options{Sharded: cfg.RedisSharded || cfg.RedisCluster, Logger: log}), nil
}

// redisClient opens one Redis, or with --redis-cluster a Redis Cluster
// whose URL names one node and any others as addr parameters
// (redis://:password@host1:6379?addr=host2:6379&addr=host3:6379).
func redisClient(cfg Config) (redis.UniversalClient, error) {
	if cfg.RedisCluster {
		opts, err := redis.ParseClusterURL(cfg.RedisURL)
		if err != nil {
			return nil, fmt.Errorf("REDIS_URL (a cluster): %w", err)
		}
		return redis.NewClusterClient(opts), nil
	}
	opts, err := redis.ParseURL(cfg.RedisURL)
	if err != nil {
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	return redis.NewClient(opts), nil
}

// hubCoalesce maps the flag, where 0 means none, to the hub's setting,
// where 0 means its default and a negative value none.
func hubCoalesce(d time.Duration) time.Duration {
	if d == 0 {
		return -1
	}
	return d
}

// recentLog is the broker's history of recent events when it keeps one
// (Redis), else nil: the in-process broker has only this node's memory.
func recentLog(b hub.Broker) hub.RecentLog {
	if r, ok := b.(*redisbroker.Broker); ok {
		return r
	}
	return nil
}

// hubEventKeys authenticate room events between nodes (hub.Config.EventKeys):
// HKDF-SHA256, with a label of their own, of the installation's secrets
// keys (IGFPLUS_SECRETS_KEY, by default derived from the token key), which
// every node holds. The current secrets key gives the signing key; the old
// ones (IGFPLUS_SECRETS_OLD_KEYS, and the derived key once a key of one's
// own is set) give keys still accepted, so that a rolling rotation of the
// secrets key, done as docs/OPERATIONS.md says, keeps every event
// authenticated. A node whose keys differ from the others' still shows
// their events, read from Postgres instead of Redis.
func hubEventKeys(cfg Config, signing ed25519.PrivateKey) ([][]byte, error) {
	current, old, err := secretsKeys(cfg, signing)
	if err != nil {
		return nil, err
	}
	var keys [][]byte
	for _, k := range append([][]byte{current}, old...) {
		keys = append(keys, deriveKey(k, "igfplus room events between nodes v1", 32))
	}
	return keys, nil
}
