package pages

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// coLine returns the co-organisers' line that follows the element with
// id on page ("" when there is none before the next list item).
func coLine(page, after string) string {
	i := strings.Index(page, after)
	if i < 0 {
		return ""
	}
	rest := page[i:]
	if end := strings.Index(rest[1:], "<li"); end >= 0 {
		rest = rest[:end+1]
	}
	j := strings.Index(rest, `<p class="meta coorganisers">`)
	if j < 0 {
		return ""
	}
	return rest[j : j+strings.Index(rest[j:], "</p>")]
}

func TestTheProgrammeNamesEachSessionsCoOrganisersFromOneRead(t *testing.T) {
	f, fn := newNRIFixture(t)
	page := okPage(t, f, "/?lang=en", "")
	if len(fn.batches) != 1 || !slices.Equal(fn.batches[0], []int64{1, 2, 3}) {
		t.Fatalf("co-organisers read as %v, want all three sessions in one call", fn.batches)
	}
	want := `Co-organised by: <a dir="auto" href="/nris#nri-ghana-igf">Ghana IGF</a>, <a dir="auto" href="/nris#nri-kenya-igf">Kenya IGF</a>`
	if got := coLine(page, `href="/sessions/1"`); !strings.Contains(got, want) {
		t.Errorf("session 1's line %q, want %q", got, want)
	}
	if got := coLine(page, `href="/sessions/2"`); got != "" {
		t.Errorf("session 2 has no co-organisers, yet %q", got)
	}
	if got := coLine(page, `href="/sessions/3"`); !strings.Contains(got, `href="/nris#nri-kenya-igf">Kenya IGF</a>`) {
		t.Errorf("session 3's line %q", got)
	}
	// Arabic joins the names with its own comma.
	ar := f.get("/?lang=ar", "").Body.String()
	if got := coLine(ar, `href="/sessions/1"`); !strings.Contains(got, "Ghana IGF</a>، <a") {
		t.Errorf("Arabic line %q, want the Arabic comma", got)
	}
}

func TestTheRoomNamesItsCoOrganisersAndIsServedWithoutThem(t *testing.T) {
	f, fn := newNRIFixture(t)
	page := okPage(t, f, "/sessions/1?lang=fr", "Amina")
	want := `<p class="meta coorganisers">Co-organisée par : <a dir="auto" href="/nris#nri-ghana-igf">Ghana IGF</a>, <a dir="auto" href="/nris#nri-kenya-igf">Kenya IGF</a></p>`
	if !strings.Contains(page, want) {
		t.Errorf("the room does not name its co-organisers as %q", want)
	}
	fn.coErr = errors.New("store down")
	if page := okPage(t, f, "/sessions/1?lang=fr", "Amina"); strings.Contains(page, "coorganisers") {
		t.Error("with the co-organisers unreadable, the room still names some")
	}
}

func TestOnlyTheTracksPlannersGetItsLeadAndCoOrganisersForms(t *testing.T) {
	f, _ := newNRIFixture(t)
	for _, who := range []string{"", "Amina"} {
		page := f.get("/tracks/10?lang=en", who).Body.String()
		if strings.Contains(page, `id="lead-form"`) || strings.Contains(page, "/coorganisers") {
			t.Errorf("%q sees the planners' forms", who)
		}
		if !strings.Contains(page, `href="/nris#nri-kenya-igf"`) {
			t.Errorf("%q does not see the co-organisers on the track's page", who)
		}
	}
	page := f.get("/tracks/10?lang=en", "Wanjiru").Body.String()
	for _, want := range []string{
		`<form id="lead-form" method="post" action="/tracks/10/lead">`,
		`<label for="lead-email">Email address of the new lead</label>`,
		`<a class="change-coorganisers" href="/sessions/1/coorganisers" aria-label="Change the co-organisers of ` + "\u2068Connecting the next billion\u2069" + `">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the planner's page lacks %q", want)
		}
	}
	if strings.Contains(page, `id="lead-remove"`) {
		t.Error("a track without a lead offers to remove it")
	}
	if w := f.get("/sessions/1/coorganisers", "Amina"); w.Code != http.StatusForbidden {
		t.Errorf("a participant opening the co-organisers' form: %d, want 403", w.Code)
	}
	if w := f.post("/sessions/1/coorganisers", "Amina", url.Values{"nri_id": {"1"}}); w.Code != http.StatusForbidden {
		t.Errorf("a participant posting co-organisers: %d, want 403", w.Code)
	}
	if w := f.post("/tracks/10/lead", "Amina", url.Values{"email": {"amina@example.org"}}); w.Code != http.StatusForbidden {
		t.Errorf("a participant changing the lead: %d, want 403", w.Code)
	}
	if w := f.get("/sessions/1/coorganisers", ""); w.Code != http.StatusSeeOther {
		t.Errorf("anonymous: %d, want sent to sign in", w.Code)
	}
}

func TestAPlannerChangesTheLeadByEmailAndAnUnknownAddressComesBack(t *testing.T) {
	f, fn := newNRIFixture(t)
	w := f.post("/tracks/10/lead?lang=en", "Wanjiru", url.Values{"email": {"nobody@example.org"}})
	page := w.Body.String()
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("an unknown address: %d, want 422", w.Code)
	}
	for _, want := range []string{
		`<span id="lead-email-error" class="error">No account is registered with this email address.`,
		`value="nobody@example.org" aria-describedby="lead-email-hint lead-email-error" aria-invalid="true" autofocus>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the form comes back without %q", want)
		}
	}
	if fn.lead != nil {
		t.Fatalf("the lead changed to %+v", fn.lead)
	}
	w = f.post("/tracks/10/lead", "Wanjiru", url.Values{"email": {"amina@example.org"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/tracks/10#lead" || fn.lead == nil || fn.lead.ID != 5 {
		t.Fatalf("a known address: %d to %q, lead %+v", w.Code, w.Header().Get("Location"), fn.lead)
	}
	if page := f.get("/tracks/10?lang=en", "Wanjiru").Body.String(); !strings.Contains(page, `id="lead-remove"`) {
		t.Error("a track with a lead does not offer to remove it")
	}
	if w := f.post("/tracks/10/lead", "Wanjiru", url.Values{"remove": {"1"}}); w.Code != http.StatusSeeOther || fn.lead != nil {
		t.Fatalf("removing the lead: %d, lead %+v", w.Code, fn.lead)
	}
}

func TestAPlannerTicksTheCoOrganisersOfASession(t *testing.T) {
	f, fn := newNRIFixture(t)
	page := okPage(t, f, "/sessions/3/coorganisers?lang=en", "Wanjiru")
	for _, want := range []string{
		`<legend>Co-organising initiatives</legend>`,
		`<input type="checkbox" id="nri-1" name="nri_id" value="1" checked>`,
		`<input type="checkbox" id="nri-2" name="nri_id" value="2">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the form lacks %q", want)
		}
	}
	if strings.Contains(page, "Gone IGF") {
		t.Error("a withdrawn initiative is offered")
	}
	w := f.post("/sessions/3/coorganisers", "Wanjiru", url.Values{"nri_id": {"1", "2"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/tracks/10" || !slices.Equal(fn.set[3], []int64{1, 2}) {
		t.Fatalf("saving: %d to %q, set %v", w.Code, w.Header().Get("Location"), fn.set)
	}
	if w := f.post("/sessions/3/coorganisers", "Wanjiru", url.Values{"nri_id": {"x"}}); w.Code != http.StatusUnprocessableEntity {
		t.Errorf("a forged value: %d, want 422", w.Code)
	}
}

// TestTheDirectoryOffersTheRequestsToAnswerOnlyToThoseWhoMay: the
// directory heads the requests its reader may answer, each with an accept
// and a decline button named for the initiative and session; others see
// none, and their answer is refused. An answer goes back to the requests,
// which say what was done in a status region.
func TestTheDirectoryOffersTheRequestsToAnswerOnlyToThoseWhoMay(t *testing.T) {
	f, fn := newNRIFixture(t)
	for _, who := range []string{"", "Amina"} {
		if page := okPage(t, f, "/nris?lang=en", who); strings.Contains(page, "coorganiser-requests") {
			t.Errorf("%q is offered requests to answer", who)
		}
	}
	if w := f.post("/sessions/2/coorganisers/2/accept", "Amina", nil); w.Code != http.StatusForbidden || len(fn.decided) != 0 {
		t.Errorf("a participant accepting: %d, %v; want 403 and nothing decided", w.Code, fn.decided)
	}
	page := okPage(t, f, "/nris?lang=en", "Wanjiru")
	for _, want := range []string{
		`<h2 id="coorganiser-requests-title">Requests to co-organise sessions</h2>`,
		"\u2068Kenya IGF\u2069 asks \u2068Ghana IGF\u2069 to co-organise the session",
		`<form method="post" action="/sessions/2/coorganisers/2/accept" class="decide-coorganiser">`,
		`formaction="/sessions/2/coorganisers/2/decline"`,
		`aria-label="Accept that ` + "\u2068Ghana IGF\u2069 co-organises \u2068Community networks\u2069" + `">Accept</button>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the coordinator's directory lacks %q", want)
		}
	}
	w := f.post("/sessions/2/coorganisers/2/decline", "Wanjiru", nil)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/nris?answered=declined#coorganiser-requests" || !slices.Equal(fn.decided, []string{"2 2 false"}) {
		t.Fatalf("declining: %d to %q, %v", w.Code, w.Header().Get("Location"), fn.decided)
	}
	if page := okPage(t, f, "/nris?answered=declined&lang=ar", "Wanjiru"); !strings.Contains(page, `role="status">تم الرفض: أُزيل الطلب.</p>`) {
		t.Error("the directory does not say, in Arabic, that the request was declined")
	}
}
