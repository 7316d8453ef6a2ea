package bench

import (
	"context"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/rig"
	"github.com/igfplus/igfplus/hub/roomclient"
)

// scaleoutCPU is the CPU time (µs) of every process of the run at one
// moment: the nodes, the Redis processes, Postgres.
type scaleoutCPU struct {
	nodes, redis []int64
	postgres     int64
	at           time.Time
}

func (s *scaleoutSite) cpu() scaleoutCPU {
	c := scaleoutCPU{postgres: s.PostgresCPU(), at: time.Now()}
	for _, n := range s.nodes {
		c.nodes = append(c.nodes, rig.CPUMicros(n.pid()))
	}
	for _, r := range s.redisServers() {
		c.redis = append(c.redis, rig.CPUMicros(r.PID()))
	}
	return c
}

// measure publishes for the duration, waits up to 15 s for the last
// deliveries, and fills res with what arrived and what it cost.
func (r *scaleoutRun) measure(ctx context.Context, site *scaleoutSite, o scaleoutOpts, res *scaleoutResult) error {
	before := map[*roomclient.Conn]int64{}
	for _, room := range r.rooms {
		for _, c := range room.clients {
			before[c] = c.Counters().Received.Load()
		}
	}
	nodeBefore := make([]int64, len(r.perNode))
	for i, cs := range r.perNode {
		nodeBefore[i] = received(cs)
	}
	res.LoadStart = loadAverage()
	cpu0 := site.cpu()
	r.publishAll(ctx, site, o)
	publishTime := time.Since(cpu0.at)
	r.waitDelivered(before, 15*time.Second)
	cpu1 := site.cpu()
	res.LoadEnd = loadAverage()
	res.DurationS = cpu1.at.Sub(cpu0.at).Seconds()
	res.PublishErrors = r.errors.Load()
	res.RoomsShort = r.short(before)
	r.fillKinds(res, before, publishTime, cpu1.at.Sub(cpu0.at))
	r.fillCosts(res, site, nodeBefore, cpu0, cpu1)
	r.fillCounters(res)
	return nil
}

// fillCosts fills each node's, each Redis process's and Postgres's share
// of the CPU between the two readings, and the nodes' memory.
func (r *scaleoutRun) fillCosts(res *scaleoutResult, site *scaleoutSite, nodeBefore []int64, cpu0, cpu1 scaleoutCPU) {
	elapsed := cpu1.at.Sub(cpu0.at)
	for i, cs := range r.perNode {
		f := nodeFigures{Clients: len(cs), Delivered: received(cs) - nodeBefore[i],
			CPUPct: cpuPct(cpu1.nodes[i]-cpu0.nodes[i], elapsed), RSSMiB: float64(rig.RSSKiB(site.nodes[i].pid())) / 1024}
		if f.Delivered > 0 {
			f.CPUUsPerDelivery = float64(cpu1.nodes[i]-cpu0.nodes[i]) / float64(f.Delivered)
		}
		res.PerNode = append(res.PerNode, f)
	}
	for i := range res.Redis {
		res.Redis[i].CPUPct = cpuPct(cpu1.redis[i]-cpu0.redis[i], elapsed)
	}
	res.PostgresCPUPct = cpuPct(cpu1.postgres-cpu0.postgres, elapsed)
	var events int64
	for _, k := range res.Kinds {
		events += k.Published
	}
	if events > 0 {
		res.PostgresUsPerEvt = float64(cpu1.postgres-cpu0.postgres) / float64(events)
	}
}

// fillCounters sums the clients' gaps and duplicates and counts those the
// server closed.
func (r *scaleoutRun) fillCounters(res *scaleoutResult) {
	for _, room := range r.rooms {
		for _, c := range room.clients {
			res.Gaps += c.Counters().Gaps.Load()
			res.Duplicates += c.Counters().Duplicates.Load()
			select {
			case <-c.Done():
				res.ClientsDropped++
			default:
			}
		}
	}
}

// fillKinds sums each kind of room's events and deliveries.
func (r *scaleoutRun) fillKinds(res *scaleoutResult, before map[*roomclient.Conn]int64, publishTime, elapsed time.Duration) {
	for _, k := range r.kinds {
		res.Kinds[k.name] = &scaleoutKind{P50Ms: k.lat.quantile(0.5), P99Ms: k.lat.quantile(0.99), P999Ms: k.lat.quantile(0.999),
			PublishP99Ms: k.pubLat.quantile(0.99)}
	}
	for _, room := range r.rooms {
		k := res.Kinds[room.kind.name]
		k.Rooms++
		k.Clients += len(room.clients)
		published := room.published.Load()
		k.Published += published
		if published > 0 {
			res.RoomsPublished++
		}
		short := false
		for _, c := range room.clients {
			got := c.Counters().Received.Load() - before[c]
			k.Delivered += got
			short = short || got < published
		}
		if short {
			k.RoomsShort++
		}
	}
	for name, k := range res.Kinds {
		k.PublishedPerS = float64(k.Published) / publishTime.Seconds()
		k.DeliveredPerS = float64(k.Delivered) / elapsed.Seconds()
		if k.Rooms == 0 { // one room: the plenary alone
			delete(res.Kinds, name)
		}
	}
}

// cpuPct is CPU time over wall time, in percent of one core.
func cpuPct(micros int64, wall time.Duration) float64 {
	if wall <= 0 {
		return 0
	}
	return 100 * float64(micros) / float64(wall.Microseconds())
}
