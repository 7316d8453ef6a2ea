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

// everyNodeServesTheRoom resumes on each node from a little behind the
// room's last offset, as a participant back from a short drop would, and
// fails the run unless each node, the restarted one included, delivers
// the tail of the room's sequence.
func everyNodeServesTheRoom(ctx context.Context, cl *faultCluster, like *faultClient, res *faultResult) {
	epoch, last, err := roomPosition(ctx, cl)
	if err != nil {
		res.fail("reading the room's position: %v", err)
		return
	}
	from := max(last-200, 0)
	cl.mu.Lock()
	nodes := append([]*faultNode(nil), cl.nodes...)
	cl.mu.Unlock()
	for i, n := range nodes {
		reached := int64(-1)
		if !n.dead {
			reached = resumeOn(ctx, n.url, like, epoch, from, last)
		}
		res.NodeResumes = append(res.NodeResumes, reached)
		if reached != last {
			res.fail("a resume on node %d from offset %d reached %d, not the room's %d", i+1, from, reached, last)
		}
	}
}

// resumeOn connects to url as like's account, resuming from (epoch,
// from), and returns the offset reached once it gets to target or after
// 15 s; -1 if it could not connect.
func resumeOn(ctx context.Context, url string, like *faultClient, epoch, from, target int64) int64 {
	p := newFaultClient(-1, like.account, like.token, like.session, like.poll, time.Now().Add(time.Hour))
	p.epoch, p.last, p.first = epoch, from, from
	conn, err := p.dial(ctx, url)
	if err != nil {
		return -1
	}
	defer conn.Close()
	deadline := time.Now().Add(15 * time.Second)
	for p.lastOffset() < target && time.Now().Before(deadline) && ctx.Err() == nil {
		sleepCtx(ctx, 100*time.Millisecond)
	}
	return p.lastOffset()
}
