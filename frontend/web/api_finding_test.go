package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/deploy/forumtest"
	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/tracks/finding"
	findingstore "github.com/igfplus/igfplus/tracks/finding/pgstore"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// TestSearchFollowingAndTheCalendarTokenOverREST: GET /api/search finds a
// session by its words (kind, id, title, snippet, link) and refuses an
// empty or over-long q with problem+json 422; PUT and DELETE
// /api/sessions/{id}/follow change GET /api/me/schedule; the calendar
// token is made (201, shown once) and revoked (204); none of it without
// signing in (401). Every answer is validated against openapi.json.
func TestSearchFollowingAndTheCalendarTokenOverREST(t *testing.T) {
	db := pgtest.DB(t)
	f := forumtest.New(t, db)
	session, _ := f.ScheduledSession(t, "Quantum-safe cryptography for registries")
	amina := f.Participant(t, "Amina Yusuf").Identity(igfplus.RoleParticipant)
	svc := finding.NewService(findingstore.New(db), nil)
	h := web.New(web.Deps{Catalogue: sharedCatalogue(), Finding: svc, IdentityOf: testAs(map[string]igfplus.Identity{"amina": amina})}).Handler()

	var found struct {
		Results []finding.Result `json:"results"`
	}
	call(t, h, "", http.MethodGet, "/api/search?q=cryptography+registries", "", http.StatusOK, &found)
	if len(found.Results) != 1 || found.Results[0].ID != session || found.Results[0].Kind != finding.KindSession ||
		found.Results[0].Link != fmt.Sprintf("/sessions/%d", session) || !strings.Contains(found.Results[0].Snippet, "cryptography") {
		t.Fatalf("search: %+v", found)
	}
	call(t, h, "", http.MethodGet, "/api/search?q=+", "", http.StatusUnprocessableEntity, nil)
	call(t, h, "", http.MethodGet, "/api/search?q="+strings.Repeat("a", finding.MaxQuery+1), "", http.StatusUnprocessableEntity, nil)

	follow := fmt.Sprintf("/api/sessions/%d/follow", session)
	call(t, h, "", http.MethodPut, follow, "", http.StatusUnauthorized, nil)
	call(t, h, "amina", http.MethodPut, follow, "", http.StatusNoContent, nil)
	call(t, h, "amina", http.MethodPut, "/api/sessions/999999999/follow", "", http.StatusNotFound, nil)
	var schedule struct {
		Sessions []struct {
			ID int64 `json:"id"`
		} `json:"sessions"`
	}
	call(t, h, "amina", http.MethodGet, "/api/me/schedule", "", http.StatusOK, &schedule)
	if len(schedule.Sessions) != 1 || schedule.Sessions[0].ID != session {
		t.Fatalf("schedule: %+v", schedule)
	}
	call(t, h, "amina", http.MethodDelete, follow, "", http.StatusNoContent, nil)
	call(t, h, "amina", http.MethodGet, "/api/me/schedule", "", http.StatusOK, &schedule)
	if len(schedule.Sessions) != 0 {
		t.Fatalf("schedule after unfollowing: %+v", schedule)
	}

	call(t, h, "", http.MethodPost, "/api/me/calendar-token", "", http.StatusUnauthorized, nil)
	var token struct{ Token, URL string }
	call(t, h, "amina", http.MethodPost, "/api/me/calendar-token", "", http.StatusCreated, &token)
	if len(token.Token) < 40 || token.URL != "/me/calendar.ics?token="+token.Token {
		t.Fatalf("token: %+v", token)
	}
	call(t, h, "amina", http.MethodDelete, "/api/me/calendar-token", "", http.StatusNoContent, nil)
	if _, err := svc.FeedOf(t.Context(), token.Token); igfplus.ErrorCode(err) != igfplus.ENotFound {
		t.Errorf("the revoked token still reads a feed: %v", err)
	}
}
