package pages

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
)

// fakeNRIs is the NRI and tracks services as the programme, room, track and
// co-organisers pages see it: track 10 is global, led by nobody; the
// directory holds the Kenya and Ghana IGFs and a withdrawn one. Wanjiru
// is the secretariat, who alone plans the track. The methods the pages
// do not use here are the nil service's (they panic).
type fakeNRIs struct {
	nriService
	Tracks
	co map[int64][]nris.CoOrganiser
	// batches are the session ids of each CoOrganisersOf call; coErr makes
	// it fail.
	batches [][]int64
	coErr   error
	// set records SetCoOrganisers; lead is the track's lead.
	set  map[int64][]int64
	lead *tracks.Person
	// decided records DecideCoOrganiser's answers ("session nri accept").
	decided []string
}

// nriService names the embedded interface apart from its NRIs method.
type nriService = NRIs

var (
	kenyaIGF = nris.CoOrganiser{ID: 1, Slug: "kenya-igf", Name: "Kenya IGF"}
	ghanaIGF = nris.CoOrganiser{ID: 2, Slug: "ghana-igf", Name: "Ghana IGF"}
)

func (f *fakeNRIs) CoOrganisersOf(_ context.Context, ids []int64) (map[int64][]nris.CoOrganiser, error) {
	f.batches = append(f.batches, ids)
	out := map[int64][]nris.CoOrganiser{}
	for _, id := range ids {
		if list, ok := f.co[id]; ok {
			out[id] = list
		}
	}
	return out, f.coErr
}

func planner(who igfplus.Identity) error {
	if who.Name != "Wanjiru" {
		return igfplus.Errorf(igfplus.EForbidden, "Only the secretariat plans this track.")
	}
	return nil
}

func (f *fakeNRIs) Track(_ context.Context, id int64) (tracks.TrackInfo, error) {
	if id != 10 {
		return tracks.TrackInfo{}, igfplus.Errorf(igfplus.ENotFound, "The track was not found.")
	}
	return tracks.TrackInfo{ID: 10, EditionID: 1, Kind: tracks.Thematic, Title: "Connectivity track", Lead: f.lead}, nil
}

func (f *fakeNRIs) TracksOfEdition(ctx context.Context, _ int64) ([]tracks.TrackInfo, error) {
	t, err := f.Track(ctx, 10)
	return []tracks.TrackInfo{t}, err
}

func (f *fakeNRIs) NRIs(context.Context) ([]nris.NRI, error) {
	return []nris.NRI{
		{ID: 2, Slug: "ghana-igf", Name: "Ghana IGF", Recognition: nris.Recognised},
		{ID: 1, Slug: "kenya-igf", Name: "Kenya IGF", Recognition: nris.Recognised},
		{ID: 3, Slug: "gone-igf", Name: "Gone IGF", Recognition: nris.Withdrawn},
	}, nil
}

func (f *fakeNRIs) Links(context.Context, int64, nris.LinkState) ([]nris.Link, error) {
	return nil, nil
}
func (f *fakeNRIs) Intake(context.Context, int64) ([]nris.IntakeItem, error) { return nil, nil }
func (f *fakeNRIs) MayLead(_ context.Context, who igfplus.Identity, _ int64) error {
	return planner(who)
}
func (f *fakeNRIs) MayRunTrack(_ context.Context, who igfplus.Identity, _ int64) error {
	return planner(who)
}

func (f *fakeNRIs) SetCoOrganisers(_ context.Context, who igfplus.Identity, session int64, list []int64) ([]nris.CoOrganiser, error) {
	if err := planner(who); err != nil {
		return nil, err
	}
	f.set[session] = list
	return nil, nil
}

// RequestsOfSession: the fake's sessions have no request waiting.
func (f *fakeNRIs) RequestsOfSession(_ context.Context, who igfplus.Identity, _ int64) ([]nris.CoOrganiserRequest, error) {
	return nil, planner(who)
}

// RequestsFor: Wanjiru may answer Ghana's request for session 2.
func (f *fakeNRIs) RequestsFor(_ context.Context, who igfplus.Identity) ([]nris.CoOrganiserRequest, error) {
	if planner(who) != nil {
		return nil, nil
	}
	return []nris.CoOrganiserRequest{{SessionID: 2, SessionTitle: "Community networks", TrackID: 10, TrackTitle: "Connectivity track",
		From: &kenyaIGF, NRI: ghanaIGF, AskedBy: tracks.Person{ID: 7, Name: "Kwame"}}}, nil
}

// DecideCoOrganiser: only Wanjiru answers, and it is recorded in decided.
func (f *fakeNRIs) DecideCoOrganiser(_ context.Context, who igfplus.Identity, session, nri int64, accept bool) ([]nris.CoOrganiser, error) {
	if err := planner(who); err != nil {
		return nil, err
	}
	f.decided = append(f.decided, fmt.Sprint(session, nri, accept))
	return nil, nil
}

func (f *fakeNRIs) SetLead(_ context.Context, who igfplus.Identity, _, lead int64) (tracks.TrackInfo, error) {
	if err := planner(who); err != nil {
		return tracks.TrackInfo{}, err
	}
	f.lead = nil
	if lead != 0 {
		f.lead = &tracks.Person{ID: lead}
	}
	return tracks.TrackInfo{}, nil
}

func (f *fakeNRIs) SetLeadByEmail(ctx context.Context, who igfplus.Identity, track int64, email string) (tracks.TrackInfo, error) {
	if err := planner(who); err != nil {
		return tracks.TrackInfo{}, err
	}
	if email != "amina@example.org" {
		return tracks.TrackInfo{}, igfplus.Errorf(igfplus.EInvalid, "No account is registered with this email address.")
	}
	return f.SetLead(ctx, who, track, 5)
}

// newNRIFixture is the fixture with the NRI pages: sessions 1 and 3 of
// the connectivity track are co-organised, 2 is not.
func newNRIFixture(t *testing.T) (*fixture, *fakeNRIs) {
	t.Helper()
	fn := &fakeNRIs{co: map[int64][]nris.CoOrganiser{1: {ghanaIGF, kenyaIGF}, 3: {kenyaIGF}}, set: map[int64][]int64{}}
	f := newFixtureWith(t, func(d *Deps) { d.NRIs, d.Tracks = fn, fn })
	return f, fn
}

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
