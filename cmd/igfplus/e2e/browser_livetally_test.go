package e2e

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

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
