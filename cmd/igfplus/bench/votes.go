package bench

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/rig"
	"github.com/igfplus/igfplus/hub/roomclient"
	"github.com/igfplus/igfplus/tracks/voting"
)

// votesResult is the votes benchmark's verdict, printed as one JSON line.
type votesResult struct {
	Voters           int     `json:"voters"`
	Concurrency      int     `json:"concurrency"`
	Secret           bool    `json:"secret"`
	Transport        string  `json:"transport"`
	Warm             bool    `json:"warm"`
	Ballots          int64   `json:"ballots"`
	Refused          int64   `json:"refused"`
	DurationS        float64 `json:"duration_s"`
	VotesPerS        float64 `json:"votes_per_s"`
	AckP50Ms         float64 `json:"ack_p50_ms"`
	AckP99Ms         float64 `json:"ack_p99_ms"`
	AckP999Ms        float64 `json:"ack_p999_ms"`
	CloseMs          float64 `json:"close_ms"`
	ResultBallots    int     `json:"result_ballots"`
	Verified         bool    `json:"verified"`
	CPUUsPerVote     float64 `json:"cpu_us_per_vote"`
	PostgresCPUUsPer float64 `json:"postgres_cpu_us_per_vote"`
	// PgbenchInsertsPerS is PostgreSQL's own single-row durable insert
	// rate on the same server, measured right after the ballots (--pgbench).
	PgbenchInsertsPerS float64 `json:"pgbench_inserts_per_s,omitempty"`
	VotesPerPgbench    float64 `json:"votes_per_pgbench_insert,omitempty"`
}

type votesOpts struct {
	voters, concurrency int
	duration            time.Duration
	secret              bool
	transport           string
	warm                bool
	pgbench             time.Duration
}

// benchVotes starts its own server and Postgres, casts N ballots into one
// poll from concurrent clients through the real API, closes the poll,
// verifies it as `igfplus verify` does, and prints the figures.
func benchVotes(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o votesOpts
	fs := flag.NewFlagSet("igfplus bench votes", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.voters, "voters", 10000, "voters, each casting one ballot")
	fs.DurationVar(&o.duration, "duration", time.Minute, "stop casting after this long, even if not every voter has voted")
	fs.IntVar(&o.concurrency, "concurrency", 128, "concurrent HTTP clients")
	fs.BoolVar(&o.secret, "secret", true, "a secret ballot (false: named)")
	fs.StringVar(&o.transport, "transport", "auto", "ws: poll.vote on each voter's open room socket; http: POST /api/polls/{id}/ballots; auto: ws when the open-file limit allows a socket per voter")
	fs.BoolVar(&o.warm, "warm", true, "http: every voter reads the poll before the clock starts, as its browser does, so that the server has seen its token (false: each ballot brings a token never seen)")
	fs.DurationVar(&o.pgbench, "pgbench", 0, "after the vote, measure PostgreSQL's own single-row insert rate on the same server with pgbench for this long (0: not)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.voters < 1 || o.voters > 1_000_000 || o.concurrency < 1 || o.concurrency > 4096 || o.duration <= 0 || o.duration > 30*time.Minute {
		return fmt.Errorf("--voters must be 1..1000000, --concurrency 1..4096 and --duration at most 30m")
	}
	if o.transport == "auto" {
		o.transport = "http"
		if socketsFit(o.voters) {
			o.transport = "ws"
		}
	}
	if o.transport != "ws" && o.transport != "http" {
		return fmt.Errorf("--transport must be ws, http or auto")
	}
	if o.transport == "ws" && !socketsFit(o.voters) {
		return fmt.Errorf("--transport ws needs two open files per voter (client and server share the limit): use fewer voters or --transport http")
	}
	t, err := rig.Start(ctx, o.voters, "", stderr)
	if err != nil {
		return err
	}
	defer t.Stop()
	res, err := runVotes(ctx, t, o)
	return printResult(stdout, res, err)
}

// runVotes opens a poll on the site, casts the ballots, closes the poll and
// verifies it from its public log alone, as `igfplus verify` does.
func runVotes(ctx context.Context, t *rig.Site, o votesOpts) (votesResult, error) {
	res := votesResult{Voters: o.voters, Concurrency: o.concurrency, Secret: o.secret, Transport: o.transport, Warm: o.warm && o.transport == "http"}
	poll, err := t.OpenPoll(ctx, o.secret)
	if err != nil {
		return res, err
	}
	var socks []*roomclient.Conn
	if o.transport == "ws" {
		if socks, err = connectVoters(ctx, t); err != nil {
			return res, err
		}
		defer closeVoters(socks)
	} else if o.warm {
		if err := warmVoters(ctx, t, poll, o.concurrency); err != nil {
			return res, err
		}
	}
	cpu0, pg0 := rig.CPUMicros(t.PID), t.PostgresCPU()
	lat := newLatencyHistogram()
	start := time.Now()
	if o.transport == "ws" {
		res.Ballots, res.Refused = castAllOverSockets(ctx, poll, socks, o, lat)
	} else {
		res.Ballots, res.Refused = castAll(ctx, t, poll, o, lat)
	}
	elapsed := time.Since(start)
	cpu1, pg1 := rig.CPUMicros(t.PID), t.PostgresCPU()
	res.DurationS = elapsed.Seconds()
	res.VotesPerS = float64(res.Ballots) / elapsed.Seconds()
	res.AckP50Ms, res.AckP99Ms, res.AckP999Ms = lat.quantile(0.5), lat.quantile(0.99), lat.quantile(0.999)
	if res.Ballots > 0 {
		res.CPUUsPerVote = float64(cpu1-cpu0) / float64(res.Ballots)
		res.PostgresCPUUsPer = float64(pg1-pg0) / float64(res.Ballots)
	}
	closeStart := time.Now()
	var closed struct {
		Result struct {
			Ballots int `json:"ballots"`
		} `json:"result"`
	}
	if err := t.API(ctx, t.ChairToken, http.MethodPost, fmt.Sprintf("/api/polls/%d/close", poll), nil, &closed); err != nil {
		return res, err
	}
	res.CloseMs = float64(time.Since(closeStart).Microseconds()) / 1000
	res.ResultBallots = closed.Result.Ballots
	var log voting.PublicLog
	err = t.API(ctx, "", http.MethodGet, fmt.Sprintf("/api/polls/%d/log", poll), nil, &log)
	res.Verified = err == nil && log.Verify() == nil && int64(res.ResultBallots) == res.Ballots
	if o.pgbench > 0 {
		if res.PgbenchInsertsPerS, err = pgbenchInserts(ctx, t, o.pgbench); err != nil {
			return res, err
		}
		res.VotesPerPgbench = res.VotesPerS / res.PgbenchInsertsPerS
	}
	return res, nil
}

// castAll has o.concurrency clients cast one ballot for each voter, until
// every voter has voted or o.duration has passed.
func castAll(ctx context.Context, t *rig.Site, poll int64, o votesOpts, lat *latencyHistogram) (ok, refused int64) {
	addr, err := leanAddr(t.URL)
	if err != nil {
		return 0, int64(len(t.Tokens))
	}
	ctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range t.Tokens {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	var okN, refusedN atomic.Int64
	path := fmt.Sprintf("/api/polls/%d/ballots", poll)
	bodies := [][]byte{[]byte(`{"answer":"yes"}`), []byte(`{"answer":"no"}`), []byte(`{"answer":"abstain"}`), []byte(`{"answer":"yes"}`)}
	var wg sync.WaitGroup
	for range o.concurrency {
		wg.Go(func() {
			c := newLeanConn(addr)
			defer c.close()
			for i := range next {
				began := time.Now()
				status, err := c.do(ctx, http.MethodPost, path, t.Tokens[i], bodies[i%len(bodies)])
				if err == nil && status == http.StatusCreated {
					lat.record(time.Since(began))
					okN.Add(1)
				} else if ctx.Err() == nil {
					refusedN.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return okN.Load(), refusedN.Load()
}

// socketsFit raises the open-file limit as far as allowed (the server
// process inherits it) and reports whether it covers a socket per voter on
// both ends.
func socketsFit(voters int) bool {
	var lim syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim) != nil {
		return false
	}
	if lim.Cur < lim.Max {
		lim.Cur = lim.Max
		_ = syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
		_ = syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)
	}
	return uint64(2*voters+512) <= lim.Cur
}
