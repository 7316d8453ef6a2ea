// Package relay delivers the publishing outbox to decision-making bodies'
// endpoints over HTTP, signed by the Standard Webhooks conventions. Workers
// on any number of nodes claim due rows from the shared outbox; the retry
// policy is the domain's (publishing.Decide).
package relay

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

// Config configures a Relay. Zero values take the defaults.
type Config struct {
	Outbox publishing.Outbox
	Logger *slog.Logger
	// Workers is how many rows are sent at once by this relay (default 4).
	Workers int
	// Timeout bounds one attempt, connection to last byte (default 15 s).
	Timeout time.Duration
	// Lease is how long a claimed row is this node's; it must exceed
	// Timeout, or a slow attempt could be taken over while in flight
	// (default 4 × Timeout).
	Lease time.Duration
	// Poll is how often an idle worker looks for due rows (default 1 s).
	Poll time.Duration
	// Metrics counts attempts by outcome; nil counts nothing.
	Metrics *Metrics
	// Now and Jitter are for tests; they default to time.Now and
	// publishing.Jitter.
	Now    func() time.Time
	Jitter func() float64
}

// Relay sends outbox rows.
type Relay struct {
	cfg     Config
	id      string
	strict  *http.Client // refuses private addresses
	lenient *http.Client // for endpoints with allow_private
}

// New returns a relay with a random worker id prefix.
func New(cfg Config) *Relay {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 4
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 15 * time.Second
	}
	if cfg.Lease <= cfg.Timeout {
		cfg.Lease = 4 * cfg.Timeout
	}
	if cfg.Poll <= 0 {
		cfg.Poll = time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Jitter == nil {
		cfg.Jitter = publishing.Jitter
	}
	b := make([]byte, 6)
	rand.Read(b)
	return &Relay{cfg: cfg, id: hex.EncodeToString(b),
		strict: newClient(cfg.Timeout, true), lenient: newClient(cfg.Timeout, false)}
}

func newClient(timeout time.Duration, refuse bool) *http.Client {
	d := &net.Dialer{Timeout: 10 * time.Second}
	if refuse {
		d.Control = refusePrivate
	}
	tr := &http.Transport{DialContext: d.DialContext, Proxy: nil, MaxIdleConnsPerHost: 4,
		TLSHandshakeTimeout: 10 * time.Second, IdleConnTimeout: 90 * time.Second}
	return &http.Client{
		Transport: tr,
		Timeout:   timeout,
		// A body must register its real URL: following a redirect would
		// send the signed event wherever the redirect points.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Run runs the workers until ctx ends, then waits for attempts in flight
// (each bounded by Timeout).
func (r *Relay) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for i := range r.cfg.Workers {
		wg.Go(func() { r.worker(ctx, r.id+"-"+strconv.Itoa(i)) })
	}
	wg.Wait()
}

func (r *Relay) worker(ctx context.Context, name string) {
	for ctx.Err() == nil {
		n, err := r.Once(ctx, name, 1)
		if err != nil && ctx.Err() == nil {
			r.cfg.Logger.Warn("relay: claim", "worker", name, "err", err)
		}
		if n == 0 {
			select {
			case <-ctx.Done():
			case <-time.After(r.cfg.Poll):
			}
		}
	}
}

// Once claims up to n due rows as worker, sends them and records the
// outcomes; it returns how many it handled. Tests drive it directly.
func (r *Relay) Once(ctx context.Context, worker string, n int) (int, error) {
	jobs, err := r.cfg.Outbox.Claim(ctx, worker, n, r.cfg.Lease)
	if err != nil {
		return 0, err
	}
	for _, job := range jobs {
		res := r.send(ctx, job)
		// The outcome is recorded even when ctx ended meanwhile: a
		// delivered event must not be sent again for want of a write.
		wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		err := r.cfg.Outbox.Complete(wctx, worker, job, res)
		cancel()
		if err != nil {
			return len(jobs), err
		}
	}
	return len(jobs), nil
}

// send makes one attempt and decides what follows.
func (r *Relay) send(ctx context.Context, job publishing.Job) publishing.AttemptResult {
	start := r.cfg.Now()
	status, retryAfter, err := r.post(ctx, job, start)
	err = withoutURL(err)
	res := publishing.AttemptResult{Status: status, Duration: time.Since(start), Failure: Classify(status, err)}
	if err != nil {
		res.Error = err.Error()
	} else if status >= 300 && status < 400 {
		res.Error = "redirect not followed"
	}
	res.Decision = publishing.Decide(job.Attempt, status, retryAfter, r.cfg.Jitter())
	r.cfg.Metrics.observe(res.Decision.Outcome)
	if errors.Is(err, ErrPrivateAddress) {
		// Retrying cannot help until the Secretariat changes the
		// endpoint; it is logged and retried on the normal schedule so
		// that a fixed endpoint still gets the event.
		r.cfg.Logger.Warn("relay: endpoint refused", "endpoint", job.EndpointID, "err", err)
	}
	return res
}

// withoutURL is what failed, without the endpoint's address: the client's
// errors quote the whole URL, whose query can carry the token of the
// body's webhook service, and neither the log nor the attempts' record
// may hold it (the endpoint's id says which).
func withoutURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}

func (r *Relay) post(ctx context.Context, job publishing.Job, now time.Time) (int, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, job.URL, bytes.NewReader(job.Payload))
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "igfplus-relay/1")
	if err := stdwebhooks.SetHeaders(req.Header, job.Keys, job.EventID, now, job.Payload); err != nil {
		return 0, 0, fmt.Errorf("%w: %w", errSigning, err)
	}
	client := r.strict
	if job.AllowPrivate {
		client = r.lenient
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return resp.StatusCode, retryAfter(resp.Header.Get("Retry-After"), now), nil
}

// retryAfter parses a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
