package recommendations

import "context"

// Store keeps recommendations. Rules that must hold while people act at
// the same time (the state a text may change in, the version an edit was
// based on, an amendment decided once) are checked by the store under the
// recommendation's row lock, with this package's functions (TextChangeable,
// CanDecide, AmendedBody, RecordChangeable), never before taking it. Each
// change appends its event (room.go) to the recommendation's room in its
// transaction, and is announced only after it commits.
type Store interface {
	// Placement reads where a new recommendation would sit (sessionID may
	// be zero); ENotFound when the policy issue, track or session does not
	// exist.
	Placement(ctx context.Context, issueID, trackID, sessionID int64) (Placement, error)
	// SessionModerator reports whether accountID moderates or co-moderates
	// session sessionID.
	SessionModerator(ctx context.Context, sessionID, accountID int64) (bool, error)
	// Create stores a recommendation in draft with its first version and
	// its drafters (by, then the co-drafters); EInvalid when a co-drafter
	// has no account.
	Create(ctx context.Context, r NewRecommendation, by int64) (Recommendation, error)
	Recommendation(ctx context.Context, id int64) (Recommendation, error)
	// Recommendations lists the recommendations f selects, newest first.
	Recommendations(ctx context.Context, f Filter) ([]Recommendation, error)
	// Version returns version n of recommendation id; n = 0 is the current.
	Version(ctx context.Context, id int64, n int) (Version, error)
	// Versions lists every version, oldest first.
	Versions(ctx context.Context, id int64) ([]Version, error)
	// AddVersion adds the next version; EConflict when basedOn (if not
	// zero) is no longer the current version, or TextChangeable refuses.
	AddVersion(ctx context.Context, id int64, basedOn int, body, note string, by int64) (Version, error)
	// Edit changes the title, summary and text as Service.EditDraft says,
	// under the recommendation's row lock (TextChangeable, basedOn as for
	// AddVersion).
	Edit(ctx context.Context, id int64, e Edit, by int64) (Recommendation, error)
	// AddComment stores a comment or a reply (ReplyTo not zero).
	AddComment(ctx context.Context, c Comment) (Comment, error)
	// Comment returns comment commentID, of whichever recommendation.
	Comment(ctx context.Context, commentID int64) (Comment, error)
	// Comments lists a recommendation's comments by version, paragraph and
	// time.
	Comments(ctx context.Context, id int64, f CommentFilter) ([]Comment, error)
	ProposeAmendment(ctx context.Context, a Amendment) (Amendment, error)
	// Support records accountID's support for amendment amendmentID of
	// recommendation id, under the recommendation's row lock:
	// ErrNotProposed unless the amendment is proposed, ErrOwnAmendment
	// from its proposer, ErrSupportedAlready the second time.
	Support(ctx context.Context, id, amendmentID, accountID int64) (Amendment, error)
	// Amendments lists a recommendation's amendments, oldest first.
	Amendments(ctx context.Context, id int64) ([]Amendment, error)
	// DecideAmendment has the drafters accept (adding the version
	// AmendedBody gives) or reject amendment amendmentID of recommendation
	// id, as CanDecide allows.
	DecideAmendment(ctx context.Context, id, amendmentID int64, accept bool, by int64) (Amendment, error)
	// Record returns the recommendation's record (empty when none was
	// kept yet).
	Record(ctx context.Context, id int64) (Record, error)
	// SetRecord replaces the record, as RecordChangeable allows.
	SetRecord(ctx context.Context, id int64, r Record, by int64) (Record, error)
	// Position returns where recommendation id's room stands.
	Position(ctx context.Context, id int64) (Position, error)
}
