package e2e

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

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
	seconds := "2006-01-02T15:04:05"
	opens := time.Now().UTC().Add(6 * time.Second)
	closes := opens.Add(6 * time.Second)
	step(t, mod, 10*time.Second, "write a scheduled question",
		chromedp.SendKeys(chromedp.ID("poll-question"), "Which question first?"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("poll-opens").step = "1"; document.getElementById("poll-closes").step = "1"`),
		chromedp.SetValue(chromedp.ID("poll-opens"), opens.Format(seconds)),
		chromedp.SetValue(chromedp.ID("poll-closes"), closes.Format(seconds)))
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
