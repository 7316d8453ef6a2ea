package main

import (
	"context"
	"log/slog"
	"time"
)

// every runs job at each tick of interval until ctx ends, logging a failure
// as what failed (a job cut short because the node stops is no failure).
// The jobs are sweeps that the next tick repeats, so one that fails is
// retried then, and none needs a schedule of its own.
func every(ctx context.Context, interval time.Duration, log *slog.Logger, what string, job func(ctx context.Context, now time.Time) error) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			if err := job(ctx, now); err != nil && ctx.Err() == nil {
				log.Warn(what, "err", err)
			}
		}
	}
}
