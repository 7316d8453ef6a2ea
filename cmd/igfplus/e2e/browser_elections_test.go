package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/tracks/voting"
)

// A moderator puts a quick choose-2 question to the room and runs a ranked
// election from the moderator's page by clicking; three participants vote
// from the poll page, one with the keyboard only; the moderator closes both
// by clicking; the results, the instant-runoff rounds and the verifiable
// log appear. The same journeys run with the keyboard alone, and without
// JavaScript.

// voterEmails are the demo participants who vote.
var voterEmails = []string{"youth@demo.igf.example", "academic@demo.igf.example", "business@demo.igf.example"}

// pollItem is a JavaScript expression: the moderator's list item of the
// poll asking question, or the element matching sel inside it.
func pollItem(question, sel string) string { return inItem("#polls-list li", question, sel) }

// fillForm sets the fields of the form with id (name -> value; a radio by
// its value) and presses its submit button by the element's own click.
func fillForm(t *testing.T, ctx context.Context, id string, fields map[string]string) {
	t.Helper()
	eval[bool](t, ctx, 5*time.Second, `(() => {
		const f = document.getElementById(`+js(id)+`);
		for (const [name, value] of Object.entries(`+js(fields)+`)) {
			const el = f.elements.namedItem(name);
			if (el instanceof RadioNodeList) [...el].find((r) => r.value === value).checked = true;
			else el.value = value;
		}
		f.querySelector("button[type=submit]").click();
		return true;
	})()`)
}

// keyboardFill fills a form as a keyboard user does: for each {field's
// id, text} in order it tabs to the field and types the text (a rank into
// a select, lines into a textarea), then tabs to the button with id
// submit and presses Enter.
func keyboardFill(t *testing.T, ctx context.Context, submit string, fields ...[2]string) {
	t.Helper()
	for _, f := range fields {
		tabTo(t, ctx, f[0])
		step(t, ctx, 5*time.Second, "type "+f[1]+" into "+f[0], chromedp.KeyEvent(f[1]))
	}
	tabTo(t, ctx, submit)
	step(t, ctx, 5*time.Second, submit+" with Enter", chromedp.KeyEvent(kb.Enter))
}

// openListed waits for the poll asking question (what it is, for the
// messages) in the moderator's list, not open yet, opens it by its button's
// own click, waits for it to be open and returns its page's address.
func openListed(t *testing.T, ctx context.Context, question, what string) string {
	t.Helper()
	waitFor(t, ctx, 15*time.Second, what+" listed", pollItem(question, ".state")+`.textContent === "Not open yet"`)
	eval[bool](t, ctx, 5*time.Second, `(() => { `+pollItem(question, `form.act:has(input[value="poll.open"]) button`)+`.click(); return true; })()`)
	waitFor(t, ctx, 15*time.Second, what+" open", pollItem(question, ".state")+`.textContent === "Open for voting"`)
	return eval[string](t, ctx, 5*time.Second, pollItem(question, "a")+`.getAttribute("href")`)
}

// modClick clicks the moderator's poll.open or poll.close button of the
// poll asking question and waits for its state.
func modClick(t *testing.T, ctx context.Context, question, typ, state string) {
	t.Helper()
	press(t, ctx, typ+" "+question, "#polls-list li[data-poll] form.act:has(input[value=\""+typ+"\"])")
	eval[bool](t, ctx, 5*time.Second, `(() => { `+pollItem(question, `form.act:has(input[value="`+typ+`"]) button`)+`.click(); return true; })()`)
	waitFor(t, ctx, 15*time.Second, typ+": "+state, pollItem(question, ".state")+`.textContent === `+js(state))
}

// shots saves full-page screenshots of the page open in ctx at 1280 and
// 390 px, into ELECTION_SHOTS or a temporary folder.
func shots(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("ELECTION_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	for _, width := range []int64{1280, 390} {
		step(t, ctx, 10*time.Second, "viewport", chromedp.EmulateViewport(width, 900, chromedp.EmulateScale(1)))
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		png, err := chromedp.Run(sctx, chromedp.FullScreenshot(100))
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, width)), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	step(t, ctx, 10*time.Second, "viewport", chromedp.EmulateViewport(1280, 900, chromedp.EmulateScale(1)))
}

// verifiedLog fetches a closed poll's public log and verifies it as
// `igfplus verify` does.
func verifiedLog(t *testing.T, n *node, href string) voting.PublicLog {
	t.Helper()
	resp, err := http.Get(n.URL + "/api" + href + "/log")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	l, err := voting.ParseLog(raw)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("%s/log: %d %v %s", href, resp.StatusCode, err, raw)
	}
	if err := l.Verify(); err != nil {
		t.Fatalf("%s/log does not verify: %v", href, err)
	}
	return l
}

func TestBrowserQuickPollAndRankedElectionFromTheModeratorPage(t *testing.T) {
	src := axeSetUp(t)
	start := time.Now()
	n, _, modPage := demoModeration(t)
	nonce := strconv.FormatInt(time.Now().UnixNano()%1e6, 36)
	quickQ, electQ := "Which two topics first? "+nonce, "Elect the rapporteur "+nonce

	mod := chromiumtest.New(t)
	enterAs(t, mod, n, "moderator@demo.igf.example", modPage)
	for _, lang := range []string{"en", "ar"} {
		open(t, mod, n.URL+modPage+"?lang="+lang)
		chromiumtest.CheckAxe(t, mod, src, "moderator page with the poll and election forms ("+lang+")")
	}
	open(t, mod, n.URL+modPage+"?lang=en")
	waitLive(t, mod)

	// A bad election comes back with its mistakes beside the fields.
	fillForm(t, mod, "election-new", map[string]string{"question": electQ, "candidates": "Amina Yusuf\nAmina Yusuf", "kind": "ranked"})
	waitFor(t, mod, 15*time.Second, "the election's mistake beside the candidates",
		textHas("elect-candidates-error", "An election needs 2 to 20 different candidates")+
			` && document.getElementById("elect-candidates").getAttribute("aria-invalid") === "true"`)
	shots(t, mod, "moderate-election-error-en")

	// The quick question to the room, on no recommendation, and the
	// ranked election.
	fillForm(t, mod, "poll-new", map[string]string{"recommendation_id": "", "question": quickQ, "kind": "choose",
		"options": "Access\nRights\nTrust", "choose_max": "2"})
	waitFor(t, mod, 15*time.Second, "the quick poll listed", pollItem(quickQ, ".state")+`.textContent === "Not open yet"`)
	waitLive(t, mod)
	fillForm(t, mod, "election-new", map[string]string{"question": electQ, "candidates": "Amina Yusuf\nRajesh Iyer\nSophie Martin", "kind": "ranked"})
	waitFor(t, mod, 15*time.Second, "the election listed", pollItem(electQ, ".state")+`.textContent === "Not open yet"`)
	waitLive(t, mod)
	quickHref := eval[string](t, mod, 5*time.Second, pollItem(quickQ, "a")+`.getAttribute("href")`)
	electHref := eval[string](t, mod, 5*time.Second, pollItem(electQ, "a")+`.getAttribute("href")`)

	modClick(t, mod, quickQ, "poll.open", "Open for voting")
	modClick(t, mod, electQ, "poll.open", "Open for voting")
	shots(t, mod, "moderate-polls-open-en")

	// Three voters: the first with the keyboard alone.
	voters := make([]context.Context, len(voterEmails))
	for i, email := range voterEmails {
		voters[i] = chromiumtest.New(t)
		signInOn(t, voters[i], n, email, quickHref)
		waitFor(t, voters[i], 10*time.Second, "the ballot", `!document.getElementById("ballot-form").hidden`)
	}
	amina := voters[0]
	// Ticking a third box is refused beside the boxes, and undone.
	for _, id := range []string{"choice-1", "choice-2", "choice-3"} {
		tabTo(t, amina, id)
		step(t, amina, 5*time.Second, "tick with Space", chromedp.KeyEvent(" "))
	}
	waitFor(t, amina, 5*time.Second, "the limit said beside the boxes",
		textIs("ballot-error", "You can choose at most 2 options.")+` && !document.getElementById("choice-3").checked`)
	chromiumtest.CheckAxe(t, amina, src, "choose-2 ballot with its limit said (en)")
	shots(t, amina, "poll-choose-limit-en")
	tabTo(t, amina, "ballot-submit")
	step(t, amina, 5*time.Second, "vote with Enter", chromedp.KeyEvent(kb.Enter))
	waitFor(t, amina, 10*time.Second, "Amina's receipt", textHas("ballot-receipt", "Your vote is recorded: Access; Rights."))
	for i, boxes := range [][]string{{"choice-2", "choice-3"}, {"choice-3"}} {
		v := voters[i+1]
		for _, id := range boxes {
			eval[bool](t, v, 5*time.Second, `(() => { document.getElementById(`+js(id)+`).click(); return true; })()`)
		}
		press(t, v, "vote", "#ballot-submit")
		waitFor(t, v, 10*time.Second, "the receipt", `/^[0-9a-f]{32}$/.test(document.getElementById("receipt-code")?.textContent ?? "")`)
	}
	// After a reload, she has voted, with her receipt.
	receipt := eval[string](t, amina, 5*time.Second, `document.getElementById("receipt-code").textContent`)
	open(t, amina, n.URL+quickHref+"?lang=en")
	waitFor(t, amina, 10*time.Second, "you have voted, after a reload", textHas("poll-vote", "You have voted in this poll.")+
		` && document.getElementById("receipt-code").textContent === `+js(receipt)+` && document.getElementById("ballot-form") === null`)

	// The election: a rank given twice is refused beside the selects, then
	// each votes; Amina with the keyboard.
	for _, v := range voters {
		open(t, v, n.URL+electHref+"?lang=en")
		waitFor(t, v, 10*time.Second, "the ranked ballot", `!document.getElementById("ballot-form").hidden && document.getElementById("rank-1") !== null`)
	}
	keyboardFill(t, amina, "ballot-submit", [2]string{"rank-2", "1"}, [2]string{"rank-1", "1"}) // Rajesh 1, Amina 1 too
	waitFor(t, amina, 5*time.Second, "the duplicate rank said beside the selects",
		textIs("ballot-error", "Each rank can be given to one candidate only: change the ranks that repeat.")+
			` && document.getElementById("rank-1").getAttribute("aria-invalid") === "true" && document.getElementById("ballot-form") !== null`)
	for _, lang := range []string{"en", "ar"} {
		chromiumtest.CheckAxe(t, amina, src, "ranked ballot with a duplicate rank ("+lang+")")
		shots(t, amina, "poll-ranked-duplicate-"+lang)
		if lang == "en" {
			open(t, amina, n.URL+electHref+"?lang=ar")
			waitFor(t, amina, 10*time.Second, "the ranked ballot", `document.getElementById("rank-1") !== null`)
			eval[bool](t, amina, 5*time.Second, `(() => { for (const i of [1, 2]) { const s = document.getElementById("rank-" + i); s.value = "1"; s.dispatchEvent(new Event("change", {bubbles: true})); } return true; })()`)
		}
	}
	open(t, amina, n.URL+electHref+"?lang=en")
	waitFor(t, amina, 10*time.Second, "the ranked ballot", `document.getElementById("rank-1") !== null`)
	keyboardFill(t, amina, "ballot-submit", [2]string{"rank-2", "1"}, [2]string{"rank-1", "2"}) // Rajesh 1, Amina 2
	waitFor(t, amina, 10*time.Second, "Amina's ranked receipt", textHas("ballot-receipt", "Your vote is recorded: 1. \u2068Rajesh Iyer\u2069; 2. \u2068Amina Yusuf\u2069."))
	// Rajesh ranks Sophie, then Rajesh; Sophie ranks Amina, then Sophie;
	// a fourth voter, through the API, Sophie then Amina.
	for i, ranks := range []map[string]string{{"rank-3": "1", "rank-2": "2"}, {"rank-1": "1", "rank-3": "2"}} {
		v := voters[i+1]
		eval[bool](t, v, 5*time.Second, `(() => { for (const [id, r] of Object.entries(`+js(ranks)+`)) document.getElementById(id).value = r; return true; })()`)
		press(t, v, "vote", "#ballot-submit")
		waitFor(t, v, 10*time.Second, "the receipt", `/^[0-9a-f]{32}$/.test(document.getElementById("receipt-code")?.textContent ?? "")`)
	}
	apiCall(t, n, signIn(t, n, "tech@demo.igf.example", demoPassword), http.MethodPost, "/api"+electHref+"/ballots",
		map[string]any{"ranking": []int{3, 1}}, nil)

	// The moderator closes both by clicking; the voters' pages show the
	// results as they close.
	modClick(t, mod, quickQ, "poll.close", "Closed")
	modClick(t, mod, electQ, "poll.close", "Closed")
	waitFor(t, amina, 15*time.Second, "the election's rounds appear live", `document.getElementById("irv-rounds") !== null`)
	rounds := eval[[]string](t, amina, 5*time.Second, `[...document.querySelectorAll("#irv-rounds tbody tr:last-child td")].map((c) => c.textContent)`)
	// Round 1: Amina 1, Rajesh 1, Sophie 2 of 4: Amina and Rajesh tie with
	// no earlier round, Rajesh (listed after Amina) goes, his ballot to
	// Amina. Round 2: 2 and 2, Amina had fewer in round 1. Round 3: Sophie
	// 3 of 3, one ballot exhausted.
	want := []string{"\u2068Rajesh Iyer\u2069 eliminated: tied for the fewest votes in every round, listed last on the ballot",
		"\u2068Amina Yusuf\u2069 eliminated: tied for the fewest votes, fewer in an earlier round",
		"\u2068Sophie Martin\u2069 elected with more than half of the continuing ballots"}
	if fmt.Sprint(rounds) != fmt.Sprint(want) {
		t.Errorf("the rounds' decisions are %q, want %q", rounds, want)
	}
	if exhausted := eval[[]string](t, amina, 5*time.Second, `[...document.querySelectorAll("#irv-rounds tbody tr:nth-last-child(2) td")].map((c) => c.textContent)`); fmt.Sprint(exhausted) != "[0 0 1]" {
		t.Errorf("exhausted ballots by round: %v", exhausted)
	}
	for _, lang := range []string{"en", "ar"} {
		open(t, amina, n.URL+electHref+"?lang="+lang)
		chromiumtest.CheckAxe(t, amina, src, "ranked election's result with its rounds ("+lang+")")
		shots(t, amina, "poll-ranked-result-"+lang)
	}
	quick := verifiedLog(t, n, quickHref)
	if quick.Result.Outcome != voting.Elected || fmt.Sprint(quick.Result.Winners) != "[2 3]" || quick.Settings.RecommendationID != 0 {
		t.Errorf("the quick poll's result: %+v", quick.Result)
	}
	elect := verifiedLog(t, n, electHref)
	if len(elect.Entries) != 4 || len(elect.Result.Rounds) != 3 || elect.Result.Outcome != voting.Elected || fmt.Sprint(elect.Result.Winners) != "[3]" {
		t.Errorf("the election's log: %d ballots, result %+v", len(elect.Entries), elect.Result)
	}
	open(t, amina, n.URL+electHref+"/bulletin?lang=en")
	waitFor(t, amina, 10*time.Second, "the election's bulletin: four ballots, Amina's ranking among them",
		`document.querySelectorAll("tr[id^=ballot-]").length === 4 && [...document.querySelectorAll("tr[id^=ballot-] td:nth-child(3)")].some((c) => c.textContent === "2, 1")`)
	open(t, amina, n.URL+quickHref+"?lang=en")
	waitFor(t, amina, 10*time.Second, "the quick poll's result", `document.getElementById("poll-result") !== null && `+textHas("poll-result", "Rights (chosen)"))
	if !strings.Contains(eval[string](t, amina, 5*time.Second, `document.getElementById("bulletin-link").getAttribute("href")`), quickHref) {
		t.Error("no link to the bulletin")
	}
	t.Logf("done in %s", time.Since(start).Round(time.Millisecond))
}

// Without JavaScript: the moderator sets up an election by form post and
// opens and closes it; a voter's rank given twice comes back from the
// server with the error beside the selects, then the ballot is cast and
// the receipt shown.
func TestBrowserRankedElectionWithoutJavaScript(t *testing.T) {
	chromiumtest.Path(t)
	n, _, modPage := demoModeration(t)
	question := "Elect a co-facilitator " + strconv.FormatInt(time.Now().UnixNano()%1e6, 36)
	mod, voter := noScript(t), noScript(t)
	signInOn(t, mod, n, "moderator@demo.igf.example", modPage)
	fillForm(t, mod, "election-new", map[string]string{"question": question, "candidates": "Layla Haddad\nJean-Pierre Ndiaye"})
	href := openListed(t, mod, question, "the election")

	signInOn(t, voter, n, "tech@demo.igf.example", href)
	eval[bool](t, voter, 5*time.Second, `(() => { document.getElementById("rank-1").value = "1"; document.getElementById("rank-2").value = "1";
		document.getElementById("ballot-submit").click(); return true; })()`)
	waitFor(t, voter, 15*time.Second, "the server's error beside the selects",
		textIs("ballot-error", "Each rank can be given to one candidate only: change the ranks that repeat.")+
			` && document.querySelector("#rank-2 option[value='1']").selected`)
	eval[bool](t, voter, 5*time.Second, `(() => { document.getElementById("rank-1").value = "2";
		document.getElementById("ballot-submit").click(); return true; })()`)
	waitFor(t, voter, 15*time.Second, "the receipt", textHas("ballot-receipt", "Your vote is recorded: 1. \u2068Jean-Pierre Ndiaye\u2069; 2. \u2068Layla Haddad\u2069."))

	// A quick question to the room, choose 1 of 2: ticking both is
	// refused by the server, which says the limit beside the boxes.
	quickQ := "Break now? " + question
	fillForm(t, mod, "poll-new", map[string]string{"question": quickQ, "kind": "choose", "options": "Yes, ten minutes\nNo, go on"})
	quickHref := openListed(t, mod, quickQ, "the quick poll")
	open(t, voter, n.URL+quickHref+"?lang=en")
	eval[bool](t, voter, 5*time.Second, `(() => { document.getElementById("choice-1").checked = true; document.getElementById("choice-2").checked = true;
		document.getElementById("ballot-submit").click(); return true; })()`)
	waitFor(t, voter, 15*time.Second, "the limit said by the server", textIs("ballot-error", "You can choose at most 1 options."))
	eval[bool](t, voter, 5*time.Second, `(() => { document.getElementById("choice-1").checked = false; document.getElementById("ballot-submit").click(); return true; })()`)
	waitFor(t, voter, 15*time.Second, "the receipt", textHas("ballot-receipt", "Your vote is recorded: \u2068No, go on\u2069."))

	for _, q := range []string{question, quickQ} {
		eval[bool](t, mod, 5*time.Second, `(() => { `+pollItem(q, `form.act:has(input[value="poll.close"]) button`)+`.click(); return true; })()`)
		waitFor(t, mod, 15*time.Second, "closed: "+q, pollItem(q, ".state")+`.textContent === "Closed"`)
	}
	verifiedLog(t, n, quickHref)
	open(t, voter, n.URL+href+"?lang=en")
	waitFor(t, voter, 10*time.Second, "the rounds", `document.querySelector("#irv-rounds tbody tr:last-child td")?.textContent === "⁨Jean-Pierre Ndiaye⁩ elected with more than half of the continuing ballots"`)
	verifiedLog(t, n, href)
}

// tabUntil presses Tab until the focused element satisfies pred, a
// JavaScript function of the element.
func tabUntil(t *testing.T, ctx context.Context, what, pred string) {
	t.Helper()
	for range 200 {
		if eval[bool](t, ctx, 5*time.Second, `(() => { const e = document.activeElement; return !!e && (`+pred+`)(e); })()`) {
			return
		}
		step(t, ctx, 5*time.Second, "press Tab", chromedp.KeyEvent(kb.Tab))
	}
	t.Fatalf("Tab never reached %s\n%s", what, pageState(ctx))
}

// pollButton is a predicate for tabUntil: the poll.open or poll.close
// button of the moderator's list item asking question.
func pollButton(question, typ string) string {
	return `(e) => e.tagName === "BUTTON" && !!e.closest("form.act")?.querySelector('input[value="` + typ + `"]') && (e.closest("li")?.textContent ?? "").includes(` + js(question) + `)`
}

// The same journeys with the keyboard alone: the moderator writes both
// forms, opens and closes both polls with Tab and Enter; a voter votes in
// both with Tab, Space, the rank keys and Enter.
func TestBrowserQuickPollAndRankedElectionWithTheKeyboardOnly(t *testing.T) {
	chromiumtest.Path(t)
	n, _, modPage := demoModeration(t)
	nonce := strconv.FormatInt(time.Now().UnixNano()%1e6, 36)
	quickQ, electQ := "Which topic first? "+nonce, "Elect a rapporteur "+nonce
	mod := chromiumtest.New(t)
	enterAs(t, mod, n, "moderator@demo.igf.example", modPage)

	showPanel(t, mod, "polls")
	tabTo(t, mod, "poll-question")
	step(t, mod, 5*time.Second, "type the question", chromedp.KeyEvent(quickQ))
	tabUntil(t, mod, "the kind of poll", `(e) => e.name === "kind" && e.form?.id === "poll-new"`)
	step(t, mod, 5*time.Second, "choose among options", chromedp.KeyEvent(kb.ArrowDown))
	tabTo(t, mod, "poll-options")
	step(t, mod, 5*time.Second, "type the options", chromedp.KeyEvent("Access\nRights\nTrust"))
	tabTo(t, mod, "poll-create")
	step(t, mod, 5*time.Second, "create with Enter", chromedp.KeyEvent(kb.Enter))
	waitFor(t, mod, 15*time.Second, "the quick poll listed", pollItem(quickQ, ".state")+`.textContent === "Not open yet"`)
	waitLive(t, mod)

	keyboardFill(t, mod, "election-create", [2]string{"elect-question", electQ}, [2]string{"elect-candidates", "Amina Yusuf\nRajesh Iyer"})
	waitFor(t, mod, 15*time.Second, "the election listed", pollItem(electQ, ".state")+`.textContent === "Not open yet"`)
	waitLive(t, mod)
	quickHref := eval[string](t, mod, 5*time.Second, pollItem(quickQ, "a")+`.getAttribute("href")`)
	electHref := eval[string](t, mod, 5*time.Second, pollItem(electQ, "a")+`.getAttribute("href")`)

	for _, q := range []string{quickQ, electQ} {
		tabUntil(t, mod, "Open for "+q, pollButton(q, "poll.open"))
		step(t, mod, 5*time.Second, "open with Enter", chromedp.KeyEvent(kb.Enter))
		waitFor(t, mod, 15*time.Second, "open: "+q, pollItem(q, ".state")+`.textContent === "Open for voting"`)
	}

	amina := chromiumtest.New(t)
	signInOn(t, amina, n, "youth@demo.igf.example", quickHref)
	waitFor(t, amina, 10*time.Second, "the ballot", `!document.getElementById("ballot-form").hidden`)
	tabTo(t, amina, "choice-2")
	step(t, amina, 5*time.Second, "tick Rights", chromedp.KeyEvent(" "))
	tabTo(t, amina, "ballot-submit")
	step(t, amina, 5*time.Second, "vote with Enter", chromedp.KeyEvent(kb.Enter))
	waitFor(t, amina, 10*time.Second, "her receipt", textHas("ballot-receipt", "Your vote is recorded: Rights."))
	open(t, amina, n.URL+electHref+"?lang=en")
	waitFor(t, amina, 10*time.Second, "the ranked ballot", `document.getElementById("rank-2") !== null && !document.getElementById("ballot-form").hidden`)
	keyboardFill(t, amina, "ballot-submit", [2]string{"rank-2", "1"}) // Rajesh 1
	waitFor(t, amina, 10*time.Second, "her receipt", textHas("ballot-receipt", "Your vote is recorded: 1. \u2068Rajesh Iyer\u2069."))

	for _, q := range []string{quickQ, electQ} {
		tabUntil(t, mod, "Close for "+q, pollButton(q, "poll.close"))
		step(t, mod, 5*time.Second, "close with Enter", chromedp.KeyEvent(kb.Enter))
		waitFor(t, mod, 15*time.Second, "closed: "+q, pollItem(q, ".state")+`.textContent === "Closed"`)
	}
	waitFor(t, amina, 15*time.Second, "the rounds appear as the election closes",
		`document.querySelector("#irv-rounds tbody tr:last-child td")?.textContent === "\u2068Rajesh Iyer\u2069 elected with more than half of the continuing ballots"`)
	verifiedLog(t, n, quickHref)
	verifiedLog(t, n, electHref)
}

// A moderator schedules a question to the room from the moderator's page,
// by clicking: it opens and closes by itself at the times given, and the
// moderator's page and a participant's room follow it live.
func TestBrowserAPollScheduledFromTheModeratorsPageOpensAndClosesByItself(t *testing.T) {
	chromiumtest.Path(t) // skip (fail under CI, skip under -short) before starting anything
	c, f, aminaP, _ := roomPair(t)
	n := startNode(t, c)
	room := fmt.Sprintf("/sessions/%d", f.Session)
	amina := chromiumtest.New(t)
	enterAs(t, amina, n, aminaP.Email, room)
	mod := chromiumtest.New(t)
	enterAs(t, mod, n, f.Moderator.Email, room+"/moderate")

	// The page schedules to the minute; the test gives seconds (the form
	// and the server take them) so as not to wait for the next minute.
	showPanel(t, mod, "polls")
	opens := time.Now().UTC().Add(6 * time.Second)
	closes := opens.Add(6 * time.Second)
	step(t, mod, 10*time.Second, "write a scheduled question",
		chromedp.SendKeys(chromedp.ID("poll-question"), "Which question first?"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("poll-opens").step = "1"; document.getElementById("poll-closes").step = "1"`),
		chromedp.SetValue(chromedp.ID("poll-opens"), localInputValue(opens)),
		chromedp.SetValue(chromedp.ID("poll-closes"), localInputValue(closes)))
	press(t, mod, "create the poll", "#poll-create")
	item := func(sel string) string { return inItem("#polls-list li", "Which question first?", sel) }
	waitFor(t, mod, 10*time.Second, "the draft listed with when it opens",
		item(".schedule")+`?.textContent.startsWith("opens on ") && `+item(".state")+`.textContent === "Not open yet"`)
	waitFor(t, mod, 20*time.Second, "the poll opened by itself, with when it closes",
		item(".state")+`.textContent === "Open for voting" && `+item(".schedule")+`?.textContent.startsWith("closes on ")`)
	waitFor(t, amina, 10*time.Second, "the room lists the poll, open",
		item(".state")+`?.textContent === "Open for voting"`)
	waitFor(t, mod, 20*time.Second, "the poll closed by itself", item(".state")+`.textContent === "Closed" && `+item(".schedule")+` === null`)
	waitFor(t, amina, 10*time.Second, "the room sees it closed", item(".state")+`.textContent === "Closed"`)
}

// localInputValue is t as a datetime-local input holds it: with seconds,
// but without them when they are zero, as the input writes its value back
// (SetValue fails when the value read back is not the one it set).
func localInputValue(t time.Time) string {
	if t.Second() == 0 {
		return t.Format("2006-01-02T15:04")
	}
	return t.Format("2006-01-02T15:04:05")
}
