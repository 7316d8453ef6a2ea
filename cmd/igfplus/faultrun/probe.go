package faultrun

import (
	"context"
	"time"
)

// probeResume opens one more connection per ready node, resuming from the
// slowest client's position, and returns how far each got in 5 s: when the
// connected clients are stuck but a resume gets the tail, the room's live
// fanout stalled while the log is whole.
func probeResume(ctx context.Context, cl *faultCluster, clients []*faultClient) []int64 {
	slowest, behind := clients[0], clients[0].lastOffset()
	for _, c := range clients {
		if last := c.lastOffset(); last < behind {
			slowest, behind = c, last
		}
	}
	var reached []int64
	cl.mu.Lock()
	nodes := append([]*faultNode(nil), cl.nodes...)
	cl.mu.Unlock()
	for _, n := range nodes {
		if n.dead {
			continue
		}
		p := newFaultClient(-1, slowest.account, slowest.token, slowest.session, slowest.poll, time.Now().Add(time.Hour))
		slowest.mu.Lock()
		p.epoch, p.last, p.first = slowest.epoch, slowest.last, slowest.last
		slowest.mu.Unlock()
		conn, err := p.dial(ctx, n.url)
		if err != nil {
			reached = append(reached, -1)
			continue
		}
		sleepCtx(ctx, 5*time.Second)
		conn.Close()
		reached = append(reached, p.lastOffset())
	}
	return reached
}

func (c *faultClient) lastOffset() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last
}
