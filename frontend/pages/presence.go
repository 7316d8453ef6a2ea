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

// presenceBlock is the argument of the template "presence-counts": the
// block of the counts by group or by region, ID its element's id.
type presenceBlock struct {
	V           *view
	ID, Heading string
	Counts      []presenceCount
}

// PresenceCounts hands "presence-counts" the counts under heading.
func (v *view) PresenceCounts(id, heading string, counts []presenceCount) presenceBlock {
	return presenceBlock{V: v, ID: id, Heading: heading, Counts: counts}
}

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
	if out.Groups, err = presenceLines(v, "group", pr.ByGroup, pr.ListedByGroup); err != nil {
		return nil, err
	}
	if out.Regions, err = presenceLines(v, "region", pr.ByRegion, pr.ListedByRegion); err != nil {
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
	return presenceLines(v, prefix, counts, nil)
}

// presenceLines translates the counts of a group or region's people not
// listed by name (others) beside those listed (exact): "3 listed by name,
// fewer than 5 others", so that the counts never contradict the names
// above them (#17). A group with nobody listed shows its count alone.
// presence.ts says the same.
func presenceLines(v *view, prefix string, others map[string]string, listed map[string]int) ([]presenceCount, error) {
	var out []presenceCount
	for _, code := range slices.Sorted(maps.Keys(union(others, listed))) {
		name, err := v.TK(prefix, code)
		if err != nil {
			return nil, err
		}
		count, err := presenceLine(v, others[code], listed[code])
		if err != nil {
			return nil, err
		}
		out = append(out, presenceCount{Name: name, Count: count})
	}
	return out, nil
}

// presenceLine says one group's count: others alone ("7", "fewer than
// 5"), the listed alone ("3 listed by name") or both.
func presenceLine(v *view, others string, listed int) (string, error) {
	rest, err := othersCount(v, others, listed > 0)
	if err != nil || listed == 0 {
		return rest, err
	}
	named, err := v.N("presence.listed", listed)
	if err != nil || others == "" {
		return named, err
	}
	return v.Fill("presence.listed_and_others", "Listed", named, "Others", rest)
}

// othersCount says a count of people not listed: beside listed names as
// "7 others" or "fewer than 5 others", alone as "7" or "fewer than 5".
func othersCount(v *view, count string, besideNames bool) (string, error) {
	switch n, err := strconv.Atoi(count); {
	case count == "":
		return "", nil
	case hidden(count) && besideNames:
		return v.T("presence.few_others")
	case hidden(count):
		return v.T("presence.few")
	case besideNames && err == nil:
		return v.N("presence.others_count", n)
	}
	return count, nil
}

// union is the set of keys of both maps.
func union(a map[string]string, b map[string]int) map[string]bool {
	out := make(map[string]bool, len(a)+len(b))
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// hidden reports whether a count is hidden as "<5" (sessions.Count): it is
// shown in words, which screen readers read as such.
func hidden(count string) bool { return strings.HasPrefix(count, "<") }
