package recommendations

import (
	"context"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Revise adds a new version of the text, with a note saying what changed.
// Only drafters may, and only while the text may change (TextChangeable).
// basedOn, when not zero, is the version the drafter edited: if another
// version came since, the edit is a conflict rather than silently undoing
// it.
func (s *Service) Revise(ctx context.Context, who igfplus.Identity, id int64, basedOn int, body, note string) (Version, error) {
	if _, err := s.drafter(ctx, who, id); err != nil {
		return Version{}, err
	}
	body, err := CleanBody(body)
	if err != nil {
		return Version{}, err
	}
	if note, err = cleanText(note, "note", MaxNoteRunes, false); err != nil {
		return Version{}, err
	}
	return s.store.AddVersion(ctx, id, basedOn, body, note, who.AccountID)
}

// openVersion returns version n (0: the current one) of recommendation id,
// checking that the recommendation is still open for comment and
// amendment, that is in draft.
func (s *Service) openVersion(ctx context.Context, id int64, n int, doing igfplus.Text) (Version, error) {
	r, err := s.store.Recommendation(ctx, id)
	if err != nil {
		return Version{}, err
	}
	if r.PastEdition {
		return Version{}, ErrPastEdition
	}
	if r.State != Draft {
		return Version{}, igfplus.Errorf(igfplus.EConflict, "The recommendation is %s: it is no longer open to %s.", stateWords[r.State], doing)
	}
	if n < 0 || n > r.Version {
		return Version{}, igfplus.Errorf(igfplus.ENotFound, "There is no version %d.", n)
	}
	return s.store.Version(ctx, id, n)
}

// Comment adds who's comment on one paragraph of a version (0: the
// current one). Registered participants may comment while the
// recommendation is a draft; earlier versions may be commented on too.
func (s *Service) Comment(ctx context.Context, who igfplus.Identity, id int64, version, paragraph int, body string) (Comment, error) {
	if err := participant(who, "comment on a paragraph"); err != nil {
		return Comment{}, err
	}
	body, err := cleanText(body, "comment", MaxCommentRunes, true)
	if err != nil {
		return Comment{}, err
	}
	v, err := s.openVersion(ctx, id, version, "comments")
	if err != nil {
		return Comment{}, err
	}
	if n := len(v.Paragraphs()); paragraph < 1 || paragraph > n {
		return Comment{}, igfplus.Errorf(igfplus.EInvalid, "Version %d has paragraphs 1 to %d: there is no paragraph %d.", v.Version, n, paragraph)
	}
	return s.store.AddComment(ctx, Comment{
		RecommendationID: id, Version: v.Version, Paragraph: paragraph,
		Author: Person{AccountID: who.AccountID}, Body: body,
	})
}

// Comments lists a recommendation's comments.
func (s *Service) Comments(ctx context.Context, id int64, f CommentFilter) ([]Comment, error) {
	if _, err := s.store.Recommendation(ctx, id); err != nil {
		return nil, err
	}
	return s.store.Comments(ctx, id, f)
}

// Proposal is an amendment as someone proposes it.
type Proposal struct {
	// Version is the version the proposer read; zero means the current
	// one. Amendments are proposed on the current text only.
	Version int
	// Paragraph is the paragraph to replace, or one past the last to add
	// a paragraph at the end.
	Paragraph int
	Text      string
	Rationale string
}

// ProposeAmendment proposes new text for a paragraph of the current
// version. Registered participants may, while the recommendation is a
// draft.
func (s *Service) ProposeAmendment(ctx context.Context, who igfplus.Identity, id int64, p Proposal) (Amendment, error) {
	if err := participant(who, "propose amendments"); err != nil {
		return Amendment{}, err
	}
	text, err := CleanBody(p.Text)
	if err != nil {
		return Amendment{}, err
	}
	rationale, err := cleanText(p.Rationale, "rationale", MaxRationaleRunes, false)
	if err != nil {
		return Amendment{}, err
	}
	v, err := s.openVersion(ctx, id, 0, "amendments")
	if err != nil {
		return Amendment{}, err
	}
	if p.Version != 0 && p.Version != v.Version {
		return Amendment{}, igfplus.Errorf(igfplus.EConflict, "The text has changed: version %d is now current. Propose the amendment on it.", v.Version)
	}
	ps := v.Paragraphs()
	if p.Paragraph < 1 || p.Paragraph > len(ps)+1 {
		return Amendment{}, igfplus.Errorf(igfplus.EInvalid, "Version %d has paragraphs 1 to %d (%d adds one at the end): there is no paragraph %d.", v.Version, len(ps), len(ps)+1, p.Paragraph)
	}
	if p.Paragraph <= len(ps) && ps[p.Paragraph-1].Text == text {
		return Amendment{}, igfplus.Errorf(igfplus.EInvalid, "The proposed text is the same as paragraph %d.", p.Paragraph)
	}
	if len([]rune(text)) > MaxAmendmentRunes {
		return Amendment{}, igfplus.Errorf(igfplus.EInvalid, "The proposed text is longer than %d characters.", MaxAmendmentRunes)
	}
	return listed(s.store.ProposeAmendment(ctx, Amendment{
		RecommendationID: id, Version: v.Version, Paragraph: p.Paragraph, Text: text, Rationale: rationale,
		ProposedBy: Person{AccountID: who.AccountID}, State: Proposed,
	}))
}

// listed makes an amendment's supporters an empty list rather than none,
// so that it always encodes as a list.
func listed(a Amendment, err error) (Amendment, error) {
	if a.Supporters == nil {
		a.Supporters = []Person{}
	}
	return a, err
}

// Amendments lists a recommendation's amendments, oldest first.
func (s *Service) Amendments(ctx context.Context, id int64) ([]Amendment, error) {
	if _, err := s.store.Recommendation(ctx, id); err != nil {
		return nil, err
	}
	list, err := s.store.Amendments(ctx, id)
	for i := range list {
		list[i], _ = listed(list[i], nil)
	}
	return list, err
}

// DecideAmendment has a drafter accept a proposed amendment (its text
// becomes the next version) or reject it. An amendment under vote is
// decided by its poll instead.
func (s *Service) DecideAmendment(ctx context.Context, who igfplus.Identity, id, amendmentID int64, accept bool) (Amendment, error) {
	if _, err := s.drafter(ctx, who, id); err != nil {
		return Amendment{}, err
	}
	return listed(s.store.DecideAmendment(ctx, id, amendmentID, accept, who.AccountID))
}

// Reply answers comment replyTo of recommendation id, on the same version
// and paragraph. The same people may reply as may comment, while they may
// comment; a comment of another recommendation is not found.
func (s *Service) Reply(ctx context.Context, who igfplus.Identity, id, replyTo int64, body string) (Comment, error) {
	if err := participant(who, "reply to a comment"); err != nil {
		return Comment{}, err
	}
	body, err := cleanText(body, "reply", MaxCommentRunes, true)
	if err != nil {
		return Comment{}, err
	}
	parent, err := s.store.Comment(ctx, replyTo)
	if err != nil || parent.RecommendationID != id {
		return Comment{}, igfplus.Errorf(igfplus.ENotFound, "The recommendation has no comment %d.", replyTo)
	}
	if _, err := s.openVersion(ctx, id, parent.Version, "comments"); err != nil {
		return Comment{}, err
	}
	return s.store.AddComment(ctx, Comment{
		RecommendationID: id, Version: parent.Version, Paragraph: parent.Paragraph,
		Author: Person{AccountID: who.AccountID}, Body: body, ReplyTo: parent.ID,
	})
}

// Support records who's support for a proposed amendment of
// recommendation id: registered participants, once each
// (ErrSupportedAlready), not its proposer (ErrOwnAmendment), while the
// recommendation is open to amendments.
func (s *Service) Support(ctx context.Context, who igfplus.Identity, id, amendmentID int64) (Amendment, error) {
	if err := participant(who, "support amendments"); err != nil {
		return Amendment{}, err
	}
	if _, err := s.openVersion(ctx, id, 0, "amendments"); err != nil {
		return Amendment{}, err
	}
	return listed(s.store.Support(ctx, id, amendmentID, who.AccountID))
}

// Edit is a drafter's change to a recommendation: its title, summary and
// text. BasedOn is the version the drafter edited (see Revise).
type Edit struct {
	BasedOn                    int
	Title, Summary, Body, Note string
}

// clean checks and trims an edit.
func (e Edit) clean() (Edit, error) {
	var err error
	if e.Title, err = cleanText(e.Title, "title", MaxTitleRunes, true); err != nil {
		return e, err
	}
	if e.Summary, err = cleanText(e.Summary, "summary", MaxSummaryRunes, false); err != nil {
		return e, err
	}
	if e.Body, err = CleanBody(e.Body); err != nil {
		return e, err
	}
	e.Note, err = cleanText(e.Note, "note", MaxNoteRunes, false)
	return e, err
}

// EditDraft changes a recommendation's title, summary and text at once: a
// changed text is the next version; a changed title or summary alone adds
// none. Only drafters may, while the text may change; an edit that
// changes nothing is ErrNothingChanged.
func (s *Service) EditDraft(ctx context.Context, who igfplus.Identity, id int64, e Edit) (Recommendation, error) {
	if _, err := s.drafter(ctx, who, id); err != nil {
		return Recommendation{}, err
	}
	e, err := e.clean()
	if err != nil {
		return Recommendation{}, err
	}
	return s.store.Edit(ctx, id, e, who.AccountID)
}

// Position is where recommendation id's room stands: read it before the
// rest of a page, and the page's client resumes from it without missing a
// change (it may see again one that the page shows already).
func (s *Service) Position(ctx context.Context, id int64) (Position, error) {
	return s.store.Position(ctx, id)
}
