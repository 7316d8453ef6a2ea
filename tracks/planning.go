package tracks

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// NewPolicyIssue is a strategic policy issue to add to an edition's
// focused agenda, after the ones it has.
type NewPolicyIssue struct {
	EditionID int64  `json:"edition_id"`
	Slug      string `json:"slug"`
	Title     string `json:"title"`
	Summary   string `json:"summary"`
}

// NewTrack is a track to add to an edition. An NRI track names its
// initiative; a thematic track its policy issue.
type NewTrack struct {
	EditionID     int64  `json:"edition_id"`
	PolicyIssueID int64  `json:"policy_issue_id"`
	NRIID         int64  `json:"nri_id"`
	LeadID        int64  `json:"lead_id"`
	Kind          Kind   `json:"kind"`
	Slug          string `json:"slug"`
	Title         string `json:"title"`
	Description   string `json:"description"`
}

// Person names an account.
type Person struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// TrackInfo is a track with its initiative and lead, as the track page and
// the API show it.
type TrackInfo struct {
	ID            int64   `json:"id"`
	EditionID     int64   `json:"edition_id"`
	PolicyIssueID int64   `json:"policy_issue_id,omitempty"`
	Kind          Kind    `json:"kind"`
	Slug          string  `json:"slug"`
	Title         string  `json:"title"`
	Description   string  `json:"description"`
	NRIID         int64   `json:"nri_id,omitempty"`
	NRIName       string  `json:"nri_name,omitempty"`
	Lead          *Person `json:"lead,omitempty"`
}

// NewSession is a session to add to a track. It is tied to one policy
// issue of the track's edition (the track's own when it has one); its
// creator moderates it unless ModeratorID names someone else.
type NewSession struct {
	PolicyIssueID int64     `json:"policy_issue_id"`
	Slug          string    `json:"slug"`
	Title         string    `json:"title"`
	Description   string    `json:"description"`
	Format        string    `json:"format"`
	StartsAt      time.Time `json:"starts_at"`
	EndsAt        time.Time `json:"ends_at"`
	Room          string    `json:"room"`
	ModeratorID   int64     `json:"moderator_id"`
	// CoOrganisers are the NRIs that organise the session together.
	CoOrganisers []int64 `json:"coorganisers"`
	// Unscheduled: the session waits for the scheduler to place it
	// (an accepted proposal); its times are placeholders meanwhile.
	Unscheduled bool `json:"-"`
}

var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// ValidSlug reports whether s can name something in a URL: lower-case
// letters, digits and hyphens, 1 to 63 of them, starting with a letter or
// digit.
func ValidSlug(s string) bool { return slugRE.MatchString(s) }

func (n *NewPolicyIssue) validate() error {
	if !slugRE.MatchString(n.Slug) {
		return igfplus.Errorf(igfplus.EInvalid, "slug is lower-case letters, digits and hyphens.")
	}
	return titled(&n.Title, &n.Summary)
}

func (n *NewTrack) validate() error {
	if !n.Kind.Valid() {
		return igfplus.Errorf(igfplus.EInvalid, "kind is not a known track kind.")
	}
	if (n.Kind == NRI) != (n.NRIID != 0) {
		return igfplus.Errorf(igfplus.EInvalid, "An NRI track names its initiative (nri_id), and only an NRI track does.")
	}
	if n.Kind == Thematic && n.PolicyIssueID == 0 {
		return igfplus.Errorf(igfplus.EInvalid, "A thematic track belongs to a policy issue (policy_issue_id).")
	}
	if !slugRE.MatchString(n.Slug) {
		return igfplus.Errorf(igfplus.EInvalid, "slug is lower-case letters, digits and hyphens.")
	}
	return titled(&n.Title, &n.Description)
}

func (n *NewSession) validate() error {
	if n.PolicyIssueID == 0 {
		return igfplus.Errorf(igfplus.EInvalid, "Every session is tied to a strategic policy issue (policy_issue_id).")
	}
	if !slugRE.MatchString(n.Slug) {
		return igfplus.Errorf(igfplus.EInvalid, "slug is lower-case letters, digits and hyphens.")
	}
	if n.StartsAt.IsZero() || !n.EndsAt.After(n.StartsAt) {
		return igfplus.Errorf(igfplus.EInvalid, "ends_at comes after starts_at.")
	}
	return titled(&n.Title, &n.Description)
}

// titled trims a title (1 to 300 characters) and its text.
func titled(title, text *string) error {
	*title, *text = strings.TrimSpace(*title), strings.TrimSpace(*text)
	if *title == "" || utf8.RuneCountInString(*title) > 300 {
		return igfplus.Errorf(igfplus.EInvalid, "title is 1 to 300 characters.")
	}
	if utf8.RuneCountInString(*text) > 5000 {
		return igfplus.Errorf(igfplus.EInvalid, "The description is longer than 5000 characters.")
	}
	return nil
}
