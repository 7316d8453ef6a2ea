package e2e

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

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
