package e2e

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// What changes in place, without a reload, and with the keyboard: the
// moderator's waiting list follows the waiting room live, and Reply and
// Report open their forms under the message, focus managed.

// stayMark marks the page's window: a reload or a navigation loses it.
const stayMark = `(window.igfStayed = true)`

// stayed is a predicate: the page was neither reloaded nor left.
const stayed = `window.igfStayed === true`

// keyOn gives the focus to the element matching sel and presses key, as
// a keyboard user would once there.
func keyOn(t *testing.T, ctx context.Context, what, sel, key string) {
	t.Helper()
	waitFor(t, ctx, 10*time.Second, "see "+sel+" to "+what, `document.querySelector(`+js(sel)+`) !== null`)
	eval[bool](t, ctx, 5*time.Second, `(document.querySelector(`+js(sel)+`).focus(), true)`)
	step(t, ctx, 5*time.Second, what, chromedp.KeyEvent(key))
}

// focusIs is a predicate: the focus is on the element matching sel.
func focusIs(sel string) string {
	return `document.activeElement !== null && document.activeElement === document.querySelector(` + js(sel) + `)`
}

func TestBrowserModeratorWaitingListIsLiveAndKeyboardUsable(t *testing.T) {
	chromiumtest.Path(t)
	n := startNode(t, newCluster(t))
	session := liveSessionID(t, n)
	room := "/sessions/" + strconv.FormatInt(session, 10)
	roomSettings(t, n, session, signIn(t, n, "moderator@demo.igf.example", demoPassword), map[string]any{"waiting_room": true})

	mod, sophie, amina := chromiumtest.New(t), chromiumtest.New(t), chromiumtest.New(t)
	enterAs(t, mod, n, "moderator@demo.igf.example", room+"/moderate")
	eval[bool](t, mod, 5*time.Second, stayMark)
	for _, p := range []struct {
		b     context.Context
		email string
	}{{sophie, "business@demo.igf.example"}, {amina, "youth@demo.igf.example"}} {
		signInOn(t, p.b, n, p.email, room)
		press(t, p.b, "ask to enter", "#ask-to-enter")
		waitFor(t, p.b, 10*time.Second, p.email+" waits", `document.getElementById("admission-state").textContent.includes("waiting list")`)
	}

	// Both show on the moderator's page as they knock, without a reload,
	// and the live region names them.
	waitFor(t, mod, 10*time.Second, "both newcomers in the list, in order",
		`[...document.querySelectorAll("#waiting-list li .name")].map((e) => e.textContent).join("|") === "Sophie Martin|Amina Yusuf" && `+stayed)
	waitFor(t, mod, 5*time.Second, "the newcomers announced", `document.getElementById("waiting-news").textContent.includes("Amina Yusuf")`)
	if role := eval[string](t, mod, 5*time.Second, `document.getElementById("waiting-news").getAttribute("role")`); role != "status" {
		t.Errorf("the waiting list's announcements are in role=%q, want status", role)
	}
	if empty := eval[bool](t, mod, 5*time.Second, `document.getElementById("waiting-empty").hidden`); !empty {
		t.Error(`"Nobody is waiting" still shows beside two newcomers`)
	}

	// Admit Sophie with the keyboard: she enters, her row goes, and the
	// focus moves to Amina's row rather than to the top of the page.
	total := eval[string](t, mod, 5*time.Second, `document.getElementById("balance-total").textContent`)
	if eval[bool](t, mod, 5*time.Second, `document.getElementById("balance-group").textContent.includes("Private sector")`) {
		t.Fatal("the balance counts the private sector before Sophie attended")
	}
	showPanel(t, mod, "waiting")
	keyOn(t, mod, "admit Sophie with Enter", `#waiting-list li:first-child .controls button`, kb.Enter)
	waitFor(t, sophie, 20*time.Second, "Sophie's page enters the room", `document.getElementById("chat-log") !== null`)
	// Her attendance reaches the moderator's balance without a reload, her
	// group as a small one.
	waitFor(t, mod, 20*time.Second, "the balance counts Sophie", `document.getElementById("balance-total").textContent !== `+js(total)+
		` && [...document.querySelectorAll("#balance-group div")].some((d) => d.textContent === "Private sectorfewer than 5") && `+stayed)
	waitFor(t, mod, 10*time.Second, "only Amina waits, her Admit button focused",
		`document.querySelectorAll("#waiting-list li").length === 1 && `+focusIs(`#waiting-list li .controls button`)+` && `+stayed)

	// Tab to "Remove from session" and press Enter: the list empties and
	// the focus rests on the list's heading.
	step(t, mod, 5*time.Second, "Tab to Remove", chromedp.KeyEvent(kb.Tab))
	if label := eval[string](t, mod, 5*time.Second, `document.activeElement.textContent`); label != "Remove from session" {
		t.Fatalf("Tab from Admit reached %q, want Remove from session", label)
	}
	step(t, mod, 5*time.Second, "remove Amina with Enter", chromedp.KeyEvent(kb.Enter))
	// Removing asks first: the dialog's reason field takes the focus, and
	// Enter there says yes.
	waitFor(t, mod, 5*time.Second, "the removal asked first", dialogOpen("Remove this person from the session?")+` && `+focusIs("#confirm-reason"))
	step(t, mod, 5*time.Second, "confirm with Enter", chromedp.KeyEvent(kb.Enter))
	waitFor(t, mod, 10*time.Second, "nobody waits, the heading focused",
		`document.querySelectorAll("#waiting-list li").length === 0 && !document.getElementById("waiting-empty").hidden && `+focusIs("#waiting-h")+` && `+stayed)
	token := signIn(t, n, "youth@demo.igf.example", demoPassword)
	var a struct {
		State string `json:"state"`
	}
	apiCall(t, n, token, "GET", "/api/sessions/"+strconv.FormatInt(session, 10)+"/admission", nil, &a)
	if a.State != "excluded" {
		t.Errorf("Amina's admission after removal: %q, want excluded", a.State)
	}
}

func TestBrowserReplyAndReportOpenInPlaceWithTheFocusManaged(t *testing.T) {
	p := aminaPosts(t)
	n, room, amina, rajesh, first, msel := p.n, p.room, p.amina, p.rajesh, p.first, p.msel
	id := eval[string](t, rajesh, 5*time.Second, msel+`.id`)
	reply, report := "#"+id+" a.reply", "#"+id+" a.report"
	eval[bool](t, rajesh, 5*time.Second, stayMark)

	// Reply opens in place: the box names whom it answers, describes the
	// message field, and has the focus; cancelling gives it back.
	keyOn(t, rajesh, "reply with Enter", reply, kb.Enter)
	waitFor(t, rajesh, 5*time.Second, "the reply box, focus in the message field",
		`!document.getElementById("reply-box").hidden && `+focusIs("#chat-body")+` && `+textIs("reply-what", "Replying to \u2068Amina Yusuf\u2069")+
			` && document.getElementById("chat-body").getAttribute("aria-describedby").split(" ").includes("reply-what") && `+stayed+` && location.search === ""`)
	keyOn(t, rajesh, "cancel the reply with Enter", "#reply-cancel", kb.Enter)
	waitFor(t, rajesh, 5*time.Second, "the box closes, the focus back on Reply",
		`document.getElementById("reply-box").hidden && document.getElementById("reply-to").value === "" && `+focusIs(reply)+` && `+stayed)

	// Reply again and send: it arrives quoted, and the focus comes back.
	keyOn(t, rajesh, "reply again", reply, kb.Enter)
	answer := "Agreed, with public funding " + strconv.FormatInt(time.Now().UnixNano(), 36)
	step(t, rajesh, 10*time.Second, "write the reply", chromedp.SendKeys(chromedp.ID("chat-body"), answer))
	press(t, rajesh, "send", "#chat-send")
	rsel := `[...document.querySelectorAll("#chat-log .msg")].find((m) => m.querySelector(".quote") && m.textContent.includes(` + js(answer) + `))`
	waitFor(t, amina, 10*time.Second, "Amina sees the reply quoting her", rsel+` !== undefined && `+rsel+`.querySelector(".quote").textContent.includes(`+js(first)+`)`)
	waitFor(t, rajesh, 10*time.Second, "sent: the box closes, the focus back on Reply",
		`document.getElementById("reply-box").hidden && `+focusIs(reply)+` && `+stayed)

	// Report opens a labelled form under the message; Escape closes it.
	keyOn(t, rajesh, "report with Enter", report, kb.Enter)
	form := "#" + id + " form.report-inline"
	waitFor(t, rajesh, 5*time.Second, "the report form under the message, its reason field focused and labelled",
		focusIs(form+` input[name="reason"]`)+` && document.activeElement.labels.length === 1 && document.activeElement.labels[0].textContent === "Why do you report this message?"`+
			` && document.querySelector(`+js(report)+`).getAttribute("aria-expanded") === "true" && `+stayed)
	step(t, rajesh, 5*time.Second, "close it with Escape", chromedp.KeyEvent(kb.Escape))
	waitFor(t, rajesh, 5*time.Second, "the form gone, the focus back on Report",
		`document.querySelector(`+js(form)+`) === null && `+focusIs(report)+` && document.querySelector(`+js(report)+`).getAttribute("aria-expanded") === "false"`)

	// Open it again, give a reason, and send it with Enter.
	keyOn(t, rajesh, "report again", report, kb.Enter)
	reason := "Off topic " + strconv.FormatInt(time.Now().UnixNano(), 36)
	waitFor(t, rajesh, 5*time.Second, "the reason field focused", focusIs(form+` input[name="reason"]`))
	step(t, rajesh, 5*time.Second, "write the reason and send it", chromedp.KeyEvent(reason), chromedp.KeyEvent(kb.Enter))
	waitFor(t, rajesh, 10*time.Second, "sent: the form gone, thanks said, the focus back on Report",
		`document.querySelector(`+js(form)+`) === null && `+textIs("chat-note", "Thank you: the moderators will look at your report.")+` && `+focusIs(report)+` && `+stayed)
	if got := reportsWith(t, n, room, signInAs(t, n, p.aminaP), signInAs(t, n, p.f.Moderator), reason); got != 1 {
		t.Errorf("the moderators read %d reports with the reason %q, want 1", got, reason)
	}

	// Without the client the links still open the forms, from the server.
	open(t, rajesh, n.URL+room+"?lang=en&report="+id[len("msg-"):]+"&reply_to="+id[len("msg-"):])
	waitFor(t, rajesh, 10*time.Second, "the server's report form and reply box",
		`document.querySelector("#report-form input[name=reason]") !== null && !document.getElementById("reply-box").hidden && document.getElementById("reply-to").value === `+js(id[len("msg-"):]))
}

// reportsWith counts the chat reports given with reason, as the session's
// moderators read them (GET /api/sessions/{id}/chat/reports; moderator is
// a moderator's token); participants (participant is one's token) may not
// read them.
func reportsWith(t *testing.T, n *node, room, participant, moderator, reason string) int {
	t.Helper()
	if code, _ := apiDo(t, n, participant, http.MethodGet, "/api"+room+"/chat/reports", nil); code != http.StatusForbidden {
		t.Errorf("a participant reading the reports: status %d, want 403", code)
	}
	var got struct {
		Reports []struct {
			Reason       string `json:"reason"`
			ReporterName string `json:"reporter_name"`
		} `json:"reports"`
	}
	apiCall(t, n, moderator, http.MethodGet, "/api"+room+"/chat/reports", nil, &got)
	count := 0
	for _, r := range got.Reports {
		if r.Reason == reason && r.ReporterName == "Rajesh Iyer" {
			count++
		}
	}
	return count
}

// draftRecommendation drafts a recommendation in the session's track, as
// its moderator, so that the moderator's page offers to put it to a vote.
func draftRecommendation(t *testing.T, n *node, session int64, title string) {
	t.Helper()
	token := signIn(t, n, "moderator@demo.igf.example", demoPassword)
	var s struct {
		TrackID       int64 `json:"track_id"`
		PolicyIssueID int64 `json:"policy_issue_id"`
	}
	apiCall(t, n, token, "GET", "/api/sessions/"+strconv.FormatInt(session, 10), nil, &s)
	apiCall(t, n, token, "POST", "/api/recommendations", map[string]any{"track_id": s.TrackID, "policy_issue_id": s.PolicyIssueID,
		"session_id": session, "title": title, "body": "Three texts compete; the room picks two."}, nil)
}

func TestBrowserModeratorCreatesAChooseNPollAndSeesMistakesAccessibly(t *testing.T) {
	src := axeSetUp(t)
	n := startNode(t, newCluster(t))
	session := liveSessionID(t, n)
	page := "/sessions/" + strconv.FormatInt(session, 10) + "/moderate"
	draftRecommendation(t, n, session, "Texts on community networks")
	mod := chromiumtest.New(t)
	enterAs(t, mod, n, "moderator@demo.igf.example", page)

	// A mistake first: one option, and two to choose from it. The page
	// comes back with the form as filled in, the summary focused and each
	// field marked and described by its problem.
	fill := func(question, options, chooseMax string) {
		t.Helper()
		waitFor(t, mod, 10*time.Second, "the new-poll form", `document.getElementById("poll-options") !== null`)
		eval[bool](t, mod, 5*time.Second, `(() => {
			document.getElementById("poll-question").value = `+js(question)+`;
			document.querySelector('#poll-new input[name=kind][value=choose]').checked = true;
			document.getElementById("poll-options").value = `+js(options)+`;
			document.getElementById("poll-choose-max").value = `+js(chooseMax)+`;
			return true })()`)
		press(t, mod, "create the poll", `#poll-new button[type=submit]`)
	}
	fill("Which texts go forward?", "Only one text", "1")
	waitFor(t, mod, 10*time.Second, "the mistakes named, the summary focused",
		focusIs("#poll-new-errors")+` && document.getElementById("poll-new-errors").getAttribute("role") === "alert"`+
			` && document.getElementById("poll-options").getAttribute("aria-invalid") === "true"`+
			` && document.getElementById("poll-options").getAttribute("aria-describedby").includes("poll-options-error")`+
			` && document.getElementById("poll-options").value === "Only one text"`+
			` && document.querySelector('#poll-new input[name=kind][value=choose]').checked`)
	chromiumtest.CheckAxe(t, mod, src, "moderator page, poll form with mistakes (en)")
	open(t, mod, n.URL+page+"?lang=ar")
	fill("ما النصوص التي تمضي قدمًا؟", "نص واحد فقط", "1")
	waitFor(t, mod, 10*time.Second, "the mistakes in Arabic", focusIs("#poll-new-errors")+` && document.getElementById("poll-new-errors").textContent.includes("خيار في كل سطر")`)
	chromiumtest.CheckAxe(t, mod, src, "moderator page, poll form with mistakes (ar)")

	// Three options, two to choose: the poll is created as a choice poll.
	open(t, mod, n.URL+page+"?lang=en")
	fill("Which texts go forward?", "Text A\nText B\n\nText C\n", "2")
	waitFor(t, mod, 10*time.Second, "the poll listed", `document.getElementById("poll-new-errors") === null && document.getElementById("polls-list").textContent.includes("Which texts go forward?")`)
	var polls struct {
		Polls []struct {
			Question  string   `json:"question"`
			Kind      string   `json:"kind"`
			Options   []string `json:"options"`
			ChooseMax int      `json:"choose_max"`
			Rule      string   `json:"rule"`
		} `json:"polls"`
	}
	apiCall(t, n, signIn(t, n, "moderator@demo.igf.example", demoPassword), "GET", "/api/sessions/"+strconv.FormatInt(session, 10)+"/polls", nil, &polls)
	if len(polls.Polls) != 1 || polls.Polls[0].Kind != "choose" || strings.Join(polls.Polls[0].Options, "|") != "Text A|Text B|Text C" ||
		polls.Polls[0].ChooseMax != 2 || polls.Polls[0].Rule != "plurality" {
		t.Errorf("the session's polls: %+v, want one choice poll of 2 among Text A, B and C", polls.Polls)
	}
}
