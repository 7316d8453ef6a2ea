package bench

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"

	"github.com/igfplus/igfplus/cmd/igfplus/rig"
	"github.com/igfplus/igfplus/hub/roomclient"
)

// dialParallelism is how many sockets the benchmarks open at once: enough
// to connect thousands quickly, few enough not to measure a connection storm.
const dialParallelism = 64

// dialEach opens one connection per token with dial, dialParallelism at a
// time, and stops at the first error. conns[i] is token i's connection, nil
// where none was opened: on an error the caller closes those that were.
func dialEach[C any](ctx context.Context, tokens []string, dial func(ctx context.Context, i int, token string) (C, error)) (conns []C, err error) {
	conns = make([]C, len(tokens))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(dialParallelism)
	for i, tok := range tokens {
		g.Go(func() error {
			c, err := dial(gctx, i, tok)
			if err != nil {
				return err
			}
			conns[i] = c
			return nil
		})
	}
	return conns, g.Wait()
}

// connectVoters opens every voter's room socket before the clock starts:
// in a live session people are already connected when a poll opens.
func connectVoters(ctx context.Context, t *rig.Site) ([]*roomclient.Conn, error) {
	url := roomclient.SessionURL(t.URL, t.Session)
	socks, err := dialEach(ctx, t.Tokens, func(ctx context.Context, i int, tok string) (*roomclient.Conn, error) {
		c, err := roomclient.Dial(ctx, url, roomclient.Options{Token: tok})
		if err != nil {
			return nil, fmt.Errorf("voter %d: %w", i, err)
		}
		return c, nil
	})
	if err != nil {
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
