package nris

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Level is how wide an initiative is.
type Level string

// The levels of an initiative.
const (
	National    Level = "national"
	SubRegional Level = "sub_regional"
	Regional    Level = "regional"
	YouthLevel  Level = "youth"
)

// Levels lists every level.
var Levels = []Level{National, SubRegional, Regional, YouthLevel}

// Recognition is where an initiative stands with the global Forum's
// secretariat.
type Recognition string

// The recognition states.
const (
	Pending    Recognition = "pending"
	Recognised Recognition = "recognised"
	Withdrawn  Recognition = "withdrawn"
)

// Recognitions lists every recognition state.
var Recognitions = []Recognition{Pending, Recognised, Withdrawn}

// CoOrganiser is an initiative co-organising a session, with the slug that
// finds it in the directory.
type CoOrganiser struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// NRI is one initiative of the directory.
type NRI struct {
	ID           int64           `json:"id"`
	Slug         string          `json:"slug"`
	Name         string          `json:"name"`
	Level        Level           `json:"level"`
	Countries    []string        `json:"countries"`
	ParentID     int64           `json:"parent_id,omitempty"`
	ParentName   string          `json:"parent_name,omitempty"`
	Recognition  Recognition     `json:"recognition"`
	Website      string          `json:"website,omitempty"`
	Coordinators []tracks.Person `json:"coordinators"`
	CreatedAt    time.Time       `json:"created_at"`
}

// NRIChange creates an initiative (every field but ParentID and Website
// required) or changes one (nil fields stay as they are).
type NRIChange struct {
	Slug         *string      `json:"slug"`
	Name         *string      `json:"name"`
	Level        *Level       `json:"level"`
	Countries    *[]string    `json:"countries"`
	ParentID     *int64       `json:"parent_id"`
	Recognition  *Recognition `json:"recognition"`
	Website      *string      `json:"website"`
	Coordinators *[]int64     `json:"coordinators"`
}

// validate checks the fields present; creating requires the identity
// fields too.
func (c *NRIChange) validate(creating bool) error {
	if creating && (c.Slug == nil || c.Name == nil || c.Level == nil) {
		return igfplus.Errorf(igfplus.EInvalid, "slug, name and level are required.")
	}
	if c.Slug != nil && !tracks.ValidSlug(*c.Slug) {
		return igfplus.Errorf(igfplus.EInvalid, "slug is lower-case letters, digits and hyphens.")
	}
	if c.Name != nil {
		n := strings.TrimSpace(*c.Name)
		if n == "" || utf8.RuneCountInString(n) > 200 {
			return igfplus.Errorf(igfplus.EInvalid, "name is 1 to 200 characters.")
		}
		c.Name = &n
	}
	if c.Level != nil && !slices.Contains(Levels, *c.Level) {
		return igfplus.Errorf(igfplus.EInvalid, "level is national, sub_regional, regional or youth.")
	}
	if c.Recognition != nil && !slices.Contains(Recognitions, *c.Recognition) {
		return igfplus.Errorf(igfplus.EInvalid, "recognition is pending, recognised or withdrawn.")
	}
	if c.Countries != nil {
		for _, cc := range *c.Countries {
			if !igfplus.IsCountryCode(cc) {
				return igfplus.Errorf(igfplus.EInvalid, "countries are ISO 3166 two-letter codes in capitals.")
			}
		}
	}
	if c.Website != nil && *c.Website != "" && !strings.HasPrefix(*c.Website, "https://") {
		return igfplus.Errorf(igfplus.EInvalid, "website is an https:// address.")
	}
	return nil
}
