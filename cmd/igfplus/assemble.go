package main

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/frontend/auth/redisthrottle"
	"github.com/igfplus/igfplus/frontend/pages"
	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/membroker"
	"github.com/igfplus/igfplus/hub/pglog"
	"github.com/igfplus/igfplus/hub/redisbroker"
	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/sessions/live"
	sessionstore "github.com/igfplus/igfplus/sessions/pgstore"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/accounts/argon2id"
	accountstore "github.com/igfplus/igfplus/tracks/accounts/pgstore"
	"github.com/igfplus/igfplus/tracks/delegates"
	delegatestore "github.com/igfplus/igfplus/tracks/delegates/pgstore"
	"github.com/igfplus/igfplus/tracks/federation"
	"github.com/igfplus/igfplus/tracks/federation/httpclient"
	"github.com/igfplus/igfplus/tracks/nris"
	nristore "github.com/igfplus/igfplus/tracks/nris/pgstore"
	"github.com/igfplus/igfplus/tracks/pgstore"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/relay"
	"github.com/igfplus/igfplus/tracks/recommendations"
	reclive "github.com/igfplus/igfplus/tracks/recommendations/live"
	recommendationstore "github.com/igfplus/igfplus/tracks/recommendations/pgstore"
	"github.com/igfplus/igfplus/tracks/voting"
	votingstore "github.com/igfplus/igfplus/tracks/voting/pgstore"
)

// Tokens name the platform as issuer and audience, not a node's address, so
// that every node of one installation accepts every other's tokens.
const (
	tokenIssuer   = "igfplus"
	tokenAudience = "igfplus"
)

// app is one node, assembled.
type app struct {
	accountStore *accountstore.Store
	hub          *hub.Hub
	presence     *live.Presence
	web          *web.Server
	redis        redis.UniversalClient
	voting       *voting.Service
	votingStore  *votingstore.Store
	publishing   *publishing.Service
	relay        *relay.Relay
	federation   *federation.Service
}

func (a *app) close() {
	if a.redis != nil {
		a.redis.Close()
	}
}

// hubPublisher lets the stores announce through the hub, which is built
// after them (the hub needs the services that need the stores).
type hubPublisher struct{ h *hub.Hub }

func (p *hubPublisher) Publish(ctx context.Context, ev hub.Event) error { return p.h.Publish(ctx, ev) }

// assemble builds a node from its configuration: wiring only, no logic.
func assemble(ctx context.Context, cfg Config, st *storage, reg *prometheus.Registry, log *slog.Logger) (*app, error) {
	a := &app{}
	signing, err := signingKey(cfg, log)
	if err != nil {
		return nil, err
	}
	keys, err := tokenKeys(cfg, signing)
	if err != nil {
		return nil, err
	}
	tokens, err := auth.NewTokens(auth.TokenConfig{Keys: keys, Issuer: tokenIssuer, Audience: tokenAudience})
	if err != nil {
		return nil, err
	}
	a.accountStore = accountstore.New(st.db)
	accts, err := accounts.NewService(accounts.Config{Store: a.accountStore, Tokens: tokens, Hasher: argon2id.Default()})
	if err != nil {
		return nil, err
	}
	authn := auth.NewAuthenticator(tokens, accts, 2*time.Second)

	ready := []web.Check{{Name: "postgres", Check: st.db.Ping}}
	broker, err := a.newBroker(cfg, log)
	if err != nil {
		return nil, err
	}
	if a.redis != nil {
		ready = append(ready, web.Check{Name: "redis", Check: broker.Ping})
	}

	pub := &hubPublisher{}
	sessionStore := sessionstore.New(st.db, pub)
	sessionSvc := sessions.NewService(sessionStore)
	rooms := live.New(sessionSvc)
	recStore := recommendationstore.New(st.db)
	recStore.AnnounceThrough(pub)
	recSvc := recommendations.NewService(recStore)
	if a.voting, a.votingStore, err = newVoting(cfg, signing, st.db, pub, sessionSvc, recStore); err != nil {
		return nil, err
	}
	sessionSvc.SetPolls(reportPolls{a.voting})
	rooms.SetPolls(a.voting)
	if a.publishing, a.relay, err = newPublishing(ctx, cfg, signing, st.db, reg, log); err != nil {
		return nil, err
	}
	h, err := hub.New(hub.Config{
		Broker:         broker,
		History:        pglog.New(st.db.Pool),
		Recent:         recentLog(broker),
		WriteCoalesce:  hubCoalesce(cfg.WriteCoalesce),
		Policy:         roomPolicy{sessions: rooms, recommendations: reclive.NewPolicy(recSvc)},
		Dispatcher:     rooms, // the room actions of sessions/live/actions, ballots among them
		Authenticate:   authn.Authenticate,
		AllowedOrigins: cfg.AllowedOrigins,
		TokenVersions:  accts.TokenVersions,
		Logger:         log,
		Metrics:        hub.NewMetrics(reg),
	})
	if err != nil {
		return nil, err
	}
	pub.h, a.hub = h, h
	a.presence = live.NewPresence(h, sessionStore, log, 2*time.Second)

	secure := strings.HasPrefix(cfg.PublicURL, "https://")
	throttle := newThrottle(a.redis, signing.Public().(ed25519.PublicKey), log)
	programme := pgstore.NewProgramme(st.db)
	nriSvc := nris.NewService(nristore.New(st.db), programme)
	trackSvc := tracks.NewService(programme, nriSvc)
	fedStore, err := newFederationStore(ctx, cfg, signing, st.db, log)
	if err != nil {
		return nil, err
	}
	a.federation = federation.NewService(fedStore, httpclient.New(15*time.Second), nriSvc.MayRunNRI)
	site := pages.New(pages.Deps{
		Programme:  programme,
		Sessions:   sessionSvc,
		Accounts:   &pageAccounts{accounts: accts, throttle: throttle, auth: authn, secure: secure},
		IdentityOf: auth.IdentityOf,
		Logger:     log,
		// The poll pages and the live pages' polls panels.
		Voting:          a.voting,
		Recommendations: recSvc,
		Drafting:        recSvc, // the recommendation pages
		NRIs:            nriSvc,
		Tracks:          trackSvc,
		Publishing:      a.publishing,
	})
	a.web = web.New(web.Deps{
		Logger:             log,
		AuthMiddleware:     authn.Middleware(),
		PageAuthMiddleware: authn.PageMiddleware(secure),
		IdentityOf:         auth.IdentityOf,
		AllowedOrigins:     cfg.AllowedOrigins,
		HTTPS:              secure,
		AuthAPI:            &auth.API{Accounts: accts, Auth: authn, Throttle: throttle, SecureCookies: secure},
		Programme:          programme,
		Sessions:           sessionSvc,
		Recommendations:    recSvc,
		Voting:             a.voting,
		Publishing:         a.publishing,
		Delegates:          delegates.NewService(delegatestore.New(st.db)),
		Tracks:             trackSvc,
		NRIs:               nriSvc,
		Federation:         a.federation,
		Hub:                h,
		Ready:              ready,
		Registry:           reg,
		Pages:              site,
		HTMLError:          site.HTMLError,
	})
	return a, nil
}

// newThrottle counts sign-in attempts in Redis when the installation has
// one (every node spends from the same budgets), else in this node. The
// budgets' keys carry a hash of the token key's public half: every node of
// an installation has the same token key, and two installations sharing a
// Redis (a staging and a test forum, say) keep their budgets apart.
func newThrottle(rdb redis.UniversalClient, tokenKey ed25519.PublicKey, log *slog.Logger) *auth.Throttle {
	if rdb == nil {
		return auth.NewThrottle()
	}
	sum := sha256.Sum256(tokenKey)
	prefix := "igfplus:throttle:" + hex.EncodeToString(sum[:6]) + ":"
	return auth.NewSharedThrottle(redisthrottle.New(rdb, prefix), log)
}

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

// signingKey is the access-token signing key: the configured one, or one
// generated once and kept in the data folder.
func signingKey(cfg Config, log *slog.Logger) (ed25519.PrivateKey, error) {
	if cfg.TokenKey != "" {
		k, err := auth.ParseKey(cfg.TokenKey)
		if err != nil {
			return nil, fmt.Errorf("IGFPLUS_TOKEN_KEY: %w", err)
		}
		return k, nil
	}
	if cfg.DatabaseURL != "" {
		log.Warn("no IGFPLUS_TOKEN_KEY: using a key from the data folder; every node of an installation needs the same key")
	}
	return auth.LoadOrCreateKey(filepath.Join(cfg.DataDir, "token.key"))
}

// tokenKeys are the access-token keys: signing, plus the public keys still
// accepted during a rotation.
func tokenKeys(cfg Config, signing ed25519.PrivateKey) (*auth.Keys, error) {
	var previous []ed25519.PublicKey
	if cfg.TokenVerify != "" {
		var err error
		if previous, err = auth.ParsePublicKeys(cfg.TokenVerify); err != nil {
			return nil, fmt.Errorf("IGFPLUS_TOKEN_VERIFY_KEYS: %w", err)
		}
	}
	return auth.NewKeys(signing, previous...), nil
}
