package tracks

import (
	"context"
	"slices"
	"time"
)

// Edition is one year's Forum.
type Edition struct {
	ID              int64
	Year            int
	Title           string
	Theme           string
	HostCountry     string
	Venue           string
	TimeZone        string // an IANA name: the edition's days and times are in it
	StartsOn        time.Time
	EndsOn          time.Time
	Format          string
	MaxPolicyIssues int
}

// PolicyIssue is a strategic issue on an edition's focused agenda. Their
// number is capped per edition.
type PolicyIssue struct {
	ID        int64
	EditionID int64
	Position  int
	Slug      string
	Title     string
	Summary   string
	// SourceLang is the language Title and Summary are written in: their
	// translations' source.
	SourceLang string
}

// Kind is a track's kind: it sets who may speak and vote.
type Kind string

// The track kinds.
const (
	Thematic       Kind = "thematic"
	HighLevel      Kind = "high_level"
	Ministerial    Kind = "ministerial"
	Parliamentary  Kind = "parliamentary"
	Youth          Kind = "youth"
	NRI            Kind = "nri"
	Intersessional Kind = "intersessional"
)

// Kinds lists every track kind.
var Kinds = []Kind{Thematic, HighLevel, Ministerial, Parliamentary, Youth, NRI, Intersessional}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Track is a strand of the programme.
type Track struct {
	ID            int64
	EditionID     int64
	PolicyIssueID int64 // zero when the track spans issues
	Kind          Kind
	Slug          string
	Title         string
	Description   string
	// SourceLang is the language Title and Description are written in.
	SourceLang string
}

// Programme reads an edition's structure.
type Programme interface {
	// CurrentEdition returns the newest edition, or ENotFound.
	CurrentEdition(ctx context.Context) (Edition, error)
	PolicyIssues(ctx context.Context, editionID int64) ([]PolicyIssue, error)
	Tracks(ctx context.Context, editionID int64) ([]Track, error)
}
