package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// TestBrowserACoordinatorAnswersRequestsToCoOrganise: the Kenya IGF's
// coordinator names the Togo and Benin IGFs as co-organisers of their
// session; neither is named until Rajesh, who coordinates both, answers on
// the directory. With JavaScript on he accepts Togo's request, with it off
// he declines Benin's; each answer is said in the status region and the
// session's co-organisers follow; Kwame's form marks those still asked.
// axe-core checks both pages in English and Arabic.
func TestBrowserACoordinatorAnswersRequestsToCoOrganise(t *testing.T) {
	src := axeSetUp(t)
	c := newCluster(t)
	n := startNode(t, c)
	const rajeshEmail, kwameEmail = "academic@demo.igf.example", "nri.coordinator@demo.igf.example"
	sec := signIn(t, n, "secretariat@demo.igf.example", passwordOf("secretariat@demo.igf.example"))
	kwame := signIn(t, n, kwameEmail, passwordOf(kwameEmail))
	// Rajesh's id from the database: his browser's sign-in is his first.
	var rajesh int64
	if err := pgPool(t, c.DatabaseURL).QueryRow(context.Background(), `SELECT id FROM accounts WHERE email = $1`, rajeshEmail).Scan(&rajesh); err != nil {
		t.Fatal(err)
	}
	nri := func(slug, name string) int64 {
		var out struct {
			ID int64 `json:"id"`
		}
		wantStatus(t, n, sec, http.MethodPost, "/api/nris", map[string]any{"slug": slug, "name": name, "level": "national",
			"countries": []string{}, "coordinators": []int64{rajesh}}, &out, http.StatusCreated)
		return out.ID
	}
	togo, benin := nri("togo-igf", "Togo IGF"), nri("benin-igf", "Benin IGF")
	session := sessionBySlug(t, n, "kenya-igf-last-mile")
	path := "/api/sessions/" + strconv.FormatInt(session, 10) + "/coorganisers"
	named := func() map[string]bool {
		var co struct {
			CoOrganisers []struct {
				Slug string `json:"slug"`
			} `json:"coorganisers"`
		}
		wantStatus(t, n, "", http.MethodGet, path, nil, &co, http.StatusOK)
		out := map[string]bool{}
		for _, c := range co.CoOrganisers {
			out[c.Slug] = true
		}
		return out
	}
	wantStatus(t, n, kwame, http.MethodPut, path, map[string]any{"nri_ids": []int64{togo, benin}}, nil, http.StatusOK)
	if got := named(); got["togo-igf"] || got["benin-igf"] || !got["kenya-igf"] {
		t.Fatalf("before any answer, the co-organisers: %v", got)
	}

	// Kwame's form keeps both ticked, each marked as still asked.
	asker := chromiumtest.New(t)
	form := "/sessions/" + strconv.FormatInt(session, 10) + "/coorganisers"
	signInOn(t, asker, n, kwameEmail, form)
	asked := func(id int64) string {
		return fmt.Sprintf(`document.getElementById("nri-%d")?.checked === true && document.getElementById("nri-%d")?.getAttribute("aria-describedby") === "nri-%d-pending"`, id, id, id)
	}
	waitFor(t, asker, 10*time.Second, "Togo and Benin ticked, marked as asked", asked(togo)+` && `+asked(benin))
	for _, lang := range []string{"en", "ar"} {
		open(t, asker, n.URL+form+"?lang="+lang)
		chromiumtest.CheckAxe(t, asker, src, "the co-organisers' form with requests ("+lang+")")
		shots(t, asker, "coorganisers-form-"+lang)
	}

	request := func(id int64) string { return fmt.Sprintf("#coorganiser-request-%d-%d", session, id) }
	on := chromiumtest.New(t)
	signInOn(t, on, n, rajeshEmail, "/nris")
	waitFor(t, on, 10*time.Second, "both requests listed", `document.querySelector(`+js(request(togo))+`) !== null && document.querySelector(`+js(request(benin))+`) !== null`)
	for _, lang := range []string{"en", "ar"} {
		open(t, on, n.URL+"/nris?lang="+lang)
		chromiumtest.CheckAxe(t, on, src, "the directory with requests ("+lang+")")
		shots(t, on, "nris-requests-"+lang)
	}
	open(t, on, n.URL+"/nris?lang=en")
	press(t, on, "accept Togo's request", request(togo)+" .accept-coorganiser")
	waitFor(t, on, 10*time.Second, "the acceptance said, Togo's request gone",
		textIs("coorganiser-answered", "Accepted: the initiative is now named as a co-organiser of the session.")+
			` && document.querySelector(`+js(request(togo))+`) === null && document.querySelector(`+js(request(benin))+`) !== null`)
	if got := named(); !got["togo-igf"] || got["benin-igf"] {
		t.Fatalf("after Togo accepted, the co-organisers: %v", got)
	}

	off := noScript(t)
	signInOn(t, off, n, rajeshEmail, "/nris")
	press(t, off, "decline Benin's request", request(benin)+" .decline-coorganiser")
	waitFor(t, off, 10*time.Second, "the decline said, no request left",
		textIs("coorganiser-answered", "Declined: the request is gone.")+` && document.getElementById("coorganiser-request-list") === null`)
	if got := named(); !got["togo-igf"] || got["benin-igf"] {
		t.Fatalf("after Benin declined, the co-organisers: %v", got)
	}
	var reqs struct {
		Requests []any `json:"requests"`
	}
	wantStatus(t, n, kwame, http.MethodGet, "/api/sessions/"+strconv.FormatInt(session, 10)+"/coorganiser-requests", nil, &reqs, http.StatusOK)
	if len(reqs.Requests) != 0 {
		t.Errorf("requests left after both answers: %v", reqs.Requests)
	}
}
