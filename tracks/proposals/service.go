package proposals

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Service carries out the call, the review and the decisions after
// checking who may: the Secretariat runs the call, assigns and decides;
// anyone signed in proposes and edits their own until the deadline; MAG
// members review what is assigned to them.
type Service struct {
	store  Store
	mailer Mailer
	now    func() time.Time
}

// NewService returns a Service over its store, mailing decisions through
// mailer; now is the clock of deadlines (nil: time.Now).
func NewService(store Store, mailer Mailer, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, mailer: mailer, now: now}
}

// Call returns an edition's call: public, as calls are.
func (s *Service) Call(ctx context.Context, edition int64) (Call, error) {
	return s.store.CallOf(ctx, edition)
}

// OpenCall opens an edition's call or changes its dates: the Secretariat
// only.
func (s *Service) OpenCall(ctx context.Context, who igfplus.Identity, edition int64, c CallChange) (Call, error) {
	if err := secretariat(who); err != nil {
		return Call{}, err
	}
	if err := c.validate(); err != nil {
		return Call{}, err
	}
	return s.store.SaveCall(ctx, edition, c)
}

// SetRubric sets the criteria an edition's proposals are scored against:
// the Secretariat only, before any scoring.
func (s *Service) SetRubric(ctx context.Context, who igfplus.Identity, edition int64, rubric []Criterion) (Call, error) {
	if err := secretariat(who); err != nil {
		return Call{}, err
	}
	if err := validateRubric(rubric); err != nil {
		return Call{}, err
	}
	c, err := s.store.CallOf(ctx, edition)
	if err != nil {
		return Call{}, err
	}
	return s.store.SetRubric(ctx, c.ID, rubric)
}

// Submit proposes a session to an edition's call while it is open: anyone
// signed in.
func (s *Service) Submit(ctx context.Context, who igfplus.Identity, edition int64, d Draft) (Proposal, error) {
	if who.Anonymous() {
		return Proposal{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to propose a session.")
	}
	c, err := s.store.CallOf(ctx, edition)
	if err != nil {
		return Proposal{}, err
	}
	if !c.OpenAt(s.now()) {
		return Proposal{}, igfplus.Errorf(igfplus.EConflict, "The call for proposals is not open.")
	}
	if err := d.Validate(); err != nil {
		return Proposal{}, err
	}
	return s.store.Submit(ctx, c.ID, who.AccountID, d)
}

// Edit changes a proposal: its proposer, until the deadline and while it
// is undecided.
func (s *Service) Edit(ctx context.Context, who igfplus.Identity, id int64, d Draft) (Proposal, error) {
	p, err := s.Proposal(ctx, who, id)
	if err != nil {
		return Proposal{}, err
	}
	if p.ProposerID != who.AccountID {
		return Proposal{}, igfplus.Errorf(igfplus.EForbidden, "Only its proposer edits a proposal.")
	}
	if err := d.Validate(); err != nil {
		return Proposal{}, err
	}
	return s.store.Edit(ctx, id, d, s.now())
}

// Proposal reads a proposal: its proposer, the Secretariat, and the MAG
// members it is assigned to.
func (s *Service) Proposal(ctx context.Context, who igfplus.Identity, id int64) (Proposal, error) {
	if who.Anonymous() {
		return Proposal{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to read proposals.")
	}
	p, err := s.store.Proposal(ctx, id)
	if err != nil {
		return Proposal{}, err
	}
	if p.ProposerID == who.AccountID || who.Has(igfplus.RoleSecretariat) {
		return p, nil
	}
	if who.Has(igfplus.RoleMAGMember) {
		if _, err := s.assignment(ctx, who, id); err == nil {
			return p, nil
		}
	}
	return Proposal{}, igfplus.Errorf(igfplus.EForbidden, "Only its proposer, the reviewers it is assigned to and the Secretariat read a proposal.")
}

// Mine lists the proposals who made.
func (s *Service) Mine(ctx context.Context, who igfplus.Identity) ([]Proposal, error) {
	if who.Anonymous() {
		return nil, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to see your proposals.")
	}
	return s.store.ProposalsBy(ctx, who.AccountID)
}

// Reviewers lists the MAG's members, to assign proposals to: the
// Secretariat only.
func (s *Service) Reviewers(ctx context.Context, who igfplus.Identity) ([]Person, error) {
	if err := secretariat(who); err != nil {
		return nil, err
	}
	return s.store.Reviewers(ctx)
}

// Assign assigns a proposal to a MAG member: the Secretariat only; never
// to the proposal's own proposer.
func (s *Service) Assign(ctx context.Context, who igfplus.Identity, proposal, reviewer int64) error {
	if err := secretariat(who); err != nil {
		return err
	}
	p, err := s.store.Proposal(ctx, proposal)
	if err != nil {
		return err
	}
	if p.ProposerID == reviewer {
		return igfplus.Errorf(igfplus.EInvalid, "A proposer does not review their own proposal.")
	}
	return s.store.Assign(ctx, proposal, reviewer)
}

// Assignments lists the proposals assigned to who for review: MAG members.
func (s *Service) Assignments(ctx context.Context, who igfplus.Identity) ([]Assignment, error) {
	if err := who.Require(igfplus.RoleMAGMember, "Only members of the MAG review proposals."); err != nil {
		return nil, err
	}
	return s.store.AssignmentsOf(ctx, who.AccountID)
}

// assignment returns who's assignment to proposal, or ENotFound.
func (s *Service) assignment(ctx context.Context, who igfplus.Identity, proposal int64) (Assignment, error) {
	list, err := s.store.AssignmentsOf(ctx, who.AccountID)
	if err != nil {
		return Assignment{}, err
	}
	i := slices.IndexFunc(list, func(a Assignment) bool { return a.ProposalID == proposal })
	if i < 0 {
		return Assignment{}, igfplus.Errorf(igfplus.ENotFound, "This proposal is not assigned to you.")
	}
	return list[i], nil
}

// Score records who's scores of a proposal assigned to them against its
// call's rubric: a MAG member who has not declared a conflict on it.
func (s *Service) Score(ctx context.Context, who igfplus.Identity, proposal int64, sc Scoring) (Review, error) {
	a, err := s.mayReview(ctx, who, proposal)
	if err != nil {
		return Review{}, err
	}
	if a.Conflict {
		return Review{}, igfplus.Errorf(igfplus.EForbidden, "You declared a conflict of interest on this proposal, so you cannot score it.")
	}
	p, err := s.store.Proposal(ctx, proposal)
	if err != nil {
		return Review{}, err
	}
	c, err := s.store.Call(ctx, p.CallID)
	if err != nil {
		return Review{}, err
	}
	if err := sc.validate(c.Rubric); err != nil {
		return Review{}, err
	}
	return s.store.Review(ctx, Review{ProposalID: proposal, ReviewerID: who.AccountID, Scores: sc.Scores, Comment: sc.Comment})
}

// DeclareConflict records that who has a conflict of interest on a
// proposal assigned to them, before scoring it; they cannot score it
// afterwards.
func (s *Service) DeclareConflict(ctx context.Context, who igfplus.Identity, proposal int64, comment string) (Review, error) {
	if _, err := s.mayReview(ctx, who, proposal); err != nil {
		return Review{}, err
	}
	comment = strings.TrimSpace(comment)
	if err := maxRunes(comment, 5000, "The comment"); err != nil {
		return Review{}, err
	}
	return s.store.Review(ctx, Review{ProposalID: proposal, ReviewerID: who.AccountID, Conflict: true, Comment: comment})
}

func (s *Service) mayReview(ctx context.Context, who igfplus.Identity, proposal int64) (Assignment, error) {
	if err := who.Require(igfplus.RoleMAGMember, "Only members of the MAG review proposals."); err != nil {
		return Assignment{}, err
	}
	a, err := s.assignment(ctx, who, proposal)
	if err != nil {
		return Assignment{}, igfplus.Errorf(igfplus.EForbidden, "This proposal is not assigned to you.")
	}
	return a, nil
}

// Reviews lists a proposal's reviews as who may read them: the
// Secretariat all; a reviewer assigned to it their own, and the others'
// only once they have scored it themselves; nobody else, its proposer
// included.
func (s *Service) Reviews(ctx context.Context, who igfplus.Identity, proposal int64) ([]Review, error) {
	if who.Anonymous() {
		return nil, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to read reviews.")
	}
	all, err := s.store.Reviews(ctx, proposal)
	if err != nil {
		return nil, err
	}
	if who.Has(igfplus.RoleSecretariat) {
		return all, nil
	}
	if _, err := s.mayReview(ctx, who, proposal); err != nil {
		return nil, igfplus.Errorf(igfplus.EForbidden, "Only the Secretariat and the proposal's reviewers read its reviews.")
	}
	return VisibleTo(who.AccountID, all), nil
}

// VisibleTo is what reviewer may see of a proposal's reviews: their own,
// and the others only once they scored it (a conflict sees none).
func VisibleTo(reviewer int64, all []Review) []Review {
	i := slices.IndexFunc(all, func(r Review) bool { return r.ReviewerID == reviewer })
	if i < 0 {
		return []Review{}
	}
	if all[i].Conflict {
		return []Review{all[i]}
	}
	return all
}

// Decide records the Secretariat's decision on a proposal and mails it to
// the proposer. The decision stands once recorded: a mail that cannot be
// queued is reported as unavailable, with the decision already made.
func (s *Service) Decide(ctx context.Context, who igfplus.Identity, proposal int64, d Decision) (Proposal, error) {
	if err := secretariat(who); err != nil {
		return Proposal{}, err
	}
	if err := d.validate(proposal); err != nil {
		return Proposal{}, err
	}
	var merge Proposal
	if d.Outcome == MergeSuggested {
		p, err := s.store.Proposal(ctx, proposal)
		if err != nil {
			return Proposal{}, err
		}
		if merge, err = s.store.Proposal(ctx, d.MergeWith); err != nil || merge.CallID != p.CallID {
			return Proposal{}, igfplus.Errorf(igfplus.EInvalid, "Merging is suggested with another proposal of the same call (merge_with).")
		}
	}
	p, err := s.store.Decide(ctx, proposal, who.AccountID, d)
	if err != nil {
		return Proposal{}, err
	}
	to, err := s.store.Recipient(ctx, p.ProposerID)
	if err == nil {
		err = s.mailer.MailDecision(ctx, Letter{To: to, Proposal: p, MergeTitle: merge.Title})
	}
	if err != nil {
		return p, &igfplus.Error{Code: igfplus.EUnavailable, Message: "The decision is recorded, but its mail to the proposer could not be queued.", Err: err}
	}
	return p, nil
}

func (d *Decision) validate(proposal int64) error {
	switch d.Outcome {
	case Accepted, Rejected:
		d.MergeWith = 0
	case MergeSuggested:
		if d.MergeWith <= 0 || d.MergeWith == proposal {
			return igfplus.Errorf(igfplus.EInvalid, "Merging is suggested with another proposal (merge_with).")
		}
	default:
		return igfplus.Errorf(igfplus.EInvalid, "outcome is accepted, rejected or merge_suggested.")
	}
	d.Note = strings.TrimSpace(d.Note)
	return maxRunes(d.Note, 2000, "The note")
}

func secretariat(who igfplus.Identity) error {
	return who.Require(igfplus.RoleSecretariat, "Only the Secretariat runs the call for proposals and its review.")
}
