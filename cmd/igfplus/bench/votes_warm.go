package bench

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/igfplus/igfplus/cmd/igfplus/rig"
)

// warmVoters has every voter read the poll (GET /api/polls/{id}) with its
// token before the clock starts, as a browser shows the poll before its
// voter chooses: the server has then seen each token once, as it has seen
// each socket voter's at connect time. Without it every ballot carries a
// token the server has never verified, which no real voter sends.
func warmVoters(ctx context.Context, t *rig.Site, poll int64, concurrency int) error {
	path := fmt.Sprintf("/api/polls/%d", poll)
	next := make(chan string)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	addr, err := leanAddr(t.URL)
	if err != nil {
		return err
	}
	for range concurrency {
		wg.Go(func() {
			c := newLeanConn(addr)
			defer c.close()
			for token := range next {
				if err := readPoll(ctx, c, path, token); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		})
	}
	for _, token := range t.Tokens {
		next <- token
	}
	close(next)
	wg.Wait()
	return firstErr
}

func readPoll(ctx context.Context, c *leanConn, path, token string) error {
	status, err := c.do(ctx, http.MethodGet, path, token, nil)
	if err == nil && status != http.StatusOK {
		err = fmt.Errorf("bench: reading the poll: status %d", status)
	}
	return err
}
