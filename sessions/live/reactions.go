package live

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// ReactionRecorder records gathered reactions and announces the room's
// counts (sessions.Service.RecordReactions).
type ReactionRecorder interface {
	RecordReactions(ctx context.Context, sessionID int64, counts map[sessions.ReactionKind]int, at time.Time) (sessions.Reactions, error)
}

// Reactions gathers the reactions this node receives and records each
// room's at most once per interval, so that a thousand people applauding
// cost one write and one reactions.changed event a second (per node), not
// a thousand. Each person may react once per perPerson. Only counts leave
// this type: never who reacted.
type Reactions struct {
	rec       ReactionRecorder
	log       *slog.Logger
	interval  time.Duration
	perPerson time.Duration

	mu    sync.Mutex
	rooms map[int64]*reactionRoom
	last  map[reactor]time.Time // when each person last reacted
}

type reactionRoom struct {
	counts    map[sessions.ReactionKind]int
	lastFlush time.Time
	scheduled bool
}

type reactor struct{ sessionID, accountID int64 }

// NewReactions returns a gatherer recording through rec every interval at
// most, letting each person react once per perPerson.
func NewReactions(rec ReactionRecorder, log *slog.Logger, interval, perPerson time.Duration) *Reactions {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Reactions{rec: rec, log: log, interval: interval, perPerson: perPerson,
		rooms: map[int64]*reactionRoom{}, last: map[reactor]time.Time{}}
}

// Add counts one reaction already authorised; ERateLimited when the person
// reacted less than perPerson ago. The room's counts are recorded at once
// if the room's last recording is an interval old, else when it will be.
func (r *Reactions) Add(sessionID, accountID int64, kind sessions.ReactionKind) error {
	now := time.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	who := reactor{sessionID, accountID}
	if t, ok := r.last[who]; ok && now.Sub(t) < r.perPerson {
		return igfplus.Errorf(igfplus.ERateLimited, "One reaction at a time: wait a moment.")
	}
	r.last[who] = now
	room := r.rooms[sessionID]
	if room == nil {
		room = &reactionRoom{counts: map[sessions.ReactionKind]int{}}
		r.rooms[sessionID] = room
	}
	room.counts[kind]++
	if !room.scheduled {
		room.scheduled = true
		time.AfterFunc(max(0, room.lastFlush.Add(r.interval).Sub(now)), func() { r.flush(sessionID) })
	}
	return nil
}

// flush records a room's gathered reactions.
func (r *Reactions) flush(sessionID int64) {
	now := time.Now()
	r.mu.Lock()
	room := r.rooms[sessionID]
	counts := room.counts
	room.counts, room.scheduled, room.lastFlush = map[sessions.ReactionKind]int{}, false, now
	for who, t := range r.last {
		if now.Sub(t) >= r.perPerson {
			delete(r.last, who)
		}
	}
	r.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// Reactions are fleeting: counts that fail to record are dropped, not
	// retried into a later second where they would mislead.
	if _, err := r.rec.RecordReactions(ctx, sessionID, counts, now); err != nil {
		r.log.Warn("reactions: recording failed; dropped", "session", sessionID, "err", err)
	}
}
