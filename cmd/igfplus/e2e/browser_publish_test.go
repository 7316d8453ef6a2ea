package e2e

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	publishingstore "github.com/igfplus/igfplus/tracks/publishing/pgstore"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
	"github.com/igfplus/igfplus/tracks/publishing/seal"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

// publishingForum builds the test's own forum, before any node starts,
// with the two members of the high-level body who approve publications.
func publishingForum(t *testing.T, c cluster) (f *forumtest.Forum, chair, member forumtest.Person) {
	t.Helper()
	f = newForum(t, c)
	chair = f.Person(t, "Vinton Achebe", "technical_community", "african", "hlb_member")
	member = f.Person(t, "Maria Ressa-Lind", "private_sector", "western_european_others", "hlb_member")
	return f, chair, member
}

// postAnswer sends a body's answer signed with secret by the Standard
// Webhooks scheme, as a body's system would.
func postAnswer(t *testing.T, n *node, body int64, secret, id, payload string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/api/bodies/%d/answers", n.URL, body), strings.NewReader(payload))
	req.Header.Set("Content-Type", "application/json")
	if err := stdwebhooks.SetHeaders(req.Header, []string{secret}, id, time.Now(), []byte(payload)); err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestBrowserTwoMembersPublishAndABodysSignedAnswerShowsOnTheTimeline: a
// high-level body member writes the summary and approves from the review
// queue (with the keyboard); a second member's approval publishes; the
// recommendation is in the archive and the Atom feed, its summary's
// Spanish machine translation marked as such; a body's answer,
// signed with its inbound secret, appears on its public timeline.
func TestBrowserTwoMembersPublishAndABodysSignedAnswerShowsOnTheTimeline(t *testing.T) {
	chromiumtest.Path(t) // skip (fail under CI, skip under -short) before starting anything
	c := newCluster(t)
	f, chairP, memberP := publishingForum(t, c)
	db := openDB(t, c)
	rec := forumFixture(f).Adopted(t, db, "Open data on connectivity targets")
	cstd := pgtest.ID(t, db, `INSERT INTO bodies (name, kind) VALUES ('Commission on Science and Technology for Development (CSTD)', 'cstd') RETURNING id`)
	n := startNode(t, c)
	sec := signInAs(t, n, f.Secretariat)
	var inbound struct{ Secret string }
	api(t, n, http.MethodPost, fmt.Sprintf("/api/bodies/%d/inbound-secret", cstd), sec, "", http.StatusCreated, &inbound)

	chair := chromiumtest.New(t)
	signInOn(t, chair, n, chairP.Email, "/review")
	waitFor(t, chair, 10*time.Second, "the queue lists the recommendation with the review link in the navigation",
		fmt.Sprintf(`document.getElementById("rec-%d") !== null && document.getElementById("review-link") !== null`, rec))
	summary := fmt.Sprintf("summary-%d", rec)
	// Saved from the keyboard: a click's coordinates can go stale while the
	// page is still settling, and then the click lands on nothing.
	step(t, chair, 10*time.Second, "write the summary and save it",
		chromedp.SendKeys(chromedp.ID(summary), "Publish connectivity targets as open data."),
		chromedp.Focus(chromedp.ID(fmt.Sprintf("save-summary-%d", rec))),
		chromedp.KeyEvent(kb.Enter))
	waitFor(t, chair, 10*time.Second, "the summary is saved", textHas("review-status", "The summary was saved."))
	// A Spanish translation a service made, marked as such (the tick
	// clicked, the rest typed).
	id := func(prefix string) string { return fmt.Sprintf("%s-%d", prefix, rec) }
	typeInto(t, chair, id("tr-lang"), "es")
	typeInto(t, chair, id("tr-text"), "Publicar las metas de conectividad como datos abiertos.")
	press(t, chair, "mark it a machine translation", "#"+id("tr-machine"))
	typeInto(t, chair, id("tr-engine"), "Test MT")
	press(t, chair, "attach the translation", "#"+id("attach"))
	waitFor(t, chair, 10*time.Second, "the translation is attached, marked", textHas("review-status", "The translation was attached.")+
		` && document.querySelector("#rec-`+fmt.Sprint(rec)+` dl.translations .machine")?.textContent.includes("Test MT")`)
	approve := fmt.Sprintf("approve-%d", rec)
	tabTo(t, chair, approve)
	step(t, chair, 5*time.Second, "approve with Enter", chromedp.KeyEvent(kb.Enter))
	waitFor(t, chair, 10*time.Second, "the first approval is recorded, not yet published",
		textHas("review-status", "one more member")+fmt.Sprintf(` && document.getElementById(%q) === null`, approve))

	member := chromiumtest.New(t)
	signInOn(t, member, n, memberP.Email, "/review")
	press(t, member, "approve as the second member", "#"+approve)
	page := fmt.Sprintf("/publications/%d", rec)
	waitFor(t, member, 10*time.Second, "the second approval publishes and shows the publication",
		`location.pathname === `+js(page)+` && `+textHas("pub-summary", "open data")+` && `+textHas("timeline", "Published by the high-level body"))

	reader := chromiumtest.New(t)
	open(t, reader, n.URL+page+"?lang=es")
	waitFor(t, reader, 10*time.Second, "a Spanish reader gets the summary marked a machine translation",
		textHas("pub-summary", "datos abiertos")+` && document.getElementById("pub-summary").lang === "es" && `+
			textHas("pub-summary-machine", "traducción automática")+` && document.getElementById("machine-translated") !== null`)
	open(t, reader, n.URL+"/publications?lang=en")
	waitFor(t, reader, 10*time.Second, "the archive lists it", textHas("archive-list", "Open data on connectivity targets"))
	if feed := getText(t, n.URL+"/recommendations.atom"); !strings.Contains(feed, "<title>Open data on connectivity targets</title>") {
		t.Fatalf("the Atom feed lacks the publication:\n%s", feed)
	}

	answer := fmt.Sprintf(`{"recommendation_id":%d,"state":"under_consideration","text":"On the agenda of the next session.","link":"https://unctad.org/cstd"}`, rec)
	if code := postAnswer(t, n, cstd, stdwebhooks.NewHMACSecret(), "msg_forged", answer); code != http.StatusUnauthorized {
		t.Fatalf("an answer signed with another secret: %d, want 401", code)
	}
	if code := postAnswer(t, n, cstd, inbound.Secret, "msg_cstd_1", answer); code != http.StatusCreated {
		t.Fatalf("the signed answer: %d, want 201", code)
	}
	open(t, reader, n.URL+page+"?lang=en")
	waitFor(t, reader, 10*time.Second, "the answer is on the timeline",
		textHas("timeline", "Commission on Science and Technology for Development (CSTD)")+` && `+textHas("timeline", "under consideration")+
			` && `+textHas("timeline", "On the agenda of the next session.")+` && !`+textHas("timeline", "msg_forged"))
}

// TestPublishingPagesAreForTheRightRoles: the review queue is for HLB
// members and the Secretariat, the registry and its delivery log for the
// Secretariat; the archive is public; and the navigation links each only
// for those roles.
func TestPublishingPagesAreForTheRightRoles(t *testing.T) {
	c := newCluster(t)
	f, chair, _ := publishingForum(t, c)
	participant := f.Participant(t, "Amina Yusuf")
	deliveries := fmt.Sprintf("/endpoints/%d/deliveries", pubtest.Endpoint(t, openDB(t, c), "UNGA", "http://127.0.0.1:1/a", stdwebhooks.NewHMACSecret()))
	n := startNode(t, c)
	tokens := map[string]string{"": "", "participant": signInAs(t, n, participant), "hlb": signInAs(t, n, chair), "secretariat": signInAs(t, n, f.Secretariat)}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	page := func(who, path string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, n.URL+path+"?lang=en", nil)
		req.Header.Set("Accept", "text/html")
		if tokens[who] != "" {
			req.Header.Set("Authorization", "Bearer "+tokens[who])
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, c := range []struct {
		who, path string
		want      int
		links     []string // navigation links shown
		hidden    []string // navigation links not shown
	}{
		{"", "/publications", 200, []string{"publications-link"}, []string{"review-link", "bodies-link"}},
		{"", "/review", 303, nil, nil},
		{"", "/bodies", 303, nil, nil},
		{"participant", "/review", 403, nil, nil},
		{"participant", "/publications", 200, []string{"publications-link"}, []string{"review-link", "bodies-link"}},
		{"hlb", "/review", 200, []string{"publications-link", "review-link"}, []string{"bodies-link"}},
		{"hlb", "/bodies", 403, nil, nil},
		{"hlb", deliveries, 403, nil, nil},
		{"secretariat", "/bodies", 200, []string{"publications-link", "review-link", "bodies-link"}, nil},
		{"secretariat", deliveries, 200, nil, nil},
	} {
		code, body := page(c.who, c.path)
		if code != c.want {
			t.Errorf("%q GET %s: %d, want %d", c.who, c.path, code, c.want)
		}
		for _, id := range c.links {
			if !strings.Contains(body, `id="`+id+`"`) {
				t.Errorf("%q on %s: no %s in the navigation", c.who, c.path, id)
			}
		}
		for _, id := range c.hidden {
			if strings.Contains(body, `id="`+id+`"`) {
				t.Errorf("%q on %s: %s shown", c.who, c.path, id)
			}
		}
	}
}

// TestBrowserSecretariatKeepsTheRegistry: the Secretariat registers a body,
// is refused an endpoint on a loopback address until it ticks the explicit
// allowance, makes a signing secret (shown once), rotates it (a second
// secret, then the first retired), disables the endpoint and gives the
// body a secret for its answers.
func TestBrowserSecretariatKeepsTheRegistry(t *testing.T) {
	chromiumtest.Path(t) // skip (fail under CI, skip under -short) before starting anything
	ctx := context.Background()
	c := newCluster(t)
	// A secrets key of the test's own, to open what the node sealed (the
	// key derived from the token key is cmd/igfplus's unit tests' business).
	secretsKey := bytes.Repeat([]byte{7}, seal.KeySize)
	f := newForum(t, c)
	n := startNode(t, c, "--secrets-key", base64.StdEncoding.EncodeToString(secretsKey))
	db := openDB(t, c)
	b := chromiumtest.New(t)
	signInOn(t, b, n, f.Secretariat.Email, "/bodies")
	step(t, b, 10*time.Second, "register a body",
		chromedp.SendKeys(chromedp.ID("body-name"), "Inter-Parliamentary Union"),
		chromedp.SetValue(chromedp.ID("body-kind"), "parliament"),
		chromedp.Click(chromedp.ID("register-body")))
	var body int64
	waitFor(t, b, 10*time.Second, "the body is listed", textHas("main", "Inter-Parliamentary Union"))
	if err := db.Pool.QueryRow(ctx, `SELECT id FROM bodies WHERE name = 'Inter-Parliamentary Union' AND kind = 'parliament'`).Scan(&body); err != nil {
		t.Fatal(err)
	}
	url, add := fmt.Sprintf("url-%d", body), fmt.Sprintf("add-endpoint-%d", body)
	step(t, b, 10*time.Second, "add an endpoint on 127.0.0.1",
		chromedp.SendKeys(chromedp.ID(url), "http://127.0.0.1:9/hook"), chromedp.Click(chromedp.ID(add)))
	waitFor(t, b, 10*time.Second, "the loopback endpoint is refused", `document.body.textContent.includes("allow_private")`)
	var endpoints int
	db.Pool.QueryRow(ctx, `SELECT count(*) FROM body_endpoints WHERE body_id = $1`, body).Scan(&endpoints)
	if endpoints != 0 {
		t.Fatalf("%d endpoints registered on a loopback address without the allowance", endpoints)
	}
	open(t, b, n.URL+"/bodies?lang=en")
	step(t, b, 10*time.Second, "type the address again", chromedp.SendKeys(chromedp.ID(url), "http://127.0.0.1:9/hook"))
	// The box is ticked and the button pressed by the elements' own click,
	// not a mouse event at coordinates measured a moment earlier: on a busy
	// machine a layout shift in between sent the form without the allowance.
	allow := fmt.Sprintf(`#body-%d input[name="allow_private"]`, body)
	eval[bool](t, b, 5*time.Second, `(() => { const c = document.querySelector(`+js(allow)+`); if (!c.checked) c.click(); return c.checked; })()`)
	press(t, b, "add it with the allowance", "#"+add)
	var endpoint int64
	waitFor(t, b, 10*time.Second, "the endpoint is listed", textHas(fmt.Sprintf("body-%d", body), "private addresses allowed"))
	if err := db.Pool.QueryRow(ctx, `SELECT id FROM body_endpoints WHERE body_id = $1 AND allow_private AND enabled`, body).Scan(&endpoint); err != nil {
		t.Fatal(err)
	}
	press(t, b, "make a signing secret", fmt.Sprintf("#secret-%d", endpoint))
	waitFor(t, b, 10*time.Second, "the secret is shown once", `(document.getElementById("secret-value")?.textContent ?? "").startsWith("whsec_")`)
	// Titled by the body's name and the endpoint's address, never its
	// number (#17).
	waitFor(t, b, 5*time.Second, "the secret is titled by its body and endpoint",
		textIs("new-secret-h", "New signing secret for \u2068Inter-Parliamentary Union\u2069, endpoint \u2068http://127.0.0.1:9/hook\u2069"))
	// A rotation: the endpoint's only secret is not offered for
	// retirement; once a second one signs, the first goes from its button.
	firstValue := eval[string](t, b, 5*time.Second, `document.getElementById("secret-value").textContent`)
	var first int64
	if err := db.Pool.QueryRow(ctx, `SELECT id FROM endpoint_secrets WHERE endpoint_id = $1`, endpoint).Scan(&first); err != nil {
		t.Fatal(err)
	}
	retireFirst := fmt.Sprintf("retire-%d", first)
	if eval[bool](t, b, 5*time.Second, `document.getElementById(`+js(retireFirst)+`) !== null`) {
		t.Fatal("the only secret of an enabled endpoint is offered for retirement")
	}
	press(t, b, "make a second signing secret", fmt.Sprintf("#secret-%d", endpoint))
	waitFor(t, b, 10*time.Second, "the first secret may be retired", `document.getElementById(`+js(retireFirst)+`) !== null`)
	press(t, b, "retire the first secret", "#"+retireFirst)
	waitFor(t, b, 10*time.Second, "the retirement is confirmed", textHas("retired", fmt.Sprintf("#%d", first))+
		` && document.getElementById(`+js(retireFirst)+`) === null`)
	if eval[bool](t, b, 5*time.Second, `document.documentElement.outerHTML.includes(`+js(firstValue)+`)`) {
		t.Fatal("a secret's value is on a later page")
	}
	var active, retired int
	db.Pool.QueryRow(ctx, `SELECT count(*) FILTER (WHERE active), count(*) FILTER (WHERE NOT active) FROM endpoint_secrets
		WHERE endpoint_id = $1`, endpoint).Scan(&active, &retired)
	if active != 1 || retired != 1 {
		t.Fatalf("%d active and %d retired secrets, want one of each", active, retired)
	}
	press(t, b, "disable the endpoint", fmt.Sprintf("#toggle-%d", endpoint))
	waitFor(t, b, 10*time.Second, "the endpoint is disabled", textHas(fmt.Sprintf("body-%d", body), "Disabled")+
		` && document.getElementById("secret-value") === null`)
	press(t, b, "give the body a secret for its answers", fmt.Sprintf("#inbound-%d", body))
	waitFor(t, b, 10*time.Second, "the inbound secret is shown", `(document.getElementById("secret-value")?.textContent ?? "").startsWith("whsec_")`)
	waitFor(t, b, 5*time.Second, "the inbound secret is titled by its body", textIs("new-secret-h", "New secret for the answers of \u2068Inter-Parliamentary Union\u2069"))
	shown := eval[string](t, b, 5*time.Second, `document.getElementById("secret-value").textContent`)
	// Stored sealed; opened with the node's secrets key, it is the one shown.
	var stored string
	db.Pool.QueryRow(ctx, `SELECT inbound_secret FROM bodies WHERE id = $1`, body).Scan(&stored)
	if !strings.HasPrefix(stored, "sealed:v1:") || strings.Contains(stored, shown) {
		t.Fatalf("the body's inbound secret is not stored sealed")
	}
	sealer, err := seal.New(secretsKey)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := publishingstore.New(db, sealer).InboundSecrets(ctx, body); err != nil || len(got) != 1 || got[0] != shown {
		t.Fatalf("the page showed a secret other than the body's (%v)", err)
	}
}

// TestBrowserTheDeliveryLogExplainsAFailureInWords: the relay posts to an
// address where nothing listens; the Secretariat's delivery log (JavaScript
// on) says so in words in English and Arabic (#17), Go's error text only
// once "Technical detail" is opened (clicked, or Enter on it); axe finds
// nothing with it open.
func TestBrowserTheDeliveryLogExplainsAFailureInWords(t *testing.T) {
	src := axeSetUp(t)
	c := newCluster(t)
	forum, _, _ := publishingForum(t, c)
	db := openDB(t, c)
	n := startNode(t, c)
	// Port 1 on the loopback: the connection is refused at once.
	ep := pubtest.Endpoint(t, db, "Parliamentary Union test desk", "http://127.0.0.1:1/hook", stdwebhooks.NewHMACSecret())
	rec := forumFixture(forum).Adopted(t, db, "Refused delivery")
	pubtest.MustExec(t, db, `INSERT INTO relay_outbox (event_id, endpoint_id, recommendation_id, sequence, payload)
		VALUES ('msg_refused', $1, $2, 1, '{}')`, ep, rec)
	if !within(20*time.Second, func() bool {
		var n int
		db.Pool.QueryRow(t.Context(), `SELECT count(*) FROM relay_attempts a JOIN relay_outbox o ON o.id = a.outbox_id WHERE o.endpoint_id = $1`, ep).Scan(&n)
		return n > 0
	}) {
		t.Fatal("the relay made no attempt")
	}

	b := chromiumtest.New(t)
	page := fmt.Sprintf("/endpoints/%d/deliveries", ep)
	signInOn(t, b, n, forum.Secretariat.Email, page)
	for lang, why := range map[string]string{
		"en": "The body’s server refused the connection: nothing is listening at that address and port.",
		"ar": "رفض خادم الهيئة الاتصال: لا شيء يستمع على هذا العنوان والمنفذ.",
	} {
		open(t, b, n.URL+page+"?lang="+lang)
		waitFor(t, b, 10*time.Second, "the failure in words ("+lang+")",
			`[...document.querySelectorAll("#deliveries .why")].some((e) => e.textContent === `+js(why)+`)`)
		detail := `document.querySelector("#deliveries details")`
		if eval[bool](t, b, 5*time.Second, detail+`.open || `+detail+`.querySelector("code").checkVisibility()`) {
			t.Errorf("%s: the technical detail shows before it is asked for", lang)
		}
		if lang == "en" {
			press(t, b, "open the technical detail", "#deliveries details summary")
		} else { // and from the keyboard
			keyOn(t, b, "open the technical detail with Enter", "#deliveries details summary", kb.Enter)
		}
		waitFor(t, b, 5*time.Second, "the raw error shown ("+lang+")", detail+`.open && `+detail+`.querySelector("code").checkVisibility() && `+
			detail+`.querySelector("code").textContent.includes("connection refused")`)
		chromiumtest.CheckAxe(t, b, src, page+" with the detail open ("+lang+")")
		phoneShotsAfter(t, b, "deliveries-"+lang, t.Errorf, detail+".open = true")
	}

	// A new signing secret for the endpoint is titled by the body's name
	// and the endpoint's address, whole in either direction.
	for lang, title := range map[string]string{
		"en": "New signing secret for \u2068Parliamentary Union test desk\u2069, endpoint \u2068http://127.0.0.1:1/hook\u2069",
		"ar": "سر توقيع جديد لـ \u2068Parliamentary Union test desk\u2069، نقطة الاستقبال \u2068http://127.0.0.1:1/hook\u2069",
	} {
		open(t, b, n.URL+"/bodies?lang="+lang)
		press(t, b, "make a signing secret", fmt.Sprintf("#secret-%d", ep))
		waitFor(t, b, 10*time.Second, "the secret titled by its body and address ("+lang+")", textIs("new-secret-h", title))
		chromiumtest.CheckAxe(t, b, src, "/bodies with a new secret ("+lang+")")
		stillShots(t, b, "bodies-secret-"+lang)
	}
}

// stillShots saves the page open in ctx at 1280 and 390 px without
// reloading it (a page answering a form), each as tall as the page, into
// ELECTION_SHOTS when set, and fails when it runs off a phone's side.
func stillShots(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	for _, width := range []int64{1280, 390} {
		step(t, ctx, 10*time.Second, "viewport", chromedp.EmulateViewport(width, 900, chromedp.EmulateScale(1)))
		if w := eval[int](t, ctx, 5*time.Second, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); w > 0 {
			t.Errorf("%s: %d px wider than a %d px window", name, w, width)
		}
		if dir := os.Getenv("ELECTION_SHOTS"); dir != "" {
			tallShot(t, ctx, dir, name, width)
		}
	}
	step(t, ctx, 10*time.Second, "viewport", chromedp.EmulateViewport(1280, 900, chromedp.EmulateScale(1)))
}

// TestBrowserTheReportAndTheBalanceNameGendersAndAnswers: a session with
// people who described their gender as "woman" and "man" and a closed
// yes/no/abstain poll. With JavaScript on, the moderator's live balance and
// the report say "Woman" (امرأة), "Yes" (نعم), never the stored codes; the
// room's "Who is here" counts the people listed by name exactly beside
// their names (#17). axe finds nothing on the report in either language.
func TestBrowserTheReportAndTheBalanceNameGendersAndAnswers(t *testing.T) {
	src := axeSetUp(t)
	c := newCluster(t)
	f := newForum(t, c)
	db := openDB(t, c)
	n := startNode(t, c)
	aminaP := f.Person(t, "Amina Yusuf", "civil_society", "african")
	tomaszP := f.Person(t, "Tomasz Kowalski", "government", "eastern_european")
	pubtest.MustExec(t, db, `UPDATE accounts SET gender = 'woman' WHERE id = $1`, aminaP.ID)
	pubtest.MustExec(t, db, `UPDATE accounts SET gender = 'man' WHERE id = $1`, tomaszP.ID)
	moderator := signInAs(t, n, f.Moderator)
	room := "/sessions/" + strconv.FormatInt(f.Session, 10)

	mod, amina := chromiumtest.New(t), chromiumtest.New(t)
	enterAs(t, mod, n, f.Moderator.Email, room+"/moderate")
	enterAs(t, amina, n, aminaP.Email, room)
	tomasz := joinRoom(t, n, f.Session, signInAs(t, n, tomaszP))
	defer tomasz.Close()

	// The live balance (balance.ts) names the genders.
	waitFor(t, mod, 30*time.Second, "the balance names the genders",
		`(() => { const dts = [...document.querySelectorAll("#balance-gender dt")].map((d) => d.textContent);`+
			` return dts.includes("Woman") && dts.includes("Man") && !dts.includes("woman") && !dts.includes("man"); })()`)
	// Who is here: three people, all listed by name, counted as such.
	waitFor(t, amina, 20*time.Second, "three listed by name",
		`document.querySelectorAll("#presence-names li").length === 3`)
	groups := eval[string](t, amina, 5*time.Second, `[...document.querySelectorAll("#presence-groups div")].map((d) => d.textContent).join("|")`)
	if groups != "Civil society2 listed by name|Government1 listed by name" {
		t.Errorf("Who is here says %q beside three names: want the listed counted exactly", groups)
	}
	for _, lang := range []string{"en", "ar"} {
		open(t, amina, n.URL+room+"?lang="+lang)
		waitFor(t, amina, 20*time.Second, "three listed by name ("+lang+")", `document.querySelectorAll("#presence-names li").length === 3`)
		phoneShotsAfter(t, amina, "presence-"+lang, t.Errorf, `document.getElementById("presence").scrollIntoView()`)
	}

	// A yes/no/abstain poll: Amina votes yes, the moderator closes it and
	// ends the session.
	poll := draftPoll(t, c, n, f.Session, moderator)
	api(t, n, http.MethodPost, fmt.Sprintf("/api/polls/%d/open", poll), moderator, "", http.StatusOK, nil)
	api(t, n, http.MethodPost, fmt.Sprintf("/api/polls/%d/ballots", poll), signInAs(t, n, aminaP), `{"answer":"yes"}`, http.StatusCreated, nil)
	api(t, n, http.MethodPost, fmt.Sprintf("/api/polls/%d/close", poll), moderator, "", http.StatusOK, nil)
	api(t, n, http.MethodPost, "/api/sessions/"+strconv.FormatInt(f.Session, 10)+"/state", moderator, `{"state":"ended"}`, http.StatusOK, nil)

	for lang, want := range map[string][2]string{"en": {"Woman", "Yes|No|Abstain"}, "ar": {"امرأة", "نعم|لا|امتناع"}} {
		open(t, mod, n.URL+room+"/report?lang="+lang)
		waitFor(t, mod, 10*time.Second, "the report ("+lang+")", `document.getElementById("report-polls") !== null`)
		answers := eval[string](t, mod, 5*time.Second, `[...document.querySelectorAll("#report-polls dt")].map((d) => d.textContent).join("|")`)
		genders := eval[string](t, mod, 5*time.Second, `[...document.querySelectorAll("dt, th")].map((d) => d.textContent).join("|")`)
		if answers != want[1] {
			t.Errorf("%s: the poll's answers are %q, want %q", lang, answers, want[1])
		}
		if !strings.Contains(genders, want[0]) || strings.Contains("|"+genders+"|", "|woman|") || strings.Contains("|"+genders+"|", "|man|") {
			t.Errorf("%s: the report's genders are %q, want %q and no codes", lang, genders, want[0])
		}
		chromiumtest.CheckAxe(t, mod, src, "report with a poll and genders ("+lang+")")
		phoneShots(t, mod, "report-"+lang, t.Errorf)
	}
}
