package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

type programmeData struct {
	Edition *tracks.Edition // nil before the first edition is published
	Issues  []tracks.PolicyIssue
	Tracks  []trackGroup
	// Linked: the track pages, the programme by policy issue and the NRI
	// directory are served (the pages have their NRIs dependency).
	Linked bool
	// Co are the sessions' co-organising initiatives.
	Co coOrganisers
	// Filters is the programme's filter form (nil without finding).
	Filters *filterView
}

// trackGroup is a track with its sessions; Other marks the group of
// sessions whose track is not in the programme.
type trackGroup struct {
	tracks.Track
	Other    bool
	Sessions []sessions.Session
}

// programme: GET / — the current edition, its policy issues and its
// sessions by track.
func (p *Pages) programme(c echo.Context) error {
	ctx := c.Request().Context()
	v := p.view(c, "/")
	data := programmeData{Linked: p.deps.NRIs != nil && p.deps.Tracks != nil}
	v.Data = &data
	ed, err := p.deps.Programme.CurrentEdition(ctx)
	if igfplus.ErrorCode(err) == igfplus.ENotFound {
		return p.render(c, http.StatusOK, "programme", v)
	}
	if err != nil {
		return err
	}
	data.Edition = &ed
	if data.Issues, err = p.deps.Programme.PolicyIssues(ctx, ed.ID); err != nil {
		return err
	}
	trs, err := p.deps.Programme.Tracks(ctx, ed.ID)
	if err != nil {
		return err
	}
	list, err := p.deps.Sessions.SessionsOfEdition(ctx, ed.ID)
	if err != nil {
		return err
	}
	// Translated before filtering, so that the filters' choices read as
	// the lists do.
	data.Issues, trs, list = p.translateProgramme(ctx, v, data.Issues, trs, list)
	if list, data.Filters, err = p.filterProgramme(c, ed, data.Issues, trs, list); err != nil {
		return err
	}
	if data.Co, err = p.coOrganisersOf(ctx, list); err != nil {
		return err
	}
	data.Tracks = groupByTrack(trs, list)
	if data.Filters != nil && data.Filters.Active && data.Filters.Count > 0 {
		data.Tracks = withSessions(data.Tracks)
	}
	return p.render(c, http.StatusOK, "programme", v)
}

// groupByTrack puts each session under its track, in the tracks' order and
// the sessions' own order (by start time).
func groupByTrack(trs []tracks.Track, list []sessions.Session) []trackGroup {
	groups := make([]trackGroup, len(trs))
	index := make(map[int64]int, len(trs))
	for i, t := range trs {
		groups[i].Track = t
		index[t.ID] = i
	}
	other := trackGroup{Other: true}
	for _, s := range list {
		if i, ok := index[s.TrackID]; ok {
			groups[i].Sessions = append(groups[i].Sessions, s)
		} else {
			other.Sessions = append(other.Sessions, s)
		}
	}
	if len(other.Sessions) > 0 {
		groups = append(groups, other)
	}
	return groups
}
