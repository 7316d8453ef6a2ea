package recommendations

import "time"

// Comment is a remark on one paragraph of one version. The commenter is
// shown with their stakeholder group.
type Comment struct {
	ID               int64     `json:"id"`
	RecommendationID int64     `json:"recommendation_id"`
	Version          int       `json:"version"`
	Paragraph        int       `json:"paragraph"`
	Author           Person    `json:"author"`
	Body             string    `json:"body"`
	CreatedAt        time.Time `json:"created_at"`
	// ReplyTo is the comment this one answers (zero: none). A reply is on
	// the same version and paragraph as the comment it answers.
	ReplyTo int64 `json:"reply_to,omitempty"`
}

// CommentFilter selects a recommendation's comments; zero fields do not
// filter.
type CommentFilter struct {
	Version   int
	Paragraph int
}
