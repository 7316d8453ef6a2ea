package bench

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/igfplus/igfplus/sessions"
)

// roomChannel is where a session room's channel is subscribed: the Redis
// process (an index into redisServers) and how many connections subscribe
// to it there (one for each node with clients in the room).
type roomChannel struct {
	server int
	subs   int64
}

// roomChannels asks every Redis process which session rooms' channels it
// carries (sharded channels on a cluster, classic ones on one Redis) and
// their subscribers, by session id. The channel names are the broker's
// (a hash tag, a prefix, the room's name); only the room's name is read.
func (s *scaleoutSite) roomChannels(ctx context.Context) (map[int64]roomChannel, error) {
	out := map[int64]roomChannel{}
	const pattern = "*session:*" // the end of a session room's channel: sessions.RoomName
	for i, srv := range s.redisServers() {
		c := redis.NewClient(&redis.Options{Addr: srv.Addr, Password: srv.Password})
		subs, err := subscribed(ctx, c, pattern, s.cluster != nil)
		c.Close()
		if err != nil {
			return nil, fmt.Errorf("bench scaleout: channels on %s: %w", srv.Addr, err)
		}
		for ch, n := range subs {
			at := max(0, strings.LastIndex(ch, "session:"))
			id, _ := strconv.ParseInt(ch[at+len("session:"):], 10, 64)
			if ch[at:] == sessions.RoomName(id) {
				out[id] = roomChannel{server: i, subs: n}
			}
		}
	}
	return out, nil
}

// subscribed lists one Redis process's channels matching pattern, sharded
// or classic, with their subscriber counts.
func subscribed(ctx context.Context, c *redis.Client, pattern string, sharded bool) (map[string]int64, error) {
	list, count := c.PubSubChannels, c.PubSubNumSub
	if sharded {
		list, count = c.PubSubShardChannels, c.PubSubShardNumSub
	}
	chans, err := list(ctx, pattern).Result()
	if err != nil || len(chans) == 0 {
		return nil, err
	}
	return count(ctx, chans...).Result()
}

// waitSubscribed waits until every room's channel has a subscriber for
// each node holding its clients: a join may return before the node's
// subscription is made, and an event published before it would reach
// that node's clients late, healed from Postgres, not through Redis.
func (s *scaleoutSite) waitSubscribed(ctx context.Context, rooms []*scaleoutRoom) error {
	deadline := time.Now().Add(60 * time.Second)
	for {
		chans, err := s.roomChannels(ctx)
		if err != nil {
			return err
		}
		missing := 0
		for _, r := range rooms {
			if chans[r.id].subs < int64(r.nodes) {
				missing++
			}
		}
		if missing == 0 {
			return nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("bench scaleout: %d of %d rooms' channels lack a node's subscription after 60 s", missing, len(rooms))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// shardsOf returns the Redis process carrying each room's channel (the
// plenary first; -1 when none does) and each process's share of them.
func (s *scaleoutSite) shardsOf(ctx context.Context, rooms []*scaleoutRoom) ([]int, []redisFigures) {
	figs := make([]redisFigures, len(s.redisServers()))
	for i, srv := range s.redisServers() {
		figs[i].Addr = srv.Addr
	}
	chans, _ := s.roomChannels(ctx)
	shards := make([]int, len(rooms))
	for i, r := range rooms {
		ch, ok := chans[r.id]
		if !ok {
			shards[i] = -1
			continue
		}
		shards[i] = ch.server
		figs[ch.server].Channels++
		figs[ch.server].Plenary = figs[ch.server].Plenary || i == 0
	}
	return shards, figs
}
