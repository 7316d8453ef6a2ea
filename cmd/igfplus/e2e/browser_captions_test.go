package e2e

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/asticode/go-astisub"
	"github.com/chromedp/chromedp/kb"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// captionChannel is a channel as GET /api/sessions/{id}/caption-channels
// lists it.
type captionChannel struct {
	ID       int64  `json:"id"`
	Language string `json:"language"`
}

// channelsOf reads the session's caption channels by language.
func channelsOf(t *testing.T, n *node, room string) map[string]int64 {
	t.Helper()
	var out struct {
		Channels []captionChannel `json:"channels"`
	}
	api(t, n, http.MethodGet, "/api"+room+"/caption-channels", "", "", http.StatusOK, &out)
	m := map[string]int64{}
	for _, c := range out.Channels {
		m[c.Language] = c.ID
	}
	return m
}

// getAnonymously GETs path without signing in and returns the body.
func getAnonymously(t *testing.T, n *node, path string) string {
	t.Helper()
	code, b := apiDo(t, n, "", http.MethodGet, path, nil)
	if code != http.StatusOK {
		t.Fatalf("GET %s without signing in: %d %s", path, code, b)
	}
	return string(b)
}

// TestBrowserTwoCaptionChannelsRunSwitchAndAreKeptAsTranscripts (#20
// point 3): the moderator sets up an English channel for one captioner
// (JavaScript on) and a French one for another (JavaScript off, from the
// keyboard); both caption at once, one from the room's captioner console,
// the other over the socket as an older client would (no channel); a
// participant switches to French without the page reloading, and the
// choice holds on the next page; without JavaScript the channel links
// switch from the keyboard. The public transcript and each channel's
// WebVTT download (read by a WebVTT parser) hold that channel's lines in
// order, with no sign-in. axe-core checks the room, the console's
// captions and the transcript.
func TestBrowserTwoCaptionChannelsRunSwitchAndAreKeptAsTranscripts(t *testing.T) {
	src, c, f := browserForum(t)
	amina := f.Participant(t, "Amina Yusuf")
	layla := f.Person(t, "Layla Haddad", "technical_community", "asia_pacific")
	jp := f.Person(t, "Jean-Pierre Ndiaye", "intergovernmental", "intergovernmental")
	f.Role(t, f.Session, layla, "captioner")
	f.Role(t, f.Session, jp, "captioner")
	n := startNode(t, c)
	room := "/sessions/" + strconv.FormatInt(f.Session, 10)

	// Set-up: English for Layla, with JavaScript.
	mod := chromiumtest.New(t)
	enterAs(t, mod, n, f.Moderator.Email, room+"/moderate") // signed in in English
	open(t, mod, n.URL+room+"/moderate?lang=en#captions")
	waitFor(t, mod, 10*time.Second, "the console's captions", `document.getElementById("caption-setup") !== null`)
	setValue(t, mod, "caption-language", "en")
	setValue(t, mod, "caption-captioner", strconv.FormatInt(layla.ID, 10))
	press(t, mod, "set up the English channel", "#caption-setup button")
	waitFor(t, mod, 10*time.Second, "the English channel listed", `(document.getElementById("caption-setup-list")?.textContent ?? "").includes("Layla Haddad")`)
	chromiumtest.CheckAxe(t, mod, src, "the console's captions")
	// French for Jean-Pierre, without JavaScript, from the keyboard.
	off := noScript(t)
	signInOn(t, off, n, f.Moderator.Email, room+"/moderate")
	waitFor(t, off, 10*time.Second, "the console", `document.getElementById("caption-setup") !== null`)
	setValue(t, off, "caption-language", "fr")
	setValue(t, off, "caption-captioner", strconv.FormatInt(jp.ID, 10))
	keyOn(t, off, "set up the French channel", "#caption-setup button", kb.Enter)
	waitFor(t, off, 10*time.Second, "the French channel listed", `(document.getElementById("caption-setup-list")?.textContent ?? "").includes("Jean-Pierre Ndiaye")`)
	ch := channelsOf(t, n, room)
	en, fr := strconv.FormatInt(ch["en"], 10), strconv.FormatInt(ch["fr"], 10)
	if ch["en"] == 0 || ch["fr"] == 0 || len(ch) != 2 {
		t.Fatalf("channels %v, want English and French", ch)
	}

	// Amina follows in English (her page's language).
	part := chromiumtest.New(t)
	enterAs(t, part, n, amina.Email, room)
	// Layla captions from the room's console; Jean-Pierre over the socket,
	// once into his channel and once as an older client (no channel).
	capt := chromiumtest.New(t)
	enterAs(t, capt, n, layla.Email, room)
	waitFor(t, capt, 5*time.Second, "her console sends to English", `document.querySelector("#caption-form input[name=channel]")?.value === `+js(en))
	jpConn := joinRoom(t, n, f.Session, signInAs(t, n, jp))
	english := []string{"Welcome, everyone.", "Our first speaker joins from Nairobi."}
	french := []string{"Bienvenue à toutes et à tous.", "Notre première intervenante est à Nairobi."}
	for i := range english {
		typeInto(t, capt, "caption-text", english[i])
		press(t, capt, "send the caption", "#caption-form button")
		waitFor(t, capt, 10*time.Second, "the line sent", `document.getElementById("caption-text").value === ""`)
		frame := map[string]any{"type": "caption.add", "text": french[i]}
		if i == 0 {
			frame["channel"] = ch["fr"]
		}
		sendAcked(t, jpConn, frame)
	}
	inLog := func(channel, text string) string {
		return `(document.getElementById("captions-log-` + channel + `")?.textContent ?? "").includes(` + js(text) + `)`
	}
	waitFor(t, part, 10*time.Second, "both channels' lines, each in its log", inLog(en, english[1])+" && "+inLog(fr, french[1])+
		" && !"+inLog(en, french[0])+" && !"+inLog(fr, english[0])+
		` && document.getElementById("captions-log-`+fr+`").hidden && !document.getElementById("captions-log-`+en+`").hidden`)

	// She switches to French: in place, no reload.
	eval[bool](t, part, 5*time.Second, `(window.sameDocument = true)`)
	press(t, part, "choose French", "#cap-name-"+fr)
	waitFor(t, part, 5*time.Second, "French shown in place", `!document.getElementById("captions-log-`+fr+`").hidden && document.getElementById("captions-log-`+en+`").hidden &&
		document.getElementById("cap-name-`+fr+`").getAttribute("aria-current") === "true" && window.sameDocument === true`)
	chromiumtest.CheckAxe(t, part, src, "the room with two caption channels (en)")
	// The next page remembers it, in any interface language.
	open(t, part, n.URL+room+"?lang=ar")
	waitFor(t, part, 10*time.Second, "French still chosen", `!document.getElementById("captions-log-`+fr+`").hidden && `+inLog(fr, french[1]))
	chromiumtest.CheckAxe(t, part, src, "the room with two caption channels (ar)")

	// Without JavaScript: the links switch, from the keyboard.
	plain := noScript(t)
	signInOn(t, plain, n, amina.Email, room)
	waitFor(t, plain, 10*time.Second, "English shown", `document.getElementById("captions-log-`+fr+`")?.hidden === true && `+inLog(en, english[0]))
	keyOn(t, plain, "choose French", "#cap-name-"+fr, kb.Enter)
	waitFor(t, plain, 10*time.Second, "French shown after the link", `location.search.includes("captions=fr") && document.getElementById("captions-log-`+fr+`")?.hidden === false && `+inLog(fr, french[0]))

	// The public transcript and the downloads, without signing in.
	page := getAnonymously(t, n, room+"/transcript")
	for _, lines := range [][]string{english, french} {
		if i, j := strings.Index(page, lines[0]), strings.Index(page, lines[1]); i < 0 || j < i {
			t.Errorf("the public transcript lacks %q in order", lines)
		}
	}
	for lang, want := range map[string][]string{"en": english, "fr": french} {
		vtt := getAnonymously(t, n, fmt.Sprintf("%s/transcript.vtt?channel=%d", room, ch[lang]))
		subs, err := astisub.ReadFromWebVTT(bytes.NewReader([]byte(vtt)))
		if err != nil {
			t.Fatalf("the %s WebVTT does not parse: %v\n%s", lang, err, vtt)
		}
		var got []string
		for i, it := range subs.Items {
			got = append(got, it.String())
			if it.EndAt <= it.StartAt || (i > 0 && it.StartAt < subs.Items[i-1].StartAt) {
				t.Errorf("%s cue %d runs %v --> %v", lang, i, it.StartAt, it.EndAt)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("the %s WebVTT holds %q, want %q", lang, got, want)
		}
		if text := getAnonymously(t, n, fmt.Sprintf("%s/transcript.txt?channel=%d", room, ch[lang])); !strings.Contains(text, want[0]) || !strings.Contains(text, want[1]) {
			t.Errorf("the %s text download: %q", lang, text)
		}
	}
	anon := chromiumtest.New(t)
	open(t, anon, n.URL+room+"/transcript?lang=en")
	waitFor(t, anon, 10*time.Second, "the transcript's channels", `document.querySelectorAll("ol.transcript").length === 2`)
	chromiumtest.CheckAxe(t, anon, src, "the public transcript")
}
