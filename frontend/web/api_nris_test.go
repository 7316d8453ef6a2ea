package web_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
	"github.com/igfplus/igfplus/tracks/nris/pgstore"
	trackstore "github.com/igfplus/igfplus/tracks/pgstore"
)

// TestATracksLeadIsChangedOverREST: PUT /api/tracks/{id}/lead answers
// problem+json to anyone but the track's planners and for a lead that is
// no account; the secretariat's change shows on GET, and an initiative's
// coordinator changes their own track's lead. The co-organisers come with
// the slugs that link them to the directory.
func TestATracksLeadIsChangedOverREST(t *testing.T) {
	db := pgtest.DB(t)
	people := map[string]igfplus.Identity{}
	for _, name := range []string{"sec", "coord", "ana", "lead"} {
		id := pgtest.ID(t, db, `INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region)
			VALUES ($1, 'x', $2, 'civil_society', 'african') RETURNING id`, name+"@example.org", "Person "+name)
		people[name] = igfplus.Identity{AccountID: id, Name: name, Roles: []igfplus.Role{igfplus.RoleParticipant}}
	}
	sec := people["sec"]
	sec.Roles = append(sec.Roles, igfplus.RoleSecretariat)
	people["sec"] = sec
	edition := pgtest.ID(t, db, `INSERT INTO editions (year, title, starts_on, ends_on) VALUES (2031, 'IGF 2031', '2031-06-01', '2031-06-05') RETURNING id`)
	issue := pgtest.ID(t, db, `INSERT INTO policy_issues (edition_id, position, slug, title) VALUES ($1, 1, 'access', 'Access') RETURNING id`, edition)
	global := pgtest.ID(t, db, `INSERT INTO tracks (edition_id, policy_issue_id, kind, slug, title) VALUES ($1, $2, 'thematic', 'access', 'Access') RETURNING id`, edition, issue)
	nri := pgtest.ID(t, db, `INSERT INTO nris (slug, name, level) VALUES ('kenya-igf', 'Kenya IGF', 'national') RETURNING id`)
	pgtest.ID(t, db, `INSERT INTO nri_coordinators (nri_id, account_id) VALUES ($1, $2) RETURNING nri_id`, nri, people["coord"].AccountID)
	own := pgtest.ID(t, db, `INSERT INTO tracks (edition_id, kind, slug, title, nri_id) VALUES ($1, 'nri', 'kenya', 'Kenya IGF track', $2) RETURNING id`, edition, nri)
	session := pgtest.ID(t, db, `INSERT INTO sessions (track_id, policy_issue_id, slug, title, format, starts_at, ends_at)
		VALUES ($1, $2, 's', 'S', 'workshop', now(), now() + interval '1 hour') RETURNING id`, own, issue)
	pgtest.ID(t, db, `INSERT INTO session_coorganisers (session_id, nri_id, state) VALUES ($1, $2, 'accepted') RETURNING session_id`, session, nri)
	programme := trackstore.NewProgramme(db)
	nriSvc := nris.NewService(pgstore.New(db), programme)
	h := web.New(web.Deps{Catalogue: sharedCatalogue(),
		Tracks:     tracks.NewService(programme, nriSvc),
		NRIs:       nriSvc,
		IdentityOf: testAs(people),
	}).Handler()

	lead := fmt.Sprintf("/api/tracks/%d/lead", global)
	body := func(id int64) string { return fmt.Sprintf(`{"lead_id": %d}`, id) }
	call(t, h, "", http.MethodPut, lead, body(people["ana"].AccountID), http.StatusUnauthorized, nil)
	call(t, h, "ana", http.MethodPut, lead, body(people["ana"].AccountID), http.StatusForbidden, nil)
	call(t, h, "coord", http.MethodPut, lead, body(people["coord"].AccountID), http.StatusForbidden, nil)
	call(t, h, "sec", http.MethodPut, lead, body(1<<40), http.StatusUnprocessableEntity, nil)
	call(t, h, "sec", http.MethodPut, lead, `{}`, http.StatusUnprocessableEntity, nil)
	call(t, h, "sec", http.MethodPut, "/api/tracks/999999/lead", body(people["lead"].AccountID), http.StatusNotFound, nil)

	var got tracks.TrackInfo
	call(t, h, "sec", http.MethodPut, lead, body(people["lead"].AccountID), http.StatusOK, &got)
	if got.Lead == nil || got.Lead.ID != people["lead"].AccountID || got.Lead.Name != "Person lead" {
		t.Fatalf("the answer's lead: %+v", got.Lead)
	}
	got = tracks.TrackInfo{}
	call(t, h, "", http.MethodGet, fmt.Sprintf("/api/tracks/%d", global), "", http.StatusOK, &got)
	if got.Lead == nil || got.Lead.ID != people["lead"].AccountID {
		t.Fatalf("read again, the lead: %+v", got.Lead)
	}
	got = tracks.TrackInfo{}
	call(t, h, "coord", http.MethodPut, fmt.Sprintf("/api/tracks/%d/lead", own), body(people["ana"].AccountID), http.StatusOK, &got)
	if got.Lead == nil || got.Lead.ID != people["ana"].AccountID {
		t.Fatalf("the coordinator's own track's lead: %+v", got.Lead)
	}

	var co struct {
		CoOrganisers []nris.CoOrganiser `json:"coorganisers"`
	}
	call(t, h, "", http.MethodGet, fmt.Sprintf("/api/sessions/%d/coorganisers", session), "", http.StatusOK, &co)
	if len(co.CoOrganisers) != 1 || co.CoOrganisers[0] != (nris.CoOrganiser{ID: nri, Slug: "kenya-igf", Name: "Kenya IGF"}) {
		t.Errorf("co-organisers %+v", co.CoOrganisers)
	}
	// nri_ids is required: a body without it clears nothing; [] clears all
	// but the track's own initiative, which stays one of them.
	other := pgtest.ID(t, db, `INSERT INTO nris (slug, name, level) VALUES ('uganda-igf', 'Uganda IGF', 'national') RETURNING id`)
	coorganisers := fmt.Sprintf("/api/sessions/%d/coorganisers", session)
	call(t, h, "sec", http.MethodPut, coorganisers, fmt.Sprintf(`{"nri_ids": [%d]}`, other), http.StatusOK, nil)
	call(t, h, "sec", http.MethodPut, coorganisers, `{}`, http.StatusUnprocessableEntity, nil)
	co.CoOrganisers = nil
	call(t, h, "", http.MethodGet, coorganisers, "", http.StatusOK, &co)
	if len(co.CoOrganisers) != 2 {
		t.Fatalf("after a PUT without nri_ids, the co-organisers: %+v; want both initiatives still", co.CoOrganisers)
	}
	call(t, h, "sec", http.MethodPut, coorganisers, `{"nri_ids": []}`, http.StatusOK, nil)
	co.CoOrganisers = nil
	call(t, h, "", http.MethodGet, coorganisers, "", http.StatusOK, &co)
	if len(co.CoOrganisers) != 1 || co.CoOrganisers[0].ID != nri {
		t.Fatalf("after a PUT of [], the co-organisers: %+v; want only the track's initiative", co.CoOrganisers)
	}
}
