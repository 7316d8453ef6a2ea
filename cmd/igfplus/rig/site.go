// Package rig sets up an installation of its own for the load tools (the
// benchmarks in cmd/igfplus/bench and the fault run in cmd/igfplus/faultrun):
// a durable private Postgres with the schema, the demo forum and N
// participant accounts, access tokens minted with the installation's key
// (registering thousands through the API would measure password hashing,
// not the room), and server processes of the real binary on 127.0.0.1,
// stopped as operators stop them. It also reads the processes' CPU and
// memory from /proc, and finds a live session through the API (which the
// end-to-end tests use too).
package rig

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/igfplus/igfplus/deploy/demo"
	"github.com/igfplus/igfplus/deploy/localpg"
	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/migrations"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Site is an installation of its own: a private durable Postgres in a
// temporary folder, seeded, and the keys its servers share. Serve starts
// one server on it; the fault run starts several.
type Site struct {
	Dir        string          // the temporary folder, removed by Stop
	PG         *localpg.Server // the fault run restarts it
	DB         *pgdb.DB        // the tools' own pool, for seeding and checking
	Key        []byte          // the access-token key, as auth.GenerateKey makes it
	BallotKey  string          // base64, as --ballot-key takes it
	Tokens     []string        // the participants', in account order
	ChairToken string          // a secretariat member's (the demo's first account)
	Session    int64           // the demo's first live session of a thematic track
	URL        string          // the server Serve started, or one the caller names
	PID        int             // that server's process id

	server *exec.Cmd
}

// Prepare starts the site's Postgres with the demo forum and participants
// accounts of their own (voter1@bench.example, ...), and mints their
// tokens.
func Prepare(ctx context.Context, participants int) (*Site, error) {
	dir, err := os.MkdirTemp("", "igfplus-rig-")
	if err != nil {
		return nil, err
	}
	os.Chmod(dir, 0o755)
	s := &Site{Dir: dir}
	if err := s.prepare(ctx, participants); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func (s *Site) prepare(ctx context.Context, participants int) error {
	key, err := auth.GenerateKey()
	if err != nil {
		return err
	}
	s.Key, s.BallotKey = key, RandomKey()
	if s.PG, err = localpg.Start(ctx, filepath.Join(s.Dir, "pg"), localpg.Options{Durable: true}); err != nil {
		return err
	}
	if s.DB, err = pgdb.Open(ctx, s.PG.URL, 8); err != nil {
		return err
	}
	sqlDB := stdlib.OpenDBFromPool(s.DB.Pool)
	_, err = migrations.Apply(ctx, sqlDB)
	sqlDB.Close()
	if err != nil {
		return err
	}
	if _, err := demo.Seed(ctx, s.DB, time.Now(), func(string) (string, error) { return "bench: no sign-in", nil }); err != nil {
		return err
	}
	_, err = s.DB.Pool.Exec(ctx, `
		WITH made AS (
			INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region, email_verified_at)
			SELECT 'voter' || g || '@bench.example', 'bench: no sign-in', 'Voter ' || g,
			       (ARRAY['government','intergovernmental','private_sector','civil_society','technical_community','academia'])[1 + g % 6],
			       (ARRAY['african','asia_pacific','eastern_european','latin_american_caribbean','western_european_others'])[1 + g % 5],
			       now() -- verified: only verified accounts vote
			FROM generate_series(1, $1) AS g RETURNING id)
		INSERT INTO account_roles (account_id, role) SELECT id, 'participant' FROM made`, participants)
	if err != nil {
		return err
	}
	if err := s.DB.Pool.QueryRow(ctx, `
		SELECT s.id FROM sessions s JOIN tracks k ON k.id = s.track_id
		WHERE s.state = 'live' AND k.kind = 'thematic' ORDER BY s.id LIMIT 1`).Scan(&s.Session); err != nil {
		return err
	}
	return s.mintTokens(ctx)
}

// mintTokens signs an access token for the secretariat and every
// participant.
func (s *Site) mintTokens(ctx context.Context) error {
	rows, err := s.DB.Pool.Query(ctx, `
		SELECT a.id, a.display_name, a.stakeholder_group, a.region, a.token_version, a.email LIKE '%@bench.example'
		FROM accounts a ORDER BY a.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var who igfplus.Identity
		var participant bool
		if err := rows.Scan(&who.AccountID, &who.Name, &who.StakeholderGroup, &who.Region, &who.TokenVersion, &participant); err != nil {
			return err
		}
		who.Roles = []igfplus.Role{igfplus.RoleParticipant}
		if !participant {
			if s.ChairToken != "" {
				continue
			}
			who.Roles = append(who.Roles, igfplus.RoleSecretariat)
		}
		tok, err := s.Issue(who)
		if err != nil {
			return err
		}
		if participant {
			s.Tokens = append(s.Tokens, tok)
		} else {
			s.ChairToken = tok
		}
	}
	return rows.Err()
}

// RandomKey is 32 random bytes in base64, as --ballot-key takes them: a
// server of the tools' own writes no key file of its own anywhere.
func RandomKey() string {
	k := make([]byte, 32)
	rand.Read(k)
	return base64.StdEncoding.EncodeToString(k)
}

// Issue mints an hour's access token for who, as the site's servers sign
// them.
func (s *Site) Issue(who igfplus.Identity) (string, error) {
	tokens, err := auth.NewTokens(auth.TokenConfig{Keys: auth.NewKeys(s.Key), Issuer: auth.PlatformIssuer, Audience: auth.PlatformAudience, TTL: time.Hour})
	if err != nil {
		return "", err
	}
	tok, _, err := tokens.Issue(who, time.Now())
	return tok, err
}

// Accounts returns the participants' account ids, in the order of Tokens.
func (s *Site) Accounts(ctx context.Context) ([]int64, error) {
	var ids []int64
	err := s.DB.Pool.QueryRow(ctx, `SELECT array_agg(id ORDER BY id) FROM accounts WHERE email LIKE '%@bench.example'`).Scan(&ids)
	if err == nil && len(ids) != len(s.Tokens) {
		err = fmt.Errorf("rig: %d accounts for %d tokens", len(ids), len(s.Tokens))
	}
	return ids, err
}

// NodeArgs are the serve flags that put a server on the site: its
// database, keys and a data folder of its own named name; no metrics
// listener (a later --metrics-addr overrides that).
func (s *Site) NodeArgs(name string) []string {
	return []string{"--data", filepath.Join(s.Dir, name), "--database-url", s.PG.URL,
		"--token-key", auth.EncodeKey(s.Key), "--ballot-key", s.BallotKey, "--demo", "never", "--metrics-addr", "off"}
}

// Start prepares a site for participants (Prepare) and starts one server
// of bin (empty: this binary) on it (Serve).
func Start(ctx context.Context, participants int, bin string, log io.Writer) (*Site, error) {
	s, err := Prepare(ctx, participants)
	if err != nil {
		return nil, err
	}
	if err := s.Serve(ctx, bin, log); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// Serve starts one server process of bin (empty: this binary) on the site.
func (s *Site) Serve(ctx context.Context, bin string, log io.Writer) error {
	cmd, url, err := Serve(ctx, bin, log, append(s.NodeArgs("app"), "--log-level", "error")...)
	if err != nil {
		return err
	}
	s.server, s.URL, s.PID = cmd, url, cmd.Process.Pid
	return nil
}

// OpenPoll creates a recommendation in the site's session and opens a
// yes/no/abstain poll on it through the API.
func (s *Site) OpenPoll(ctx context.Context, secret bool) (int64, error) {
	var rec int64
	err := s.DB.Pool.QueryRow(ctx, `
		INSERT INTO recommendations (policy_issue_id, track_id, session_id, title, created_by)
		SELECT s.policy_issue_id, s.track_id, s.id, 'Benchmark recommendation', (SELECT min(id) FROM accounts)
		FROM sessions s WHERE s.id = $1 RETURNING id`, s.Session).Scan(&rec)
	if err != nil {
		return 0, err
	}
	var p struct {
		ID int64 `json:"id"`
	}
	body := map[string]any{"recommendation_id": rec, "session_id": s.Session, "question": "Adopt the benchmark recommendation?",
		"kind": "yes_no_abstain", "rule": "multistakeholder", "secret": secret}
	if err := s.API(ctx, s.ChairToken, http.MethodPost, "/api/polls", body, &p); err != nil {
		return 0, err
	}
	return p.ID, s.API(ctx, s.ChairToken, http.MethodPost, fmt.Sprintf("/api/polls/%d/open", p.ID), nil, nil)
}

// API calls the REST API of the site's server (see API).
func (s *Site) API(ctx context.Context, token, method, path string, in, out any) error {
	return API(ctx, s.URL, token, method, path, in, out)
}

// API calls the REST API at base as the bearer of token (none when empty),
// sending in and decoding the answer into out as JSON when they are not
// nil; an answer other than 2xx is an error with its body.
func API(ctx context.Context, base, token, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, base+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, bytes.TrimSpace(raw))
	}
	if out != nil {
		return json.Unmarshal(raw, out)
	}
	return nil
}

// LiveSession is the id of a live session at base, as its public list of
// sessions says: the room a load or an end-to-end test can use in the demo
// forum. It is an error when no session is live.
func LiveSession(ctx context.Context, base string) (int64, error) {
	var out struct {
		Sessions []struct {
			ID    int64  `json:"id"`
			State string `json:"state"`
		} `json:"sessions"`
	}
	if err := API(ctx, base, "", http.MethodGet, "/api/sessions", nil, &out); err != nil {
		return 0, err
	}
	for _, s := range out.Sessions {
		if s.State == "live" {
			return s.ID, nil
		}
	}
	return 0, fmt.Errorf("%s has no live session", base)
}

// PostgresCPU is the CPU time of the site's Postgres server and its
// backends, in µs: the load costs there too, and the machine is shared.
func (s *Site) PostgresCPU() int64 { return TreeCPUMicros(s.PG.PID()) }

// Stop ends the server Serve started, closes the pool, stops Postgres and
// removes the folder.
func (s *Site) Stop() {
	Stop(s.server)
	if s.DB != nil {
		s.DB.Close()
	}
	if s.PG != nil {
		s.PG.Stop()
	}
	os.RemoveAll(s.Dir)
}
