package bench

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/rig"
)

// roomResult is the room benchmark's verdict, printed as one JSON line.
//
// Update latency runs from the event's `at` (the Postgres time of the
// transaction that stored it, on the same machine's clock) to each
// receiver's receipt; chat latency runs from the sender's send to each
// receiver's receipt (the send time travels in the message's body).
type roomResult struct {
	Participants      int              `json:"participants"`
	DurationS         float64          `json:"duration_s"`
	ServerCPUPct      float64          `json:"server_cpu_pct"`
	ServerCPUUsPerS   float64          `json:"server_cpu_us_per_s"`
	PostgresCPUPct    float64          `json:"postgres_cpu_pct"`
	PostgresCPUUsPerS float64          `json:"postgres_cpu_us_per_s"`
	UpdateP50Ms       float64          `json:"update_p50_ms"`
	UpdateP99Ms       float64          `json:"update_p99_ms"`
	UpdateP999Ms      float64          `json:"update_p999_ms"`
	ChatP50Ms         float64          `json:"chat_p50_ms"`
	ChatP99Ms         float64          `json:"chat_p99_ms"`
	ChatP999Ms        float64          `json:"chat_p999_ms"`
	Events            int64            `json:"events"`
	EventsPerS        float64          `json:"events_per_s"`
	Delivered         int64            `json:"delivered"`
	DeliveredPerS     float64          `json:"delivered_per_s"`
	Actions           int64            `json:"actions"`
	ActionsPerS       float64          `json:"actions_per_s"`
	ActionsByKind     map[string]int64 `json:"actions_by_kind"`
	Gaps              int64            `json:"gaps"`
	Duplicates        int64            `json:"duplicates"`
	Errors            int64            `json:"errors"`
	ErrorCodes        map[string]int64 `json:"error_codes,omitempty"`
	ConnectS          float64          `json:"connect_s"`
}

// roomOpts are the benchmark's knobs; the rates are for the whole room.
type roomOpts struct {
	participants  int
	duration      time.Duration
	chatRate      float64       // chat messages a second
	reactionRate  float64       // reactions a second
	floorRate     float64       // floor requests and withdrawals a second
	questionRate  float64       // questions and upvotes a second
	moderateEvery time.Duration // how often the moderator grants or ends a turn
	bin           string        // the server binary; empty: this one
}

// benchRoom starts its own server and durable Postgres with N participant
// accounts, has them all follow one live session room over WebSocket while a
// realistic mix of chat, floor requests, turns, reactions, questions and
// upvotes runs through the real protocol, and prints what it cost.
func benchRoom(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o := roomOpts{chatRate: 5, reactionRate: 20, floorRate: 1, questionRate: 1, moderateEvery: 3 * time.Second}
	fs := flag.NewFlagSet("igfplus bench room", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.participants, "participants", 1000, "participants in the room, each with an account of their own")
	fs.DurationVar(&o.duration, "duration", 30*time.Second, "how long the session's activity runs")
	fs.Float64Var(&o.chatRate, "chat", o.chatRate, "chat messages a second")
	fs.Float64Var(&o.reactionRate, "reactions", o.reactionRate, "reactions a second (at most one a second per person)")
	fs.Float64Var(&o.floorRate, "floor", o.floorRate, "floor requests and withdrawals a second")
	fs.Float64Var(&o.questionRate, "questions", o.questionRate, "questions and upvotes a second")
	fs.DurationVar(&o.moderateEvery, "moderate-every", o.moderateEvery, "how often the moderator grants or ends a turn")
	if err := fs.Parse(args); err != nil {
		return err
	}
	res, err := runRoomBench(ctx, o, stderr)
	return printResult(stdout, res, err)
}

// runRoomBench sets up the installation, connects everyone, runs the mix and
// tears it all down again.
func runRoomBench(ctx context.Context, o roomOpts, log io.Writer) (roomResult, error) {
	res := roomResult{Participants: o.participants}
	if err := o.check(); err != nil {
		return res, err
	}
	t, err := rig.Start(ctx, o.participants, o.bin, log)
	if err != nil {
		return res, err
	}
	defer t.Stop()
	room, err := joinRoom(ctx, t)
	if err != nil {
		return res, err
	}
	defer room.closeAll()
	res.ConnectS = room.connectTime.Seconds()
	time.Sleep(time.Second) // let the server settle after the connection storm
	room.measure(ctx, t, o, &res)
	return res, nil
}

func (o roomOpts) check() error {
	switch {
	case o.participants < 2 || o.participants > 20000:
		return fmt.Errorf("--participants must be 2..20000")
	case o.duration <= 0 || o.duration > 10*time.Minute:
		return fmt.Errorf("--duration must be positive and at most 10m")
	case o.chatRate < 0 || o.reactionRate < 0 || o.floorRate < 0 || o.questionRate < 0 ||
		o.chatRate > 1000 || o.reactionRate > 1000 || o.floorRate > 100 || o.questionRate > 100:
		return fmt.Errorf("rates must be 0..1000 (floor and questions 0..100)")
	case o.reactionRate > float64(o.participants)/2:
		// Round robin over everyone must leave each person more than a
		// second between reactions, or the server rightly refuses some.
		return fmt.Errorf("--reactions must be at most half the participants a second")
	case o.moderateEvery < 100*time.Millisecond:
		return fmt.Errorf("--moderate-every must be at least 100ms")
	}
	return nil
}
