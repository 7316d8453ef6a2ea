package web_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
)

// memRecommendations is an in-memory recommendations.Store, enough for the
// handlers: the rules themselves are tested on Postgres in
// tracks/recommendations/pgstore.
type memRecommendations struct {
	mu         sync.Mutex
	recs       []recommendations.Recommendation
	versions   map[int64][]recommendations.Version
	comments   []recommendations.Comment
	amendments []recommendations.Amendment
	records    map[int64]recommendations.Record
}

var _ recommendations.Store = (*memRecommendations)(nil)

func (m *memRecommendations) who(id int64) recommendations.Person {
	return recommendations.Person{AccountID: id, Name: "Person " + string(rune('A'+id)), StakeholderGroup: igfplus.CivilSociety}
}

func (m *memRecommendations) Placement(context.Context, int64, int64, int64) (recommendations.Placement, error) {
	return recommendations.Placement{IssueEdition: 1, TrackEdition: 1}, nil
}

func (m *memRecommendations) SessionModerator(context.Context, int64, int64) (bool, error) {
	return false, nil
}

func (m *memRecommendations) Create(_ context.Context, n recommendations.NewRecommendation, by int64) (recommendations.Recommendation, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r := recommendations.Recommendation{ID: int64(len(m.recs) + 1), PolicyIssueID: n.PolicyIssueID, TrackID: n.TrackID, Title: n.Title,
		State: recommendations.Draft, CreatedBy: m.who(by), CreatedAt: time.Now(), Version: 1, Drafters: []recommendations.Person{m.who(by)}}
	for _, id := range n.CoDrafters {
		r.Drafters = append(r.Drafters, m.who(id))
	}
	m.recs = append(m.recs, r)
	m.versions[r.ID] = []recommendations.Version{{RecommendationID: r.ID, Version: 1, Body: n.Body, Note: n.Note, CreatedBy: m.who(by)}}
	return r, nil
}

func (m *memRecommendations) Recommendation(_ context.Context, id int64) (recommendations.Recommendation, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if id < 1 || id > int64(len(m.recs)) {
		return recommendations.Recommendation{}, igfplus.Errorf(igfplus.ENotFound, "The recommendation was not found.")
	}
	r := m.recs[id-1]
	r.Version = len(m.versions[id])
	return r, nil
}

func (m *memRecommendations) Recommendations(context.Context, recommendations.Filter) ([]recommendations.Recommendation, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]recommendations.Recommendation(nil), m.recs...), nil
}

func (m *memRecommendations) Version(_ context.Context, id int64, n int) (recommendations.Version, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	vs := m.versions[id]
	if n == 0 {
		n = len(vs)
	}
	if n < 1 || n > len(vs) {
		return recommendations.Version{}, igfplus.Errorf(igfplus.ENotFound, "That version was not found.")
	}
	return vs[n-1], nil
}

func (m *memRecommendations) Versions(_ context.Context, id int64) ([]recommendations.Version, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.versions[id], nil
}

func (m *memRecommendations) AddVersion(_ context.Context, id int64, basedOn int, body, note string, by int64) (recommendations.Version, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := recommendations.TextChangeable(m.recs[id-1].State, false); err != nil {
		return recommendations.Version{}, err
	}
	if basedOn != 0 && basedOn != len(m.versions[id]) {
		return recommendations.Version{}, igfplus.Errorf(igfplus.EConflict, "stale")
	}
	v := recommendations.Version{RecommendationID: id, Version: len(m.versions[id]) + 1, Body: body, Note: note, CreatedBy: m.who(by)}
	m.versions[id] = append(m.versions[id], v)
	return v, nil
}

func (m *memRecommendations) AddComment(_ context.Context, c recommendations.Comment) (recommendations.Comment, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c.ID, c.Author = int64(len(m.comments)+1), m.who(c.Author.AccountID)
	m.comments = append(m.comments, c)
	return c, nil
}

func (m *memRecommendations) Comments(_ context.Context, id int64, f recommendations.CommentFilter) ([]recommendations.Comment, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []recommendations.Comment
	for _, c := range m.comments {
		if c.RecommendationID == id && (f.Paragraph == 0 || f.Paragraph == c.Paragraph) {
			out = append(out, c)
		}
	}
	return out, nil
}

func (m *memRecommendations) ProposeAmendment(_ context.Context, a recommendations.Amendment) (recommendations.Amendment, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a.ID, a.ProposedBy = int64(len(m.amendments)+1), m.who(a.ProposedBy.AccountID)
	m.amendments = append(m.amendments, a)
	return a, nil
}

func (m *memRecommendations) Amendments(_ context.Context, id int64) ([]recommendations.Amendment, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []recommendations.Amendment
	for _, a := range m.amendments {
		if a.RecommendationID == id {
			out = append(out, a)
		}
	}
	return out, nil
}

func (m *memRecommendations) DecideAmendment(_ context.Context, id, amendmentID int64, accept bool, by int64) (recommendations.Amendment, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if amendmentID < 1 || amendmentID > int64(len(m.amendments)) || m.amendments[amendmentID-1].RecommendationID != id {
		return recommendations.Amendment{}, igfplus.Errorf(igfplus.ENotFound, "The amendment was not found.")
	}
	a := &m.amendments[amendmentID-1]
	if err := recommendations.CanDecide(m.recs[id-1].State, a.State, false, accept, false); err != nil {
		return *a, err
	}
	a.State, a.DecidedBy = recommendations.Rejected, new(m.who(by))
	if accept {
		vs := m.versions[id]
		body, err := recommendations.AmendedBody(*a, vs[a.Version-1], vs[len(vs)-1])
		if err != nil {
			return *a, err
		}
		a.State, a.AppliedVersion = recommendations.Accepted, len(vs)+1
		m.versions[id] = append(vs, recommendations.Version{RecommendationID: id, Version: len(vs) + 1, Body: body, Note: a.Note(), CreatedBy: m.who(by)})
	}
	return *a, nil
}

func (m *memRecommendations) Record(_ context.Context, id int64) (recommendations.Record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.records[id]
	if !ok {
		r.Dissent = []recommendations.Dissent{}
	}
	return r, nil
}

func (m *memRecommendations) SetRecord(_ context.Context, id int64, r recommendations.Record, by int64) (recommendations.Record, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.who(by)
	r.UpdatedBy = &p
	m.records[id] = r
	return r, nil
}

// The recommendation pages' methods are tested on Postgres
// (api_recommendation_pages_test.go); these handlers do not reach them.
func (m *memRecommendations) Edit(context.Context, int64, recommendations.Edit, int64) (recommendations.Recommendation, error) {
	return recommendations.Recommendation{}, igfplus.Errorf(igfplus.EInternal, "not in memory")
}

func (m *memRecommendations) Comment(context.Context, int64) (recommendations.Comment, error) {
	return recommendations.Comment{}, igfplus.Errorf(igfplus.ENotFound, "not in memory")
}

func (m *memRecommendations) Support(context.Context, int64, int64, int64) (recommendations.Amendment, error) {
	return recommendations.Amendment{}, igfplus.Errorf(igfplus.EInternal, "not in memory")
}

func (m *memRecommendations) Position(context.Context, int64) (recommendations.Position, error) {
	return recommendations.Position{}, nil
}

// recommendationServer serves the recommendations API over a memory store;
// requests say who they come from in X-Test-As: "mod" (a platform
// moderator), "ana" (a participant) or nobody.
func recommendationServer(t *testing.T) http.Handler {
	t.Helper()
	people := map[string]igfplus.Identity{
		"mod": {AccountID: 1, Name: "Mod", StakeholderGroup: igfplus.Government, Roles: []igfplus.Role{igfplus.RoleParticipant, igfplus.RoleModerator}},
		"ana": {AccountID: 2, Name: "Ana", StakeholderGroup: igfplus.CivilSociety, Roles: []igfplus.Role{igfplus.RoleParticipant}},
	}
	store := &memRecommendations{versions: map[int64][]recommendations.Version{}, records: map[int64]recommendations.Record{}}
	return web.New(web.Deps{Catalogue: sharedCatalogue(),
		Recommendations: recommendations.NewService(store),
		IdentityOf:      testAs(people),
	}).Handler()
}

type detail struct {
	ID         int64 `json:"id"`
	State      string
	Version    int
	Drafters   []recommendations.Person
	Current    recommendations.Version
	Paragraphs []recommendations.Paragraph
	Record     recommendations.Record
	Amendments []recommendations.Amendment
}

func TestRecommendationDraftingOverREST(t *testing.T) {
	h := recommendationServer(t)
	create := `{"policy_issue_id":1,"track_id":1,"title":"Access","body":"First.\n\nSecond.\n\nThird.","co_drafters":[3]}`
	call(t, h, "", "POST", "/api/recommendations", create, http.StatusUnauthorized, nil)
	call(t, h, "ana", "POST", "/api/recommendations", create, http.StatusForbidden, nil)
	var d detail
	call(t, h, "mod", "POST", "/api/recommendations", create, http.StatusCreated, &d)
	if d.ID != 1 || d.State != "draft" || d.Version != 1 || len(d.Drafters) != 2 || len(d.Paragraphs) != 3 || d.Paragraphs[1].Text != "Second." || d.Amendments == nil || d.Record.Dissent == nil {
		t.Fatalf("created %+v", d)
	}

	var problem web.Problem
	call(t, h, "ana", "POST", "/api/recommendations/1/comments", `{"paragraph":4,"body":"?"}`, http.StatusUnprocessableEntity, &problem)
	if problem.Code != "invalid" || !strings.Contains(problem.Detail, "paragraph 4") {
		t.Errorf("comment on paragraph 4 of 3: %+v", problem)
	}
	var c recommendations.Comment
	call(t, h, "ana", "POST", "/api/recommendations/1/comments", `{"paragraph":2,"body":"Why second?"}`, http.StatusCreated, &c)
	if c.Version != 1 || c.Paragraph != 2 || c.Author.AccountID != 2 {
		t.Errorf("comment %+v", c)
	}
	var comments struct{ Comments []recommendations.Comment }
	call(t, h, "", "GET", "/api/recommendations/1/comments?paragraph=2", "", http.StatusOK, &comments)
	if len(comments.Comments) != 1 {
		t.Errorf("comments %+v", comments)
	}

	var a recommendations.Amendment
	call(t, h, "ana", "POST", "/api/recommendations/1/amendments", `{"version":1,"paragraph":2,"text":"Second, amended.","rationale":"Clearer."}`, http.StatusCreated, &a)
	call(t, h, "ana", "POST", "/api/recommendations/1/amendments/1/accept", "", http.StatusForbidden, nil)
	call(t, h, "mod", "POST", "/api/recommendations/1/amendments/9/accept", "", http.StatusNotFound, nil)
	call(t, h, "mod", "POST", "/api/recommendations/1/amendments/1/accept", "", http.StatusOK, &a)
	if a.State != recommendations.Accepted || a.AppliedVersion != 2 {
		t.Fatalf("accepted %+v", a)
	}
	call(t, h, "mod", "POST", "/api/recommendations/1/amendments/1/reject", "", http.StatusConflict, nil)

	var v recommendations.Version
	call(t, h, "mod", "POST", "/api/recommendations/1/versions", `{"based_on":1,"body":"Stale."}`, http.StatusConflict, nil)
	call(t, h, "ana", "POST", "/api/recommendations/1/versions", `{"body":"Mine."}`, http.StatusForbidden, nil)
	call(t, h, "mod", "POST", "/api/recommendations/1/versions", `{"based_on":2,"body":"One.\n\nTwo.","note":"Shorter."}`, http.StatusCreated, &v)
	var versions struct{ Versions []recommendations.Version }
	call(t, h, "", "GET", "/api/recommendations/1/versions", "", http.StatusOK, &versions)
	if v.Version != 3 || len(versions.Versions) != 3 || versions.Versions[1].Body != "First.\n\nSecond, amended.\n\nThird." {
		t.Fatalf("versions %+v", versions)
	}

	var rec recommendations.Record
	call(t, h, "mod", "PUT", "/api/recommendations/1/record", `{"consensus":"Agreed.","dissent":[{"stakeholder_group":"private_sector","reason":"Costs."}]}`, http.StatusOK, &rec)
	call(t, h, "mod", "PUT", "/api/recommendations/1/record", `{"consensus":"x","dissenters":[]}`, http.StatusUnprocessableEntity, nil)
	call(t, h, "mod", "PUT", "/api/recommendations/1/record", `{"dissent":[{"stakeholder_group":"nobody","reason":"x"}]}`, http.StatusUnprocessableEntity, nil)

	call(t, h, "", "GET", "/api/recommendations/1", "", http.StatusOK, &d)
	if d.Version != 3 || d.Current.Note != "Shorter." || len(d.Paragraphs) != 2 || len(d.Record.Dissent) != 1 || len(d.Amendments) != 1 {
		t.Fatalf("read back %+v", d)
	}
	var list struct{ Recommendations []detail }
	call(t, h, "", "GET", "/api/recommendations?track=1", "", http.StatusOK, &list)
	if len(list.Recommendations) != 1 || list.Recommendations[0].Paragraphs != nil {
		t.Fatalf("list %+v", list)
	}
	call(t, h, "", "GET", "/api/recommendations?track=x", "", http.StatusUnprocessableEntity, nil)
	call(t, h, "", "GET", "/api/recommendations/x", "", http.StatusNotFound, nil)
	call(t, h, "", "GET", "/api/recommendations/7", "", http.StatusNotFound, nil)
}
