package translations

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Kind is a kind of translated entity.
type Kind string

// The kinds of translated entities.
const (
	Session     Kind = "session"
	AgendaItem  Kind = "agenda_item"
	PolicyIssue Kind = "policy_issue"
	Track       Kind = "track"
	// RecommendationVersion is one version of a recommendation's text,
	// translated as a whole: its title, summary and body as that version
	// carries them, so that a reader never gets a translation of another
	// version than the one shown.
	RecommendationVersion Kind = "recommendation_version"
	// Publication is a published recommendation's summary: its
	// translations are tracks/publishing's (part of what its body
	// approves), only resolved here by the same rule, never saved here,
	// so it is not among Kinds.
	Publication Kind = "publication"
)

// Field is a translated text of an entity.
type Field string

// The translated fields.
const (
	Title       Field = "title"
	Description Field = "description"
	Summary     Field = "summary"
	Body        Field = "body"
)

// Fields lists what of each kind is translated.
var Fields = map[Kind][]Field{
	Session:     {Title, Description},
	AgendaItem:  {Title},
	PolicyIssue: {Title, Summary},
	Track:       {Title, Description},
	// A version's title and summary are the recommendation's when the
	// version was read (they are not versioned themselves).
	RecommendationVersion: {Title, Summary, Body},
	Publication:           {Summary},
}

// Kinds lists the kinds in a stable order (the API's).
var Kinds = []Kind{Session, AgendaItem, PolicyIssue, Track, RecommendationVersion}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Has reports whether f is translated for kind k.
func (k Kind) Has(f Field) bool { return slices.Contains(Fields[k], f) }

// MaxRunes is the longest text of a field: a title's as the entity's own
// title allows, a body's as a recommendation's, any other's as a
// description's.
func (f Field) MaxRunes() int {
	switch f {
	case Title:
		return 300
	case Body:
		return 50000
	}
	return 20000
}

// Origin says who made a translation.
type Origin string

// The origins of a translation: a person, or a machine translation
// service (which the pages say).
const (
	Human   Origin = "human"
	Machine Origin = "machine"
)

// Ref names an entity.
type Ref struct {
	Kind Kind
	ID   int64
}

// Key names one translated text: a field of an entity in a language.
type Key struct {
	Ref
	Field Field
	Lang  string
}

// Translation is one field of one entity in one language.
type Translation struct {
	Key
	Text   string
	Origin Origin
	// AuthorID is who entered it (0: a service on its own); Engine names
	// the service that made a machine translation ("" for a person's).
	AuthorID  int64
	Engine    string
	UpdatedAt time.Time
}

// Entity is what translations belong to: the language its texts are
// written in, and whose planners may edit it.
type Entity struct {
	Ref
	SourceLang string
	// TrackID is the track whose planners edit the entity (a session's,
	// an agenda item's session's, a track itself); 0 for a policy issue,
	// which the secretariat alone edits, and for a recommendation's
	// version.
	TrackID int64
	// RecommendationID is a version's recommendation, whose editors
	// translate it (0 for other kinds).
	RecommendationID int64
	// Source are the texts as written, by field.
	Source map[Field]string
}

// Change is a translation to save: an empty Text removes it.
type Change struct {
	Key
	Text   string
	Origin Origin
	Engine string
}

// check trims c and refuses what cannot be saved for e.
func (c *Change) check(e Entity) error {
	c.Text, c.Engine = strings.TrimSpace(c.Text), strings.TrimSpace(c.Engine)
	switch {
	case !c.Kind.Has(c.Field):
		return igfplus.Errorf(igfplus.EInvalid, "A %s has no %s to translate.", c.Kind, c.Field)
	case !igfplus.IsLanguage(c.Lang):
		return igfplus.Errorf(igfplus.EInvalid, "Translations are into the six UN languages: ar, zh, en, fr, ru or es.")
	case c.Lang == e.SourceLang:
		return igfplus.Errorf(igfplus.EInvalid, "The text is written in %s already: that is its source, not a translation.", c.Lang)
	case utf8.RuneCountInString(c.Text) > c.Field.MaxRunes():
		return igfplus.Errorf(igfplus.EInvalid, "A translated %s is at most %d characters.", c.Field, c.Field.MaxRunes())
	}
	var err error
	c.Origin, err = CheckOrigin(c.Origin, c.Engine)
	return err
}

// CheckOrigin refuses an origin other than human or machine, a machine
// translation that does not name its service (engine, trimmed) and a
// person's that does; an empty origin is a person's.
func CheckOrigin(o Origin, engine string) (Origin, error) {
	if o == "" {
		o = Human
	}
	switch {
	case o == Machine && (engine == "" || utf8.RuneCountInString(engine) > 100):
		return o, igfplus.Errorf(igfplus.EInvalid, "A machine translation names the service that made it (1 to 100 characters).")
	case o == Human && engine != "":
		return o, igfplus.Errorf(igfplus.EInvalid, "Only a machine translation names a service.")
	case o != Human && o != Machine:
		return o, igfplus.Errorf(igfplus.EInvalid, "A translation's origin is human or machine.")
	}
	return o, nil
}

// same reports whether c would change nothing of t.
func (c Change) same(t Translation) bool {
	return c.Text == t.Text && c.Origin == t.Origin && c.Engine == t.Engine
}
