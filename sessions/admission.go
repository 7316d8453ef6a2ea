package sessions

import (
	"context"
	"slices"
	"time"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Standing is where one person stands in one session: what follower checks
// read, in one query.
type Standing struct {
	Restriction Restriction
	Roles       []SessionRole
	Registered  bool
	// Admission is "waiting", "admitted" or "" (never asked).
	Admission AdmissionState
	// Attended: the person was in the room before, so is no newcomer.
	Attended bool
	// Track is the kind of the session's track, whose rule (with
	// Participant) decides whether the person speaks or only follows.
	Track       tracks.Kind
	Participant tracks.Participant
}

// AdmissionState is where someone is in a session's waiting room.
type AdmissionState string

// The admission states a person can be told (GET /api/sessions/{id}/admission).
const (
	Admitted      AdmissionState = "admitted"
	Waiting       AdmissionState = "waiting"
	NotAsked      AdmissionState = "not_asked"      // the waiting room is on and they have not knocked
	NotRegistered AdmissionState = "not_registered" // the session requires registration
	Excluded      AdmissionState = "excluded"       // removed or banned
)

// Observer follows a session read-only.
const Observer SessionRole = "observer"

// runsOrServes reports whether the standing's roles let its holder in
// without registration or waiting: every session role does (observers
// included, who are named by the moderators).
func (st Standing) runsOrServes() bool { return len(st.Roles) > 0 }

// observer reports whether the person only observes.
func (st Standing) observer() bool {
	return slices.Contains(st.Roles, Observer) && !slices.ContainsFunc(st.Roles, func(r SessionRole) bool { return r != Observer })
}

// admission decides whether who, standing st in sess, is let in now.
func admission(who igfplus.Identity, sess Session, st Standing) AdmissionState {
	switch {
	case st.Restriction.Excludes():
		return Excluded
	case who.HasAny(igfplus.RoleSecretariat, igfplus.RoleModerator) || st.runsOrServes():
		return Admitted
	case sess.Settings.RequiresRegistration && !st.Registered:
		return NotRegistered
	case !sess.Settings.WaitingRoom || st.Admission == Admitted || st.Attended:
		return Admitted
	case st.Admission == Waiting:
		return Waiting
	}
	return NotAsked
}

// refusal is the error for a person not let in.
func refusal(a AdmissionState) error {
	switch a {
	case Excluded:
		return igfplus.Errorf(igfplus.EForbidden, "A moderator has removed you from this session.")
	case NotRegistered:
		return igfplus.Errorf(igfplus.EForbidden, "This session requires registration: register for it first.")
	case Waiting, NotAsked:
		return igfplus.Errorf(igfplus.EForbidden, "You are in the waiting room until a moderator admits you.")
	}
	return nil
}

// Admission is what a person is told about their way into a session.
type Admission struct {
	State AdmissionState `json:"state"`
	// Position is their place in the waiting list (1 is next), when waiting.
	Position int `json:"position,omitempty"`
	// Observer: admitted to follow read-only (named an observer, or
	// outside the track's participation rule).
	Observer bool `json:"observer,omitempty"`
}

// Waiter is someone in a session's waiting room, as moderators see them.
type Waiter struct {
	AccountID        int64                    `json:"account_id"`
	Name             string                   `json:"name"`
	StakeholderGroup igfplus.StakeholderGroup `json:"stakeholder_group"`
	Region           igfplus.Region           `json:"region"`
	AskedAt          time.Time                `json:"asked_at"`
}

// AdmissionStore keeps registrations and the waiting room. Changes to the
// waiting list commit with an admission.changed event carrying only the
// number waiting.
type AdmissionStore interface {
	// Standing reads the session and the person's standing in it together.
	Standing(ctx context.Context, sessionID, accountID int64) (Session, Standing, error)
	Register(ctx context.Context, sessionID, accountID int64, registered bool) error
	// Knock puts the person in the waiting room (once) and returns their
	// position in it.
	Knock(ctx context.Context, sessionID, accountID int64) (int, error)
	// WaitingPosition is the person's place in the waiting list (0: not in it).
	WaitingPosition(ctx context.Context, sessionID, accountID int64) (int, error)
	// Admit lets the person in; ENotFound when they were not waiting.
	Admit(ctx context.Context, sessionID, accountID, byID int64) error
	WaitingList(ctx context.Context, sessionID int64) ([]Waiter, error)
}

// AdmissionOf tells who where they stand in a session's admission.
func (s *Service) AdmissionOf(ctx context.Context, who igfplus.Identity, sessionID int64) (Admission, error) {
	sess, st, err := s.standing(ctx, who, sessionID)
	if err != nil {
		return Admission{}, err
	}
	a := Admission{State: admission(who, sess, st), Observer: followsOnly(who, st)}
	if a.State == Waiting {
		if a.Position, err = s.admissions.WaitingPosition(ctx, sessionID, who.AccountID); err != nil {
			return Admission{}, err
		}
	}
	return a, nil
}

// Knock asks to be let into a session: admitted at once when there is no
// waiting room (or the person is no newcomer), else put in the waiting
// room, where the moderators see them.
func (s *Service) Knock(ctx context.Context, who igfplus.Identity, sessionID int64) (Admission, error) {
	sess, st, err := s.standing(ctx, who, sessionID)
	if err != nil {
		return Admission{}, err
	}
	a := Admission{State: admission(who, sess, st), Observer: followsOnly(who, st)}
	switch a.State {
	case Excluded, NotRegistered:
		return a, refusal(a.State)
	case NotAsked, Waiting:
		if sess.State == Ended || sess.State == Reported {
			return a, igfplus.Errorf(igfplus.EConflict, "The session is over: there is no waiting room any more.")
		}
		a.State = Waiting
		a.Position, err = s.admissions.Knock(ctx, sessionID, who.AccountID)
	}
	return a, err
}

// Register registers who for a session (or, with registered false, takes
// the registration back).
func (s *Service) Register(ctx context.Context, who igfplus.Identity, sessionID int64, registered bool) (Admission, error) {
	sess, st, err := s.standing(ctx, who, sessionID)
	if err != nil {
		return Admission{}, err
	}
	if st.Restriction.Excludes() {
		return Admission{}, refusal(Excluded)
	}
	if sess.State == Ended || sess.State == Reported {
		return Admission{}, igfplus.Errorf(igfplus.EConflict, "The session is over.")
	}
	if err := s.admissions.Register(ctx, sessionID, who.AccountID, registered); err != nil {
		return Admission{}, err
	}
	return s.AdmissionOf(ctx, who, sessionID)
}

// Admit lets a waiting person into the room: moderators only. Removing or
// banning someone from the waiting room is Restrict.
func (s *Service) Admit(ctx context.Context, who igfplus.Identity, sessionID, accountID int64) error {
	if err := s.mayModerate(ctx, who, sessionID); err != nil {
		return err
	}
	return s.admissions.Admit(ctx, sessionID, accountID, who.AccountID)
}

// WaitingList lists who waits to be admitted, longest waiting first:
// moderators only.
func (s *Service) WaitingList(ctx context.Context, who igfplus.Identity, sessionID int64) ([]Waiter, error) {
	return moderatorsRead(ctx, s, who, sessionID, s.admissions.WaitingList)
}

// standing reads the session and who's standing in it; who must be signed
// in.
func (s *Service) standing(ctx context.Context, who igfplus.Identity, sessionID int64) (Session, Standing, error) {
	if who.Anonymous() {
		return Session{}, Standing{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to follow a live session.")
	}
	return s.admissions.Standing(ctx, sessionID, who.AccountID)
}
