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
// is none, it cannot be read or it names no zone.
func (p *Pages) editionZone(ctx context.Context) *time.Location {
	z := &p.zone
	z.mu.Lock()
	defer z.mu.Unlock()
	now := time.Now()
	if z.loc != nil && now.Before(z.until) {
		return z.loc
	}
	loc := time.UTC
	if p.deps.Programme != nil {
		if ed, err := p.deps.Programme.CurrentEdition(ctx); err == nil && ed.TimeZone != "" {
			if l, err := time.LoadLocation(ed.TimeZone); err == nil {
				loc = l
			}
		}
	}
	z.loc, z.until = loc, now.Add(zoneTTL)
	return loc
}
