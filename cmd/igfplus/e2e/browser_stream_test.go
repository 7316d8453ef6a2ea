package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// The stream beside the room (#20 point 4): the moderator sets the
// session's links on its form, a participant's room lists them and loads
// nothing from the stream's host until "Show the video"; text-only mode
// leaves captions, queue and chat; remote hubs register and ask for the
// floor as hubs, with JavaScript on and off.

// streamHost is a stream's host for the tests: an https server of its own
// on 127.0.0.1 (the browsers are told to accept its certificate) that
// counts every request it gets.
type streamHost struct {
	URL  string
	hits atomic.Int64
}

func newStreamHost(t *testing.T) *streamHost {
	t.Helper()
	h := &streamHost{}
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.hits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html lang="en"><title>Player</title><p>Playing</p></html>`)
	}))
	t.Cleanup(srv.Close)
	h.URL = srv.URL
	return h
}

// waitHits waits until the host has had at least n requests.
func (h *streamHost) waitHits(t *testing.T, n int64, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for h.hits.Load() < n {
		if time.Now().After(deadline) {
			t.Fatalf("%s: the stream's host had %d requests, want at least %d", what, h.hits.Load(), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// setLinks fills the moderator's links form and saves it.
func setLinks(t *testing.T, ctx context.Context, public, speakers, lang, interp string) {
	t.Helper()
	clear := `(() => { for (const id of ["public-url", "speakers-url", "interp-lang-0", "interp-url-0"]) { const e = document.getElementById(id); if (e) e.value = ""; } return true })()`
	eval[bool](t, ctx, 5*time.Second, clear)
	step(t, ctx, 15*time.Second, "fill in the links",
		chromedp.SendKeys(chromedp.ID("public-url"), public),
		chromedp.SendKeys(chromedp.ID("speakers-url"), speakers),
		chromedp.SendKeys(chromedp.ID("interp-lang-0"), lang),
		chromedp.SendKeys(chromedp.ID("interp-url-0"), interp),
	)
	press(t, ctx, "save the links", "#streams-submit")
}

func TestBrowserStreamLoadsOnlyWhenAskedTextOnlyAndHubsTakeTheFloor(t *testing.T) {
	src := axeSetUp(t)
	host := newStreamHost(t)
	c, f, aminaP, rajeshP := roomPair(t)
	n := startNode(t, c)
	session := f.Session
	room := "/sessions/" + strconv.FormatInt(session, 10)
	modToken := signInAs(t, n, f.Moderator)

	// The moderator sets the links on the form: an http link is refused
	// beside its field, then the https ones are saved.
	mod := chromiumtest.New(t)
	enterAs(t, mod, n, f.Moderator.Email, room)
	press(t, mod, "open the links' form", "#streams-manage")
	waitFor(t, mod, 10*time.Second, "the links' form", `document.getElementById("streams-form") !== null`)
	public := host.URL + "/w/kq3TzRf5Xy"
	setLinks(t, mod, "http://stream.example.org/live", "https://meet.example.org/igf-speakers", "fr", host.URL+"/videos/watch/fr7Interp")
	waitFor(t, mod, 10*time.Second, "the http link refused beside its field",
		`(document.getElementById("public-url-error")?.textContent ?? "") === "Only https links are accepted."`)
	chromiumtest.CheckAxe(t, mod, src, "links' form with a refusal")
	setLinks(t, mod, public, "https://meet.example.org/igf-speakers", "fr", host.URL+"/videos/watch/fr7Interp")
	waitFor(t, mod, 10*time.Second, "the links saved", `document.getElementById("streams-saved") !== null`)
	var links struct {
		Streams []struct{ Kind, URL string }
	}
	api(t, n, http.MethodGet, "/api"+room+"/streams", modToken, "", http.StatusOK, &links)
	if len(links.Streams) != 3 {
		t.Fatalf("the moderator reads %d links, want 3: %+v", len(links.Streams), links)
	}
	aminaToken := signInAs(t, n, aminaP)
	api(t, n, http.MethodGet, "/api"+room+"/streams", aminaToken, "", http.StatusOK, &links)
	if len(links.Streams) != 2 {
		t.Fatalf("a participant reads %d links, want the 2 that are not the speakers': %+v", len(links.Streams), links)
	}
	api(t, n, http.MethodPut, "/api"+room+"/streams", modToken, `{"streams":[{"kind":"public","url":"http://stream.example.org/live"}]}`, http.StatusUnprocessableEntity, nil)
	// A hub registered through the API; those who run the session list it.
	api(t, n, http.MethodPost, "/api"+room+"/hubs", aminaToken, `{"name":"Mombasa hub","city":"Mombasa","country":"KE","expected":15}`, http.StatusCreated, nil)
	api(t, n, http.MethodPost, "/api"+room+"/hubs", aminaToken, `{"name":"Kisumu hub","city":"Kisumu","country":"Kenya","expected":5}`, http.StatusUnprocessableEntity, nil)
	api(t, n, http.MethodGet, "/api"+room+"/hubs", aminaToken, "", http.StatusForbidden, nil)
	var hubs struct {
		Hubs []struct{ Name, Contact string }
	}
	api(t, n, http.MethodGet, "/api"+room+"/hubs", modToken, "", http.StatusOK, &hubs)
	if len(hubs.Hubs) != 1 || hubs.Hubs[0].Name != "Mombasa hub" || hubs.Hubs[0].Contact != "Amina Yusuf" {
		t.Fatalf("the moderator lists %+v", hubs)
	}

	// Amina's room lists the links and fetches nothing from the host until
	// she asks; then the player loads.
	amina := chromiumtest.New(t, chromiumtest.AcceptTestCertificates)
	enterAs(t, amina, n, aminaP.Email, room)
	waitFor(t, amina, 10*time.Second, "the stream's links", `document.querySelectorAll("#stream-links a").length === 2`)
	if eval[bool](t, amina, 5*time.Second, `document.body.textContent.includes("Meeting link for speakers")`) {
		t.Error("a participant sees the speakers' meeting link")
	}
	chromiumtest.CheckAxe(t, amina, src, "room with its stream's links")
	if got := host.hits.Load(); got != 0 {
		t.Fatalf("the room made %d requests to the stream's host before anyone asked", got)
	}
	press(t, amina, "show the video", `#stream-links form.stream-show button`)
	waitFor(t, amina, 10*time.Second, "the player in place",
		`document.querySelector("#stream-player iframe")?.src === `+js(host.URL+"/videos/embed/kq3TzRf5Xy")+
			` && document.getElementById("stream-status").textContent === "The video is shown below."`)
	host.waitHits(t, 1, "after Show the video")
	t.Logf("the stream's host: %d requests after the click", host.hits.Load())

	// Text-only mode: captions, queue and chat; remembered on the next visit.
	press(t, amina, "switch to text only", "#text-only-toggle")
	waitFor(t, amina, 10*time.Second, "the text-only room",
		`document.getElementById("text-only-note") !== null && document.getElementById("agenda") === null && document.getElementById("questions") === null`+
			` && document.getElementById("floor") !== null && document.getElementById("captions") !== null && document.getElementById("chat") !== null`+
			` && document.getElementById("stream-links") === null`)
	waitLive(t, amina)
	chromiumtest.CheckAxe(t, amina, src, "text-only room")
	open(t, amina, n.URL+room)
	waitFor(t, amina, 10*time.Second, "text-only remembered", `document.getElementById("text-only-note") !== null`)

	// Amina registers her hub and asks for the floor as the hub.
	press(t, amina, "register a hub", "#hub-register-link")
	waitFor(t, amina, 10*time.Second, "the hub form", `document.getElementById("hub-form") !== null`)
	chromiumtest.CheckAxe(t, amina, src, "hub registration")
	step(t, amina, 15*time.Second, "fill in the hub",
		chromedp.SendKeys(chromedp.ID("hub-name"), "Nairobi hub"),
		chromedp.SendKeys(chromedp.ID("hub-city"), "Nairobi"),
		chromedp.SetValue(chromedp.ID("hub-country"), "KE"),
		chromedp.SendKeys(chromedp.ID("hub-expected"), "40"),
	)
	press(t, amina, "register the hub", "#hub-submit")
	waitFor(t, amina, 10*time.Second, "back in the room, asking as the hub", `document.getElementById("hub-id") !== null`)
	waitLive(t, amina)
	step(t, amina, 5*time.Second, "ask as the hub", chromedp.SetValue(chromedp.ID("hub-id"), selectedHub(t, amina, "Nairobi hub")))
	press(t, amina, "ask for the floor", `#floor-request button[type="submit"]`)
	waitFor(t, amina, 10*time.Second, "Amina's hub is first", textIs("floor-mine", "You are number 1 in the queue."))
	press(t, amina, "leave text-only mode", "#text-only-toggle")
	waitFor(t, amina, 10*time.Second, "the whole room again",
		`document.getElementById("stream-links") !== null && document.getElementById("agenda") !== null && document.getElementById("text-only-note") === null`)
	open(t, amina, n.URL+room+"?lang=ar")
	waitFor(t, amina, 10*time.Second, "the room in Arabic, right to left, with its links",
		`document.documentElement.dir === "rtl" && document.querySelectorAll("#stream-links a").length === 2`)
	waitLive(t, amina)
	chromiumtest.CheckAxe(t, amina, src, "room with its stream's links (ar)")

	// The moderator's page names the hub in the queue and lists it.
	open(t, mod, n.URL+room+"/moderate")
	waitLive(t, mod)
	waitFor(t, mod, 10*time.Second, "the moderator sees the hub in the queue",
		inQueue(1, "Nairobi hub")+` && `+inQueue(1, "(via \u2068Amina Yusuf\u2069)")+
			` && document.getElementById("hubs-list").textContent.includes("Nairobi hub")`)

	// Without JavaScript Rajesh sees the links, shows the video from the
	// keyboard (the server puts the player in the page), registers a hub
	// and asks for the floor as it.
	rajesh := chromiumtest.New(t, chromiumtest.AcceptTestCertificates)
	if _, err := chromedp.Call(rajesh, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	signInOn(t, rajesh, n, rajeshP.Email, room)
	waitFor(t, rajesh, 10*time.Second, "the links without JavaScript",
		`document.querySelectorAll("#stream-links a").length === 2 && document.querySelector("#stream-links a").href === `+js(public))
	before := host.hits.Load()
	keyOn(t, rajesh, "show the video with Enter", `#stream-links form.stream-show button`, kb.Enter)
	waitFor(t, rajesh, 10*time.Second, "the page with the player", `document.querySelector("#stream-player iframe") !== null`)
	host.waitHits(t, before+1, "after Show the video without JavaScript")
	keyOn(t, rajesh, "open the hub form with Enter", "#hub-register-link", kb.Enter)
	waitFor(t, rajesh, 10*time.Second, "the hub form", `document.getElementById("hub-form") !== null`)
	step(t, rajesh, 15*time.Second, "fill in the hub",
		chromedp.SendKeys(chromedp.ID("hub-name"), "Chennai hub"),
		chromedp.SendKeys(chromedp.ID("hub-city"), "Chennai"),
		chromedp.SetValue(chromedp.ID("hub-country"), "IN"),
		chromedp.SendKeys(chromedp.ID("hub-expected"), "12"),
	)
	keyOn(t, rajesh, "register the hub with Enter", "#hub-submit", kb.Enter)
	waitFor(t, rajesh, 10*time.Second, "back in the room", `document.getElementById("hub-id") !== null`)
	step(t, rajesh, 5*time.Second, "ask as the hub", chromedp.SetValue(chromedp.ID("hub-id"), selectedHub(t, rajesh, "Chennai hub")))
	keyOn(t, rajesh, "ask for the floor with Enter", `#floor-request button[type="submit"]`, kb.Enter)
	waitFor(t, mod, 10*time.Second, "the moderator sees the second hub", inQueue(2, "Chennai hub")+` && `+inQueue(2, "(via \u2068Rajesh Iyer\u2069)"))
}

// selectedHub returns the value of the floor form's hub option named name.
func selectedHub(t *testing.T, ctx context.Context, name string) string {
	t.Helper()
	v := eval[string](t, ctx, 5*time.Second, `[...document.querySelectorAll("#hub-id option")].find((o) => o.textContent === `+js(name)+`)?.value ?? ""`)
	if v == "" {
		t.Fatalf("no hub %q in the floor form", name)
	}
	return v
}
