package tracks

import (
	"context"
	"slices"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Store keeps the programme's writes and reads its tracks as their
// planners see them (with initiative and lead). Writes that a rule
// depends on take the rows they check under lock.
type Store interface {
	EditionStore
	// AddPolicyIssue appends a policy issue to its edition; EConflict when
	// the edition's cap is reached (held by the database under the
	// edition's row lock).
	AddPolicyIssue(ctx context.Context, n NewPolicyIssue) (PolicyIssue, error)
	// Track returns one track, or ENotFound.
	Track(ctx context.Context, id int64) (TrackInfo, error)
	TracksOfNRI(ctx context.Context, nri int64) ([]TrackInfo, error)
	// TracksOfEdition lists an edition's tracks in the programme's order.
	TracksOfEdition(ctx context.Context, edition int64) ([]TrackInfo, error)
	// AddTrack adds a track; EInvalid when its policy issue is not of its
	// edition.
	AddTrack(ctx context.Context, n NewTrack) (int64, error)
	// SetLead sets a track's lead (0: none); ENotFound when there is no
	// such track, EInvalid when lead is no account.
	SetLead(ctx context.Context, track, lead int64) error
	// AccountByEmail finds the account registered with email, ignoring
	// case as signing in does; ENotFound when there is none.
	AccountByEmail(ctx context.Context, email string) (int64, error)
	// AddSession adds a session to a track with the people and
	// co-organisers start names; EInvalid when its policy issue is not the
	// track's (or, for a track spanning issues, not of the track's
	// edition).
	AddSession(ctx context.Context, track int64, n NewSession, start SessionStart) (int64, error)
}

// Initiatives says who runs an initiative's tracks. The NRI directory
// (nris.Service) knows each initiative's coordinators.
type Initiatives interface {
	// MayRunNRI is nil when who runs initiative nri's tracks (its
	// coordinators and the secretariat), else the error to answer.
	MayRunNRI(ctx context.Context, who igfplus.Identity, nri int64) error
}

// Service authorises and carries out the programme's writes: the
// secretariat sets the focused agenda and adds any track; an initiative's
// coordinators add and plan their own initiative's tracks (their sessions
// and lead). Reading is public.
type Service struct {
	store       Store
	initiatives Initiatives
}

// NewService returns a Service over its store, asking initiatives who runs
// an NRI's tracks.
func NewService(store Store, initiatives Initiatives) *Service {
	return &Service{store: store, initiatives: initiatives}
}

// AddPolicyIssue puts a strategic policy issue on an edition's focused
// agenda, within its cap: the secretariat only.
func (s *Service) AddPolicyIssue(ctx context.Context, who igfplus.Identity, n NewPolicyIssue) (PolicyIssue, error) {
	if err := secretariat(who, "Only the secretariat sets the focused agenda."); err != nil {
		return PolicyIssue{}, err
	}
	if err := n.validate(); err != nil {
		return PolicyIssue{}, err
	}
	return s.store.AddPolicyIssue(ctx, n)
}

// Track reads a track with its initiative and lead.
func (s *Service) Track(ctx context.Context, id int64) (TrackInfo, error) {
	return s.store.Track(ctx, id)
}

// TracksOfNRI lists an initiative's tracks.
func (s *Service) TracksOfNRI(ctx context.Context, nri int64) ([]TrackInfo, error) {
	return s.store.TracksOfNRI(ctx, nri)
}

// TracksOfEdition lists an edition's tracks with their initiatives and
// leads.
func (s *Service) TracksOfEdition(ctx context.Context, edition int64) ([]TrackInfo, error) {
	return s.store.TracksOfEdition(ctx, edition)
}

// AddTrack adds a track: the secretariat any, an initiative's
// coordinators an NRI track of their own initiative.
func (s *Service) AddTrack(ctx context.Context, who igfplus.Identity, n NewTrack) (TrackInfo, error) {
	if err := n.validate(); err != nil {
		return TrackInfo{}, err
	}
	if n.Kind == NRI {
		if err := s.initiatives.MayRunNRI(ctx, who, n.NRIID); err != nil {
			return TrackInfo{}, err
		}
	} else if err := secretariat(who, "Only the secretariat adds tracks other than an initiative's own."); err != nil {
		return TrackInfo{}, err
	}
	id, err := s.store.AddTrack(ctx, n)
	if err != nil {
		return TrackInfo{}, err
	}
	return s.store.Track(ctx, id)
}

// AddSession adds a session to a track: the secretariat, or the
// coordinators of the track's initiative, who then moderate it for as long
// as they coordinate it. Every co-organiser must be a recognised or pending
// initiative of the directory; an NRI track's own initiative is always one,
// and another is a request its coordinators accept unless who runs it too.
func (s *Service) AddSession(ctx context.Context, who igfplus.Identity, track int64, n NewSession) (int64, error) {
	if err := n.validate(); err != nil {
		return 0, err
	}
	t, err := s.store.Track(ctx, track)
	if err != nil {
		return 0, err
	}
	if err := s.mayRunTrack(ctx, who, t, "Only the secretariat adds sessions to this track."); err != nil {
		return 0, err
	}
	start := SessionStart{Moderator: n.ModeratorID, AskedBy: who.AccountID}
	if start.Moderator == 0 || start.Moderator == who.AccountID {
		start.Moderator, start.ModeratorVia = who.AccountID, t.NRIID
	}
	if t.NRIID != 0 {
		start.Accepted = append(start.Accepted, t.NRIID)
	}
	for _, nri := range n.CoOrganisers {
		if nri != t.NRIID && s.initiatives.MayRunNRI(ctx, who, nri) == nil {
			start.Accepted = append(start.Accepted, nri)
		}
	}
	n.CoOrganisers = slices.DeleteFunc(slices.Clone(n.CoOrganisers), func(nri int64) bool { return slices.Contains(start.Accepted, nri) })
	return s.store.AddSession(ctx, track, n, start)
}

// SessionStart is who a new session starts with, as the service decided.
type SessionStart struct {
	// Moderator moderates the session. ModeratorVia is the initiative
	// they moderate it for, as one of its coordinators adding it: the role
	// ends when they stop coordinating it (0: named for the session).
	Moderator, ModeratorVia int64
	// AskedBy names the co-organisers: Accepted need no one's consent
	// (the track's own initiative, those AskedBy runs); the session's
	// other CoOrganisers are requests to their initiatives.
	AskedBy  int64
	Accepted []int64
}

// MayRunTrack reports whether who plans a track (its sessions, their
// co-organisers, its lead): the forms' check, nil when who may.
func (s *Service) MayRunTrack(ctx context.Context, who igfplus.Identity, track int64) error {
	t, err := s.store.Track(ctx, track)
	if err != nil {
		return err
	}
	return s.mayRunTrack(ctx, who, t, "Only the secretariat plans this track.")
}

// mayRunTrack: an NRI track's coordinators and the secretariat run it;
// other tracks, the secretariat, and why says so to anyone else. These
// are the rules of adding the track, so that whoever may add a track may
// go on planning it.
func (s *Service) mayRunTrack(ctx context.Context, who igfplus.Identity, t TrackInfo, why igfplus.Text) error {
	if t.NRIID != 0 {
		return s.initiatives.MayRunNRI(ctx, who, t.NRIID)
	}
	return secretariat(who, why)
}

func secretariat(who igfplus.Identity, why igfplus.Text) error {
	return who.Require(igfplus.RoleSecretariat, why)
}
