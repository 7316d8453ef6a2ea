package live

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/igfplus/igfplus/sessions"
)

// PresenceStore keeps who is connected to which room, across nodes.
type PresenceStore interface {
	// ReportPresence records node's heartbeat and the changes since its
	// last report; fresh says the node was unknown until now (a first
	// report, or one after the others forgot a node silent for a minute,
	// dropping its presence and closing its attendance).
	ReportPresence(ctx context.Context, node string, added, removed []sessions.Membership) (fresh bool, err error)
	ForgetPresence(ctx context.Context, node string) error
	Present(ctx context.Context, room string) ([]sessions.Present, error)
}

// RoomHub is what presence needs of the hub.
type RoomHub interface {
	Members() map[string][]int64
	SetSnapshot(room string, frame []byte)
}

// Presence reports this node's connections every interval and pushes each
// local room's presence (names of those who allow it, counts by group and
// region with small groups hidden) to its clients when it changes.
type Presence struct {
	hub      RoomHub
	store    PresenceStore
	log      *slog.Logger
	node     string
	interval time.Duration

	reported map[sessions.Membership]bool // what the store holds for this node
	pushed   map[string]string            // last frame pushed per room
	known    bool                         // the store has heard from this node
}

// NewPresence returns the presence loop of one node.
func NewPresence(h RoomHub, store PresenceStore, log *slog.Logger, interval time.Duration) *Presence {
	var b [8]byte
	rand.Read(b[:])
	return &Presence{hub: h, store: store, log: log, node: hex.EncodeToString(b[:]), interval: interval,
		reported: map[sessions.Membership]bool{}, pushed: map[string]string{}}
}

// Run reports and pushes until ctx ends, then withdraws this node's presence.
func (p *Presence) Run(ctx context.Context) {
	tick := time.NewTicker(p.interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			forget, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			p.store.ForgetPresence(forget, p.node)
			return
		case <-tick.C:
		}
		if err := p.Tick(ctx); err != nil && ctx.Err() == nil {
			p.log.Warn("presence: report failed; retrying", "err", err)
		}
	}
}

// Tick reports once and pushes changed presence to local rooms.
func (p *Presence) Tick(ctx context.Context) error {
	members := p.hub.Members()
	now := make(map[sessions.Membership]bool)
	var added, removed []sessions.Membership
	for room, ids := range members {
		if _, ok := sessions.SessionIDOfRoom(room); !ok {
			continue
		}
		for _, id := range ids {
			m := sessions.Membership{Room: room, AccountID: id}
			now[m] = true
			if !p.reported[m] {
				added = append(added, m)
			}
		}
	}
	for m := range p.reported {
		if !now[m] {
			removed = append(removed, m)
		}
	}
	fresh, err := p.store.ReportPresence(ctx, p.node, added, removed)
	if err != nil {
		return err // p.reported is unchanged: the next report sends the same diff
	}
	if fresh && p.known {
		// Forgotten while the database was out of reach: who was here
		// before and still is goes in again (the others came in above).
		var again []sessions.Membership
		for m := range now {
			if p.reported[m] {
				again = append(again, m)
			}
		}
		if _, err := p.store.ReportPresence(ctx, p.node, again, nil); err != nil {
			return err
		}
	}
	p.known, p.reported = true, now
	for room := range members {
		if err := p.push(ctx, room); err != nil {
			return err
		}
	}
	for room := range p.pushed {
		if _, ok := members[room]; !ok {
			delete(p.pushed, room)
		}
	}
	return nil
}

type presenceFrame struct {
	Type     string            `json:"type"`
	Room     string            `json:"room"`
	Presence sessions.Presence `json:"presence"`
}

func (p *Presence) push(ctx context.Context, room string) error {
	people, err := p.store.Present(ctx, room)
	if err != nil {
		return err
	}
	frame, err := json.Marshal(presenceFrame{Type: "presence", Room: room, Presence: sessions.SummarisePresence(people)})
	if err != nil {
		return err
	}
	if p.pushed[room] == string(frame) {
		return nil
	}
	p.pushed[room] = string(frame)
	p.hub.SetSnapshot(room, frame)
	return nil
}
