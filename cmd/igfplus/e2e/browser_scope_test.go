package e2e

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
)

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
