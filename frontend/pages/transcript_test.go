package pages

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/sessions"
)

func TestTranscriptPageKeepsEveryCaptionLineTheRoomNoLongerShows(t *testing.T) {
	f := newFixture(t)
	start := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	for i := 1; i <= captionHistory+5; i++ {
		f.sessions.captions = append(f.sessions.captions, sessions.Caption{ID: int64(i), SessionID: 1,
			Text: fmt.Sprintf("Line %d <i>said</i>", i), CreatedAt: start.Add(time.Duration(i) * time.Second)})
	}
	room := f.get("/sessions/1?lang=en", "Amina").Body.String()
	if strings.Contains(room, `id="cap-1"`) {
		t.Fatal("the room shows the oldest caption line: this test needs more lines than the room keeps")
	}
	mustContain(t, room, `<a href="/sessions/1/transcript">The whole transcript</a>`)

	w := f.get("/sessions/1/transcript?lang=en", "Amina")
	wantStatus(t, w, http.StatusOK)
	body := w.Body.String()
	mustContain(t, body, `<h1>Transcript</h1>`,
		`<li id="cap-1"><time datetime="2026-12-03T09:00:01Z">09:00:01</time> <span dir="auto">Line 1 &lt;i&gt;said&lt;/i&gt;</span></li>`,
		`<li id="cap-35">`)
	if first, last := strings.Index(body, `id="cap-1"`), strings.Index(body, `id="cap-35"`); first > last {
		t.Error("the transcript is not in the order the lines were written")
	}
	mustContain(t, f.get("/sessions/1/transcript?lang=ar", "Amina").Body.String(), "<title>نص الترجمة النصية: ")

	f.sessions.captions = nil
	mustContain(t, f.get("/sessions/1/transcript?lang=fr", "Amina").Body.String(), "Aucun sous-titre n’a été écrit pour cette session.")
	// Anonymous visitors sign in (through the session resume) and come back.
	if w := f.get("/sessions/1/transcript", ""); w.Code != http.StatusSeeOther || !strings.Contains(w.Header().Get("Location"), "next=%2Fsessions%2F1%2Ftranscript") {
		t.Errorf("an anonymous visitor: %d to %q, want sent to sign in and back", w.Code, w.Header().Get("Location"))
	}
}
