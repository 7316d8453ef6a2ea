package captionfile_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/asticode/go-astisub"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/sessions/captionfile"
)

// parseVTT reads a WebVTT file with a maintained parser of its own, so
// that what players read is checked, not what this package meant.
func parseVTT(t *testing.T, b []byte) *astisub.Subtitles {
	t.Helper()
	subs, err := astisub.ReadFromWebVTT(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the WebVTT file does not parse: %v\n%s", err, b)
	}
	return subs
}

func TestCuesRunFromTheOriginEachUntilTheNextOrAFewSeconds(t *testing.T) {
	origin := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	at := func(d time.Duration) time.Time { return origin.Add(d) }
	lines := []sessions.Caption{
		{ID: 7, Text: "Welcome, everyone.", CreatedAt: at(2 * time.Second)},
		{ID: 9, Text: "Our first speaker <b>joins</b> from Nairobi & Dakar --> online.", CreatedAt: at(4500 * time.Millisecond)},
		{ID: 12, Text: "Thank you.", CreatedAt: at(time.Hour + 2*time.Minute + 3*time.Second)},
		{ID: 13, Text: "Same instant.", CreatedAt: at(time.Hour + 2*time.Minute + 3*time.Second)},
	}
	var b bytes.Buffer
	if err := captionfile.WriteVTT(&b, captionfile.Cues(lines, origin)); err != nil {
		t.Fatal(err)
	}
	subs := parseVTT(t, b.Bytes())
	want := []struct {
		start, end time.Duration
		text       string
	}{
		{2 * time.Second, 4500 * time.Millisecond, "Welcome, everyone."},
		{4500 * time.Millisecond, 9500 * time.Millisecond, "Our first speaker <b>joins</b> from Nairobi & Dakar --> online."},
		{time.Hour + 2*time.Minute + 3*time.Second, time.Hour + 2*time.Minute + 3*time.Second + time.Millisecond, "Thank you."},
		{time.Hour + 2*time.Minute + 3*time.Second, time.Hour + 2*time.Minute + 8*time.Second, "Same instant."},
	}
	if len(subs.Items) != len(want) {
		t.Fatalf("%d cues, want %d:\n%s", len(subs.Items), len(want), b.String())
	}
	for i, w := range want {
		it := subs.Items[i]
		if it.StartAt != w.start || it.EndAt != w.end || unescape(it.String()) != w.text {
			t.Errorf("cue %d: %v --> %v %q, want %v --> %v %q", i, it.StartAt, it.EndAt, it.String(), w.start, w.end, w.text)
		}
	}
	if !strings.Contains(b.String(), "\n9\n00:00:04.500 --> 00:00:09.500\nOur first speaker &lt;b&gt;joins&lt;/b&gt; from Nairobi &amp; Dakar --&gt; online.\n") {
		t.Errorf("the cue is not named by its line nor escaped:\n%s", b.String())
	}
}

// unescape undoes WebVTT's character references, which the parser keeps.
func unescape(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

func TestALineBeforeTheOriginStartsAtZero(t *testing.T) {
	origin := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	cues := captionfile.Cues([]sessions.Caption{{ID: 1, Text: "early", CreatedAt: origin.Add(-time.Minute)}}, origin)
	if cues[0].Start != 0 || cues[0].End != captionfile.MaxCue {
		t.Errorf("%+v, want from 0 for %v", cues[0], captionfile.MaxCue)
	}
}

func TestThePlainTextHasEachLineAfterItsTime(t *testing.T) {
	origin := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	lines := []sessions.Caption{
		{ID: 1, Text: "Bonjour à toutes et à tous.", CreatedAt: origin},
		{ID: 2, Text: "La  séance\nest ouverte.", CreatedAt: origin.Add(61 * time.Second)},
	}
	var b bytes.Buffer
	if err := captionfile.WriteText(&b, "Transcription : Connecter le prochain milliard", captionfile.Cues(lines, origin)); err != nil {
		t.Fatal(err)
	}
	want := "Transcription : Connecter le prochain milliard\n\n00:00:00 Bonjour à toutes et à tous.\n00:01:01 La séance est ouverte.\n"
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
}
