// Package faultrun is `igfplus fault-run`: an end-to-end check rather than
// a benchmark. It starts several nodes of the real binary (exec'd) on one
// private Postgres and Redis, runs simulated participants chatting, asking
// for the floor and voting over the real socket protocol (hub/roomclient,
// resuming from their positions after every drop) and publications relayed
// to a local webhook, kills a node and restarts Redis and Postgres
// meanwhile, then checks that nothing acknowledged was lost and that every
// client applied the room's log exactly once. It prints one JSON line and
// fails when anything was lost (docs/OPERATIONS.md, "The fault run").
package faultrun

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/rig"
)

// faultOpts are the fault run's knobs.
type faultOpts struct {
	participants int
	duration     time.Duration // how long the load runs; the faults fall within it
	nodes        int
	publications int
	bin          string // the server binary; empty: this one
	nodeLogLevel string // the nodes' --log-level; empty: error
}

// faultResult is the run's verdict and counts, printed as one JSON line.
type faultResult struct {
	Pass            bool             `json:"pass"`
	Failures        []string         `json:"failures,omitempty"`
	Participants    int              `json:"participants"`
	Nodes           int              `json:"nodes"`
	DurationS       float64          `json:"duration_s"`
	Faults          []string         `json:"faults"`
	ChatsAcked      int              `json:"chats_acked"`
	ChatsMissing    int              `json:"chats_missing"`
	FloorAcked      int64            `json:"floor_requests_acked"`
	FloorMissing    int64            `json:"floor_requests_missing"`
	VotesAcked      int              `json:"votes_acked"`
	VotesMissing    int              `json:"votes_missing"`
	Ballots         int64            `json:"ballots"`
	VotesCounted    int64            `json:"votes_counted"`
	DoubleVotes     int64            `json:"double_votes"`
	PubsAcked       int              `json:"publications_acked"`
	PubsMissing     int              `json:"publications_missing"`
	Delivered       int64            `json:"webhooks_delivered"`
	NotReceived     int64            `json:"webhooks_not_received"`
	OutboxPending   int64            `json:"outbox_pending"`
	RoomOffset      int64            `json:"room_offset"`
	InSync          int              `json:"clients_in_sync"`
	Gaps            int64            `json:"client_gaps"`
	Duplicates      int64            `json:"client_duplicates_ignored"`
	Mismatches      int64            `json:"client_mismatches"`
	Reloads         int64            `json:"reloads"`
	Reconnects      int64            `json:"reconnects"`
	Refused         map[string]int64 `json:"refused,omitempty"`
	Unapplied       []string         `json:"unapplied,omitempty"` // offset:kind the slowest client lacks
	SessionState    string           `json:"session_state"`
	NodesReady      int              `json:"nodes_ready"`      // at the end, the killed one restarted
	NodeConnections int              `json:"node_connections"` // sockets the ready nodes hold at the end
	DialErrors      int64            `json:"dial_errors"`
	ProbeResumes    []int64          `json:"probe_resumes,omitempty"` // when settling failed: the offset a fresh resume reached on each node
	NodeResumes     []int64          `json:"node_resumes"`            // at the end: the offset a resume from a little behind reached on each node
	failed          int
}

// fail records a failure; past 20, only the count shows, in the JSON
// line's failures' last entry.
func (r *faultResult) fail(format string, args ...any) {
	r.failed++
	switch {
	case r.failed <= 20:
		r.Failures = append(r.Failures, fmt.Sprintf(format, args...))
	case r.failed == 21:
		r.Failures = append(r.Failures, "and more")
	}
}

// Run runs the fault run: igfplus fault-run [flags].
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o := faultOpts{}
	fs := flag.NewFlagSet("igfplus fault-run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.participants, "participants", 100, "simulated participants, each with an account and a socket (the driver shares the machine: 100 fits two cores)")
	fs.DurationVar(&o.duration, "duration", 5*time.Minute, "how long the load runs (the faults fall within it)")
	fs.IntVar(&o.nodes, "nodes", 3, "server processes")
	fs.IntVar(&o.publications, "publications", 6, "recommendations published during the run")
	fs.StringVar(&o.nodeLogLevel, "node-log-level", "error", "the nodes' --log-level (their logs go to stderr)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	res, err := runFaultRun(ctx, o, stderr)
	if err != nil {
		return err
	}
	line, _ := json.Marshal(res)
	fmt.Fprintln(stdout, string(line))
	if !res.Pass {
		return errors.New("fault run failed")
	}
	return nil
}

func (o faultOpts) check() error {
	switch {
	case o.participants < 3 || o.participants > 5000:
		return fmt.Errorf("--participants must be 3..5000")
	case o.duration < 10*time.Second || o.duration > 30*time.Minute:
		return fmt.Errorf("--duration must be 10s..30m")
	case o.nodes < 2 || o.nodes > 8:
		return fmt.Errorf("--nodes must be 2..8 (one is killed)")
	case o.publications < 1 || o.publications > 100:
		return fmt.Errorf("--publications must be 1..100")
	}
	return nil
}

// runFaultRun sets up the cluster, runs the load with the faults, lets it
// settle and returns the verdict.
func runFaultRun(ctx context.Context, o faultOpts, log io.Writer) (faultResult, error) {
	res := faultResult{Participants: o.participants, Nodes: o.nodes, Refused: map[string]int64{}}
	if err := o.check(); err != nil {
		return res, err
	}
	cl, pub, clients, err := setUpFaultRun(ctx, o, log)
	if cl != nil {
		defer cl.stop()
	}
	if err != nil {
		return res, err
	}
	hook := startWebhookReceiver()
	defer hook.srv.Close()
	if err := pub.prepare(ctx, hook.srv.URL, o.publications); err != nil {
		return res, fmt.Errorf("fault run: publications: %w", err)
	}

	start := time.Now()
	runCtx, stopClients := context.WithCancel(ctx)
	defer stopClients()
	actCtx, stopActing := context.WithTimeout(runCtx, o.duration)
	defer stopActing()
	var wg sync.WaitGroup
	for _, c := range clients {
		wg.Go(func() { c.run(runCtx, actCtx, cl) })
	}
	res.Faults = injectFaults(actCtx, cl, pub, o, log)
	<-actCtx.Done()
	for len(pub.pending) > 0 && ctx.Err() == nil {
		pub.publishNext(ctx) // the ones the faults left over
	}
	if err := closePoll(ctx, cl, clients[0].poll, &res); err != nil {
		res.fail("closing the poll: %v; busy in Postgres: %v", err, busyBackends(ctx, cl))
	}
	if !settle(ctx, cl, clients, 30*time.Second, o.duration) {
		res.ProbeResumes = probeResume(ctx, cl, clients)
	}
	res.NodesReady, res.NodeConnections = cl.ready(ctx)
	if res.NodesReady < o.nodes {
		res.fail("%d of %d nodes ready at the end", res.NodesReady, o.nodes)
	}
	everyNodeServesTheRoom(ctx, cl, clients[0], &res)
	res.DurationS = time.Since(start).Seconds()
	stopClients()
	wg.Wait()
	if err := verifyFaultRun(ctx, cl, pub, hook, clients, &res); err != nil {
		return res, err
	}
	res.Pass = res.failed == 0
	return res, nil
}

// setUpFaultRun starts Postgres (seeded with the demo forum, the
// participants and an open poll), Redis and the nodes.
func setUpFaultRun(ctx context.Context, o faultOpts, log io.Writer) (*faultCluster, *faultPublisher, []*faultClient, error) {
	site, err := rig.Prepare(ctx, o.participants)
	if err != nil {
		return nil, nil, nil, err
	}
	cl := &faultCluster{site: site, bin: o.bin, log: log, logLevel: cmp.Or(o.nodeLogLevel, "error")}
	if err := cl.startRedis(ctx); err != nil {
		return cl, nil, nil, err
	}
	for range o.nodes {
		if err := cl.startNode(ctx); err != nil {
			return cl, nil, nil, err
		}
	}
	site.URL = cl.pick(0)
	poll, err := site.OpenPoll(ctx, false)
	if err != nil {
		return cl, nil, nil, err
	}
	accounts, err := site.Accounts(ctx)
	if err != nil {
		return cl, nil, nil, err
	}
	clients := make([]*faultClient, len(site.Tokens))
	for i, tok := range site.Tokens {
		// Ballots spread over the first 90 % of the load, across the faults.
		voteAt := time.Now().Add(time.Duration(rand.Int64N(int64(o.duration) * 9 / 10)))
		clients[i] = newFaultClient(i, accounts[i], tok, site.Session, poll, voteAt)
	}
	return cl, &faultPublisher{cl: cl}, clients, nil
}

// injectFaults spreads the publications and the three faults over the
// load: a node killed with SIGKILL, Redis restarted (its subscriptions
// lost), Postgres restarted on the same data and port.
func injectFaults(ctx context.Context, cl *faultCluster, pub *faultPublisher, o faultOpts, log io.Writer) []string {
	step := o.duration / 5
	var done []string
	began := time.Now()
	at := func(what string) { done = append(done, fmt.Sprintf("%s at %.1fs", what, time.Since(began).Seconds())) }
	faults := []func(){
		func() {
			cl.killNode(o.nodes - 1)
			at(fmt.Sprintf("kill -9 node %d", o.nodes))
			// Down for a third of a step (its clients move to the others),
			// then back on its own data folder: it must rejoin the room.
			sleepCtx(ctx, step/3)
			if err := cl.restartNode(ctx, o.nodes-1); err != nil {
				fmt.Fprintln(log, "fault run: node restart:", err)
				return
			}
			at(fmt.Sprintf("node %d restarted", o.nodes))
		},
		func() {
			if err := cl.redis.Restart(ctx); err != nil {
				fmt.Fprintln(log, "fault run: redis restart:", err)
			}
			at("restart redis")
		},
		func() {
			if err := cl.restartPostgres(ctx); err != nil {
				fmt.Fprintln(log, "fault run: postgres restart:", err)
			}
			at("restart postgres")
		},
	}
	perStep := (len(pub.pending) + len(faults)) / (len(faults) + 1)
	for i := 0; i <= len(faults) && ctx.Err() == nil; i++ {
		for range max(perStep, 1) {
			pub.publishNext(ctx)
		}
		sleepCtx(ctx, step-time.Since(began)%step)
		if i < len(faults) && ctx.Err() == nil {
			faults[i]()
		}
	}
	return done
}
