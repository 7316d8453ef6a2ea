package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
)

// The room's last live gaps of #20: what the session's organisers change
// over HTTP (caption channels, links, hubs, translations) reaches open
// pages without a reload, and the public wall shows any caption channel.

// kept is a predicate: the page has not been reloaded since mark set
// window.igfKept.
const kept = `window.igfKept === true`

const mark = `(() => { window.igfKept = true; return true; })()`

// liveScene is a node of a fresh forum with a live session, "Community
// networks", its agenda, its room's path, Amina, and axe-core's source.
type liveScene struct {
	n       *node
	f       *forumtest.Forum
	amina   forumtest.Person
	session int64
	agenda  []int64
	room    string
	axe     string
}

func newLiveScene(t *testing.T) liveScene {
	t.Helper()
	chromiumtest.Path(t) // skip (fail under CI, skip under -short) before starting anything
	sc := liveScene{axe: chromiumtest.AxeSource(t)}
	var c cluster
	c, sc.f, sc.amina, _ = roomPair(t)
	sc.session, sc.agenda = sc.f.LiveSession(t, "Community networks")
	sc.n = startNode(t, c)
	sc.room = "/sessions/" + strconv.FormatInt(sc.session, 10)
	return sc
}

// TestBrowserChannelsLinksHubsAndATranslationReachAnOpenRoom: Amina keeps
// the room open in Spanish while, over the socket and the API, the
// moderator sets up two caption channels, saves the links (one of them the
// speakers' tool), she registers a hub, and the Secretariat saves the
// Spanish title and an agenda item's: each appears in her page without a
// reload (the switcher, the links but the speakers', the "ask as a hub"
// choice, the Spanish texts with their lang), said in the polite status;
// the captioner's form offers both channels and the moderator's console,
// open meanwhile, lists them and the hub; a removed channel leaves the
// switcher; the controls offered in place work from the keyboard, and
// the room loaded again without JavaScript has it all. axe-core on the room so changed (es, ar).
func TestBrowserChannelsLinksHubsAndATranslationReachAnOpenRoom(t *testing.T) {
	sc := newLiveScene(t)
	n, f, aminaP, session, agenda, room, src := sc.n, sc.f, sc.amina, sc.session, sc.agenda, sc.room, sc.axe
	modToken, aminaToken := signInAs(t, n, f.Moderator), signInAs(t, n, aminaP)
	secToken := signInAs(t, n, f.Secretariat)

	amina := chromiumtest.New(t)
	enterAs(t, amina, n, aminaP.Email, room)
	open(t, amina, n.URL+room+"?lang=es")
	waitLive(t, amina)
	mod := chromiumtest.New(t)
	enterAs(t, mod, n, f.Moderator.Email, room)
	open(t, mod, n.URL+room+"/moderate")
	waitLive(t, mod)
	captioner := f.Person(t, "Lucia Gomez", "civil_society", "latin_american_caribbean")
	f.Role(t, session, captioner, "captioner")
	lucia := chromiumtest.New(t)
	enterAs(t, lucia, n, captioner.Email, room)
	for _, b := range []context.Context{amina, mod, lucia} {
		eval[bool](t, b, 5*time.Second, mark)
	}
	news := func(want string) string { return textIs("room-news", want) }

	// Two caption channels set up on the moderator's socket.
	modConn := joinRoom(t, n, session, modToken)
	sendAcked(t, modConn, map[string]any{"type": "caption.channel_add", "language": "fr"})
	sendAcked(t, modConn, map[string]any{"type": "caption.channel_add", "language": "es"})
	channels := channelsOf(t, n, room)
	waitFor(t, amina, 10*time.Second, "both channels offered in place", kept+
		` && !document.getElementById("caption-channels").hidden`+
		` && document.querySelector('#caption-channels a[data-language="fr"]') !== null`+
		` && document.querySelector('#caption-channels a[data-language="es"]') !== null`+
		fmt.Sprintf(` && document.getElementById("captions-log-%d") !== null && document.getElementById("captions-log-%d") !== null`, channels["fr"], channels["es"])+
		` && `+news("Los idiomas de los subtítulos han cambiado."))
	// The captioner may send to either, the moderators list both.
	waitFor(t, lucia, 10*time.Second, "the captioner's two channels", kept+
		` && [...document.querySelectorAll("#caption-channel option")].map((o) => o.lang).join() === "fr,es"`)
	waitFor(t, mod, 10*time.Second, "the console's two channels", kept+` && document.querySelectorAll("#caption-setup-list > li").length === 2`)
	// The channel offered in place is chosen from the keyboard.
	keyOn(t, amina, "choose the Spanish captions with Enter", `#caption-channels a[data-language="es"]`, kb.Enter)
	waitFor(t, amina, 10*time.Second, "the Spanish captions shown", kept+
		fmt.Sprintf(` && !document.getElementById("captions-log-%d").hidden && document.getElementById("captions-log-%d").hidden`, channels["es"], channels["fr"])+
		` && document.querySelector('#caption-channels a[aria-current="true"]')?.dataset.language === "es"`)

	// The links: the public stream and the speakers' tool; Amina gets
	// the public one only.
	api(t, n, http.MethodPut, "/api"+room+"/streams", modToken,
		`{"streams":[{"kind":"speakers","url":"https://meet.example.org/igf-speakers"},{"kind":"public","url":"https://stream.example.org/live/community"}]}`, http.StatusOK, nil)
	waitFor(t, amina, 10*time.Second, "the public link in place", kept+
		` && document.querySelectorAll("#stream-links a").length === 1`+
		` && document.querySelector("#stream-links a").href === "https://stream.example.org/live/community"`+
		` && !document.body.innerHTML.includes("igf-speakers")`+
		` && `+news("El vídeo y los enlaces de la sesión han cambiado."))

	// Amina's hub, registered through the API, becomes hers to ask as.
	api(t, n, http.MethodPost, "/api"+room+"/hubs", aminaToken, `{"name":"Nairobi hub","city":"Nairobi","country":"KE","expected":40}`, http.StatusCreated, nil)
	waitFor(t, amina, 10*time.Second, "ask as the hub", kept+
		` && [...document.querySelectorAll("#floor-request #hub-id option")].some((o) => o.textContent === "Nairobi hub")`+
		` && `+news("Los centros remotos han cambiado."))
	waitFor(t, mod, 10*time.Second, "the hub on the console", kept+` && (document.getElementById("hubs-list")?.textContent ?? "").includes("Nairobi hub")`)
	// Chosen, the hub stays chosen when another comes; she asks as it.
	step(t, amina, 5*time.Second, "choose the hub", chromedp.SetValue(chromedp.ID("hub-id"), selectedHub(t, amina, "Nairobi hub")))
	api(t, n, http.MethodPost, "/api"+room+"/hubs", aminaToken, `{"name":"Mombasa hub","city":"Mombasa","country":"KE","expected":15}`, http.StatusCreated, nil)
	waitFor(t, amina, 10*time.Second, "the second hub offered, the first still chosen", kept+
		` && [...document.querySelectorAll("#hub-id option")].some((o) => o.textContent === "Mombasa hub")`+
		` && document.querySelector("#hub-id").selectedOptions[0]?.textContent === "Nairobi hub"`)
	keyOn(t, amina, "ask for the floor with Enter", `#floor-request button[type="submit"]`, kb.Enter)
	waitFor(t, amina, 10*time.Second, "Amina's hub in the queue", inQueue(1, "Nairobi hub"))

	// The Spanish title and first item, in her language, marked as such.
	api(t, n, http.MethodPut, fmt.Sprintf("/api/translations/session/%d/title/es", session), secToken, `{"text":"Redes comunitarias"}`, http.StatusOK, nil)
	api(t, n, http.MethodPut, fmt.Sprintf("/api/translations/agenda_item/%d/title/es", agenda[0]), secToken, `{"text":"Apertura"}`, http.StatusOK, nil)
	item := fmt.Sprintf("ai-%d", agenda[0])
	waitFor(t, amina, 10*time.Second, "the Spanish title and item", kept+
		` && `+textIs("session-title", "Redes comunitarias")+` && document.getElementById("session-title").lang === "es"`+
		` && `+textIs(item, "Apertura")+` && document.getElementById(`+js(item)+`).lang === "es"`+
		` && `+news("El título y el orden del día de la sesión se han actualizado en su idioma."))
	chromiumtest.CheckAxe(t, amina, src, "the room changed in place (es)")

	// A channel removed leaves the switcher, with one channel left.
	sendAcked(t, modConn, map[string]any{"type": "caption.channel_remove", "channel": channels["es"]})
	waitFor(t, amina, 10*time.Second, "the Spanish channel gone", kept+
		fmt.Sprintf(` && document.getElementById("captions-log-%d") === null`, channels["es"])+
		` && document.getElementById("caption-channels").hidden`)

	// In Arabic, the same changes come in place, right to left.
	open(t, amina, n.URL+room+"?lang=ar")
	waitLive(t, amina)
	eval[bool](t, amina, 5*time.Second, mark)
	sendAcked(t, modConn, map[string]any{"type": "caption.channel_add", "language": "ar"})
	waitFor(t, amina, 10*time.Second, "the Arabic channel offered", kept+
		` && document.querySelector('#caption-channels a[data-language="ar"]') !== null && !document.getElementById("caption-channels").hidden`+
		` && `+news("تغيّرت لغات الترجمة النصية."))
	chromiumtest.CheckAxe(t, amina, src, "the room changed in place (ar)")

	// Without JavaScript the room, loaded again, has it all.
	plain := noScript(t)
	signInOn(t, plain, n, aminaP.Email, room)
	open(t, plain, n.URL+room+"?lang=es")
	waitFor(t, plain, 10*time.Second, "the room without JavaScript", textIs("session-title", "Redes comunitarias")+` && `+textIs(item, "Apertura")+
		` && document.querySelectorAll("#stream-links a").length === 1 && !document.body.innerHTML.includes("igf-speakers")`+
		` && document.querySelector('#caption-channels a[data-language="ar"]') !== null && document.querySelector('#caption-channels a[data-language="es"]') === null`+
		` && document.getElementById("conn-status").textContent === "`+"Para ver los mensajes nuevos, vuelva a cargar la página."+`"`)
}

// TestBrowserTheWallShowsTheChosenCaptionChannel: a public session
// captioned in French and Spanish at once; its wall, signed out, shows the
// first channel, switches to Spanish in place from its link (clicked, then
// from the keyboard back and forth), keeps it as lines come, and without
// JavaScript the same link (?channel=) brings the wall with the Spanish
// lines. axe-core on the wall with its chooser (en, ar).
func TestBrowserTheWallShowsTheChosenCaptionChannel(t *testing.T) {
	sc := newLiveScene(t)
	n, f, session, room, src := sc.n, sc.f, sc.session, sc.room, sc.axe
	captioner := f.Person(t, "Lucía Gómez", "civil_society", "latin_american_caribbean")
	f.Role(t, session, captioner, "captioner")
	modConn := joinRoom(t, n, session, signInAs(t, n, f.Moderator))
	sendAcked(t, modConn, map[string]any{"type": "caption.channel_add", "language": "fr"})
	sendAcked(t, modConn, map[string]any{"type": "caption.channel_add", "language": "es"})
	channels := channelsOf(t, n, room)
	capConn := joinRoom(t, n, session, signInAs(t, n, captioner))
	caption := func(lang, text string) {
		t.Helper()
		sendAcked(t, capConn, map[string]any{"type": "caption.add", "channel": channels[lang], "text": text})
	}
	caption("fr", "Bienvenue à la session.")
	caption("es", "Bienvenidos a la sesión.")

	wall := chromiumtest.New(t)
	open(t, wall, n.URL+room+"/wall?lang=en")
	waitFor(t, wall, 10*time.Second, "the wall goes live", `document.getElementById("wall-status")?.textContent === "Updating live"`)
	captions := func(want, not string) string {
		return `(document.getElementById("wall-captions")?.textContent ?? "").includes(` + js(want) + `) && !document.getElementById("wall-captions").textContent.includes(` + js(not) + `)`
	}
	current := func(lang string) string {
		return fmt.Sprintf(`document.querySelector("#wall-channels a[aria-current]")?.id === "wall-channel-%d"`, channels[lang])
	}
	waitFor(t, wall, 5*time.Second, "the first channel's lines", captions("Bienvenue", "Bienvenidos")+` && `+current("fr"))
	eval[bool](t, wall, 5*time.Second, mark)
	press(t, wall, "choose Spanish", fmt.Sprintf("#wall-channel-%d", channels["es"]))
	waitFor(t, wall, 10*time.Second, "the Spanish lines in place", kept+` && `+captions("Bienvenidos", "Bienvenue")+` && `+current("es")+
		fmt.Sprintf(` && new URLSearchParams(location.search).get("channel") === "%d" && document.querySelector("#wall-captions p").lang === "es"`, channels["es"]))
	caption("fr", "Deuxième ligne.")
	caption("es", "Segunda línea.")
	waitFor(t, wall, 10*time.Second, "the next Spanish line, the channel kept", kept+` && `+captions("Segunda línea.", "Deuxième"))
	chromiumtest.CheckAxe(t, wall, src, "the wall with its caption channels (en)")

	// From the keyboard: back to French and again to Spanish.
	keyOn(t, wall, "choose French with Enter", fmt.Sprintf("#wall-channel-%d", channels["fr"]), kb.Enter)
	waitFor(t, wall, 10*time.Second, "the French lines, the focus on its link", kept+` && `+captions("Deuxième ligne.", "Segunda")+` && `+current("fr")+
		fmt.Sprintf(` && document.activeElement?.id === "wall-channel-%d"`, channels["fr"]))
	keyOn(t, wall, "choose Spanish with Enter", fmt.Sprintf("#wall-channel-%d", channels["es"]), kb.Enter)
	waitFor(t, wall, 10*time.Second, "the Spanish lines again", kept+` && `+captions("Segunda línea.", "Deuxième")+` && `+current("es"))
	open(t, wall, n.URL+room+"/wall?lang=ar")
	waitFor(t, wall, 10*time.Second, "the wall in Arabic", `document.documentElement.dir === "rtl" && document.getElementById("wall-channels") !== null`)
	chromiumtest.CheckAxe(t, wall, src, "the wall with its caption channels (ar)")

	// Without JavaScript: the link is a plain one to ?channel=.
	plain := noScript(t)
	open(t, plain, n.URL+room+"/wall?lang=en")
	waitFor(t, plain, 10*time.Second, "the wall without JavaScript", `document.getElementById("wall-status")?.textContent !== "Updating live" && `+current("fr")+` && `+captions("Deuxième ligne.", "Segunda"))
	keyOn(t, plain, "choose Spanish with Enter, scripts off", fmt.Sprintf("#wall-channel-%d", channels["es"]), kb.Enter)
	waitFor(t, plain, 10*time.Second, "the wall with the Spanish lines", current("es")+` && `+captions("Segunda línea.", "Deuxième")+
		fmt.Sprintf(` && new URLSearchParams(location.search).get("channel") === "%d" && new URLSearchParams(location.search).get("lang") === "en"`, channels["es"]))
}

// activeIn is a predicate: the keyboard's focus is on the element sel
// inside the item of list that holds text.
func activeIn(list, text, sel string) string {
	return `document.activeElement === ` + inItem(list, text, sel)
}

// describedAs is a predicate: the element expr names, through
// aria-describedby, an element whose text holds text.
func describedAs(expr, text string) string {
	return `(document.getElementById(` + expr + `.getAttribute("aria-describedby"))?.textContent ?? "").includes(` + js(text) + `)`
}

// The questions and the speaking queue are rebuilt from each event; a
// keyboard user stays on the control they were on (a participant's
// "Support", pressed with Enter; a moderator's "Decline", while someone
// else asks for the floor), moves to the row now in its place when theirs
// has gone, each of the many alike buttons says, to a screen reader, what
// it is about, and the moderator is told who has just asked for the floor.
func TestBrowserTheKeyboardStaysPutWhileTheQueueAndQuestionsChange(t *testing.T) {
	chromiumtest.Path(t)
	n := startNode(t, newCluster(t))
	session := liveSessionID(t, n)
	sid := strconv.FormatInt(session, 10)
	nonce := strconv.FormatInt(time.Now().UnixNano()%1e6, 36)
	question := "Who pays for the last mile " + nonce + "?"
	rajesh := joinRoom(t, n, session, signIn(t, n, "academic@demo.igf.example", demoPassword))
	sendAcked(t, rajesh, map[string]any{"type": "question.ask", "body": question})
	sendAcked(t, rajesh, map[string]any{"type": "floor.request", "mode": "online"})
	business := joinRoom(t, n, session, signIn(t, n, "business@demo.igf.example", demoPassword))
	sendAcked(t, business, map[string]any{"type": "floor.request", "mode": "online"})

	// Amina supports the question with the keyboard: the event that counts
	// her support rebuilds the question, and she is still on its button.
	amina := chromiumtest.New(t)
	enterAs(t, amina, n, "youth@demo.igf.example", "/sessions/"+sid)
	support := inItem("#qa-list li", question, `form.act:has(input[value="question.upvote"]) button`)
	waitFor(t, amina, 10*time.Second, "the question's Support names it", describedAs(support, question))
	eval[bool](t, amina, 5*time.Second, `(`+support+`.focus(), true)`)
	step(t, amina, 5*time.Second, "support with Enter", chromedp.KeyEvent(kb.Enter))
	waitFor(t, amina, 10*time.Second, "the support counted, the focus kept",
		inItem("#qa-list li", question, ".votes")+`.textContent.includes("1 supporter") && `+activeIn("#qa-list li", question, `form.act button[aria-pressed="true"]`))

	if eval[bool](t, amina, 5*time.Second, `document.getElementById("floor-news") !== null`) {
		t.Error("the participant's room has the moderator's floor news")
	}

	// The moderator is on Decline of the second request when a third
	// person asks: the queue is rebuilt and the focus stays; Enter declines
	// it, and the focus goes to the row now in its place.
	mod := chromiumtest.New(t)
	enterAs(t, mod, n, "moderator@demo.igf.example", "/sessions/"+sid+"/moderate")
	const businessName = "Sophie Martin"
	decline := inItem("#floor-queue li", businessName, `form.act:has(input[value="floor.decline"]) button`)
	waitFor(t, mod, 10*time.Second, "the second request's Decline names its person", describedAs(decline, businessName))
	eval[bool](t, mod, 5*time.Second, `(`+decline+`.focus(), true)`)
	const rows = `document.querySelectorAll("#floor-queue li")`
	waiting := eval[int](t, mod, 5*time.Second, rows+`.length`)
	at := eval[int](t, mod, 5*time.Second, `[...`+rows+`].findIndex((li) => li.textContent.includes(`+js(businessName)+`))`)
	tech := joinRoom(t, n, session, signIn(t, n, "tech@demo.igf.example", demoPassword))
	sendAcked(t, tech, map[string]any{"type": "floor.request", "mode": "online"})
	waitFor(t, mod, 10*time.Second, "one more waiting, the focus kept on Decline, the moderator told who asks",
		rows+`.length === `+strconv.Itoa(waiting+1)+` && `+activeIn("#floor-queue li", businessName, `form.act:has(input[value="floor.decline"]) button`)+
			` && `+textIs("floor-news", "Asking for the floor: Layla Haddad.")+` && document.getElementById("floor-news").getAttribute("role") === "status"`)
	step(t, mod, 5*time.Second, "decline with Enter", chromedp.KeyEvent(kb.Enter))
	waitFor(t, mod, 10*time.Second, "declined, the focus on the first button of the request now in its place",
		rows+`.length === `+strconv.Itoa(waiting)+` && document.activeElement === `+rows+`[`+strconv.Itoa(at)+`].querySelector("button")`)
}
