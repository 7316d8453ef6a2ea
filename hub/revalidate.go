package hub

import (
	"context"
	"time"
)

// revalidate closes, every RevalidateInterval, the connections whose
// account's token version has moved on since they connected, so that a
// sign-out, ban or role change ends that person's live connections within
// seconds on every node, with no message to lose.
func (h *Hub) revalidate(ctx context.Context) {
	if h.cfg.TokenVersions == nil {
		return
	}
	tick := time.NewTicker(h.cfg.RevalidateInterval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		h.revalidateOnce(ctx)
	}
}

func (h *Hub) revalidateOnce(ctx context.Context) {
	byAccount := make(map[int64][]*client)
	h.mu.Lock()
	for c := range h.clients {
		if c.who.AccountID == 0 {
			continue // not signed in: there is no session to end
		}
		byAccount[c.who.AccountID] = append(byAccount[c.who.AccountID], c)
	}
	h.mu.Unlock()
	if len(byAccount) == 0 {
		return
	}
	ids := make([]int64, 0, len(byAccount))
	for id := range byAccount {
		ids = append(ids, id)
	}
	ctx, cancel := context.WithTimeout(ctx, h.cfg.RevalidateInterval)
	defer cancel()
	current, err := h.cfg.TokenVersions(ctx, ids)
	if err != nil {
		h.cfg.Logger.Warn("hub: checking connections' credentials failed", "err", err)
		return
	}
	for id, clients := range byAccount {
		v, ok := current[id]
		for _, c := range clients {
			if !ok || v != c.who.TokenVersion {
				c.closeWith(CloseUnauthorized, "your session ended: sign in again")
			}
		}
	}
}

// EndSessions closes at once the account's connections made with a token
// version below version: a sign-out, ban or role change the database has
// just told of, which the periodic check would otherwise find within
// RevalidateInterval.
func (h *Hub) EndSessions(accountID int64, version int) {
	var ended []*client
	h.mu.Lock()
	for c := range h.accounts[accountID] {
		if c.who.TokenVersion < version {
			ended = append(ended, c)
		}
	}
	h.mu.Unlock()
	for _, c := range ended {
		c.closeWith(CloseUnauthorized, "your session ended: sign in again")
	}
}
