package bench

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/igfplus/igfplus/cmd/igfplus/rig"
	"github.com/igfplus/igfplus/hub/roomclient"
)

// connectVoters opens every voter's room socket before the clock starts:
// in a live session people are already connected when a poll opens.
func connectVoters(ctx context.Context, t *rig.Site) ([]*roomclient.Conn, error) {
	socks := make([]*roomclient.Conn, len(t.Tokens))
	url := roomclient.SessionURL(t.URL, t.Session)
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(64)
	for i, tok := range t.Tokens {
		g.Go(func() error {
			c, err := roomclient.Dial(ctx, url, roomclient.Options{Token: tok})
			if err != nil {
				return fmt.Errorf("voter %d: %w", i, err)
			}
			socks[i] = c
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		closeVoters(socks)
		return nil, err
	}
	return socks, nil
}

func closeVoters(socks []*roomclient.Conn) {
	for _, s := range socks {
		if s != nil {
			s.Close()
		}
	}
}

// castAllOverSockets has o.concurrency ballots in flight at a time, each
// sent as a poll.vote message on its voter's socket and acknowledged by
// ref, until every voter has voted or o.duration has passed.
func castAllOverSockets(ctx context.Context, poll int64, socks []*roomclient.Conn, o votesOpts, lat *latencyHistogram) (ok, refused int64) {
	ctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	var next atomic.Int64
	var okN, refusedN atomic.Int64
	answers := []string{"yes", "no", "abstain", "yes"}
	var wg sync.WaitGroup
	for range o.concurrency {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(socks) {
					return
				}
				msg := fmt.Sprintf(`{"type":"poll.vote","poll_id":%d,"answer":%q}`, poll, answers[i%len(answers)])
				began := time.Now()
				reply, err := socks[i].Do(ctx, msg)
				switch {
				case err == nil && reply.OK:
					lat.record(time.Since(began))
					okN.Add(1)
				case ctx.Err() == nil:
					refusedN.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return okN.Load(), refusedN.Load()
}
