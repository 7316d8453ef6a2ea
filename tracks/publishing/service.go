package publishing

import (
	"context"
	"net/http"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

// Service authorises the high-level body's and the secretariat's actions
// and checks bodies' signed answers.
type Service struct {
	store    Store
	now      func() time.Time
	resolver Resolver
}

// NewService returns a Service on store.
func NewService(store Store) *Service { return &Service{store: store, now: time.Now} }

// ResolveWith makes registration refuse endpoints whose host name resolves
// to a refused address now (literal addresses and localhost are refused
// without it).
func (s *Service) ResolveWith(r Resolver) { s.resolver = r }

func hlb(who igfplus.Identity) error {
	return who.Require(igfplus.RoleHLBMember, "Only members of the high-level body may do this.")
}

func secretariat(who igfplus.Identity) error {
	return who.Require(igfplus.RoleSecretariat, "Only the Secretariat keeps the registry of bodies.")
}

// Queue is the review queue: adopted recommendations not yet published.
// HLB members and the Secretariat see it.
func (s *Service) Queue(ctx context.Context, who igfplus.Identity) ([]Item, error) {
	if hlb(who) != nil && secretariat(who) != nil {
		return nil, hlb(who)
	}
	return s.store.Queue(ctx)
}

// SetSummary replaces the summary of a recommendation under review.
func (s *Service) SetSummary(ctx context.Context, who igfplus.Identity, id int64, text string) error {
	if err := hlb(who); err != nil {
		return err
	}
	if err := CheckSummary(text); err != nil {
		return err
	}
	return s.store.SetSummary(ctx, id, who.AccountID, text)
}

// SetTranslation adds or replaces the summary's translation into
// t.Language (its By and At are the store's).
func (s *Service) SetTranslation(ctx context.Context, who igfplus.Identity, id int64, t Translation) error {
	if err := hlb(who); err != nil {
		return err
	}
	if err := CheckTranslation(&t); err != nil {
		return err
	}
	return s.store.SetTranslation(ctx, id, who.AccountID, t)
}

// Approve records the caller's approval of the content they reviewed,
// named by its ContentHash (empty: the content as it stands when the
// approval commits); a conflict if it has changed since. The second
// member's approval of the same content publishes it.
func (s *Service) Approve(ctx context.Context, who igfplus.Identity, id int64, contentHash string) (bool, error) {
	if err := hlb(who); err != nil {
		return false, err
	}
	return s.store.Approve(ctx, id, who.AccountID, contentHash)
}

// Published is the public archive.
func (s *Service) Published(ctx context.Context, f Filter) ([]Item, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	return s.store.Published(ctx, f)
}

// Publication is one published recommendation with its timeline; anyone
// may read it.
func (s *Service) Publication(ctx context.Context, id int64) (Item, []Step, error) {
	it, err := s.store.Item(ctx, id)
	if err != nil {
		return Item{}, nil, err
	}
	if !it.Published() {
		return Item{}, nil, igfplus.Errorf(igfplus.ENotFound, "That recommendation has not been published.")
	}
	steps, err := s.store.Timeline(ctx, id)
	return it, steps, err
}

// Item reads a recommendation under review (HLB members, Secretariat).
func (s *Service) Item(ctx context.Context, who igfplus.Identity, id int64) (Item, error) {
	if hlb(who) != nil && secretariat(who) != nil {
		return Item{}, hlb(who)
	}
	return s.store.Item(ctx, id)
}

// AnswerTolerance is how far an inbound answer's timestamp may be from now.
const AnswerTolerance = 5 * time.Minute

// ReceiveAnswer checks a body's signed answer (Standard Webhooks headers
// over the raw body) and records it. Anyone may call it: the signature,
// with the body's inbound secret, is the authentication.
func (s *Service) ReceiveAnswer(ctx context.Context, bodyID int64, h http.Header, raw []byte, a Answer) (Answer, error) {
	secrets, err := s.store.InboundSecrets(ctx, bodyID)
	if err != nil {
		return Answer{}, err
	}
	msgID, err := stdwebhooks.Verify(secrets, nil, h, raw, s.now(), AnswerTolerance)
	if err != nil {
		return Answer{}, &igfplus.Error{Code: igfplus.EUnauthorized, Message: "The answer's signature does not verify.", Err: err}
	}
	a.BodyID, a.MessageID = bodyID, msgID
	if err := CheckAnswer(a); err != nil {
		return Answer{}, err
	}
	return s.store.AddAnswer(ctx, a)
}
