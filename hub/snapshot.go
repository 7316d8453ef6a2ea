package hub

// Members returns, for each room with clients on this node, the accounts
// connected to it here (each once).
func (h *Hub) Members() map[string][]int64 {
	out := make(map[string][]int64)
	for _, r := range h.rooms() {
		seen := make(map[int64]bool)
		r.mu.Lock()
		for c := range r.clients {
			if !seen[c.who.AccountID] {
				seen[c.who.AccountID] = true
				out[r.name] = append(out[r.name], c.who.AccountID)
			}
		}
		r.mu.Unlock()
	}
	return out
}

// SetSnapshot replaces a room's snapshot: a frame that is not part of the
// room's event log, where only the latest matters (who is present). It
// goes to every live client of the room on this node with the room's next
// batch (in the same message as its events, so a busy room pays no write
// of its own for it), and to each client that joins later, after its
// backlog. Rooms without local clients ignore it.
func (h *Hub) SetSnapshot(room string, frame []byte) {
	r := h.lookup(room)
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.snapshotLocked(frame)
}
