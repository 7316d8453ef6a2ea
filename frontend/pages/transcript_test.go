package pages

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/sessions"
)

// twoChannels gives session 1 an English and a French caption channel
// and n lines in each, English and French in turn.
func twoChannels(f *fixture, n int) time.Time {
	start := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	f.sessions.channels = []sessions.CaptionChannel{{ID: 1, SessionID: 1, Language: "en"}, {ID: 2, SessionID: 1, Language: "fr",
		Captioners: []sessions.ChannelCaptioner{{AccountID: 9, Name: "Jean-Pierre"}}}}
	f.sessions.captions = nil
	for i := 1; i <= 2*n; i++ {
		c := sessions.Caption{ID: int64(i), SessionID: 1, ChannelID: 1, Language: "en", Text: fmt.Sprintf("Line %d <i>said</i>", i),
			CreatedAt: start.Add(time.Duration(i) * time.Second)}
		if i%2 == 0 {
			c.ChannelID, c.Language, c.Text = 2, "fr", fmt.Sprintf("Ligne %d", i)
		}
		f.sessions.captions = append(f.sessions.captions, c)
	}
	return start
}

func TestTranscriptPageKeepsEveryCaptionLineTheRoomNoLongerShows(t *testing.T) {
	f := newFixture(t)
	twoChannels(f, captionHistory+5)
	room := f.get("/sessions/1?lang=en", "Amina").Body.String()
	if strings.Contains(room, `id="cap-1"`) {
		t.Fatal("the room shows the oldest caption line: this test needs more lines than the room keeps")
	}
	mustContain(t, room, `<a href="/sessions/1/transcript">The whole transcript</a>`)

	body := okPage(t, f, "/sessions/1/transcript?lang=en", "Amina")
	mustContain(t, body, `<p><a href="/sessions/1">Back to the session</a></p>
<h1>Transcript</h1>`,
		`<h2 id="channel-1-h" lang="en">English</h2>`, `<h2 id="channel-2-h" lang="fr">français</h2>`,
		`<li id="cap-1"><time datetime="2026-12-03T09:00:01Z">09:00:01</time> <span dir="auto">Line 1 &lt;i&gt;said&lt;/i&gt;</span></li>`,
		`<li id="cap-70">`,
		`<a href="/sessions/1/transcript.vtt?channel=2" download>Download the captions in français as WebVTT (with timestamps)</a>`,
		`<a href="/sessions/1/transcript.txt?channel=1" download>Download the captions in English as plain text</a>`)
	english, french := body[strings.Index(body, `id="channel-1"`):strings.Index(body, `id="channel-2"`)], body[strings.Index(body, `id="channel-2"`):]
	if strings.Contains(english, "Ligne") || strings.Contains(french, "Line ") {
		t.Error("a channel's transcript holds the other's lines")
	}
	if first, last := strings.Index(english, `id="cap-1"`), strings.Index(english, `id="cap-69"`); first < 0 || first > last {
		t.Error("the English transcript is not in the order the lines were written")
	}
	mustContain(t, f.get("/sessions/1/transcript?lang=ar", "Amina").Body.String(), "<title>نص الترجمة النصية: ")

	f.sessions.captions, f.sessions.channels = nil, nil
	mustContain(t, f.get("/sessions/1/transcript?lang=fr", "Amina").Body.String(), "Aucun sous-titre n’a été écrit pour cette session.")
}

// A public session's transcript needs no sign-in; another's sends the
// visitor to sign in and back.
func TestAPublicSessionsTranscriptIsPublic(t *testing.T) {
	f := newFixture(t)
	twoChannels(f, 2)
	mustContain(t, okPage(t, f, "/sessions/1/transcript?lang=en", ""), "Line 1", "Ligne 4")
	if w := f.get("/sessions/1/transcript.vtt?channel=2", ""); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "Ligne 4") {
		t.Errorf("an anonymous download: %d %q", w.Code, w.Body.String())
	}

	f.sessions.sessions[0].Settings.RequiresRegistration = true
	for _, path := range []string{"/sessions/1/transcript", "/sessions/1/transcript.vtt?channel=1"} {
		if w := f.get(path, ""); w.Code != http.StatusSeeOther || !strings.Contains(w.Header().Get("Location"), "next=%2Fsessions%2F1%2Ftranscript") {
			t.Errorf("%s, anonymous, of a session with registration: %d to %q, want sent to sign in and back", path, w.Code, w.Header().Get("Location"))
		}
	}
}

func TestEachChannelDownloadsAsWebVTTAndPlainText(t *testing.T) {
	f := newFixture(t)
	twoChannels(f, 2)
	w := f.get("/sessions/1/transcript.vtt?channel=2", "Amina")
	wantStatus(t, w, http.StatusOK)
	if ct, cd := w.Header().Get("Content-Type"), w.Header().Get("Content-Disposition"); ct != "text/vtt; charset=utf-8" || cd != `attachment; filename="session-1-captions-fr.vtt"` {
		t.Errorf("Content-Type %q, Content-Disposition %q", ct, cd)
	}
	// Times run from the session's first line (Line 1, one second in).
	want := "WEBVTT\n\n2\n00:00:01.000 --> 00:00:03.000\nLigne 2\n\n4\n00:00:03.000 --> 00:00:08.000\nLigne 4\n"
	if w.Body.String() != want {
		t.Errorf("the French WebVTT\n%q\nwant\n%q", w.Body.String(), want)
	}
	w = f.get("/sessions/1/transcript.txt?channel=1&lang=fr", "Amina")
	wantStatus(t, w, http.StatusOK)
	want = "Transcription de Connecting the next billion : sous-titres en English\n\n00:00:00 Line 1 <i>said</i>\n00:00:02 Line 3 <i>said</i>\n"
	if w.Body.String() != want {
		t.Errorf("the English text\n%q\nwant\n%q", w.Body.String(), want)
	}
	if w := f.get("/sessions/1/transcript.vtt?channel=7", "Amina"); w.Code != http.StatusNotFound {
		t.Errorf("a channel the session does not have: %d, want 404", w.Code)
	}
}

// Without JavaScript the reader chooses a channel with a link: the room
// comes back with it shown, and remembers it for the next page.
func TestTheRoomShowsTheChosenChannelAndRemembersIt(t *testing.T) {
	f := newFixture(t)
	twoChannels(f, 2)
	body := f.get("/sessions/1?lang=en", "Amina").Body.String()
	mustContain(t, body,
		`<div id="captions-log-1" class="log captions" role="log" aria-live="polite" aria-labelledby="cap-h cap-name-1" lang="en" data-channel="1" tabindex="0">`,
		`<div id="captions-log-2" class="log captions" role="log" aria-live="polite" aria-labelledby="cap-h cap-name-2" lang="fr" data-channel="2" tabindex="0" hidden>`,
		`<a id="cap-name-1" href="/sessions/1?captions=en#captions" lang="en" hreflang="en" data-channel="1" data-language="en" aria-current="true">English</a>`,
		`<a id="cap-name-2" href="/sessions/1?captions=fr#captions" lang="fr" hreflang="fr" data-channel="2" data-language="fr">français</a>`)

	w := f.get("/sessions/1?captions=fr&lang=en", "Amina")
	mustContain(t, w.Body.String(), `data-channel="1" tabindex="0" hidden>`, `data-channel="2" tabindex="0">`, `data-language="fr" aria-current="true">français</a>`)
	ck := w.Result().Cookies()
	if len(ck) == 0 || ck[len(ck)-1].Name != captionsCookie || ck[len(ck)-1].Value != "fr" {
		t.Fatalf("cookies %v: want the choice remembered", ck)
	}
	again := f.get("/sessions/1?lang=en", "Amina", "Cookie", captionsCookie+"=fr")
	mustContain(t, again.Body.String(), `data-language="fr" aria-current="true">français</a>`)
	// Without a choice, a French reader gets the French channel.
	mustContain(t, f.get("/sessions/1?lang=fr", "Amina").Body.String(), `data-language="fr" aria-current="true">français</a>`)
}

// A captioner with several channels chooses where to send; the
// moderators set channels up with plain forms.
func TestCaptionersChooseTheirChannelAndModeratorsSetThemUp(t *testing.T) {
	f := newFixture(t)
	twoChannels(f, 1)
	f.sessions.roles = map[string][]sessions.SessionRole{"Amina": {sessions.Captioner}}
	body := f.get("/sessions/1?lang=en&captions=fr", "Amina").Body.String()
	// Amina is not French's own captioner: English only, as a hidden field.
	mustContain(t, body, `<input type="hidden" name="channel" value="1">`)
	f.sessions.channels[1].Captioners = nil
	body = f.get("/sessions/1?lang=en&captions=fr", "Amina").Body.String()
	mustContain(t, body, `<label for="caption-channel">Channel to send to</label>`, `<option value="2" lang="fr" selected>français</option>`)
	f.post("/sessions/1/act", "Amina", map[string][]string{"type": {"caption.add"}, "channel": {"2"}, "text": {"Bonjour"}})

	f.sessions.captioners = []sessions.ChannelCaptioner{{AccountID: 9, Name: "Jean-Pierre"}}
	mod := f.get("/sessions/1/moderate?lang=en", "Lucia").Body.String()
	mustContain(t, mod, `<h3 id="cap-setup-h">Caption channels</h3>`, `<option value="9">Jean-Pierre</option>`, `<option value="es" lang="es">español</option>`)
	f.post("/sessions/1/act", "Lucia", map[string][]string{"type": {"caption.channel_add"}, "back": {"moderate"}, "language": {"es"}, "captioner": {"9"}})
	if got := strings.Join(f.sessions.acts, "|"); got != "caption.add 1 2 Bonjour|caption.channel_add 1 es 9" {
		t.Errorf("actions %q", got)
	}
}
