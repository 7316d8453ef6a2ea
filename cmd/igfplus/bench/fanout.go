package bench

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/rig"
	"github.com/igfplus/igfplus/hub/roomclient"
)

// fanoutResult is the benchmark's verdict, printed as one JSON line.
type fanoutResult struct {
	Clients          int     `json:"clients"`
	Rate             float64 `json:"rate"`
	PublishedPerS    float64 `json:"published_per_s"`
	DurationS        float64 `json:"duration_s"`
	Published        int64   `json:"published"`
	Delivered        int64   `json:"delivered"`
	DeliveredPerS    float64 `json:"delivered_per_s"`
	CPUUsPerDelivery float64 `json:"cpu_us_per_delivery"`
	P50Ms            float64 `json:"p50_ms"`
	P99Ms            float64 `json:"p99_ms"`
	P999Ms           float64 `json:"p999_ms"`
	// The publishing POST's own round trip (HTTP, the durable commit, the
	// hub's publish): the part of the latency above that is not fanout.
	PublishP50Ms      float64 `json:"publish_p50_ms"`
	PublishP99Ms      float64 `json:"publish_p99_ms"`
	Gaps              int64   `json:"gaps"`
	Duplicates        int64   `json:"duplicates"`
	IdleRSSKiBPerConn float64 `json:"idle_rss_kib_per_conn"`
	ResumeAllMs       float64 `json:"resume_all_ms"`
	Saturation        bool    `json:"saturation,omitempty"`
}

type fanoutOpts struct {
	clients    int
	rate       string
	duration   time.Duration
	url        string
	pid        int
	publishers int
	payload    int
}

// benchFanout connects N WebSocket clients to one live session room over
// 127.0.0.1, publishes R chat events a second through the real API, and
// measures delivery, latency, server CPU and memory, and resume time.
func benchFanout(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o fanoutOpts
	fs := flag.NewFlagSet("igfplus bench fanout", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.clients, "clients", 1000, "WebSocket clients in the room")
	fs.StringVar(&o.rate, "rate", "100", "events published a second, or max to find saturation")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "how long to publish (per step with --rate max)")
	fs.StringVar(&o.url, "url", "", "target a running server (with the demo forum) instead of starting one")
	fs.IntVar(&o.pid, "pid", 0, "with --url: the server's process id, to measure its CPU and memory")
	fs.IntVar(&o.publishers, "publishers", 8, "concurrent publishing connections")
	fs.IntVar(&o.payload, "payload", 200, "approximate size of an event, in bytes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.clients < 1 || o.clients > 50000 || o.duration <= 0 || o.duration > 10*time.Minute {
		return fmt.Errorf("--clients must be 1..50000 and --duration at most 10m")
	}
	target, stop, err := benchTarget(ctx, o, stderr)
	if err != nil {
		return err
	}
	defer stop()
	run, err := newFanoutRun(ctx, target, o)
	if err != nil {
		return err
	}
	defer run.closeAll()
	res, err := run.measure(ctx, o, stderr)
	return printResult(stdout, res, err)
}

// fanoutTarget is the server under test.
type fanoutTarget struct {
	url     string
	pid     int // 0 when unknown
	token   string
	session int64
}

// fanoutRun is one benchmark run's clients and counters.
type fanoutRun struct {
	t       fanoutTarget
	clients []*roomclient.Conn
	lat     *latencyHistogram
	pubLat  *latencyHistogram // the publishing POSTs' round trips
	seq     atomic.Int64
	http    *http.Client
	padding string
	poller  *roomclient.Poller // reads the clients; nil: a goroutine each
}

func newFanoutRun(ctx context.Context, t fanoutTarget, o fanoutOpts) (*fanoutRun, error) {
	r := &fanoutRun{t: t, lat: newLatencyHistogram(), pubLat: newLatencyHistogram(), http: &http.Client{Timeout: 10 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: o.publishers * 2}}}
	// The event frame around the body is about 330 bytes; pad the body so
	// that the whole event is about the requested size.
	r.padding = strings.Repeat("x", max(0, o.payload-120))
	p, err := roomclient.NewPoller(runtime.GOMAXPROCS(0))
	if err != nil {
		return nil, err
	}
	r.poller = p
	return r, nil
}

func (r *fanoutRun) closeAll() {
	for _, c := range r.clients {
		if c != nil {
			c.Close()
		}
	}
	r.poller.Stop()
}

// measure connects the clients, then runs one step (or a ramp with --rate
// max), then forces every client to reconnect and resume.
func (r *fanoutRun) measure(ctx context.Context, o fanoutOpts, log io.Writer) (fanoutResult, error) {
	res := fanoutResult{Clients: o.clients}
	rssBefore := rig.RSSKiB(r.t.pid)
	if err := r.connectAll(ctx, o.clients, nil); err != nil {
		return res, err
	}
	time.Sleep(time.Second) // let the server settle after the connection storm
	if r.t.pid > 0 {
		res.IdleRSSKiBPerConn = float64(rig.RSSKiB(r.t.pid)-rssBefore) / float64(o.clients)
	}
	if o.rate == "max" {
		if err := r.ramp(ctx, o, &res, log); err != nil {
			return res, err
		}
	} else {
		rate, err := strconv.ParseFloat(o.rate, 64)
		if err != nil || rate <= 0 {
			return res, fmt.Errorf("--rate must be a positive number or max")
		}
		if err := r.step(ctx, o, rate, &res); err != nil {
			return res, err
		}
	}
	ms, err := r.resumeAll(ctx)
	if err != nil {
		return res, err
	}
	res.ResumeAllMs = ms
	for _, c := range r.clients {
		res.Gaps += c.Counters().Gaps.Load()
		res.Duplicates += c.Counters().Duplicates.Load()
	}
	return res, nil
}

// ramp doubles the rate until a step falls short: delivery behind, p99
// past 50 ms, or fewer than nine tenths of the events asked published a
// second (the publish path is saturated). It reports the step with the
// most deliveries a second among those that kept up ("saturation": true),
// or, when not even the first did, that step ("saturation" absent).
func (r *fanoutRun) ramp(ctx context.Context, o fanoutOpts, best *fanoutResult, log io.Writer) error {
	rate := max(10.0, 20000.0/float64(o.clients))
	idle := best.IdleRSSKiBPerConn
	defer func() { best.IdleRSSKiBPerConn = idle }()
	for i := range 12 {
		var step fanoutResult
		step.Clients = o.clients
		if err := r.step(ctx, o, rate, &step); err != nil {
			return err
		}
		fmt.Fprintf(log, "rate %.0f/s: %.0f published/s, %.0f deliveries/s, p99 %.1f ms\n", rate, step.PublishedPerS, step.DeliveredPerS, step.P99Ms)
		kept := float64(step.Delivered) >= 0.999*float64(step.Published)*float64(o.clients) &&
			step.P99Ms <= 50 && step.PublishedPerS >= 0.9*rate
		switch {
		case kept && step.DeliveredPerS > best.DeliveredPerS:
			*best = step
			best.Saturation = true
		case i == 0:
			*best = step
		}
		if !kept {
			break
		}
		rate *= 2
	}
	return nil
}

// step publishes at rate for the duration and waits for every client to
// receive everything (or 10 s), then fills res.
func (r *fanoutRun) step(ctx context.Context, o fanoutOpts, rate float64, res *fanoutResult) error {
	r.lat.reset()
	r.pubLat.reset()
	before := r.delivered()
	cpuBefore := rig.CPUMicros(r.t.pid)
	start := time.Now()
	published, err := r.publish(ctx, o, rate)
	if err != nil {
		return err
	}
	publishTime := time.Since(start)
	want := before + published*int64(len(r.clients))
	for deadline := time.Now().Add(10 * time.Second); r.delivered() < want && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	elapsed := time.Since(start)
	delivered := r.delivered() - before
	res.Rate, res.Published, res.Delivered = rate, published, delivered
	res.DurationS = elapsed.Seconds()
	// Rates are over the time things really took: an overloaded server
	// that falls behind shows as a lower rate, not a flattering one.
	res.PublishedPerS = float64(published) / publishTime.Seconds()
	res.DeliveredPerS = float64(delivered) / elapsed.Seconds()
	if r.t.pid > 0 && delivered > 0 {
		res.CPUUsPerDelivery = float64(rig.CPUMicros(r.t.pid)-cpuBefore) / float64(delivered)
	}
	res.P50Ms, res.P99Ms, res.P999Ms = r.lat.quantile(0.5), r.lat.quantile(0.99), r.lat.quantile(0.999)
	res.PublishP50Ms, res.PublishP99Ms = r.pubLat.quantile(0.5), r.pubLat.quantile(0.99)
	return nil
}

func (r *fanoutRun) delivered() int64 {
	var n int64
	for _, c := range r.clients {
		n += c.Counters().Received.Load()
	}
	return n
}

// publish posts chat messages at rate from several publishers for the
// duration and returns how many were accepted.
func (r *fanoutRun) publish(ctx context.Context, o fanoutOpts, rate float64) (int64, error) {
	var accepted atomic.Int64
	var firstErr atomic.Value
	interval := time.Duration(float64(time.Second) * float64(o.publishers) / rate)
	stop := time.Now().Add(o.duration)
	var wg sync.WaitGroup
	for p := range o.publishers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			next := time.Now().Add(time.Duration(p) * interval / time.Duration(o.publishers))
			for next.Before(stop) && ctx.Err() == nil {
				time.Sleep(time.Until(next))
				next = next.Add(interval)
				if err := r.postOne(ctx); err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
				accepted.Add(1)
			}
		}()
	}
	wg.Wait()
	if err, _ := firstErr.Load().(error); err != nil {
		return accepted.Load(), err
	}
	return accepted.Load(), nil
}

func (r *fanoutRun) postOne(ctx context.Context) error {
	return postBenchChat(ctx, r.http, r.pubLat, r.t.url, r.t.token, r.t.session, r.seq.Add(1), r.padding)
}

// postBenchChat posts one chat message into session's room through the API
// of the server at base, as the bearer of token, and records the POST's
// round trip in lat. The body starts with its send time ("bench <Unix ns>
// <seq> <padding>"), which recordSent reads at every receiver.
func postBenchChat(ctx context.Context, hc *http.Client, lat *latencyHistogram, base, token string, session, seq int64, padding string) error {
	start := time.Now()
	defer func() { lat.record(time.Since(start)) }()
	body := fmt.Sprintf(`{"body":"bench %d %d %s"}`, start.UnixNano(), seq, padding)
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, fmt.Sprintf("%s/api/sessions/%d/chat", base, session), strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("posting an event: status %d", resp.StatusCode)
	}
	return nil
}
