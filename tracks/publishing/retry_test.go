package publishing

import (
	"testing"
	"time"
)

func TestBackoffSpansAboutThreeDays(t *testing.T) {
	var total time.Duration
	for _, d := range Backoff {
		total += d
	}
	if total < 60*time.Hour || total > 80*time.Hour {
		t.Fatalf("backoff totals %v, want about three days", total)
	}
}

func TestDecideFollowsThePolicy(t *testing.T) {
	cases := []struct {
		name       string
		attempt    int
		status     int
		retryAfter time.Duration
		want       Decision
	}{
		{"2xx delivers", 1, 204, 0, Decision{Outcome: Delivered}},
		{"410 disables", 3, 410, 0, Decision{Outcome: DisableEndpoint}},
		{"500 backs off", 1, 500, 0, Decision{Outcome: Retry, Wait: 5 * time.Second}},
		{"timeout backs off", 2, 0, 0, Decision{Outcome: Retry, Wait: 5 * time.Minute}},
		{"301 is a failure", 3, 301, 0, Decision{Outcome: Retry, Wait: 30 * time.Minute}},
		{"429 honours Retry-After", 1, 429, 90 * time.Second, Decision{Outcome: Retry, Wait: 90 * time.Second}},
		{"502 honours Retry-After", 1, 502, time.Hour, Decision{Outcome: Retry, Wait: time.Hour}},
		{"504 honours Retry-After, capped", 1, 504, 30 * 24 * time.Hour, Decision{Outcome: Retry, Wait: MaxRetryAfter}},
		{"503 ignores Retry-After", 1, 503, time.Hour, Decision{Outcome: Retry, Wait: 5 * time.Second}},
		{"429 without Retry-After backs off", 4, 429, 0, Decision{Outcome: Retry, Wait: 2 * time.Hour}},
		{"exhausted fails", len(Backoff) + 1, 500, 0, Decision{Outcome: Failed}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Decide(c.attempt, c.status, c.retryAfter, 0.5); got != c.want {
				t.Fatalf("Decide = %+v, want %+v", got, c.want)
			}
		})
	}
	lo, hi := Decide(1, 500, 0, 0), Decide(1, 500, 0, 0.999)
	if lo.Wait != 4*time.Second || hi.Wait < 5900*time.Millisecond {
		t.Fatalf("jitter range %v..%v, want 4s..6s", lo.Wait, hi.Wait)
	}
}
