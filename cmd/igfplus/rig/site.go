package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/igfplus/igfplus/cmd/igfplus/serveproc"
	"github.com/igfplus/igfplus/deploy/demo"
	"github.com/igfplus/igfplus/deploy/localpg"
	"github.com/igfplus/igfplus/frontend/auth"
	"github.com/igfplus/igfplus/migrations"
	"github.com/igfplus/igfplus/migrations/pgdb"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// votesTarget is the votes benchmark's own installation: a durable private
// Postgres, a server process on it, and voters with access tokens minted
// with the server's key (registering thousands through the API would
// measure password hashing, not voting).
type votesTarget struct {
	url        string
	pid        int
	pg         *localpg.Server
	db         *pgdb.DB
	dir        string
	bin        string // the server binary; empty: this one
	server     *exec.Cmd
	tokens     []string
	chairToken string
	session    int64
	rec        int64
}

func startVotesTarget(ctx context.Context, voters int, log io.Writer) (*votesTarget, error) {
	return startBenchTarget(ctx, voters, "", log)
}

// startBenchTarget is startVotesTarget running the server binary bin (empty:
// this one); tests, whose own binary cannot serve, pass a built one.
func startBenchTarget(ctx context.Context, voters int, bin string, log io.Writer) (*votesTarget, error) {
	dir, err := os.MkdirTemp("", "igfplus-bench-votes-")
	if err != nil {
		return nil, err
	}
	os.Chmod(dir, 0o755)
	t := &votesTarget{dir: dir, bin: bin}
	if err := t.prepareDatabase(ctx, voters); err != nil {
		t.stop()
		return nil, err
	}
	key, err := auth.GenerateKey()
	if err != nil {
		t.stop()
		return nil, err
	}
	if err := t.mintTokens(ctx, key); err != nil {
		t.stop()
		return nil, err
	}
	if err := t.startServer(ctx, auth.EncodeKey(key), log); err != nil {
		t.stop()
		return nil, err
	}
	return t, nil
}

func (t *votesTarget) prepareDatabase(ctx context.Context, voters int) error {
	var err error
	if t.pg, err = localpg.Start(ctx, filepath.Join(t.dir, "pg"), localpg.Options{Durable: true}); err != nil {
		return err
	}
	if t.db, err = pgdb.Open(ctx, t.pg.URL, 8); err != nil {
		return err
	}
	sqlDB := stdlib.OpenDBFromPool(t.db.Pool)
	_, err = migrations.Apply(ctx, sqlDB)
	sqlDB.Close()
	if err != nil {
		return err
	}
	if _, err := demo.Seed(ctx, t.db, time.Now(), func(string) (string, error) { return "bench: no sign-in", nil }); err != nil {
		return err
	}
	_, err = t.db.Pool.Exec(ctx, `
		WITH made AS (
			INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region)
			SELECT 'voter' || g || '@bench.example', 'bench: no sign-in', 'Voter ' || g,
			       (ARRAY['government','intergovernmental','private_sector','civil_society','technical_community','academia'])[1 + g % 6],
			       (ARRAY['african','asia_pacific','eastern_european','latin_american_caribbean','western_european_others'])[1 + g % 5]
			FROM generate_series(1, $1) AS g RETURNING id)
		INSERT INTO account_roles (account_id, role) SELECT id, 'participant' FROM made`, voters)
	if err != nil {
		return err
	}
	return t.db.Pool.QueryRow(ctx, `
		SELECT s.id FROM sessions s JOIN tracks k ON k.id = s.track_id
		WHERE s.state = 'live' AND k.kind = 'thematic' ORDER BY s.id LIMIT 1`).Scan(&t.session)
}

// mintTokens signs an access token for the secretariat and every voter.
func (t *votesTarget) mintTokens(ctx context.Context, key []byte) error {
	tokens, err := auth.NewTokens(auth.TokenConfig{Keys: auth.NewKeys(key), Issuer: tokenIssuer, Audience: tokenAudience, TTL: time.Hour})
	if err != nil {
		return err
	}
	rows, err := t.db.Pool.Query(ctx, `
		SELECT a.id, a.display_name, a.stakeholder_group, a.region, a.token_version, a.email LIKE '%@bench.example'
		FROM accounts a ORDER BY a.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var who igfplus.Identity
		var voter bool
		if err := rows.Scan(&who.AccountID, &who.Name, &who.StakeholderGroup, &who.Region, &who.TokenVersion, &voter); err != nil {
			return err
		}
		who.Roles = []igfplus.Role{igfplus.RoleParticipant}
		if !voter {
			if t.chairToken != "" {
				continue
			}
			who.Roles = append(who.Roles, igfplus.RoleSecretariat)
		}
		tok, _, err := tokens.Issue(who, time.Now())
		if err != nil {
			return err
		}
		if voter {
			t.tokens = append(t.tokens, tok)
		} else {
			t.chairToken = tok
		}
	}
	return rows.Err()
}

func (t *votesTarget) startServer(ctx context.Context, key string, log io.Writer) error {
	self := t.bin
	if self == "" {
		var err error
		if self, err = os.Executable(); err != nil {
			return err
		}
	}
	t.server = exec.Command(self, "serve", "--addr", "127.0.0.1:0", "--data", filepath.Join(t.dir, "app"),
		"--database-url", t.pg.URL, "--token-key", key, "--demo", "never", "--log-level", "error")
	t.server.Env = withoutEnv(os.Environ(), "DATABASE_URL", "REDIS_URL", "IGFPLUS_ADDR", "IGFPLUS_DATA", "IGFPLUS_TOKEN_KEY", "IGFPLUS_BALLOT_KEY")
	t.server.Stderr = log
	url, err := serveproc.Start(ctx, t.server, 60*time.Second, nil)
	if err != nil {
		return err
	}
	t.url, t.pid = url, t.server.Process.Pid
	return nil
}

// openPoll creates a recommendation and opens a poll on it through the API.
func (t *votesTarget) openPoll(ctx context.Context, secret bool) (int64, error) {
	err := t.db.Pool.QueryRow(ctx, `
		INSERT INTO recommendations (policy_issue_id, track_id, session_id, title, created_by)
		SELECT s.policy_issue_id, s.track_id, s.id, 'Benchmark recommendation', (SELECT min(id) FROM accounts)
		FROM sessions s WHERE s.id = $1 RETURNING id`, t.session).Scan(&t.rec)
	if err != nil {
		return 0, err
	}
	var p struct {
		ID int64 `json:"id"`
	}
	body := map[string]any{"recommendation_id": t.rec, "session_id": t.session, "question": "Adopt the benchmark recommendation?",
		"kind": "yes_no_abstain", "rule": "multistakeholder", "secret": secret}
	if err := t.api(ctx, t.chairToken, http.MethodPost, "/api/polls", body, &p); err != nil {
		return 0, err
	}
	return p.ID, t.api(ctx, t.chairToken, http.MethodPost, fmt.Sprintf("/api/polls/%d/open", p.ID), nil, nil)
}

func (t *votesTarget) api(ctx context.Context, token, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, t.url+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
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

// postgresCPU is the CPU time of the Postgres server and its backends, in
// µs: ballots cost there too, and the machine is shared.
func (t *votesTarget) postgresCPU() int64 {
	pid := t.pg.PID()
	var total int64
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		n, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if n == pid || parentOf(n) == pid {
			total += cpuMicros(n)
		}
	}
	return total
}

func parentOf(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command's closing parenthesis: state, ppid, ...
	i := bytes.LastIndexByte(b, ')')
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 2 {
		return 0
	}
	p, _ := strconv.Atoi(f[1])
	return p
}

func (t *votesTarget) stop() {
	if t.server != nil && t.server.Process != nil {
		t.server.Process.Signal(syscall.SIGTERM)
		t.server.Wait()
	}
	if t.db != nil {
		t.db.Close()
	}
	if t.pg != nil {
		t.pg.Stop()
	}
	os.RemoveAll(t.dir)
}
