package bench

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/igftest"
	"github.com/igfplus/igfplus/deploy/localredis"
	"github.com/igfplus/igfplus/deploy/testenv"
)

// TestBenchScaleoutDeliversEveryRoomOnceAcrossThreeNodesOnARedisCluster
// runs the scale-out benchmark small: three nodes of the real binary on a
// private three-node Redis Cluster (--redis-cluster, sharded pub/sub) and
// one Postgres, a plenary of 60 clients and 11 small rooms of 4, spread
// over the nodes, for a few seconds. It checks correctness, not timings:
// every room received events, every client got every event of its room
// once and in order, nobody was dropped, no POST was refused, every node
// delivered, and every room's channel was found on a shard of the cluster.
func TestBenchScaleoutDeliversEveryRoomOnceAcrossThreeNodesOnARedisCluster(t *testing.T) {
	testenv.Heavy(t, "three nodes of the igfplus binary on a three-node Redis Cluster")
	bin := igftest.Binary(t)
	if _, err := localredis.FindBinary(); err != nil {
		testenv.Missing(t, "%v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	log := igftest.RunLog()
	o := scaleoutOpts{nodes: 3, redis: "cluster", shards: 3, plenary: 60, rooms: 12, roomSize: 4,
		rate: 4, plenaryRate: 20, duration: 3 * time.Second, payload: 200, bin: bin}
	res, err := runScaleout(ctx, o, log)
	if err != nil {
		t.Fatal(err)
	}
	line, _ := json.Marshal(res)
	t.Logf("%s", line)
	if res.Gaps != 0 || res.Duplicates != 0 || res.PublishErrors != 0 || res.ClientsDropped != 0 {
		t.Errorf("gaps %d, duplicates %d, refused POSTs %d, clients dropped %d: want none",
			res.Gaps, res.Duplicates, res.PublishErrors, res.ClientsDropped)
	}
	if res.RoomsPublished != o.rooms || res.RoomsShort != 0 {
		t.Errorf("%d of %d rooms published into, %d short of an event: want all, none", res.RoomsPublished, o.rooms, res.RoomsShort)
	}
	for name, k := range res.Kinds {
		if k.Published == 0 || k.Delivered != k.Published*int64(k.Clients/k.Rooms) {
			t.Errorf("%s: delivered %d of %d events to %d clients in %d rooms", name, k.Delivered, k.Published, k.Clients, k.Rooms)
		}
	}
	for i, n := range res.PerNode {
		if n.Clients == 0 || n.Delivered == 0 || n.RSSMiB <= 0 {
			t.Errorf("node %d: %+v: every node must hold clients and deliver", i, n)
		}
	}
	if len(res.Redis) != 3 || len(res.RoomShards) != o.rooms {
		t.Fatalf("%d Redis processes, %d rooms' shards: want 3 and %d", len(res.Redis), len(res.RoomShards), o.rooms)
	}
	for i, shard := range res.RoomShards {
		if shard < 0 {
			t.Errorf("room %d's channel is on no shard of the cluster", i)
		}
	}
}

// TestBenchScaleoutRefusesRunsBeyondItsBounds: the run shares one machine
// with everything it starts, so it is bounded in count and time; each
// knob past its bound is refused before anything starts.
func TestBenchScaleoutRefusesRunsBeyondItsBounds(t *testing.T) {
	ok := scaleoutOpts{nodes: 3, redis: "cluster", shards: 3, plenary: 10, rooms: 3, roomSize: 2,
		rate: 1, plenaryRate: 1, duration: time.Second, payload: 200}
	if err := ok.check(); err != nil {
		t.Fatalf("a small run is refused: %v", err)
	}
	for name, change := range map[string]func(*scaleoutOpts){
		"nodes":        func(o *scaleoutOpts) { o.nodes = 7 },
		"redis":        func(o *scaleoutOpts) { o.redis = "sentinel" },
		"shards":       func(o *scaleoutOpts) { o.shards = 0 },
		"rooms":        func(o *scaleoutOpts) { o.rooms = 1001 },
		"clients":      func(o *scaleoutOpts) { o.plenary, o.rooms, o.roomSize = 40000, 20, 1000 },
		"rate":         func(o *scaleoutOpts) { o.rate = 0 },
		"total rate":   func(o *scaleoutOpts) { o.rooms, o.rate = 1000, 11 },
		"duration":     func(o *scaleoutOpts) { o.duration = 11 * time.Minute },
		"plenary rate": func(o *scaleoutOpts) { o.plenaryRate = 2001 },
	} {
		o := ok
		change(&o)
		if err := o.check(); err == nil {
			t.Errorf("%s: %+v accepted", name, o)
		}
	}
}
