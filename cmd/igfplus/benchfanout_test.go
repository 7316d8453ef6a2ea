package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"testing"
	"time"
)

// TestBenchFanoutDeliversEveryEventOnceAndResumes runs `igfplus bench
// fanout` small (40 clients, 40 events a second, 2 s) as a user would: its
// own server process, its own Postgres. It checks the figures are real,
// not their size: every client got every event once, in order, the
// forced reconnection resumed everyone, and every key the issue names is
// on the last line.
func TestBenchFanoutDeliversEveryEventOnceAndResumes(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), "bench", "fanout", "--clients", "40", "--rate", "40", "--duration", "2s")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bench fanout: %v\n%s", err, stderr.String())
	}
	lines := bytes.Split(bytes.TrimSpace(out), []byte("\n"))
	last := lines[len(lines)-1]
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
