package pgstore_test

import (
	"context"
	"testing"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/pgstore/programmetest"
)

// TestTheSecretariatSetsUpEditionsWithinTheRules: editions, their time zone
// and cap, policy issues and tracks change only by the secretariat (a
// track also by its planners), with clear refusals for a zone that does
// not exist, a cap below the agenda, a second edition in one year, and a
// thematic track without its issue.
func TestTheSecretariatSetsUpEditionsWithinTheRules(t *testing.T) {
	ctx := context.Background()
	w := programmetest.New(t)
	f := tracks.EditionFields{Title: "IGF 2031", StartsOn: "2031-06-01", EndsOn: "2031-06-05", TimeZone: "Africa/Nairobi",
		Venue: "Gigiri", HostCountry: "ke", Format: "hybrid", MaxPolicyIssues: 2}
	if _, err := w.Programme.UpdateEdition(ctx, w.Stranger, w.Edition, f); code(err) != igfplus.EForbidden {
		t.Errorf("a participant changing the edition: %v, want forbidden", err)
	}
	e, err := w.Programme.UpdateEdition(ctx, w.Sec, w.Edition, f)
	if err != nil || e.TimeZone != "Africa/Nairobi" || e.Venue != "Gigiri" || e.HostCountry != "KE" || e.Year != 2031 {
		t.Fatalf("the edition changed: %+v, %v", e, err)
	}
	for name, change := range map[string]func(*tracks.EditionFields){
		"an unknown zone":          func(f *tracks.EditionFields) { f.TimeZone = "Mars/Olympus_Mons" },
		"the server's local zone":  func(f *tracks.EditionFields) { f.TimeZone = "Local" },
		"ending before it starts":  func(f *tracks.EditionFields) { f.EndsOn = "2031-05-30" },
		"a date that is no date":   func(f *tracks.EditionFields) { f.StartsOn = "1 June" },
		"a cap of 21":              func(f *tracks.EditionFields) { f.MaxPolicyIssues = 21 },
		"a country that is no ISO": func(f *tracks.EditionFields) { f.HostCountry = "Kenya" },
	} {
		g := f
		change(&g)
		if _, err := w.Programme.UpdateEdition(ctx, w.Sec, w.Edition, g); code(err) != igfplus.EInvalid {
			t.Errorf("%s: %v, want invalid", name, err)
		}
	}
	f.MaxPolicyIssues = 1
	if _, err := w.Programme.UpdateEdition(ctx, w.Sec, w.Edition, f); code(err) != igfplus.EConflict {
		t.Errorf("a cap below the two issues on the agenda: %v, want conflict", err)
	}
	f.MaxPolicyIssues = 2
	if _, err := w.Programme.AddEdition(ctx, w.Sec, f); code(err) != igfplus.EConflict || igfplus.ErrorMessage(err) != "There is already an edition in 2031." {
		t.Errorf("a second edition in 2031: %v, want a conflict naming the year", err)
	}
	f.StartsOn, f.EndsOn, f.Title = "2032-06-01", "2032-06-04", "IGF 2032"
	next, err := w.Programme.AddEdition(ctx, w.Sec, f)
	if err != nil || next.Year != 2032 {
		t.Fatalf("the 2032 edition: %+v, %v", next, err)
	}

	pi, err := w.Programme.UpdatePolicyIssue(ctx, w.Sec, w.Issue, tracks.PolicyIssueFields{Title: "  Meaningful access  ", Summary: "For all."})
	if err != nil || pi.Title != "Meaningful access" || pi.Slug != "access" {
		t.Fatalf("the issue retitled: %+v, %v", pi, err)
	}
	if _, err := w.Programme.UpdatePolicyIssue(ctx, w.Lead, w.Issue, tracks.PolicyIssueFields{Title: "Mine"}); code(err) != igfplus.EForbidden {
		t.Errorf("a participant retitling an issue: %v, want forbidden", err)
	}

	if _, err := w.Programme.UpdateTrack(ctx, w.Stranger, w.Global, tracks.TrackFields{Title: "Mine", PolicyIssueID: w.Issue}); code(err) != igfplus.EForbidden {
		t.Errorf("a participant renaming a track: %v, want forbidden", err)
	}
	if _, err := w.Programme.UpdateTrack(ctx, w.Sec, w.Global, tracks.TrackFields{Title: "Access"}); code(err) != igfplus.EInvalid {
		t.Errorf("a thematic track without its issue: %v, want invalid", err)
	}
	tr, err := w.Programme.UpdateTrack(ctx, w.Sec, w.Global, tracks.TrackFields{Title: "Access for all", PolicyIssueID: w.Other})
	if err != nil || tr.Title != "Access for all" || tr.PolicyIssueID != w.Other {
		t.Fatalf("the track moved to the other issue: %+v, %v", tr, err)
	}
}
