package pages

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/igfplus/igfplus/sessions"
)

// presenceView is the room's "Who is here" panel, translated. The client
// (frontend/assets/src/presence.ts) rebuilds the same markup from each
// presence frame, so the two must change together.
type presenceView struct {
	// Failed is set when presence could not be read: the panel is rendered
	// hidden and empty, and the first presence frame fills it in.
	Failed  bool
	Total   string
	Groups  []presenceCount
	Regions []presenceCount
	Names   []string
	// Note says that some people are not listed by name, or "".
	Note string
}

// presenceCount is one line of the counts: a group or region, translated,
// and how many of its people are here, in words when the count is hidden.
type presenceCount struct{ Name, Count string }

// presenceOf translates the room's presence for the page.
func presenceOf(v *view, pr sessions.Presence) (*presenceView, error) {
	out := &presenceView{Names: pr.Names}
	// The total is exact today; a total hidden as "<5" is shown in words.
	total, terr := strconv.Atoi(pr.Total)
	var err error
	if terr == nil {
		out.Total, err = v.N("presence.total", total)
	} else {
		out.Total, err = v.T("presence.total_few")
	}
	if err != nil {
		return nil, err
	}
	if out.Groups, err = presenceCounts(v, "group", pr.ByGroup); err != nil {
		return nil, err
	}
	if out.Regions, err = presenceCounts(v, "region", pr.ByRegion); err != nil {
		return nil, err
	}
	someone := terr != nil || total > 0
	switch {
	case len(pr.Names) == 0 && someone:
		out.Note, err = v.T("presence.none_listed")
	case len(pr.Names) > 0 && (terr != nil || len(pr.Names) < total):
		out.Note, err = v.T("presence.others")
	}
	return out, err
}

// presenceCounts translates counts by group or region, ordered by their
// code (as the client orders them, so a live update does not reshuffle the
// lines).
func presenceCounts(v *view, prefix string, counts map[string]string) ([]presenceCount, error) {
	var out []presenceCount
	for _, code := range slices.Sorted(maps.Keys(counts)) {
		name, err := v.TK(prefix, code)
		if err != nil {
			return nil, err
		}
		count := counts[code]
		if hidden(count) {
			if count, err = v.T("presence.few"); err != nil {
				return nil, err
			}
		}
		out = append(out, presenceCount{Name: name, Count: count})
	}
	return out, nil
}

// hidden reports whether a count is hidden as "<5" (sessions.Count): it is
// shown in words, which screen readers read as such.
func hidden(count string) bool { return strings.HasPrefix(count, "<") }
