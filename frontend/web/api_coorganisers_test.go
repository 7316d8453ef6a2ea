package web_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/nris"
	"github.com/igfplus/igfplus/tracks/pgstore/programmetest"
)

// TestCoOrganisersAreRequestedAndAnsweredOverREST: Kenya's coordinator
// PUTs three other initiatives; the answer and GET name none of them, and
// lists the three requests. Each initiative sees its own request; someone
// who does not coordinate it cannot read or answer it (problem+json); an
// acceptance names the initiative, a decline removes the request. {} is
// still refused.
func TestCoOrganisersAreRequestedAndAnsweredOverREST(t *testing.T) {
	w := programmetest.New(t)
	people := map[string]igfplus.Identity{"coord": w.Coord, "stranger": w.Stranger, "sec": w.Sec}
	others := map[string]nris.NRI{}
	for _, name := range []string{"ghana", "togo", "benin"} {
		id := w.One(t, `INSERT INTO accounts (email, password_hash, display_name, stakeholder_group, region)
			VALUES ($1, 'x', $1, 'civil_society', 'african') RETURNING id`, name+"@example.org")
		people[name] = igfplus.Identity{AccountID: id, Name: name, Roles: []igfplus.Role{igfplus.RoleParticipant, igfplus.RoleNRICoordinator}}
		others[name] = w.Initiative(t, name+"-igf", name+" IGF", id)
	}
	kenya := w.Initiative(t, "kenya-igf", "Kenya IGF", w.Coord.AccountID)
	track := w.One(t, `INSERT INTO tracks (edition_id, kind, slug, title, nri_id) VALUES ($1, 'nri', 'kenya', 'Kenya IGF track', $2) RETURNING id`, w.Edition, kenya.ID)
	session := w.One(t, `INSERT INTO sessions (track_id, policy_issue_id, slug, title, format, starts_at, ends_at)
		VALUES ($1, $2, 's', 'S', 'workshop', now(), now() + interval '1 hour') RETURNING id`, track, w.Issue)
	h := web.New(web.Deps{Catalogue: sharedCatalogue(),
		NRIs:       w.NRIs,
		IdentityOf: testAs(people),
	}).Handler()

	path := fmt.Sprintf("/api/sessions/%d/coorganisers", session)
	var put struct {
		CoOrganisers []nris.CoOrganiser        `json:"coorganisers"`
		Requested    []nris.CoOrganiserRequest `json:"requested"`
	}
	body := fmt.Sprintf(`{"nri_ids": [%d, %d, %d]}`, others["ghana"].ID, others["togo"].ID, others["benin"].ID)
	call(t, h, "coord", http.MethodPut, path, `{}`, http.StatusUnprocessableEntity, nil)
	call(t, h, "ghana", http.MethodPut, path, body, http.StatusForbidden, nil)
	call(t, h, "coord", http.MethodPut, path, body, http.StatusOK, &put)
	if len(put.CoOrganisers) != 1 || put.CoOrganisers[0].ID != kenya.ID || len(put.Requested) != 3 {
		t.Fatalf("the PUT's answer: %+v; want only Kenya named and three requests", put)
	}
	named := func() []nris.CoOrganiser {
		t.Helper()
		var got struct {
			CoOrganisers []nris.CoOrganiser `json:"coorganisers"`
		}
		call(t, h, "", http.MethodGet, path, "", http.StatusOK, &got)
		return got.CoOrganisers
	}
	if got := named(); len(got) != 1 {
		t.Fatalf("read by anyone before any answer: %+v; want only Kenya", got)
	}
	var reqs struct {
		Requests []nris.CoOrganiserRequest `json:"requests"`
	}
	call(t, h, "coord", http.MethodGet, fmt.Sprintf("/api/sessions/%d/coorganiser-requests", session), "", http.StatusOK, &reqs)
	if len(reqs.Requests) != 3 {
		t.Errorf("the session's requests: %+v", reqs.Requests)
	}
	call(t, h, "", http.MethodGet, fmt.Sprintf("/api/sessions/%d/coorganiser-requests", session), "", http.StatusUnauthorized, nil)
	toGhana := fmt.Sprintf("/api/nris/%d/coorganiser-requests", others["ghana"].ID)
	call(t, h, "togo", http.MethodGet, toGhana, "", http.StatusForbidden, nil)
	call(t, h, "ghana", http.MethodGet, toGhana, "", http.StatusOK, &reqs)
	if len(reqs.Requests) != 1 || reqs.Requests[0].SessionID != session || reqs.Requests[0].From.ID != kenya.ID {
		t.Fatalf("Ghana's requests: %+v", reqs.Requests)
	}

	answer := func(nri, verb string) string {
		return fmt.Sprintf("/api/sessions/%d/coorganisers/%d/%s", session, others[nri].ID, verb)
	}
	call(t, h, "", http.MethodPost, answer("ghana", "accept"), "", http.StatusUnauthorized, nil)
	for _, who := range []string{"coord", "togo", "stranger"} {
		call(t, h, who, http.MethodPost, answer("ghana", "accept"), "", http.StatusForbidden, nil)
	}
	for i, nri := range []string{"ghana", "togo", "benin"} {
		if got := named(); len(got) != 1+i {
			t.Fatalf("before %s accepted: %+v", nri, got)
		}
		call(t, h, nri, http.MethodPost, answer(nri, "accept"), "", http.StatusOK, nil)
	}
	if got := named(); len(got) != 4 {
		t.Fatalf("after the three accepted: %+v", got)
	}
	call(t, h, "benin", http.MethodPost, answer("benin", "accept"), "", http.StatusConflict, nil)
	call(t, h, "togo", http.MethodPost, answer("togo", "decline"), "", http.StatusOK, nil)
	call(t, h, "togo", http.MethodPost, answer("togo", "decline"), "", http.StatusNotFound, nil)
	if got := named(); len(got) != 3 {
		t.Errorf("after Togo declined: %+v", got)
	}
	call(t, h, "coord", http.MethodPost, fmt.Sprintf("/api/sessions/%d/coorganisers/%d/decline", session, kenya.ID), "", http.StatusConflict, nil)
}

// TestTheDirectoryAndAnInitiativeWithItsTracksOverREST: GET /api/nris
// lists the initiatives to anyone, GET /api/nris/{id} answers one with
// its tracks (openapi.json's shapes), and an id that cannot be one is a
// problem+json 404.
func TestTheDirectoryAndAnInitiativeWithItsTracksOverREST(t *testing.T) {
	w := programmetest.New(t)
	kenya := w.Initiative(t, "kenya-igf", "Kenya IGF", w.Coord.AccountID)
	w.Initiative(t, "ghana-igf", "Ghana IGF", w.Stranger.AccountID)
	track := w.One(t, `INSERT INTO tracks (edition_id, kind, slug, title, nri_id) VALUES ($1, 'nri', 'kenya', 'Kenya IGF track', $2) RETURNING id`, w.Edition, kenya.ID)
	h := web.New(web.Deps{Catalogue: sharedCatalogue(), NRIs: w.NRIs, Tracks: w.Programme, IdentityOf: testAs(nil)}).Handler()

	var dir struct {
		NRIs []nris.NRI `json:"nris"`
	}
	call(t, h, "", http.MethodGet, "/api/nris", "", http.StatusOK, &dir)
	if len(dir.NRIs) != 2 {
		t.Fatalf("the directory: %+v; want both initiatives", dir.NRIs)
	}
	var one struct {
		ID     int64  `json:"id"`
		Slug   string `json:"slug"`
		Tracks []struct {
			ID int64 `json:"id"`
		} `json:"tracks"`
	}
	call(t, h, "", http.MethodGet, fmt.Sprintf("/api/nris/%d", kenya.ID), "", http.StatusOK, &one)
	if one.ID != kenya.ID || one.Slug != "kenya-igf" || len(one.Tracks) != 1 || one.Tracks[0].ID != track {
		t.Fatalf("the initiative: %+v; want Kenya IGF with its track %d", one, track)
	}
	call(t, h, "", http.MethodGet, "/api/nris/kenya", "", http.StatusNotFound, nil)
}
