package bench

import (
	"context"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/rig"
)

// measure runs the mix and fills res. CPU is taken over the time the mix
// runs; deliveries are counted once every client has caught up with the
// room (or 10 s have passed), over that same time, so that the tail of
// events still in flight at the end is not lost from the count.
func (r *room) measure(ctx context.Context, t *rig.Site, o roomOpts, res *roomResult) {
	load := newRoomLoad(r, o)
	delivered0, offset0 := r.delivered(), r.mod.Position().Offset
	cpu0, pg0 := rig.CPUMicros(t.PID), t.PostgresCPU()
	start := time.Now()
	load.run(ctx)
	window := time.Since(start).Seconds()
	cpu1, pg1 := rig.CPUMicros(t.PID), t.PostgresCPU()
	actions, byKind := load.actions()
	r.drain(actions)

	res.DurationS = window
	res.ServerCPUUsPerS = float64(cpu1-cpu0) / window
	res.ServerCPUPct = res.ServerCPUUsPerS / 1e4
	res.PostgresCPUUsPerS = float64(pg1-pg0) / window
	res.PostgresCPUPct = res.PostgresCPUUsPerS / 1e4
	res.Events = r.mod.Position().Offset - offset0
	res.EventsPerS = float64(res.Events) / window
	res.Delivered = r.delivered() - delivered0
	res.DeliveredPerS = float64(res.Delivered) / window
	res.Actions, res.ActionsByKind = actions, byKind
	res.ActionsPerS = float64(actions) / window
	res.UpdateP50Ms, res.UpdateP99Ms, res.UpdateP999Ms = r.updateLat.quantile(0.5), r.updateLat.quantile(0.99), r.updateLat.quantile(0.999)
	res.ChatP50Ms, res.ChatP99Ms, res.ChatP999Ms = r.chatLat.quantile(0.5), r.chatLat.quantile(0.99), r.chatLat.quantile(0.999)
	r.countFaults(res, actions)
}

// countFaults adds up what should never happen: skipped or repeated
// offsets, refused or unanswered actions, failed writes, dropped
// connections, and events some participant never received.
func (r *room) countFaults(res *roomResult, actions int64) {
	var answered int64
	for _, c := range append(r.people, r.mod) {
		res.Gaps += c.Counters().Gaps.Load()
		res.Duplicates += c.Counters().Duplicates.Load()
		answered += c.acks.Load()
		res.Errors += c.sendErrs.Load()
		if c.Dropped() {
			res.Errors++
		}
	}
	res.ErrorCodes = r.refused.snapshot()
	for _, n := range res.ErrorCodes {
		res.Errors += n
		answered += n
	}
	if unanswered := actions - answered; unanswered > 0 {
		res.ErrorCodes["unanswered"] = unanswered
		res.Errors += unanswered
	}
	if missing := res.Events*int64(len(r.people)) - res.Delivered; missing > 0 {
		res.ErrorCodes["undelivered"] = missing
		res.Errors += missing
	}
}

// drain waits until every action is answered and every participant has
// the room's last event, for at most 10 s. It waits a little first:
// reactions are written and announced once a second.
func (r *room) drain(actions int64) {
	time.Sleep(1200 * time.Millisecond)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if r.caughtUp(actions) {
			return
		}
	}
}

func (r *room) caughtUp(actions int64) bool {
	last := r.mod.Position().Offset
	answered := int64(0)
	for _, c := range append(r.people, r.mod) {
		if c != r.mod && c.Position().Offset < last {
			return false
		}
		answered += c.acks.Load()
	}
	for _, n := range r.refused.snapshot() {
		answered += n
	}
	return answered >= actions
}

// delivered is how many events the participants (not the moderator) took.
func (r *room) delivered() int64 {
	var n int64
	for _, c := range r.people {
		n += c.Counters().Received.Load()
	}
	return n
}
