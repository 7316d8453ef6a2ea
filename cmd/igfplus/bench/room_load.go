package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"
)

// roomLoad drives the session's activity through the participants' and the
// moderator's sockets. It keeps enough state to send only actions the
// server should accept (one open floor request per person, one upvote per
// person and question, one reaction a second per person), so that every
// refusal it sees is an error worth reporting.
type roomLoad struct {
	r *room
	o roomOpts

	mu     sync.Mutex
	queued []int         // people with a queued request, oldest first
	busy   map[int]bool  // queued or speaking: may not ask again yet
	index  map[int64]int // account id → person
	voted  map[[2]int64]bool
	counts map[string]int64 // actions sent, by message type
}

func newRoomLoad(r *room, o roomOpts) *roomLoad {
	l := &roomLoad{r: r, o: o, busy: map[int]bool{}, index: map[int64]int{}, voted: map[[2]int64]bool{}, counts: map[string]int64{}}
	for i, id := range r.accounts {
		l.index[id] = i
	}
	return l
}

// run sends the mix for the duration, each stream at its own rate.
func (l *roomLoad) run(ctx context.Context) {
	stop := time.Now().Add(l.o.duration)
	streams := []struct {
		every time.Duration
		act   func(i int)
	}{
		{perSecond(l.o.chatRate), l.chat},
		{perSecond(l.o.reactionRate), l.reaction(rand.Perm(len(l.r.people)))},
		{perSecond(l.o.floorRate), func(int) { l.floorChange() }},
		{perSecond(l.o.questionRate), l.question},
		{l.o.moderateEvery, func(int) { l.moderate() }},
	}
	var wg sync.WaitGroup
	for _, s := range streams {
		if s.every <= 0 {
			continue
		}
		wg.Go(func() {
			next := time.Now().Add(s.every)
			for i := 0; next.Before(stop) && ctx.Err() == nil; i++ {
				time.Sleep(time.Until(next))
				next = next.Add(s.every)
				s.act(i)
			}
		})
	}
	wg.Wait()
}

// perSecond is the interval between actions at rate a second (0: never).
func perSecond(rate float64) time.Duration {
	if rate <= 0 {
		return 0
	}
	return time.Duration(float64(time.Second) / rate)
}

func (l *roomLoad) send(p *roomClient, msg map[string]any) {
	l.mu.Lock()
	l.counts[msg["type"].(string)]++
	l.mu.Unlock()
	p.send(msg)
}

// chat posts a message from a random participant; its body carries the send
// time, which every receiver turns into a latency (recordSent).
func (l *roomLoad) chat(i int) {
	p := l.r.people[rand.IntN(len(l.r.people))]
	l.send(p, map[string]any{"type": "chat.send", "body": fmt.Sprintf("bench %d %d a remark from the floor", time.Now().UnixNano(), i)})
}

// reaction returns the reaction stream: everyone in turn, in a shuffled
// order, so that nobody reacts twice within a second (the server's limit).
func (l *roomLoad) reaction(order []int) func(i int) {
	kinds := []string{"applause", "applause", "agree", "disagree"}
	return func(i int) {
		p := l.r.people[order[i%len(order)]]
		l.send(p, map[string]any{"type": "reaction.send", "kind": kinds[i%len(kinds)]})
	}
}

// floorChange asks for the floor for someone without an open request, or
// now and then withdraws a request that is not near the head of the queue
// (the moderator grants the head, and the two must not race).
func (l *roomLoad) floorChange() {
	l.mu.Lock()
	defer l.mu.Unlock()
	const keepHead = 5
	if len(l.queued) > keepHead && rand.IntN(3) == 0 {
		j := keepHead + rand.IntN(len(l.queued)-keepHead)
		p := l.queued[j]
		l.queued = append(l.queued[:j], l.queued[j+1:]...)
		delete(l.busy, p)
		l.counts["floor.withdraw"]++
		l.r.people[p].send(map[string]any{"type": "floor.withdraw"})
		return
	}
	for range 20 {
		p := rand.IntN(len(l.r.people))
		if l.busy[p] {
			continue
		}
		l.busy[p] = true
		l.queued = append(l.queued, p)
		l.counts["floor.request"]++
		modes := []string{"onsite", "online", "remote_hub"}
		l.r.people[p].send(map[string]any{"type": "floor.request", "mode": modes[p%len(modes)], "point_of_order": false})
		return
	}
}

// moderate ends the turn under way, or else grants the floor to the head of
// the queue, as the moderator's view of the room has them.
func (l *roomLoad) moderate() {
	speaker, next := l.r.mod.floor.state()
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case speaker != nil:
		delete(l.busy, l.index[speaker.AccountID])
		l.counts["floor.end"]++
		l.r.mod.send(map[string]any{"type": "floor.end", "request_id": speaker.ID})
	case next != nil:
		if p, ok := l.index[next.AccountID]; ok {
			for j, q := range l.queued {
				if q == p {
					l.queued = append(l.queued[:j], l.queued[j+1:]...)
					break
				}
			}
		}
		l.counts["floor.grant"]++
		l.r.mod.send(map[string]any{"type": "floor.grant", "request_id": next.ID})
	}
}

// question asks a question one time in three, and otherwise upvotes a
// question already asked by someone who has not voted for it yet.
func (l *roomLoad) question(i int) {
	q, ok := l.r.mod.floor.question(rand.IntN(1 << 30))
	if i%3 == 0 || !ok {
		p := l.r.people[rand.IntN(len(l.r.people))]
		l.send(p, map[string]any{"type": "question.ask", "body": fmt.Sprintf("Question %d: who pays for the last mile?", i), "anonymous": i%2 == 0})
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for range 20 {
		p := rand.IntN(len(l.r.people))
		if l.voted[[2]int64{q, int64(p)}] {
			continue
		}
		l.voted[[2]int64{q, int64(p)}] = true
		l.counts["question.upvote"]++
		l.r.people[p].send(map[string]any{"type": "question.upvote", "question_id": q})
		return
	}
}

func (l *roomLoad) actions() (total int64, byKind map[string]int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	byKind = make(map[string]int64, len(l.counts))
	for k, v := range l.counts {
		byKind[k] = v
		total += v
	}
	return total, byKind
}
