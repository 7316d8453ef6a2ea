// Package config is the igfplus command's configuration: its flags, each
// with an environment variable to fall back on, read and checked in one
// place (README.md's table lists them).
package config

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/tracks/accounts/oidclogin"
)

// Config is the platform's configuration. Every field is set by a flag or,
// failing that, by an environment variable; README.md's table lists them.
type Config struct {
	Addr           string   // --addr, IGFPLUS_ADDR: where to listen (default 127.0.0.1:8080)
	DataDir        string   // --data, IGFPLUS_DATA: the data folder (embedded Postgres, generated keys)
	DatabaseURL    string   // --database-url, DATABASE_URL: an existing Postgres; empty starts a private one
	RedisURL       string   // --redis-url, REDIS_URL: Redis for multi-node fanout; empty uses the in-process broker
	RedisSharded   bool     // --redis-sharded, IGFPLUS_REDIS_SHARDED: Redis 7 sharded pub/sub (Redis Cluster)
	RedisCluster   bool     // --redis-cluster, IGFPLUS_REDIS_CLUSTER: REDIS_URL is a Redis Cluster (implies sharded pub/sub)
	PublicURL      string   // --public-url, IGFPLUS_PUBLIC_URL: the URL people use (default http://<addr>)
	AllowedOrigins []string // --allowed-origins, IGFPLUS_ALLOWED_ORIGINS: exact WebSocket origins (default: the public URL's)
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names the
	// client (--trusted-proxies, IGFPLUS_TRUSTED_PROXIES: comma-separated
	// addresses or CIDR ranges; default none, every client is its
	// connection's address).
	TrustedProxies []*net.IPNet
	TokenKey       string // --token-key, IGFPLUS_TOKEN_KEY: base64 Ed25519 seed signing access tokens (default: generated in the data folder)
	BallotKey      string // --ballot-key, IGFPLUS_BALLOT_KEY: base64 key (32+ bytes) of secret ballots' voter tags and sealed working rows (default: the key file)
	BallotKeyFile  string // --ballot-key-file, IGFPLUS_BALLOT_KEY_FILE: where the ballot key is kept when not given (default: igfplus/ballot.key in the user's configuration folder, never the data folder)
	SecretsKey     string // --secrets-key, IGFPLUS_SECRETS_KEY: base64 32-byte key sealing webhook signing secrets in the database (default: derived from the token key)
	SecretsOldKeys string // --secrets-old-keys, IGFPLUS_SECRETS_OLD_KEYS: comma-separated base64 keys that still open secrets sealed before a rotation
	TokenVerify    string // --token-verify-keys, IGFPLUS_TOKEN_VERIFY_KEYS: extra base64 public keys accepted during rotation
	LogLevel       string // --log-level, IGFPLUS_LOG_LEVEL: debug, info, warn, error (default info)
	LogFormat      string // --log-format, IGFPLUS_LOG_FORMAT: text or json (default text)
	Demo           string // --demo, IGFPLUS_DEMO: seed the demo forum into an empty database: auto (embedded Postgres only), always, never
	DebugAddr      string // --debug-addr, IGFPLUS_DEBUG_ADDR: serve Go's pprof profiles here (off by default; keep it on 127.0.0.1)
	MetricsAddr    string // --metrics-addr, IGFPLUS_METRICS_ADDR: serve /metrics here, never on --addr (default 127.0.0.1:9464; "off": nowhere)
	// SMTPURL is the mail server (--smtp-url, IGFPLUS_SMTP_URL:
	// smtp://user:password@host:587 with STARTTLS, smtps://…:465 with TLS;
	// default none: mail is kept in the data folder's mail folder and
	// shown to the Secretariat at /admin/mail). MailFrom is the sender
	// (--mail-from, IGFPLUS_MAIL_FROM, default "IGF Plus
	// <noreply@<public host>>").
	SMTPURL  string
	MailFrom string
	// RelayWorkers is how many outbox rows this node sends at once
	// (--relay-workers, IGFPLUS_RELAY_WORKERS, default 4; 0 sends nothing).
	RelayWorkers int
	// RelayTimeout bounds one delivery attempt; a claimed row's lease is
	// four times it (--relay-timeout, IGFPLUS_RELAY_TIMEOUT, default 15s).
	RelayTimeout time.Duration
	// WriteCoalesce is the least time between two batches of a room's events
	// (--write-coalesce, IGFPLUS_WRITE_COALESCE, default 2ms; 0: none).
	WriteCoalesce time.Duration
	// SocketsPerAccount caps one account's live connections to one room on
	// a node (--sockets-per-account, IGFPLUS_SOCKETS_PER_ACCOUNT, default
	// 3; 0: none); SocketsPerAddress those from one client address
	// (--sockets-per-address, IGFPLUS_SOCKETS_PER_ADDRESS, default 2000;
	// 0: none).
	SocketsPerAccount int
	SocketsPerAddress int
	// ActionsPerSecond is one person's pace in one session's room: chat,
	// floor, questions and reactions however they come
	// (--actions-per-second, IGFPLUS_ACTIONS_PER_SECOND, default 10, in
	// bursts of twice that; 0: no budget).
	ActionsPerSecond int
	// OIDCProviders are the OpenID Connect providers people may sign in
	// with (--oidc-provider, repeatable, or IGFPLUS_OIDC_PROVIDERS; see
	// oidc.go). Default none: no "Sign in with" buttons.
	OIDCProviders []oidclogin.Provider
}

// Parse reads flags from args with environment fallbacks.
func Parse(name string, args []string, stderr io.Writer) (Config, error) {
	var c Config
	var origins, proxies string
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Addr, "addr", env("IGFPLUS_ADDR", "127.0.0.1:8080"), "address to listen on")
	fs.StringVar(&c.DataDir, "data", env("IGFPLUS_DATA", ".data"), "data folder")
	fs.StringVar(&c.DatabaseURL, "database-url", env("DATABASE_URL", ""), "Postgres URL (empty: start a private Postgres in the data folder)")
	fs.StringVar(&c.RedisURL, "redis-url", env("REDIS_URL", ""), "Redis URL (empty: in-process hub)")
	fs.BoolVar(&c.RedisSharded, "redis-sharded", env("IGFPLUS_REDIS_SHARDED", "") == "true", "use Redis 7 sharded pub/sub")
	fs.BoolVar(&c.RedisCluster, "redis-cluster", env("IGFPLUS_REDIS_CLUSTER", "") == "true", "REDIS_URL is a Redis Cluster (one node, others as ?addr=host:port); implies --redis-sharded")
	fs.StringVar(&c.PublicURL, "public-url", env("IGFPLUS_PUBLIC_URL", ""), "public URL (default http://<addr>)")
	fs.StringVar(&origins, "allowed-origins", env("IGFPLUS_ALLOWED_ORIGINS", ""), "comma-separated exact WebSocket origins (default: the public URL's origin)")
	fs.StringVar(&proxies, "trusted-proxies", env("IGFPLUS_TRUSTED_PROXIES", ""), "comma-separated addresses or CIDR ranges of the reverse proxies whose X-Forwarded-For names the client (default: none)")
	fs.StringVar(&c.SMTPURL, "smtp-url", env("IGFPLUS_SMTP_URL", ""), "mail server: smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (TLS); empty: keep mail in the data folder for /admin/mail")
	fs.StringVar(&c.MailFrom, "mail-from", env("IGFPLUS_MAIL_FROM", ""), "sender of the platform's mail (default: IGF Plus <noreply@<public host>>)")
	fs.StringVar(&c.TokenKey, "token-key", env("IGFPLUS_TOKEN_KEY", ""), "base64 Ed25519 seed for access tokens (default: generated in the data folder)")
	fs.StringVar(&c.BallotKey, "ballot-key", env("IGFPLUS_BALLOT_KEY", ""), "base64 key of secret ballots' voter tags (default: the --ballot-key-file)")
	fs.StringVar(&c.BallotKeyFile, "ballot-key-file", env("IGFPLUS_BALLOT_KEY_FILE", ""), "file of the ballot key when --ballot-key is not given, generated on first use (default: igfplus/ballot.key in the user's configuration folder; never in the data folder)")
	fs.StringVar(&c.SecretsKey, "secrets-key", env("IGFPLUS_SECRETS_KEY", ""), "base64 32-byte key sealing webhook signing secrets at rest (default: derived from the token key)")
	fs.StringVar(&c.SecretsOldKeys, "secrets-old-keys", env("IGFPLUS_SECRETS_OLD_KEYS", ""), "comma-separated base64 keys that still open webhook secrets sealed before a rotation")
	fs.StringVar(&c.TokenVerify, "token-verify-keys", env("IGFPLUS_TOKEN_VERIFY_KEYS", ""), "comma-separated base64 public keys also accepted")
	fs.StringVar(&c.LogLevel, "log-level", env("IGFPLUS_LOG_LEVEL", "info"), "debug, info, warn or error")
	fs.StringVar(&c.LogFormat, "log-format", env("IGFPLUS_LOG_FORMAT", "text"), "text or json")
	fs.StringVar(&c.Demo, "demo", env("IGFPLUS_DEMO", "auto"), "seed the demo forum into an empty database: auto, always or never")
	fs.StringVar(&c.DebugAddr, "debug-addr", env("IGFPLUS_DEBUG_ADDR", ""), "serve pprof profiles on this address (off when empty)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", env("IGFPLUS_METRICS_ADDR", DefaultMetricsAddr), "serve Prometheus metrics (/metrics) on this address, apart from the public one (off: nowhere)")
	workers, err := strconv.Atoi(env("IGFPLUS_RELAY_WORKERS", "4"))
	if err != nil {
		return c, fmt.Errorf("IGFPLUS_RELAY_WORKERS: %w", err)
	}
	fs.IntVar(&c.RelayWorkers, "relay-workers", workers, "outbox rows this node sends at once (0: none)")
	finishOIDC := oidcProviders(fs, &c)
	if err := roomLimits(fs, &c); err != nil {
		return c, err
	}
	timeout, err := time.ParseDuration(env("IGFPLUS_RELAY_TIMEOUT", "15s"))
	if err != nil {
		return c, fmt.Errorf("IGFPLUS_RELAY_TIMEOUT: %w", err)
	}
	fs.DurationVar(&c.RelayTimeout, "relay-timeout", timeout, "bound of one delivery attempt (the lease is 4 times it)")
	coalesce, err := time.ParseDuration(env("IGFPLUS_WRITE_COALESCE", "2ms"))
	if err != nil {
		return c, fmt.Errorf("IGFPLUS_WRITE_COALESCE: %w", err)
	}
	fs.DurationVar(&c.WriteCoalesce, "write-coalesce", coalesce, "least time between two batches of a room's events: events that come sooner share one write per connection (0: none)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if err := finishOIDC(); err != nil {
		return c, err
	}
	if c.RelayWorkers < 0 || c.RelayTimeout <= 0 {
		return c, fmt.Errorf("--relay-workers must be 0 or more and --relay-timeout positive")
	}
	if c.WriteCoalesce < 0 {
		return c, fmt.Errorf("--write-coalesce must be 0 or more")
	}
	for _, o := range strings.Split(origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.AllowedOrigins = append(c.AllowedOrigins, o)
		}
	}
	if c.TrustedProxies, err = web.ParseTrustedProxies(proxies); err != nil {
		return c, err
	}
	switch c.Demo {
	case "auto", "always", "never":
	default:
		return c, fmt.Errorf("--demo must be auto, always or never, not %q", c.Demo)
	}
	return c, nil
}

// DefaultMetricsAddr is where /metrics is served unless --metrics-addr
// says otherwise: the loopback only, never the public address (see the
// command's metrics.go).
const DefaultMetricsAddr = "127.0.0.1:9464"

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}

// NewLogger builds the process's logger from the configuration.
func NewLogger(c Config, w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return nil, fmt.Errorf("--log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch c.LogFormat {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format must be text or json, not %q", c.LogFormat)
}
