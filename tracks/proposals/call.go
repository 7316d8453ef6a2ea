package proposals

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Call is an edition's call for session proposals, open from Opens until
// Closes (the deadline), with the rubric its proposals are reviewed
// against.
type Call struct {
	ID        int64       `json:"id"`
	EditionID int64       `json:"edition_id"`
	Opens     time.Time   `json:"opens_at"`
	Closes    time.Time   `json:"closes_at"`
	Intro     string      `json:"intro"`
	Rubric    []Criterion `json:"rubric"`
}

// OpenAt reports whether proposals may be submitted and edited at t.
func (c Call) OpenAt(t time.Time) bool { return !t.Before(c.Opens) && t.Before(c.Closes) }

// Criterion is one line of the rubric: what reviewers score from
// MinScore to MaxScore, and how much it weighs in the total.
type Criterion struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Weight int    `json:"weight"`
}

// The bounds of a score and of a criterion's weight; MaxCriteria bounds a
// rubric.
const (
	MinScore, MaxScore   = 1, 5
	MinWeight, MaxWeight = 1, 10
	MaxCriteria          = 12
)

// CallChange is what the Secretariat sets of a call: its dates and
// introduction.
type CallChange struct {
	Opens  time.Time `json:"opens_at"`
	Closes time.Time `json:"closes_at"`
	Intro  string    `json:"intro"`
}

func (c *CallChange) validate() error {
	if c.Opens.IsZero() || c.Closes.IsZero() {
		return igfplus.Errorf(igfplus.EInvalid, "A call has the date it opens (opens_at) and its deadline (closes_at).")
	}
	if !c.Closes.After(c.Opens) {
		return igfplus.Errorf(igfplus.EInvalid, "The deadline (closes_at) comes after the opening (opens_at).")
	}
	c.Intro = strings.TrimSpace(c.Intro)
	return maxRunes(c.Intro, 5000, "The introduction")
}

// validateRubric trims a rubric's names and checks it: 1 to MaxCriteria
// criteria, each named (1 to 200 characters, none twice) and weighted
// MinWeight to MaxWeight.
func validateRubric(rubric []Criterion) error {
	if len(rubric) == 0 || len(rubric) > MaxCriteria {
		return igfplus.Errorf(igfplus.EInvalid, "A rubric has 1 to %d criteria.", MaxCriteria)
	}
	seen := map[string]bool{}
	for i := range rubric {
		c := &rubric[i]
		c.Name = strings.TrimSpace(c.Name)
		if c.Name == "" || utf8.RuneCountInString(c.Name) > 200 {
			return igfplus.Errorf(igfplus.EInvalid, "Each criterion is named in 1 to 200 characters.")
		}
		if seen[strings.ToLower(c.Name)] {
			return igfplus.Errorf(igfplus.EInvalid, "The criterion %q is named twice.", c.Name)
		}
		seen[strings.ToLower(c.Name)] = true
		if c.Weight < MinWeight || c.Weight > MaxWeight {
			return igfplus.Errorf(igfplus.EInvalid, "A criterion weighs %d to %d.", MinWeight, MaxWeight)
		}
	}
	return nil
}

func maxRunes(s string, n int, what igfplus.Text) error {
	if utf8.RuneCountInString(s) > n {
		return igfplus.Errorf(igfplus.EInvalid, "%s is longer than %d characters.", what, n)
	}
	return nil
}
