package e2e

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/jackc/pgx/v5"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
)

// A participant follows the poll from the room once it opens, votes with
// the keyboard alone on the poll page, sees the
// turnout move as others vote, hears the poll close, and finds their
// receipt on the public bulletin; axe-core checks both pages in English
// and Arabic.

// draftPoll sets up a secret yes/no/abstain draft poll on a new
// recommendation of live session session, as its moderator, through the API.
func draftPoll(t *testing.T, c cluster, n *node, session int64, moderator string) int64 {
	t.Helper()
	rec := pgtest.ID(t, openDB(t, c), `
		WITH r AS (
			INSERT INTO recommendations (policy_issue_id, track_id, session_id, title, created_by)
			SELECT policy_issue_id, track_id, id, 'Community networks first', (SELECT min(id) FROM accounts)
			FROM sessions WHERE id = $1 RETURNING id, created_by),
		v AS (
			INSERT INTO recommendation_versions (recommendation_id, version, body, note, created_by)
			SELECT id, 1, 'Support community networks with spectrum and funding.', 'First draft', created_by FROM r)
		SELECT id FROM r`, session)
	var p struct {
		ID int64 `json:"id"`
	}
	api(t, n, http.MethodPost, "/api/polls", moderator, fmt.Sprintf(`{"recommendation_id":%d,"session_id":%d,
		"question":"Adopt the recommendation on community networks?","kind":"yes_no_abstain","rule":"majority","secret":true}`, rec, session),
		http.StatusCreated, &p)
	return p.ID
}

// signInOn signs a fresh browser in through the sign-in form and lands on
// page (a path).
func signInOn(t *testing.T, ctx context.Context, n *node, email, page string) {
	t.Helper()
	open(t, ctx, n.URL+"/signin?lang=en&next="+page)
	step(t, ctx, 15*time.Second, "sign in as "+email,
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), passwordOf(email)),
		chromedp.Click(chromedp.ID("signin-submit")),
	)
	waitFor(t, ctx, 10*time.Second, "land on "+page, `location.pathname === `+js(page))
}

// tabTo presses Tab until the element with id has the focus.
func tabTo(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	for range 60 {
		if eval[bool](t, ctx, 5*time.Second, `document.activeElement?.id === `+js(id)) {
			return
		}
		step(t, ctx, 5*time.Second, "press Tab", chromedp.KeyEvent(kb.Tab))
	}
	t.Fatalf("Tab never reached #%s\n%s", id, pageState(ctx))
}

// pageStatus is the status with which n answers a GET of page (a path)
// for the bearer of token.
func pageStatus(t *testing.T, n *node, page, token string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, n.URL+page, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// textHas is a predicate: the text of the element with id contains want.
func textHas(id, want string) string {
	return `(document.getElementById(` + js(id) + `)?.textContent ?? "").includes(` + js(want) + `)`
}

func TestBrowserKeyboardVoteLiveTurnoutAndReceiptOnTheBulletin(t *testing.T) {
	src := axeSetUp(t)
	start := time.Now()
	c, f, aminaP, rajeshP := roomPair(t)
	n := startNode(t, c)
	session := f.Session
	moderator := signInAs(t, n, f.Moderator)
	poll := draftPoll(t, c, n, session, moderator)
	page := fmt.Sprintf("/polls/%d", poll)

	// Four more voters, registered before the poll opens.
	db, err := pgx.Connect(context.Background(), c.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(context.Background())
	others := votersWithTokens(t, db, c.TokenKey, 4)

	// Amina waits in the session's room. The draft is the moderator's: the
	// room does not list it and its page is not found for her. The
	// moderator opens the poll; the room's list takes it in, and she
	// follows it to the poll page, where the ballot is ready.
	amina := chromiumtest.New(t)
	enterAs(t, amina, n, aminaP.Email, fmt.Sprintf("/sessions/%d", session))
	listed := `document.querySelector('#polls-list li[data-poll="` + fmt.Sprint(poll) + `"] a')`
	if eval[bool](t, amina, 5*time.Second, listed+` !== null`) {
		t.Fatal("the room lists the draft poll to a participant")
	}
	if code := pageStatus(t, n, page, signInAs(t, n, aminaP)); code != http.StatusNotFound {
		t.Fatalf("a participant reading the draft poll's page: %d, want 404", code)
	}
	api(t, n, http.MethodPost, "/api/polls/"+fmt.Sprint(poll)+"/open", moderator, "", http.StatusOK, nil)
	waitFor(t, amina, 10*time.Second, "the room lists the poll, open",
		listed+` !== null && (`+listed+`.closest("li").querySelector(".state")?.textContent ?? "") === "Open for voting"`)
	eval[bool](t, amina, 5*time.Second, `(`+listed+`.click(), true)`)
	waitFor(t, amina, 10*time.Second, "the poll page with its ballot",
		`location.pathname === `+js(page)+` && document.getElementById("ballot-form")?.hidden === false`)

	// Five others vote: Amina sees the secret poll's turnout move, live, in
	// a step of five.
	rajesh := signInAs(t, n, rajeshP)
	for _, who := range append(others, rajesh) {
		api(t, n, http.MethodPost, "/api/polls/"+fmt.Sprint(poll)+"/ballots", who, `{"answer":"no"}`, http.StatusCreated, nil)
	}
	waitFor(t, amina, 10*time.Second, "the turnout shows five ballots",
		`/^At least 5 of \d+ voters have voted \(counted in steps of 5 until the poll closes\)\.$/.test(document.getElementById("turnout-summary").textContent)`)
	if live := eval[string](t, amina, 5*time.Second, `(() => { const r = document.getElementById("turnout-live"); return r.getAttribute("role") + " " + r.getAttribute("aria-live"); })()`); live != "status polite" {
		t.Errorf("the turnout region is %q, want role=status aria-live=polite", live)
	}

	// Amina votes with the keyboard only: Tab to the first answer, Space to
	// choose it, Tab to the button, Enter.
	tabTo(t, amina, "choice-yes")
	step(t, amina, 5*time.Second, "choose yes with Space", chromedp.KeyEvent(" "))
	if !eval[bool](t, amina, 5*time.Second, `document.getElementById("choice-yes").checked`) {
		t.Fatalf("Space did not choose yes\n%s", pageState(amina))
	}
	tabTo(t, amina, "ballot-submit")
	step(t, amina, 5*time.Second, "vote with Enter", chromedp.KeyEvent(kb.Enter))
	waitFor(t, amina, 10*time.Second, "the receipt is shown", textHas("ballot-receipt", "Your vote is recorded: Yes.")+` && `+textHas("ballot-receipt", "Keep this receipt"))
	receipt := eval[string](t, amina, 5*time.Second, `document.getElementById("receipt-code").textContent`)
	if !receiptRe.MatchString(receipt) {
		t.Fatalf("receipt %q", receipt)
	}
	if focus := eval[string](t, amina, 5*time.Second, `document.activeElement?.id ?? ""`); focus != "ballot-receipt" {
		t.Errorf("after voting the focus is on %q, want the receipt", focus)
	}
	t.Logf("voted with the keyboard after %s, receipt %s", time.Since(start).Round(time.Millisecond), receipt)

	// In another browser, or after a reload, she sees she has voted, with
	// her receipt; a retry through the API gets the same receipt.
	again := chromiumtest.New(t)
	signInOn(t, again, n, aminaP.Email, page)
	waitFor(t, again, 10*time.Second, "the page says she has voted, with her receipt",
		`document.getElementById("ballot-form") === null && `+textHas("poll-vote", "You have voted in this poll.")+
			` && document.getElementById("receipt-code").textContent === `+js(receipt))
	youth := signInAs(t, n, aminaP)
	var retry struct {
		Receipt      string `json:"receipt"`
		AlreadyVoted bool   `json:"already_voted"`
	}
	api(t, n, http.MethodPost, "/api/polls/"+fmt.Sprint(poll)+"/ballots", youth, `{"answer":"no"}`, http.StatusOK, &retry)
	if retry.Receipt != receipt || !retry.AlreadyVoted {
		t.Fatalf("a retry got %+v; want receipt %s, already voted", retry, receipt)
	}

	for _, lang := range []string{"en", "ar"} {
		open(t, again, n.URL+page+"?lang="+lang)
		chromiumtest.CheckAxe(t, again, src, "poll page ("+lang+")")
	}

	// The moderator closes the poll: Amina hears it and sees the result.
	api(t, n, http.MethodPost, "/api/polls/"+fmt.Sprint(poll)+"/close", moderator, "", http.StatusOK, nil)
	waitFor(t, amina, 10*time.Second, "the closing is announced with the result",
		textIs("poll-announce", "The poll has closed. The result is shown below.")+` && document.getElementById("poll-result") !== null`+
			` && /^[0-9a-f]{64}$/.test(document.getElementById("chain-head").textContent)`)

	// She finds her receipt on the bulletin, typing it and pressing Enter.
	open(t, amina, n.URL+page+"/bulletin?lang=en")
	step(t, amina, 10*time.Second, "type the receipt",
		chromedp.Focus(chromedp.ID("receipt")), chromedp.KeyEvent(receipt), chromedp.KeyEvent(kb.Enter))
	waitFor(t, amina, 10*time.Second, "her ballot is found and highlighted",
		textHas("receipt-result", "Your ballot is at position")+
			` && document.querySelector("tr.found")?.id === `+js("ballot-"+receipt)+
			` && document.querySelector("tr.found").textContent.includes("Yes")`)
	if strings.Contains(eval[string](t, amina, 5*time.Second, `location.href`), receipt) {
		t.Error("the receipt went into the bulletin's URL")
	}
	open(t, amina, n.URL+page+"/bulletin?lang=en")
	step(t, amina, 10*time.Second, "type an unknown receipt",
		chromedp.Focus(chromedp.ID("receipt")), chromedp.KeyEvent("0000"), chromedp.KeyEvent(kb.Enter))
	waitFor(t, amina, 5*time.Second, "an unknown receipt is said not found", textHas("receipt-result", "No ballot has the receipt 0000."))
	for _, lang := range []string{"en", "ar"} {
		open(t, amina, n.URL+page+"/bulletin?lang="+lang)
		step(t, amina, 10*time.Second, "find the receipt", chromedp.Focus(chromedp.ID("receipt")), chromedp.KeyEvent(receipt), chromedp.KeyEvent(kb.Enter))
		waitFor(t, amina, 10*time.Second, "the ballot is found", `document.querySelector("tr.found") !== null`)
		chromiumtest.CheckAxe(t, amina, src, "bulletin ("+lang+")")
	}
	t.Logf("done in %s", time.Since(start).Round(time.Millisecond))
}

var receiptRe = regexp.MustCompile(`^[0-9a-f]{32}$`)

// An amendment decided by a vote, by clicking, on a real node: the
// session's moderator puts it to a vote from the recommendation's page,
// opens the poll from the moderator's page, three voters vote from the
// poll page, the moderator closes it and the result and log appear; a participant who keeps the recommendation open
// sees the amendment go to the vote, then accepted with the new version of
// the text, without reloading.
func TestBrowserAnAmendmentPutToAVoteIsDecidedLiveOnTheRecommendationPage(t *testing.T) {
	chromiumtest.Path(t) // skip (fail under CI, skip under -short) before starting anything
	c, f, aminaP, rajeshP := roomPair(t)
	n := startNode(t, c)
	moderator := signInAs(t, n, f.Moderator)
	var rec struct {
		ID int64 `json:"id"`
	}
	api(t, n, http.MethodPost, "/api/recommendations", moderator, fmt.Sprintf(`{"policy_issue_id":%d,"track_id":%d,"session_id":%d,
		"title":"Community networks first","body":"Governments should fund community networks.\n\nOperators should share their towers."}`,
		f.PolicyIssueID, f.TrackID, f.Session), http.StatusCreated, &rec)
	var amendment struct {
		ID int64 `json:"id"`
	}
	amina := signInAs(t, n, aminaP)
	api(t, n, http.MethodPost, fmt.Sprintf("/api/recommendations/%d/amendments", rec.ID), amina,
		`{"paragraph":2,"text":"Operators must share their towers."}`, http.StatusCreated, &amendment)
	page := fmt.Sprintf("/recommendations/%d", rec.ID)
	item := fmt.Sprintf("amendment-%d", amendment.ID)

	rajesh := chromiumtest.New(t)
	signInOn(t, rajesh, n, rajeshP.Email, page)
	waitFor(t, rajesh, 10*time.Second, "Rajesh's page follows the recommendation live", textHas("rec-conn", "Live"))
	eval[bool](t, rajesh, 5*time.Second, `(window.stillHere = true)`)

	mod := chromiumtest.New(t)
	signInOn(t, mod, n, f.Moderator.Email, page)
	press(t, mod, "put the amendment to a vote", fmt.Sprintf("#vote-%d", amendment.ID))
	waitFor(t, mod, 10*time.Second, "the moderator's page with the draft poll",
		fmt.Sprintf(`location.pathname === "/sessions/%d/moderate" && `, f.Session)+
			`[...document.querySelectorAll("#polls-list li")].some((li) => li.textContent.includes("Accept amendment"))`)
	question := "Accept amendment"
	press(t, mod, "open the poll", "#polls-list li:has(input[value=\"poll.open\"]) form.act:has(input[value=\"poll.open\"]) button")
	waitFor(t, mod, 10*time.Second, "the poll open", inItem("#polls-list li", question, ".state")+`.textContent === "Open for voting"`)
	waitFor(t, rajesh, 10*time.Second, "the amendment under vote, live",
		fmt.Sprintf(`document.querySelector("#%s .astate")?.textContent === "Being voted on"`, item))

	var poll struct {
		ID int64 `json:"id"`
	}
	poll.ID = eval[int64](t, mod, 5*time.Second, `Number(`+inItem("#polls-list li", question, "a")+`.closest("li").dataset.poll)`)
	// Three voters vote from the poll page, by clicking.
	pollPage := fmt.Sprintf("/polls/%d", poll.ID)
	aminaB := chromiumtest.New(t)
	signInOn(t, aminaB, n, aminaP.Email, pollPage)
	rajeshB := chromiumtest.New(t)
	signInOn(t, rajeshB, n, rajeshP.Email, pollPage)
	for _, v := range []struct {
		ctx    context.Context
		answer string
	}{{aminaB, "yes"}, {rajeshB, "yes"}, {mod, "no"}} {
		if v.ctx == mod {
			open(t, mod, n.URL+pollPage+"?lang=en")
		}
		press(t, v.ctx, "choose "+v.answer, "#choice-"+v.answer)
		press(t, v.ctx, "vote", "#ballot-submit")
		waitFor(t, v.ctx, 10*time.Second, "the receipt", textHas("ballot-receipt", "Your vote is recorded"))
	}
	open(t, mod, n.URL+fmt.Sprintf("/sessions/%d/moderate?lang=en", f.Session))
	press(t, mod, "close the poll", `#polls-list li[data-poll="`+fmt.Sprint(poll.ID)+`"] form.act:has(input[value="poll.close"]):not([hidden]) button`)
	waitFor(t, aminaB, 15*time.Second, "the result and the log's head on the poll page, live",
		`document.getElementById("poll-result") !== null && /^[0-9a-f]{64}$/.test(document.getElementById("chain-head")?.textContent ?? "")`)
	open(t, aminaB, n.URL+pollPage+"/bulletin?lang=en")
	waitFor(t, aminaB, 10*time.Second, "the bulletin lists three ballots", `document.querySelectorAll("#ballot-log tbody tr").length === 3`)

	waitFor(t, rajesh, 15*time.Second, "the accepted amendment's new version, live, without a reload",
		`document.querySelector("#p2 .ptext")?.textContent.includes("Operators must share their towers.") && `+
			textHas("text-h", "2")+` && window.stillHere === true`)
	if got := eval[string](t, rajesh, 5*time.Second, `document.querySelector("#version-2") ? "v2" : "none"`); got != "v2" {
		t.Errorf("the versions list on Rajesh's page: %s", got)
	}
}

// attended records that p attended session, as the room does when they
// join it.
func attended(t *testing.T, c cluster, session int64, p forumtest.Person) {
	t.Helper()
	pgtest.Exec(t, openDB(t, c), `INSERT INTO attendance (session_id, account_id, node) VALUES ($1, $2, 'test')`, session, p.ID)
}

// createScopedPoll fills the moderator's new-poll form with question,
// chooses "those who attended" and submits; the Polls tab is selected
// first when the console has tabs (JavaScript on).
// With keyboard the scope is chosen as a keyboard user does (focus, Space);
// else by clicking its label.
func createScopedPoll(t *testing.T, mod context.Context, question string, keyboard bool) {
	t.Helper()
	if eval[bool](t, mod, 5*time.Second, `document.querySelector("#console-tabs [role=tab]") !== null`) {
		step(t, mod, 5*time.Second, "select the Polls tab", chromedp.Click(chromedp.ID("tab-polls")))
		waitFor(t, mod, 5*time.Second, "the Polls panel shows", `document.getElementById("tab-polls").getAttribute("aria-selected") === "true" && document.getElementById("poll-question").offsetParent !== null`)
	}
	step(t, mod, 10*time.Second, "write the question", chromedp.SendKeys(chromedp.ID("poll-question"), question))
	if keyboard {
		keyOn(t, mod, "limit the poll to those who attended with Space", "#poll-scope-attending", " ")
	} else {
		step(t, mod, 10*time.Second, "limit the poll to those who attended", chromedp.Click(`label[for="poll-scope-attending"]`))
	}
	if !eval[bool](t, mod, 5*time.Second, `document.getElementById("poll-scope-attending").checked`) {
		t.Fatalf("the attending scope is not chosen: %s", eval[string](t, mod, 5*time.Second, `(() => { const r = document.getElementById("poll-scope-attending").getBoundingClientRect(); const e = document.elementFromPoint(r.x + r.width/2, r.y + r.height/2); return JSON.stringify(r) + " " + (e?.outerHTML ?? "none").slice(0, 300) + " q=" + document.getElementById("poll-question").value + " all=" + document.getElementById("poll-scope-all").checked; })()`))
	}
	press(t, mod, "create the poll", `#poll-new button[type=submit]`)
	waitFor(t, mod, 15*time.Second, "the draft listed", pollItem(question, ".state")+`?.textContent === "Not open yet"`)
}

// scopeOf reads a session's poll's electorate scope over the API.
func scopeOf(t *testing.T, n *node, token string, session int64, question string) (int64, string) {
	t.Helper()
	var polls struct {
		Polls []struct {
			ID       int64  `json:"id"`
			Question string `json:"question"`
			Scope    string `json:"electorate_scope"`
		} `json:"polls"`
	}
	apiCall(t, n, token, "GET", "/api/sessions/"+strconv.FormatInt(session, 10)+"/polls", nil, &polls)
	for _, p := range polls.Polls {
		if p.Question == question {
			return p.ID, p.Scope
		}
	}
	t.Fatalf("no poll %q among %+v", question, polls.Polls)
	return 0, ""
}

// TestBrowserAPollOfThoseWhoAttendedAdmitsThemAndRefusesOthers: with
// JavaScript on, the moderator selects the Polls tab, creates a poll
// limited to those who attended the session and opens it; a participant
// who attended votes on the poll page, one who did not is refused there
// in words that say why.
func TestBrowserAPollOfThoseWhoAttendedAdmitsThemAndRefusesOthers(t *testing.T) {
	chromiumtest.Path(t)
	c, f, amina, rajesh := roomPair(t)
	attended(t, c, f.Session, amina)
	n := startNode(t, c)
	page := fmt.Sprintf("/sessions/%d/moderate", f.Session)
	mod := chromiumtest.New(t)
	enterAs(t, mod, n, f.Moderator.Email, page)
	const question = "Should the next session meet in person?"
	createScopedPoll(t, mod, question, false)
	poll, scope := scopeOf(t, n, signInAs(t, n, f.Moderator), f.Session, question)
	if scope != "attending" {
		t.Fatalf("the poll's scope is %q, want attending", scope)
	}
	click(t, mod, "open the poll", pollItem(question, `form.act:has(input[value="poll.open"]) button`))
	if eval[bool](t, mod, 3*time.Second, `document.getElementById("confirm-dialog")?.open === true`) {
		eval[bool](t, mod, 5*time.Second, `(document.querySelector("#confirm-dialog .yes").click(), true)`)
	}
	waitFor(t, mod, 15*time.Second, "the poll open", pollItem(question, ".state")+`.textContent === "Open for voting"`)

	pollPage := fmt.Sprintf("/polls/%d", poll)
	vote := func(who forumtest.Person) context.Context {
		t.Helper()
		b := chromiumtest.New(t)
		signInOn(t, b, n, who.Email, pollPage)
		waitFor(t, b, 10*time.Second, "the ballot", `document.getElementById("ballot-form")?.hidden === false`)
		step(t, b, 10*time.Second, "choose yes", chromedp.Click(chromedp.ID("choice-yes")))
		press(t, b, "vote", "#ballot-submit")
		return b
	}
	a := vote(amina)
	waitFor(t, a, 10*time.Second, "Amina's vote recorded", textHas("ballot-receipt", "Your vote is recorded: Yes."))
	r := vote(rajesh)
	waitFor(t, r, 10*time.Second, "Rajesh refused in words", textIs("ballot-error", "You are not in this poll's electorate, so you cannot vote in it.")+
		` && document.getElementById("ballot-error").getAttribute("role") === "alert" && document.getElementById("receipt-code") === null`)
}

// TestBrowserAPollOfThoseWhoAttendedIsCreatedWithoutJavaScript: with
// JavaScript off, the console shows every panel and the same form creates
// the poll limited to those who attended, its scope chosen from the
// keyboard (a click on a radio of this long page could land before its
// layout settled, and miss).
func TestBrowserAPollOfThoseWhoAttendedIsCreatedWithoutJavaScript(t *testing.T) {
	chromiumtest.Path(t)
	c, f, _, _ := roomPair(t)
	n := startNode(t, c)
	page := fmt.Sprintf("/sessions/%d/moderate", f.Session)
	mod := noScript(t)
	signInOn(t, mod, n, f.Moderator.Email, page)
	const question = "Meet again next year, those who came?"
	createScopedPoll(t, mod, question, true)
	if _, scope := scopeOf(t, n, signInAs(t, n, f.Moderator), f.Session, question); scope != "attending" {
		t.Fatalf("the poll's scope is %q, want attending", scope)
	}
}

// A named choice poll's running tally names its options on the poll page
// as ballots arrive (the poll's events count by position; the page keeps
// the names), in the browser with scripts on.
func TestBrowserANamedChoicePollsLiveTallyNamesItsOptions(t *testing.T) {
	c, f, aminaP, rajeshP := roomPair(t)
	n := startNode(t, c)
	moderator := signInAs(t, n, f.Moderator)
	var p struct {
		ID int64 `json:"id"`
	}
	api(t, n, http.MethodPost, "/api/polls", moderator, fmt.Sprintf(`{"session_id":%d,"question":"Which first?",
		"kind":"choose","options":["Access","Rights","Trust"],"choose_max":1,"secret":false}`, f.Session), http.StatusCreated, &p)
	api(t, n, http.MethodPost, fmt.Sprintf("/api/polls/%d/open", p.ID), moderator, "", http.StatusOK, nil)
	page := fmt.Sprintf("/polls/%d", p.ID)

	amina := chromiumtest.New(t)
	signInOn(t, amina, n, aminaP.Email, page)
	// As the server wrote it, or as the script rewrote it once live (the
	// same words, the names isolated for right-to-left pages).
	waitFor(t, amina, 10*time.Second, "the poll page's tally",
		`document.getElementById("turnout-tally").textContent.replace(/[\u2068\u2069]/g, "") === "Access: 0 · Rights: 0 · Trust: 0"`)
	api(t, n, http.MethodPost, fmt.Sprintf("/api/polls/%d/ballots", p.ID), signInAs(t, n, rajeshP), `{"options":[2]}`, http.StatusCreated, nil)
	waitFor(t, amina, 15*time.Second, "the live tally, by name",
		textIs("turnout-tally", "\u2068Access\u2069: 0 · \u2068Rights\u2069: 1 · \u2068Trust\u2069: 0"))
}
