package e2e

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// TestAxeFindsNoViolationsOnTheCallPages checks the call's pages in
// English and Arabic with axe-core, each as the reader it is for: the
// call and a proposal as their proposer, the new proposal's form, the
// proposal as its reviewer, the board and the call's forms as the
// Secretariat. With PROPOSAL_SHOTS set, each page is kept as PNG at 1280
// and 390 pixels.
func TestAxeFindsNoViolationsOnTheCallPages(t *testing.T) {
	chromiumtest.Path(t)
	src := axeSource(t)
	n := startNode(t, newCluster(t))
	var mine struct {
		Proposals []struct {
			ID int64 `json:"id"`
		} `json:"proposals"`
	}
	apiCall(t, n, signIn(t, n, "youth@demo.igf.example", demoPassword), http.MethodGet, "/api/me/proposals", nil, &mine)
	if len(mine.Proposals) != 1 {
		t.Fatalf("the demo's proposer has %d proposals", len(mine.Proposals))
	}
	proposal := "/proposals/" + strconv.FormatInt(mine.Proposals[0].ID, 10)
	for _, c := range []struct {
		who, name string
		pages     []string
	}{
		{"youth@demo.igf.example", "proposer", []string{"/call", "/proposals/new", proposal}},
		{demoMAG1, "reviewer", []string{"/call", proposal}},
		{demoSecretariat, "secretariat", []string{"/call", "/call/board", proposal}},
	} {
		b := chromiumtest.New(t)
		signInOn(t, b, n, c.who, "/call")
		for _, page := range c.pages {
			for _, lang := range []string{"en", "ar"} {
				open(t, b, n.URL+page+"?lang="+lang)
				checkAxe(t, b, src, page+" as "+c.name+" ("+lang+")")
				shotsTo(t, b, "PROPOSAL_SHOTS", c.name+strings.ReplaceAll(page, "/", "-")+"-"+lang)
			}
		}
	}
}
