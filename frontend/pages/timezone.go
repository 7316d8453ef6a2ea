package pages

import (
	"context"
	"sync"
	"time"
)

// Session times are shown in the current edition's time zone, the one its
// venue and programme live in, with its offset from UTC so that a remote
// participant can convert. The zone is read with the edition at most every
// zoneTTL, not on every page.
const zoneTTL = 10 * time.Second

// zoneCache keeps the current edition's time zone for a moment.
type zoneCache struct {
	mu    sync.Mutex
	loc   *time.Location
	until time.Time
}

// editionZone returns the current edition's time zone, or UTC when there
// is none, it cannot be read or it names no zone. The lock is not held
// while the edition is read, so that pages do not queue behind a slow
// query (two may read it at once, which is harmless).
func (p *Pages) editionZone(ctx context.Context) *time.Location {
	z := &p.zone
	z.mu.Lock()
	loc, fresh := z.loc, time.Now().Before(z.until)
	z.mu.Unlock()
	if loc != nil && fresh {
		return loc
	}
	loc = time.UTC
	if p.deps.Programme != nil {
		if ed, err := p.deps.Programme.CurrentEdition(ctx); err == nil && ed.TimeZone != "" {
			if l, err := time.LoadLocation(ed.TimeZone); err == nil {
				loc = l
			}
		}
	}
	z.mu.Lock()
	z.loc, z.until = loc, time.Now().Add(zoneTTL)
	z.mu.Unlock()
	return loc
}
