package bench

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/igfplus/igfplus/hub/roomclient"
)

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
