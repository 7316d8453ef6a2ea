package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"testing"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/igftest"
)

// TestBenchFanoutDeliversEveryEventOnceAndResumes runs `igfplus bench
// fanout` small (40 clients, 40 events a second, 2 s) as a user would: its
// own server process, its own Postgres. It checks the figures are real,
// not their size: every client got every event once, in order, the
// forced reconnection resumed everyone, and every key the issue names is
// on the last line.
func TestBenchFanoutDeliversEveryEventOnceAndResumes(t *testing.T) {
	last, _ := runBenchFanout(t, "--clients", "40", "--rate", "40", "--duration", "2s")
	t.Logf("%s", last)
	var got map[string]float64
	if err := json.Unmarshal(last, &got); err != nil {
		t.Fatalf("last line is not one JSON object: %q: %v", last, err)
	}
	for _, k := range []string{"delivered_per_s", "cpu_us_per_delivery", "p50_ms", "p99_ms", "p999_ms",
		"gaps", "duplicates", "idle_rss_kib_per_conn", "resume_all_ms", "publish_p99_ms"} {
		if _, ok := got[k]; !ok {
			t.Errorf("no %q in %s", k, last)
		}
	}
	if got["gaps"] != 0 || got["duplicates"] != 0 {
		t.Errorf("gaps %v, duplicates %v, want none", got["gaps"], got["duplicates"])
	}
	if got["published"] < 40 || got["delivered"] != got["published"]*40 {
		t.Errorf("delivered %v of %v published to 40 clients", got["delivered"], got["published"])
	}
	if got["p50_ms"] <= 0 || got["p99_ms"] < got["p50_ms"] || got["resume_all_ms"] <= 0 || got["cpu_us_per_delivery"] <= 0 {
		t.Errorf("figures that cannot be: %s", last)
	}
}

// TestBenchFanoutRateMaxReportsItsBestStep runs `--rate max` small: it
// must print each step it tried and end with one step's real figures, the
// idle memory measured before the ramp among them.
func TestBenchFanoutRateMaxReportsItsBestStep(t *testing.T) {
	const clients = 200
	last, stderr := runBenchFanout(t, "--clients", "200", "--rate", "max", "--duration", "1s")
	t.Logf("%s%s", stderr, last)
	var got struct {
		Rate, Published, Delivered, Gaps, Duplicates, IdleRSS, P99 float64
	}
	var raw map[string]any
	if err := json.Unmarshal(last, &raw); err != nil {
		t.Fatalf("last line is not one JSON object: %q: %v", last, err)
	}
	for k, p := range map[string]*float64{"rate": &got.Rate, "published": &got.Published, "delivered": &got.Delivered,
		"gaps": &got.Gaps, "duplicates": &got.Duplicates, "idle_rss_kib_per_conn": &got.IdleRSS, "p99_ms": &got.P99} {
		v, ok := raw[k].(float64)
		if !ok {
			t.Fatalf("no number %q in %s", k, last)
		}
		*p = v
	}
	if !bytes.Contains(stderr, []byte("rate 100/s:")) {
		t.Errorf("the ramp's first step (100 events/s for 200 clients) is not in the output")
	}
	if got.Rate < 100 || got.Published <= 0 || got.Delivered != got.Published*clients {
		t.Errorf("rate %v, delivered %v of %v published to %d clients", got.Rate, got.Delivered, got.Published, clients)
	}
	if got.Gaps != 0 || got.Duplicates != 0 || got.P99 <= 0 {
		t.Errorf("gaps %v, duplicates %v, p99 %v", got.Gaps, got.Duplicates, got.P99)
	}
	if got.IdleRSS <= 0 {
		t.Errorf("idle_rss_kib_per_conn %v: the idle memory measured before the ramp was lost", got.IdleRSS)
	}
}

// runBenchFanout runs `igfplus bench fanout` with args and returns the last
// line of its output and what it wrote to stderr.
func runBenchFanout(t *testing.T, args ...string) (last, stderr []byte) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, igftest.Binary(t), append([]string{"bench", "fanout"}, args...)...)
	var errs bytes.Buffer
	cmd.Stderr = &errs
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bench fanout %v: %v\n%s", args, err, errs.String())
	}
	lines := bytes.Split(bytes.TrimSpace(out), []byte("\n"))
	return lines[len(lines)-1], errs.Bytes()
}
