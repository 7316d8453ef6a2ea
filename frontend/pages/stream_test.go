package pages

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// fakeStreams are a session's links and hubs for the pages' tests.
type fakeStreams struct {
	list  []sessions.Stream
	hubs  []sessions.Hub
	saved [][]sessions.Stream
}

func (f *fakeStreams) StreamsOf(context.Context, igfplus.Identity, int64) ([]sessions.Stream, error) {
	return f.list, nil
}

func (f *fakeStreams) SetStreams(_ context.Context, _ igfplus.Identity, _ int64, list []sessions.Stream) ([]sessions.Stream, error) {
	if err := sessions.CheckStreams(list); err != nil {
		return nil, err
	}
	f.saved = append(f.saved, list)
	return list, nil
}

func (f *fakeStreams) RegisterHub(_ context.Context, who igfplus.Identity, id int64, h sessions.Hub) (sessions.Hub, error) {
	h.ID, h.SessionID, h.Contact = int64(len(f.hubs)+1), id, who.Name
	f.hubs = append(f.hubs, h)
	return h, nil
}

func (f *fakeStreams) HubsOf(context.Context, igfplus.Identity, int64) ([]sessions.Hub, error) {
	return f.hubs, nil
}

func (f *fakeStreams) MyHubs(_ context.Context, who igfplus.Identity, _ int64) ([]sessions.Hub, error) {
	var mine []sessions.Hub
	for _, h := range f.hubs {
		if h.Contact == who.Name {
			mine = append(mine, h)
		}
	}
	return mine, nil
}

// streamsFixture is the fixture with a session's links (a speakers' tool,
// a YouTube stream, a French interpretation on a PeerTube instance) and a
// hub of Amina's.
func streamsFixture(tb testing.TB) (*fixture, *fakeStreams) {
	fs := &fakeStreams{
		list: []sessions.Stream{
			{Kind: sessions.SpeakersLink, URL: "https://meet.example.org/igf-speakers"},
			{Kind: sessions.PublicStream, URL: "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
			{Kind: sessions.Interpretation, Language: "fr", URL: "https://peertube.example.org/w/kq3TzRf5Xy"},
		},
		hubs: []sessions.Hub{{ID: 1, SessionID: 1, Contact: "Amina", Name: "Nairobi hub", City: "Nairobi", Country: "KE", Expected: 40}},
	}
	return newFixtureWith(tb, func(d *Deps) { d.Streams = fs }), fs
}

func TestRoomLinksStreamsButLoadsNoPlayerUntilAsked(t *testing.T) {
	f, _ := streamsFixture(t)
	body := f.get("/sessions/1", "Amina").Body.String()
	mustContain(t, body, `id="stream-links"`, `href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"`, `hreflang="fr"`,
		`data-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"`, `data-src="https://peertube.example.org/videos/embed/kq3TzRf5Xy"`,
		`name="play" value="interpretation-fr"`, "Interpretation: \u2068français\u2069")
	// Nothing the browser would fetch from a stream's host before the person asks.
	for _, bad := range []string{"<iframe", "<video", "preconnect", "dns-prefetch", ` src="https://www.youtube`, ` src="https://peertube`, "<img", "poster="} {
		if strings.Contains(body, bad) {
			t.Errorf("the room holds %q before anyone asked for the video", bad)
		}
	}
	played := f.get("/sessions/1?play=interpretation-fr", "Amina").Body.String()
	mustContain(t, played, `<iframe src="https://peertube.example.org/videos/embed/kq3TzRf5Xy" title="Interpretation: `)
}

func TestTextOnlyRoomLeavesCaptionsQueueAndChatAndIsRemembered(t *testing.T) {
	f, _ := streamsFixture(t)
	w := f.get("/sessions/1?text=1", "Amina")
	body := w.Body.String()
	mustContain(t, body, `id="text-only-note"`, `id="floor"`, `id="captions"`, `id="chat"`, `href="?text=0"`)
	for _, gone := range []string{`id="agenda"`, `id="questions"`, `id="stream-links"`, `id="presence"`, `id="reactions"`} {
		if strings.Contains(body, gone) {
			t.Errorf("text-only room still holds %s", gone)
		}
	}
	var remembered *http.Cookie
	for _, c := range w.Result().Cookies() {
		if c.Name == textOnlyCookie {
			remembered = c
		}
	}
	if remembered == nil || remembered.Value != "1" || !remembered.HttpOnly {
		t.Fatalf("text-only mode not remembered: %+v", remembered)
	}
	again := f.get("/sessions/1", "Amina", "Cookie", textOnlyCookie+"=1").Body.String()
	mustContain(t, again, `id="text-only-note"`)
	if strings.Contains(again, `id="agenda"`) {
		t.Error("the remembered text-only mode was not applied")
	}
	mustContain(t, f.get("/sessions/1?text=0", "Amina", "Cookie", textOnlyCookie+"=1").Body.String(), `id="stream-links"`)
}

func TestStreamsFormRefusesAnHTTPLinkBesideItsField(t *testing.T) {
	f, fs := streamsFixture(t)
	wantStatus(t, f.get("/sessions/1/streams", "Amina"), http.StatusForbidden)
	form := url.Values{"public_url": {"http://stream.example.org/live.m3u8"}, "interp_lang_0": {"es"}, "interp_url_0": {"https://stream.example.org/es.m3u8"}}
	w := f.post("/sessions/1/streams", "Lucia", form)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	mustContain(t, w.Body.String(), `<span id="public-url-error" class="error">Only https links are accepted.</span>`, `aria-invalid="true"`,
		`value="http://stream.example.org/live.m3u8"`, `value="https://stream.example.org/es.m3u8"`)
	if len(fs.saved) != 0 {
		t.Fatalf("saved despite the refusal: %v", fs.saved)
	}
	form.Set("public_url", "https://stream.example.org/live.m3u8")
	w = f.post("/sessions/1/streams", "Lucia", form)
	wantStatus(t, w, http.StatusSeeOther)
	if len(fs.saved) != 1 || len(fs.saved[0]) != 2 || fs.saved[0][1].Language != "es" {
		t.Fatalf("saved %v", fs.saved)
	}
}

func TestHubAsksForTheFloorAndIsNamedInTheQueue(t *testing.T) {
	f, fs := streamsFixture(t)
	f.sessions.floor.Queue[0].Hub = "Nairobi hub"
	body := f.get("/sessions/1", "Amina").Body.String()
	mustContain(t, body, `<select id="hub-id" name="hub_id"><option value="0">Myself</option><option value="1">Nairobi hub</option></select>`,
		`<bdi class="name">Nairobi hub</bdi> <span class="via">(via `)
	w := f.post("/sessions/1/act", "Amina", url.Values{"type": {"floor.request"}, "mode": {"online"}, "hub_id": {"1"}})
	if w.Code >= 400 {
		t.Fatalf("floor.request as a hub: %d", w.Code)
	}
	if got := f.sessions.acts; len(got) == 0 || got[len(got)-1] != "floor.request 1 hub 1 false" {
		t.Fatalf("acts %v", got)
	}
	mustContain(t, f.get("/sessions/1", "Lucia").Body.String(), `id="hubs-list"`, "Nairobi hub")
	w = f.post("/sessions/1/hubs", "Rajesh", url.Values{"name": {"Chennai hub"}, "city": {""}, "country": {"IN"}, "expected": {"12"}})
	wantStatus(t, w, http.StatusUnprocessableEntity)
	mustContain(t, w.Body.String(), `<span id="hub-city-error" class="error">`)
	if len(fs.hubs) != 1 {
		t.Fatalf("a refused hub was registered: %v", fs.hubs)
	}
}
