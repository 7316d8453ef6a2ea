package delegates

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// State is where a verification request is.
type State string

// The states of a request: it waits, then is accepted or declined once.
const (
	Pending  State = "pending"
	Accepted State = "accepted"
	Declined State = "declined"
)

// MaxNoteRunes bounds the note of a request and the reason of a decision.
const MaxNoteRunes = 2000

// Request is one person's request to be verified, and, once decided, the
// audit record of the decision.
type Request struct {
	ID          int64               `json:"id"`
	AccountID   int64               `json:"account_id"`
	AccountName string              `json:"account_name"`
	VerifyAs    tracks.Verification `json:"verify_as"`
	Note        string              `json:"note"`
	AskedAt     time.Time           `json:"asked_at"`
	State       State               `json:"state"`
	DecidedBy   int64               `json:"decided_by,omitempty"`
	DecidedAt   time.Time           `json:"decided_at,omitzero"`
	Reason      string              `json:"reason,omitempty"`
}

// Store keeps verification requests.
type Store interface {
	// Ask records a pending request; EConflict when the person already has
	// one pending.
	Ask(ctx context.Context, accountID int64, as tracks.Verification, note string) (Request, error)
	// Requests lists requests, newest first; state "" lists all.
	Requests(ctx context.Context, state State) ([]Request, error)
	// Decide records the decision on a pending request (EConflict when it
	// was decided already, ENotFound when there is none) and, on accepting,
	// sets the account's verification, in one transaction.
	Decide(ctx context.Context, id, by int64, accept bool, reason string) (Request, error)
}

// Service carries out verification after checking who may.
type Service struct{ store Store }

// NewService returns a Service over its store.
func NewService(store Store) *Service { return &Service{store: store} }

// Ask asks the secretariat to verify who as as, with a note for them.
func (s *Service) Ask(ctx context.Context, who igfplus.Identity, as tracks.Verification, note string) (Request, error) {
	if who.Anonymous() {
		return Request{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to ask to be verified.")
	}
	if !as.Valid() {
		return Request{}, igfplus.Errorf(igfplus.EInvalid, "verify_as is government_delegate, intergovernmental_delegate or member_of_parliament.")
	}
	note, err := cleanText(note, "note")
	if err != nil {
		return Request{}, err
	}
	return s.store.Ask(ctx, who.AccountID, as, note)
}

// Requests lists verification requests: the secretariat only.
func (s *Service) Requests(ctx context.Context, who igfplus.Identity, state State) ([]Request, error) {
	if err := secretariat(who); err != nil {
		return nil, err
	}
	if state != "" && state != Pending && state != Accepted && state != Declined {
		return nil, igfplus.Errorf(igfplus.EInvalid, "state is pending, accepted or declined.")
	}
	return s.store.Requests(ctx, state)
}

// Decide accepts or declines a pending request, with a reason kept in the
// record: the secretariat only.
func (s *Service) Decide(ctx context.Context, who igfplus.Identity, id int64, accept bool, reason string) (Request, error) {
	if err := secretariat(who); err != nil {
		return Request{}, err
	}
	reason, err := cleanText(reason, "reason")
	if err != nil {
		return Request{}, err
	}
	return s.store.Decide(ctx, id, who.AccountID, accept, reason)
}

func secretariat(who igfplus.Identity) error {
	return who.Require(igfplus.RoleSecretariat, "Only the secretariat verifies delegates.")
}

func cleanText(s string, what igfplus.Text) (string, error) {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > MaxNoteRunes {
		return "", igfplus.Errorf(igfplus.EInvalid, "The %s is longer than %d characters.", what, MaxNoteRunes)
	}
	return s, nil
}
