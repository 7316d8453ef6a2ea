package recommendations

import (
	"strings"
	"unicode"
)

// DiffKind says what a piece of a diff is.
type DiffKind string

// The kinds of diff pieces.
const (
	Same     DiffKind = "="
	Inserted DiffKind = "+"
	Deleted  DiffKind = "-"
)

// DiffPart is a run of text that both texts share, or that only the newer
// (Inserted) or the older (Deleted) has.
type DiffPart struct {
	Kind DiffKind `json:"kind"`
	Text string   `json:"text"`
}

// maxDiffEdits bounds the work of one diff: past this many edits the
// differing middle is shown as deleted then inserted whole. Versions of a
// recommendation differ by far less; the bound keeps a pathological pair
// (two unrelated 50,000-character texts) from costing more than a few
// megabytes and milliseconds.
const maxDiffEdits = 1000

// WordDiff compares two texts word by word: words (runs of letters, digits
// and marks, in any script), runs of spaces and single punctuation marks are
// the units, so a change of one word does not mark the whole sentence. The
// parts, read in order, give old when the Inserted ones are left out and
// new when the Deleted ones are. Adjacent parts are of different kinds, and
// a deletion comes before the insertion that replaces it.
//
// It is Myers' O((N+M)D) algorithm over the units, with the common start
// and end taken off first. It is the project's own (a page of code) rather
// than a library: the maintained Go diff libraries diff characters or
// lines, and words in them need the same tokenising around them.
func WordDiff(old, new string) []DiffPart {
	a, b := diffUnits(old), diffUnits(new)
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out diffBuilder
	out.add(Same, a[:pre]...)
	out.middle(a[pre:len(a)-suf], b[pre:len(b)-suf])
	out.add(Same, a[len(a)-suf:]...)
	return out.parts
}

// The kinds of diff units: a run of letters and digits (a word), a run of
// spaces, and a character alone (punctuation, a symbol, and a character
// of a script written without spaces between words).
const (
	unitAlone = iota
	unitWord
	unitSpace
)

// unspaced are the scripts that write no spaces between words: each of
// their characters is a unit, so that a changed word is marked rather
// than its whole clause.
var unspaced = []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar}

// unitOf is the kind of unit r belongs to.
func unitOf(r rune) int {
	switch {
	case unicode.IsOneOf(unspaced, r):
		return unitAlone
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return unitWord
	case unicode.IsSpace(r):
		return unitSpace
	}
	return unitAlone
}

// joinsPrevious says whether r is part of the character before it on
// screen: a combining mark, a variation selector, an emoji's skin tone,
// either side of a zero-width joiner.
func joinsPrevious(r, prev rune) bool {
	const zwj = '\u200d'
	return unicode.IsMark(r) || r == zwj || prev == zwj || (r >= 0x1F3FB && r <= 0x1F3FF)
}

// diffUnits cuts s into the units WordDiff compares.
func diffUnits(s string) []string {
	var out []string
	start, kind := 0, unitAlone
	var prev rune
	for i, r := range s {
		if i > start && joinsPrevious(r, prev) {
			prev = r
			continue
		}
		k := unitOf(r)
		if i > start && (k == unitAlone || k != kind) {
			out = append(out, s[start:i])
			start = i
		}
		kind, prev = k, r
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

type diffBuilder struct{ parts []DiffPart }

// add appends units of kind k, joining them to the last part when it is
// of the same kind.
func (d *diffBuilder) add(k DiffKind, units ...string) {
	if len(units) == 0 {
		return
	}
	text := strings.Join(units, "")
	if n := len(d.parts); n > 0 && d.parts[n-1].Kind == k {
		d.parts[n-1].Text += text
		return
	}
	d.parts = append(d.parts, DiffPart{Kind: k, Text: text})
}

// middle diffs a and b, which differ at both ends.
func (d *diffBuilder) middle(a, b []string) {
	switch {
	case len(a) == 0:
		d.add(Inserted, b...)
		return
	case len(b) == 0:
		d.add(Deleted, a...)
		return
	}
	trace, ok := myers(a, b)
	if !ok {
		d.add(Deleted, a...)
		d.add(Inserted, b...)
		return
	}
	// Walk the trace back from the end, collecting the script in reverse.
	type step struct {
		k    DiffKind
		unit string
	}
	var script []step
	x, y := len(a), len(b)
	for e := len(trace) - 1; e >= 0; e-- {
		v := func(k int) int { return trace[e][k+e+1] }
		k := x - y
		prevK := k - 1 // came right: a deletion
		if k == -e || (k != e && v(k-1) < v(k+1)) {
			prevK = k + 1 // came down: an insertion
		}
		prevX := v(prevK)
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x, y = x-1, y-1
			script = append(script, step{Same, a[x]})
		}
		if e == 0 {
			break
		}
		if x == prevX {
			script = append(script, step{Inserted, b[y-1]})
		} else {
			script = append(script, step{Deleted, a[x-1]})
		}
		x, y = prevX, prevY
	}
	// Forward again; within a changed run, deletions before insertions.
	for i := len(script) - 1; i >= 0; {
		if script[i].k == Same {
			d.add(Same, script[i].unit)
			i--
			continue
		}
		var del, ins []string
		for ; i >= 0 && script[i].k != Same; i-- {
			if script[i].k == Deleted {
				del = append(del, script[i].unit)
			} else {
				ins = append(ins, script[i].unit)
			}
		}
		d.add(Deleted, del...)
		d.add(Inserted, ins...)
	}
}

// myers runs Myers' greedy forward search. It returns, for each edit
// count e, the frontier as it stood before step e (diagonals -e-1 to
// e+1, which is all step e reads), or false past maxDiffEdits.
func myers(a, b []string) ([][]int, bool) {
	n, m := len(a), len(b)
	off := n + m + 1
	v := make([]int, 2*off+1)
	var trace [][]int
	for e := 0; e <= min(n+m, maxDiffEdits); e++ {
		trace = append(trace, append([]int(nil), v[off-e-1:off+e+2]...))
		for k := -e; k <= e; k += 2 {
			var x int
			if k == -e || (k != e && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = x
			if x >= n && y >= m {
				return trace, true
			}
		}
	}
	return nil, false
}
