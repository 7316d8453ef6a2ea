package faultrun

import (
	"context"
	"encoding/hex"
	"fmt"
	"time"
)

// roomPosition reads the room's last offset from Postgres.
func roomPosition(ctx context.Context, cl *faultCluster) (epoch, last int64, err error) {
	err = cl.site.DB.Pool.QueryRow(ctx, `SELECT epoch, last_offset FROM rooms WHERE name = $1`,
		fmt.Sprintf("session:%d", cl.site.Session)).Scan(&epoch, &last)
	return epoch, last, err
}

// closePoll closes the run's poll once the load has stopped (so that its
// poll.closed event reaches the clients before they are checked) and
// keeps the result's ballot count.
func closePoll(ctx context.Context, cl *faultCluster, poll int64, res *faultResult) error {
	var closed struct {
		Result struct {
			Ballots int64 `json:"ballots"`
		} `json:"result"`
	}
	// Closing moves the ballots to the public log (without voter tags):
	// count them, and voters who cast two, first.
	if err := cl.site.DB.Pool.QueryRow(ctx, `SELECT count(*), count(*) - count(DISTINCT voter_tag) FROM ballots WHERE poll_id = $1`, poll).
		Scan(&res.Ballots, &res.DoubleVotes); err != nil {
		return err
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		err := cl.api(ctx, cl.site.ChairToken, "POST", fmt.Sprintf("/api/polls/%d/close", poll), nil, &closed)
		if err == nil || time.Now().After(deadline) {
			res.VotesCounted = closed.Result.Ballots
			return err
		}
		sleepCtx(ctx, 500*time.Millisecond)
	}
}

// busyBackends describes the database sessions that are not idle: what a
// stalled node is waiting for.
func busyBackends(ctx context.Context, cl *faultCluster) []string {
	rows, err := cl.site.DB.Pool.Query(ctx, `
		SELECT state || ' ' || coalesce(wait_event_type || ':' || wait_event, '-') || ' for ' ||
		       coalesce(extract(epoch FROM now() - xact_start)::int::text, '?') || 's: ' || left(query, 100)
		FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()`)
	if err != nil {
		return []string{err.Error()}
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

// settle waits until the room has stopped moving, every client has caught
// up with it, and the relay's outbox has drained; it reports whether that
// happened. An overloaded machine delivers late, not never: it waits as
// long as the clients keep moving forward, up to limit, and gives up after
// stall without progress.
func settle(ctx context.Context, cl *faultCluster, clients []*faultClient, stall, limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	lastProgress := time.Now()
	stable := 0
	var prev, prevSum int64 = -1, -1
	for time.Now().Before(deadline) && time.Since(lastProgress) < stall && ctx.Err() == nil {
		sleepCtx(ctx, 500*time.Millisecond)
		_, last, err := roomPosition(ctx, cl)
		if err != nil {
			continue
		}
		var pending int64
		cl.site.DB.Pool.QueryRow(ctx, `SELECT count(*) FROM relay_outbox WHERE state <> 'delivered'`).Scan(&pending)
		caught, sum := true, int64(0)
		for _, c := range clients {
			off := c.lastOffset()
			caught = caught && off == last
			sum += off
		}
		if sum != prevSum || last != prev {
			lastProgress = time.Now()
		}
		if last == prev && caught && pending == 0 {
			stable++
		} else {
			stable = 0
		}
		prev, prevSum = last, sum
		if stable >= 4 { // two seconds without a change
			return true
		}
	}
	return false
}

// verifyFaultRun compares what the clients and the API acknowledged with
// what Postgres holds, and what each client applied with the room's log.
func verifyFaultRun(ctx context.Context, cl *faultCluster, pub *faultPublisher, hook *webhookReceiver, clients []*faultClient, res *faultResult) error {
	if err := verifyChatsAndFloor(ctx, cl, clients, res); err != nil {
		return err
	}
	if err := verifyVotes(ctx, cl, clients, res); err != nil {
		return err
	}
	if err := verifyPublications(ctx, cl, pub, hook, res); err != nil {
		return err
	}
	return verifyClientStates(ctx, cl, clients, res)
}

func verifyChatsAndFloor(ctx context.Context, cl *faultCluster, clients []*faultClient, res *faultResult) error {
	db := cl.site.DB.Pool
	stored := map[string]bool{}
	rows, err := db.Query(ctx, `SELECT body FROM chat_messages WHERE session_id = $1 AND body LIKE 'fault-run %'`, cl.site.Session)
	if err != nil {
		return err
	}
	for rows.Next() {
		var b string
		rows.Scan(&b)
		stored[b] = true
	}
	rows.Close()
	if rows.Err() != nil {
		return rows.Err()
	}
	floors := map[int64]int64{}
	rows, err = db.Query(ctx, `SELECT account_id, count(*) FROM floor_requests WHERE session_id = $1 GROUP BY account_id`, cl.site.Session)
	if err != nil {
		return err
	}
	for rows.Next() {
		var a, n int64
		rows.Scan(&a, &n)
		floors[a] = n
	}
	rows.Close()
	for _, c := range clients {
		for _, b := range c.acked.chats {
			res.ChatsAcked++
			if !stored[b] {
				res.ChatsMissing++
				res.fail("acknowledged chat message %q is not in Postgres", b)
			}
		}
		res.FloorAcked += c.acked.floor
		if missing := c.acked.floor - floors[c.account]; missing > 0 {
			res.FloorMissing += missing
			res.fail("participant %d: %d floor requests acknowledged, %d in Postgres", c.n, c.acked.floor, floors[c.account])
		}
		for code, n := range c.refused {
			res.Refused[code] += n
		}
		res.Reconnects += c.reconnects
		res.DialErrors += c.dialErrs
	}
	return rows.Err()
}

// verifyVotes checks every acknowledged receipt is in the closed poll's
// public log (or still among the ballots, when closing failed), and that
// the log and the result count each stored ballot once.
func verifyVotes(ctx context.Context, cl *faultCluster, clients []*faultClient, res *faultResult) error {
	db := cl.site.DB.Pool
	poll := clients[0].poll
	var logged int64
	if err := db.QueryRow(ctx, `SELECT count(*) FROM ballot_log WHERE poll_id = $1`, poll).Scan(&logged); err != nil {
		return err
	}
	for _, c := range clients {
		if c.acked.receipt == "" {
			continue
		}
		res.VotesAcked++
		id, _ := hex.DecodeString(c.acked.receipt)
		var ok bool
		if err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM ballot_log WHERE poll_id = $1 AND ballot_id = $2) OR EXISTS (SELECT 1 FROM ballots WHERE poll_id = $1 AND ballot_id = $2)`, poll, id).Scan(&ok); err != nil {
			return err
		}
		if !ok {
			res.VotesMissing++
			res.fail("acknowledged ballot %s is not in Postgres", c.acked.receipt)
		}
	}
	// A ballot whose caller gave up waiting may still commit after the
	// count taken before closing: the log is the final count.
	stored := res.Ballots
	res.Ballots = logged
	if res.DoubleVotes != 0 || res.VotesCounted != logged || logged < stored || logged > int64(len(clients)) {
		res.fail("votes: %d ballots before closing (%d voters twice), %d in the log, %d counted, %d voters",
			stored, res.DoubleVotes, logged, res.VotesCounted, len(clients))
	}
	return nil
}

// verifyPublications checks every acknowledged publication is stored, the
// outbox has drained, and the receiver got every delivered event.
func verifyPublications(ctx context.Context, cl *faultCluster, pub *faultPublisher, hook *webhookReceiver, res *faultResult) error {
	db := cl.site.DB.Pool
	res.PubsAcked = len(pub.acked)
	for _, id := range pub.acked {
		var ok bool
		if err := db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM publications WHERE recommendation_id = $1)`, id).Scan(&ok); err != nil {
			return err
		}
		if !ok {
			res.PubsMissing++
			res.fail("acknowledged publication of recommendation %d is not in Postgres", id)
		}
	}
	if res.PubsAcked == 0 {
		res.fail("no publication was acknowledged in %d tries", pub.tried)
	}
	rows, err := db.Query(ctx, `SELECT event_id, state FROM relay_outbox`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, state string
		if err := rows.Scan(&id, &state); err != nil {
			return err
		}
		switch {
		case state != "delivered":
			res.OutboxPending++
		case !hook.received(id):
			res.NotReceived++
		default:
			res.Delivered++
		}
	}
	if res.OutboxPending > 0 || res.NotReceived > 0 || res.Delivered < int64(res.PubsAcked) {
		res.fail("relay: %d delivered, %d not drained, %d delivered but never received, for %d publications", res.Delivered, res.OutboxPending, res.NotReceived, res.PubsAcked)
	}
	return rows.Err()
}

// verifyClientStates checks that every client ends at the room's position
// in Postgres, having applied each offset since it joined exactly once and
// in order, each the event Postgres stored at that offset.
func verifyClientStates(ctx context.Context, cl *faultCluster, clients []*faultClient, res *faultResult) error {
	epoch, last, err := roomPosition(ctx, cl)
	if err != nil {
		return err
	}
	res.RoomOffset = last
	kinds := map[int64]string{}
	rows, err := cl.site.DB.Pool.Query(ctx, `SELECT "offset", type FROM room_events WHERE room = $1 AND epoch = $2`,
		fmt.Sprintf("session:%d", cl.site.Session), epoch)
	if err != nil {
		return err
	}
	for rows.Next() {
		var o int64
		var k string
		rows.Scan(&o, &k)
		kinds[o] = k
	}
	rows.Close()
	behind := last
	for _, c := range clients {
		c.mu.Lock()
		behind = min(behind, c.last)
		gaps := c.counts.Gaps.Load()
		res.Gaps += gaps
		res.Duplicates += c.counts.Duplicates.Load()
		res.Reloads += c.reloads
		bad := int64(0)
		for o := c.first + 1; o <= c.last; o++ {
			if got, ok := c.kinds[o]; !ok || got != kinds[o] {
				bad++
			}
		}
		res.Mismatches += bad
		if c.last == last && c.epoch == epoch && gaps == 0 && bad == 0 && c.reloads == 0 {
			res.InSync++
		} else {
			res.fail("participant %d ends at %d:%d (room %d:%d), %d gaps, %d offsets unlike Postgres, %d reloads",
				c.n, c.epoch, c.last, epoch, last, gaps, bad, c.reloads)
		}
		c.mu.Unlock()
	}
	// What the slowest client lacks, to tell a stalled room from a lost
	// event; and where the session stands.
	for o := behind + 1; o <= last && len(res.Unapplied) < 20; o++ {
		res.Unapplied = append(res.Unapplied, fmt.Sprintf("%d:%s", o, kinds[o]))
	}
	cl.site.DB.Pool.QueryRow(ctx, `SELECT state FROM sessions WHERE id = $1`, cl.site.Session).Scan(&res.SessionState)

	return rows.Err()
}
