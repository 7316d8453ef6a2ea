// Package captionfile writes a caption channel's transcript as files to
// download: WebVTT (https://www.w3.org/TR/webvtt1/), which video players
// and subtitle tools read, and plain text. Times are relative to an
// origin the caller chooses (the session's first caption line, so that
// every channel of a session shares its clock).
package captionfile

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/igfplus/igfplus/sessions"
)

// MaxCue is how long a line stays on screen when the next one is slow to
// come: a cue ends when the next line starts, or after MaxCue.
const MaxCue = 5 * time.Second

// minCue keeps a cue's end after its start when two lines were written in
// the same instant (WebVTT requires it).
const minCue = time.Millisecond

// Cue is one line with its times relative to the origin.
type Cue struct {
	ID         int64
	Start, End time.Duration
	Text       string
}

// Cues times lines (in order) from origin: each starts when it was
// written and ends when the next starts, after MaxCue at most. A line
// written before origin starts at 0.
func Cues(lines []sessions.Caption, origin time.Time) []Cue {
	out := make([]Cue, len(lines))
	for i, l := range lines {
		start := max(0, l.CreatedAt.Sub(origin))
		end := start + MaxCue
		if i+1 < len(lines) {
			end = min(end, max(0, lines[i+1].CreatedAt.Sub(origin)))
		}
		out[i] = Cue{ID: l.ID, Start: start, End: max(end, start+minCue), Text: l.Text}
	}
	return out
}

// WriteVTT writes cues as a WebVTT file, each cue named by its line's id.
// Text is escaped (&, <, >), so that a line is never read as markup or
// as a cue timing's arrow.
func WriteVTT(w io.Writer, cues []Cue) error {
	var b strings.Builder
	b.WriteString("WEBVTT\n")
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	for _, c := range cues {
		fmt.Fprintf(&b, "\n%d\n%s --> %s\n%s\n", c.ID, stamp(c.Start), stamp(c.End), esc.Replace(oneLine(c.Text)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteText writes cues as plain text, one line each after its start
// time ("00:01:02 Welcome."), under a heading line. Hours past 99 would
// widen the stamp: a session does not last four days.
func WriteText(w io.Writer, heading string, cues []Cue) error {
	var b strings.Builder
	b.WriteString(oneLine(heading) + "\n\n")
	for _, c := range cues {
		fmt.Fprintf(&b, "%s %s\n", stamp(c.Start)[:8], oneLine(c.Text))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// oneLine keeps a line on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// stamp formats d as hh:mm:ss.ttt, WebVTT's timestamp (hours may pass
// 99).
func stamp(d time.Duration) string {
	ms := d.Milliseconds()
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}
