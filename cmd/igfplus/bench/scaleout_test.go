package bench

import (
	"context"
	"encoding/json"
	"io"
	"os"
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
	var log io.Writer = io.Discard
	if testing.Verbose() {
		log = os.Stderr
	}
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
