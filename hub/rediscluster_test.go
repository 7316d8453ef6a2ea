package hub_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/deploy/localredis/redistest"
	"github.com/igfplus/igfplus/deploy/testenv"
	"github.com/igfplus/igfplus/hub"
	"github.com/igfplus/igfplus/hub/redisbroker"
)

// Two nodes on a real three-node Redis Cluster with sharded pub/sub: each
// room's events (published through the broker, whose MULTI/EXEC writes the
// channel and its history, which must share a slot) reach the other node's
// clients in order, and the history is read back from the cluster. Rooms
// spread over the slots of all three nodes.
func TestTwoNodesOverARedisClusterWithShardedPubSub(t *testing.T) {
	testenv.Heavy(t, "several hub nodes on a three-node Redis Cluster")
	db := pgtest.DB(t)
	cluster, _ := redistest.Cluster(t)
	prefix := redistest.Prefix(t)
	brokers := make([]*publishChecked, 2)
	nodes := make([]*testNode, 2)
	for i := range nodes {
		brokers[i] = &publishChecked{Broker: redisbroker.New(cluster, redisbroker.Options{Prefix: prefix, Sharded: true})}
		nodes[i] = newNode(t, db, func(c *hub.Config) {
			c.Broker = brokers[i]
			c.Recent = brokers[i]
			c.GapGrace = time.Minute // a lost publish must show, not be healed from Postgres
		})
	}
	ctx := context.Background()
	rooms := make([]string, 9)
	for i := range rooms {
		rooms[i] = fmt.Sprintf("room:cluster-%d", i)
	}
	clients := make([]*testClient, len(rooms))
	joined := make([]frame, len(rooms))
	for i, room := range rooms {
		c := mustDial(t, nodes[1], room, "")
		clients[i], joined[i] = c, c.next()
	}
	// A join may return before its sharded subscription is made (while the
	// broker's links connect): publish only once the cluster lists a shard
	// channel for every room.
	waitShardChannels(t, cluster, prefix, len(rooms))
	const events = 20
	for i, room := range rooms {
		for k := range events {
			if err := appendAndPublish(ctx, db, nodes[0].h, room, fmt.Sprintf("e%d", k)); err != nil {
				t.Fatalf("room %d, event %d: %v", i, k, err)
			}
		}
	}
	if n := brokers[0].failed.Load(); n > 0 {
		t.Fatalf("%d publishes failed on the cluster, the last: %v", n, brokers[0].lastErr.Load())
	}
	for i, c := range clients {
		for k := range events {
			f, err := c.tryNext(time.Now().Add(5 * time.Second))
			if err != nil {
				t.Fatalf("room %d: event %d of %d did not arrive through the cluster: %v", i, k+1, events, err)
			}
			if want := joined[i].From.Offset + int64(k) + 1; f.Offset != want {
				t.Fatalf("room %d: offset %d, want %d", i, f.Offset, want)
			}
		}
		history, err := brokers[1].Recent(ctx, rooms[i], joined[i].From)
		if err != nil || len(history) != events {
			t.Fatalf("room %d: history from the cluster: %d events, %v; want %d", i, len(history), err, events)
		}
	}
	// The rooms' histories (and so their channels' shards) are spread over
	// the cluster, not all on one node.
	var holders atomic.Int64
	err := cluster.ForEachMaster(ctx, func(ctx context.Context, node *redis.Client) error {
		keys, err := node.Keys(ctx, "*"+prefix+"*").Result()
		if len(keys) > 0 {
			holders.Add(1)
		}
		return err
	})
	if err != nil || holders.Load() < 2 {
		t.Fatalf("room histories on %d of 3 nodes (%v); want them spread", holders.Load(), err)
	}
}

// publishChecked counts the broker's failed publishes, which a node only
// logs (other nodes would heal from Postgres).
type publishChecked struct {
	*redisbroker.Broker
	failed  atomic.Int64
	lastErr atomic.Value
}

func (p *publishChecked) Publish(ctx context.Context, ev hub.Event) error {
	err := p.Broker.Publish(ctx, ev)
	if err != nil {
		p.failed.Add(1)
		p.lastErr.Store(err)
	}
	return err
}

// waitShardChannels waits until the cluster's masters have, between them,
// want shard channels whose names hold prefix.
func waitShardChannels(t *testing.T, cluster *redis.ClusterClient, prefix string, want int) {
	t.Helper()
	ctx := context.Background()
	var got atomic.Int64
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		got.Store(0)
		err := cluster.ForEachMaster(ctx, func(ctx context.Context, c *redis.Client) error {
			chans, err := c.PubSubShardChannels(ctx, "*"+prefix+"*").Result()
			got.Add(int64(len(chans)))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if got.Load() >= int64(want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d shard channels subscribed within 10 s", got.Load(), want)
		}
	}
}
