package pages

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// fakePlanning refuses what the real service would for the cases tested
// and records the rest.
type fakePlanning struct {
	tracks []tracks.TrackInfo
	saved  []string
}

func (f *fakePlanning) AddEdition(_ context.Context, _ igfplus.Identity, e tracks.EditionFields) (tracks.Edition, error) {
	f.saved = append(f.saved, "edition "+e.Title)
	return tracks.Edition{}, nil
}

func (f *fakePlanning) UpdateEdition(_ context.Context, _ igfplus.Identity, _ int64, e tracks.EditionFields) (tracks.Edition, error) {
	if e.TimeZone == "Mars/Olympus_Mons" {
		return tracks.Edition{}, igfplus.Errorf(igfplus.EInvalid, "time_zone is an IANA time zone name, such as Africa/Nairobi.")
	}
	f.saved = append(f.saved, "edition "+e.TimeZone)
	return tracks.Edition{}, nil
}

func (f *fakePlanning) AddPolicyIssue(context.Context, igfplus.Identity, tracks.NewPolicyIssue) (tracks.PolicyIssue, error) {
	return tracks.PolicyIssue{}, igfplus.Errorf(igfplus.EConflict, "The edition's focused agenda already has its 5 strategic policy issues.")
}

func (f *fakePlanning) UpdatePolicyIssue(_ context.Context, _ igfplus.Identity, id int64, p tracks.PolicyIssueFields) (tracks.PolicyIssue, error) {
	f.saved = append(f.saved, "issue "+p.Title)
	return tracks.PolicyIssue{}, nil
}

func (f *fakePlanning) TracksOfEdition(context.Context, int64) ([]tracks.TrackInfo, error) {
	return f.tracks, nil
}

func (f *fakePlanning) AddTrack(_ context.Context, _ igfplus.Identity, n tracks.NewTrack) (tracks.TrackInfo, error) {
	f.saved = append(f.saved, "track "+n.Title)
	return tracks.TrackInfo{}, nil
}

func (f *fakePlanning) UpdateTrack(_ context.Context, _ igfplus.Identity, _ int64, t tracks.TrackFields) (tracks.TrackInfo, error) {
	f.saved = append(f.saved, "track "+t.Title)
	return tracks.TrackInfo{}, nil
}

// planningFixture serves the pages to the secretariat ("sec") and to a
// participant (any other user).
func planningFixture(t *testing.T) (*fixture, *fakePlanning) {
	plan := &fakePlanning{tracks: []tracks.TrackInfo{{ID: 3, EditionID: 1, Kind: tracks.Thematic, Slug: "access", Title: "Access", PolicyIssueID: 11}}}
	f := newFixtureWith(t, func(d *Deps) {
		d.Planning = plan
		d.IdentityOf = roleIdentity
	})
	return f, plan
}

// Without JavaScript: the page's forms post, a refusal comes back beside
// its form with what was typed, and only the secretariat may.
func TestProgrammeAdminFormsPostAndComeBackRefused(t *testing.T) {
	f, plan := planningFixture(t)
	if rec := f.do("GET", "/admin/programme", "amina", nil); rec.Code != http.StatusForbidden {
		t.Errorf("a participant opening the page: %d", rec.Code)
	}
	if rec := f.do("GET", "/admin/programme", "", nil); rec.Code != http.StatusSeeOther {
		t.Errorf("the anonymous opening the page: %d, want a way to sign in", rec.Code)
	}
	rec := f.do("GET", "/admin/programme", "sec", nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `id="save-edition"`) || !strings.Contains(rec.Body.String(), `id="track-3-title"`) {
		t.Fatalf("the page: %d\n%s", rec.Code, rec.Body)
	}

	edition := url.Values{"id": {"1"}, "title": {"IGF 2025"}, "starts_on": {"2025-06-23"}, "ends_on": {"2025-06-27"},
		"time_zone": {"Mars/Olympus_Mons"}, "format": {"hybrid"}, "max_policy_issues": {"5"}, "venue": {"Lillestrøm"}}
	rec = f.do("POST", "/admin/programme/edition", "sec", edition)
	body := rec.Body.String()
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="edition-problem"`) ||
		!strings.Contains(body, `value="Mars/Olympus_Mons"`) || !strings.Contains(body, "time_zone is an IANA") {
		t.Fatalf("a refused time zone: %d\n%s", rec.Code, body)
	}
	edition.Set("time_zone", "Europe/Oslo")
	if rec := f.do("POST", "/admin/programme/edition", "sec", edition); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/admin/programme#edition" {
		t.Fatalf("a saved edition: %d %s", rec.Code, rec.Header().Get("Location"))
	}

	rec = f.do("POST", "/admin/programme/issues", "sec", url.Values{"edition_id": {"1"}, "slug": {"more"}, "title": {"One too many"}})
	if body := rec.Body.String(); rec.Code != http.StatusConflict || !strings.Contains(body, `id="issue-new-problem"`) || !strings.Contains(body, `value="One too many"`) {
		t.Fatalf("an issue over the cap: %d\n%s", rec.Code, body)
	}
	if rec := f.do("POST", "/admin/programme/issues/11", "sec", url.Values{"title": {"Access"}}); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/admin/programme#issue-11" {
		t.Fatalf("a renamed issue: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	if rec := f.do("POST", "/admin/programme/tracks/3", "sec", url.Values{"title": {"Access for all"}, "policy_issue_id": {"11"}}); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/admin/programme#track-3" {
		t.Fatalf("a renamed track: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	if strings.Join(plan.saved, "|") != "edition Europe/Oslo|issue Access|track Access for all" {
		t.Errorf("saved: %q", plan.saved)
	}
}
