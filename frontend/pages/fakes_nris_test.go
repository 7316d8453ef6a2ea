package pages

import (
	"context"
	"fmt"
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
