package tracks

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// EditionFields are what the Secretariat sets of an edition: its name and
// theme, where and when it meets (dates as YYYY-MM-DD in its own time
// zone, an IANA name), its format and the cap on its focused agenda.
type EditionFields struct {
	Title           string `json:"title"`
	Theme           string `json:"theme"`
	HostCountry     string `json:"host_country"`
	Venue           string `json:"venue"`
	StartsOn        string `json:"starts_on"`
	EndsOn          string `json:"ends_on"`
	TimeZone        string `json:"time_zone"`
	Format          string `json:"format"`
	MaxPolicyIssues int    `json:"max_policy_issues"`
}

// Edition formats: how people take part.
var editionFormats = []string{"hybrid", "online", "onsite"}

// EditionFormats lists the formats an edition may have, for forms.
func EditionFormats() []string { return append([]string(nil), editionFormats...) }

// edition checks f and returns the edition it describes (without id).
func (f EditionFields) edition() (Edition, error) {
	e := Edition{Title: strings.TrimSpace(f.Title), Theme: strings.TrimSpace(f.Theme), HostCountry: strings.ToUpper(strings.TrimSpace(f.HostCountry)),
		Venue: strings.TrimSpace(f.Venue), TimeZone: strings.TrimSpace(f.TimeZone), Format: f.Format, MaxPolicyIssues: f.MaxPolicyIssues}
	if e.Title == "" || utf8.RuneCountInString(e.Title) > 300 {
		return e, igfplus.Errorf(igfplus.EInvalid, "title is 1 to 300 characters.")
	}
	if utf8.RuneCountInString(e.Theme) > 300 || utf8.RuneCountInString(e.Venue) > 300 {
		return e, igfplus.Errorf(igfplus.EInvalid, "theme and venue are at most 300 characters.")
	}
	if e.HostCountry != "" && !igfplus.IsCountryCode(e.HostCountry) {
		return e, igfplus.Errorf(igfplus.EInvalid, "host_country is an ISO 3166 two-letter code.")
	}
	var err error
	if e.StartsOn, err = time.Parse(time.DateOnly, f.StartsOn); err != nil {
		return e, igfplus.Errorf(igfplus.EInvalid, "starts_on is a date, YYYY-MM-DD.")
	}
	if e.EndsOn, err = time.Parse(time.DateOnly, f.EndsOn); err != nil {
		return e, igfplus.Errorf(igfplus.EInvalid, "ends_on is a date, YYYY-MM-DD.")
	}
	if e.EndsOn.Before(e.StartsOn) || e.EndsOn.Sub(e.StartsOn) > 31*24*time.Hour {
		return e, igfplus.Errorf(igfplus.EInvalid, "ends_on is on or after starts_on, within 31 days.")
	}
	e.Year = e.StartsOn.Year()
	if e.TimeZone == "" {
		e.TimeZone = "UTC"
	}
	if _, err := time.LoadLocation(e.TimeZone); err != nil || e.TimeZone == "Local" {
		return e, igfplus.Errorf(igfplus.EInvalid, "time_zone is an IANA time zone name, such as Africa/Nairobi.")
	}
	if e.Format == "" {
		e.Format = "hybrid"
	}
	if !slices.Contains(editionFormats, e.Format) {
		return e, igfplus.Errorf(igfplus.EInvalid, "format is hybrid, online or onsite.")
	}
	if e.MaxPolicyIssues < 1 || e.MaxPolicyIssues > 20 {
		return e, igfplus.Errorf(igfplus.EInvalid, "max_policy_issues is 1 to 20.")
	}
	return e, nil
}

// PolicyIssueFields are what can change of a policy issue: its title and
// summary (its slug names it in links, and stays).
type PolicyIssueFields struct {
	Title   string `json:"title"`
	Summary string `json:"summary"`
}

// TrackFields are what can change of a track: its title, description and,
// for a track of the Forum's own kinds, the policy issue it belongs to.
type TrackFields struct {
	Title         string `json:"title"`
	Description   string `json:"description"`
	PolicyIssueID int64  `json:"policy_issue_id"`
}

// EditionStore keeps editions and the focused agenda's changes.
type EditionStore interface {
	// AddEdition inserts an edition; EConflict when its year has one.
	AddEdition(ctx context.Context, e Edition) (Edition, error)
	// UpdateEdition changes an edition; ENotFound when there is none,
	// EConflict when its new cap is below its policy issues' number or its
	// new year has another edition.
	UpdateEdition(ctx context.Context, e Edition) (Edition, error)
	// UpdatePolicyIssue changes a policy issue; ENotFound when none.
	UpdatePolicyIssue(ctx context.Context, id int64, f PolicyIssueFields) (PolicyIssue, error)
	// UpdateTrack changes a track; EInvalid when its policy issue is not
	// of its edition.
	UpdateTrack(ctx context.Context, id int64, f TrackFields) error
}

// AddEdition opens a new edition: the secretariat only. It becomes the
// current one when it is the latest year.
func (s *Service) AddEdition(ctx context.Context, who igfplus.Identity, f EditionFields) (Edition, error) {
	if err := secretariat(who, "Only the secretariat sets up editions."); err != nil {
		return Edition{}, err
	}
	e, err := f.edition()
	if err != nil {
		return Edition{}, err
	}
	return s.store.AddEdition(ctx, e)
}

// UpdateEdition changes an edition's dates, place, time zone, format or
// cap: the secretariat only.
func (s *Service) UpdateEdition(ctx context.Context, who igfplus.Identity, id int64, f EditionFields) (Edition, error) {
	if err := secretariat(who, "Only the secretariat sets up editions."); err != nil {
		return Edition{}, err
	}
	e, err := f.edition()
	if err != nil {
		return Edition{}, err
	}
	e.ID = id
	return s.store.UpdateEdition(ctx, e)
}

// UpdatePolicyIssue retitles a policy issue or rewrites its summary: the
// secretariat only, as for the focused agenda.
func (s *Service) UpdatePolicyIssue(ctx context.Context, who igfplus.Identity, id int64, f PolicyIssueFields) (PolicyIssue, error) {
	if err := secretariat(who, "Only the secretariat sets the focused agenda."); err != nil {
		return PolicyIssue{}, err
	}
	if err := titled(&f.Title, &f.Summary); err != nil {
		return PolicyIssue{}, err
	}
	return s.store.UpdatePolicyIssue(ctx, id, f)
}

// UpdateTrack changes a track: those who plan it (the secretariat; an
// initiative's coordinators for its own track). A thematic track keeps a
// policy issue.
func (s *Service) UpdateTrack(ctx context.Context, who igfplus.Identity, id int64, f TrackFields) (TrackInfo, error) {
	t, err := s.store.Track(ctx, id)
	if err != nil {
		return TrackInfo{}, err
	}
	if err := s.mayRunTrack(ctx, who, t, "Only the secretariat changes this track."); err != nil {
		return TrackInfo{}, err
	}
	if err := titled(&f.Title, &f.Description); err != nil {
		return TrackInfo{}, err
	}
	if t.Kind == Thematic && f.PolicyIssueID == 0 {
		return TrackInfo{}, igfplus.Errorf(igfplus.EInvalid, "A thematic track belongs to a policy issue (policy_issue_id).")
	}
	if t.Kind == NRI {
		f.PolicyIssueID = t.PolicyIssueID // an initiative's track spans its own issues
	}
	if err := s.store.UpdateTrack(ctx, id, f); err != nil {
		return TrackInfo{}, err
	}
	return s.store.Track(ctx, id)
}
