package publishing

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/translations"
)

// ApprovalsToPublish is how many different high-level body members must
// approve the same content of a recommendation; the approval that reaches
// it publishes.
const ApprovalsToPublish = 2

// Provenance is where an adopted recommendation came from, shown to
// reviewers and published with it so that anyone can check it.
type Provenance struct {
	EditionID     int64  `json:"edition_id"`
	EditionYear   int    `json:"edition_year"`
	PolicyIssueID int64  `json:"policy_issue_id"`
	PolicyIssue   string `json:"policy_issue"`
	TrackID       int64  `json:"track_id"`
	Track         string `json:"track"`
	SessionID     int64  `json:"session_id,omitempty"`
	PollID        int64  `json:"poll_id,omitempty"`
	// PollResult is the closing poll's result as voting stored it
	// (overall and per stakeholder group, the rule and quorum).
	PollResult json.RawMessage `json:"poll_result,omitempty"`
	// ChainHead is the head of the poll's public ballot log.
	ChainHead string    `json:"chain_head,omitempty"`
	Consensus string    `json:"consensus"`
	Dissent   []Dissent `json:"dissent"`
}

// Dissent is one entry of the recommendation's record of dissent.
type Dissent struct {
	StakeholderGroup igfplus.StakeholderGroup `json:"stakeholder_group"`
	Who              string                   `json:"who,omitempty"`
	Reason           string                   `json:"reason"`
}

// Translation is the summary in another language.
type Translation struct {
	Language string `json:"language"`
	Text     string `json:"text"`
	// Origin says who made it: a person, or the machine translation
	// service Engine names.
	Origin translations.Origin `json:"origin"`
	Engine string              `json:"engine,omitempty"`
	By     int64               `json:"by"`
	At     time.Time           `json:"at"`
}

// Approval is one member's approval of one exact content (ContentHash).
type Approval struct {
	AccountID   int64     `json:"account_id"`
	Name        string    `json:"name"`
	At          time.Time `json:"at"`
	ContentHash string    `json:"content_hash"`
}

// Item is an adopted recommendation as the review queue and the archive
// show it.
type Item struct {
	RecommendationID int64      `json:"recommendation_id"`
	Title            string     `json:"title"`
	Text             string     `json:"text"`
	Version          int        `json:"version"`
	AdoptedAt        time.Time  `json:"adopted_at,omitzero"`
	Provenance       Provenance `json:"provenance"`
	Summary          string     `json:"summary"`
	// SourceLang is the recommendation's language, which Summary is
	// written in and Translations are from. Not part of ContentHash, nor
	// of what is sent: the pages resolve the reader's language with it.
	SourceLang   string        `json:"-"`
	Translations []Translation `json:"translations"`
	Approvals    []Approval    `json:"approvals"`
	PublishedAt  time.Time     `json:"published_at,omitzero"`
	// ContentHash names what members approve: the version, the summary
	// and its translations (ContentHash). Any change to them clears the
	// approvals given so far.
	ContentHash string `json:"content_hash"`
}

// MsgContentChanged refuses an approval of a content that changed since
// the member read it.
const MsgContentChanged = "The summary or a translation changed since you read it: read it again before approving."

// ContentHash is the hex SHA-256 of what an approval approves: the
// recommendation's version, summary and translations (in language order),
// as canonical JSON.
func ContentHash(it Item) string {
	// A person's translation is hashed as before origins were kept, so
	// that approvals given then still stand.
	type tr struct {
		Language string `json:"language"`
		Text     string `json:"text"`
		Engine   string `json:"engine,omitempty"`
	}
	trs := make([]tr, len(it.Translations))
	for i, t := range it.Translations {
		trs[i] = tr{t.Language, t.Text, t.Engine}
	}
	slices.SortFunc(trs, func(a, b tr) int { return strings.Compare(a.Language, b.Language) })
	b, _ := json.Marshal(struct {
		Recommendation int64  `json:"recommendation_id"`
		Version        int    `json:"version"`
		Summary        string `json:"summary"`
		Translations   []tr   `json:"translations"`
	}{it.RecommendationID, it.Version, it.Summary, trs})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Published reports whether the item has been published.
func (it Item) Published() bool { return !it.PublishedAt.IsZero() }

// Filter narrows the public archive; zero fields match everything.
type Filter struct {
	EditionID     int64
	PolicyIssueID int64
	TrackID       int64
	Limit         int
}

// Event is what a body's endpoint receives when a recommendation is
// published. Sequence grows with each event of one recommendation so that
// receivers can drop stale ones.
type Event struct {
	Type             string    `json:"type"`
	RecommendationID int64     `json:"recommendation_id"`
	Sequence         int64     `json:"sequence"`
	At               time.Time `json:"timestamp"`
	Data             *Item     `json:"data"`
}

// EventPublished is the type of the event sent on publication.
const EventPublished = "recommendation.published"

// CheckSummary validates a summary.
func CheckSummary(text string) error {
	if len(text) > 20000 {
		return igfplus.Errorf(igfplus.EInvalid, "The summary is too long (20,000 characters at most).")
	}
	return nil
}

// CheckTranslation trims and validates a translation: a BCP 47-like
// language tag, a text and who made it (translations.CheckOrigin).
func CheckTranslation(t *Translation) error {
	t.Language, t.Engine = strings.TrimSpace(t.Language), strings.TrimSpace(t.Engine)
	if n := len(t.Language); n < 2 || n > 35 || strings.ContainsAny(t.Language, " \t/") {
		return igfplus.Errorf(igfplus.EInvalid, "Give the language as a tag such as fr or ar.")
	}
	if strings.TrimSpace(t.Text) == "" || len(t.Text) > 20000 {
		return igfplus.Errorf(igfplus.EInvalid, "A translation needs a text of at most 20,000 characters.")
	}
	var err error
	t.Origin, err = translations.CheckOrigin(t.Origin, t.Engine)
	return err
}
