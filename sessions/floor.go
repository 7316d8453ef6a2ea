package sessions

import (
	"context"
	"slices"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Mode is how someone takes part: in the room, online, or from a remote hub.
type Mode string

// The participation modes.
const (
	Onsite    Mode = "onsite"
	Online    Mode = "online"
	RemoteHub Mode = "remote_hub"
)

// Valid reports whether m is a known mode.
func (m Mode) Valid() bool { return m == Onsite || m == Online || m == RemoteHub }

// FloorState is where a floor request is: queued -> granted -> spoke, or
// withdrawn or declined.
type FloorState string

// The floor request states.
const (
	Queued    FloorState = "queued"
	Granted   FloorState = "granted"
	Spoke     FloorState = "spoke"
	Withdrawn FloorState = "withdrawn"
	Declined  FloorState = "declined"
)

// FloorRequest is someone asking for the floor.
type FloorRequest struct {
	ID               int64                    `json:"id"`
	SessionID        int64                    `json:"session_id"`
	AccountID        int64                    `json:"account_id"`
	Name             string                   `json:"name"`
	StakeholderGroup igfplus.StakeholderGroup `json:"stakeholder_group"`
	Mode             Mode                     `json:"mode"`
	PointOfOrder     bool                     `json:"point_of_order"`
	State            FloorState               `json:"state"`
	RequestedAt      time.Time                `json:"requested_at"`
	GrantedAt        time.Time                `json:"granted_at,omitzero"`
	// EndedAt and SpeakingSeconds are set once a request is over (in the
	// history, GET /api/sessions/{id}/floor/requests).
	EndedAt         time.Time `json:"ended_at,omitzero"`
	SpeakingSeconds int       `json:"speaking_seconds,omitempty"`
	// NewVoice: the person has not spoken in this session yet, or says it
	// is their first Forum; the balanced order calls them first. Not shown.
	NewVoice bool `json:"-"`
	// HubID and Hub name the remote hub the request was made for (Name
	// is then the person speaking for it): rooms show "Nairobi hub (via
	// Amina)".
	HubID int64  `json:"hub_id,omitempty"`
	Hub   string `json:"hub,omitempty"`
}

// Floor is a session's speaking queue as everyone sees it: who has the
// floor, and who waits, in the order they will be called.
type Floor struct {
	Speaker *FloorRequest  `json:"speaker"`
	Queue   []FloorRequest `json:"queue"`
	// The session's speaking rules (see Settings): clients run the
	// speaker's timer from Speaker.GrantedAt, warn at WarnAtS seconds and
	// show the limit at SpeakingLimitS.
	SpeakingLimitS int  `json:"speaking_limit_s"`
	WarnAtS        int  `json:"warn_at_s"`
	Balanced       bool `json:"balanced"`
}

// OrderQueue puts waiting requests in the order they are called: points of
// order first, then everyone by when they asked.
func OrderQueue(waiting []FloorRequest) []FloorRequest {
	out := slices.Clone(waiting)
	slices.SortStableFunc(out, func(a, b FloorRequest) int {
		if a.PointOfOrder != b.PointOfOrder {
			if a.PointOfOrder {
				return -1
			}
			return 1
		}
		return a.RequestedAt.Compare(b.RequestedAt)
	})
	return out
}

// FloorStore keeps speaking queues. Each change commits with a floor.changed
// event carrying the whole new Floor, announced after commit.
type FloorStore interface {
	Floor(ctx context.Context, sessionID int64) (Floor, error)
	// RequestFloor queues a request; EConflict when the person already has
	// one open.
	RequestFloor(ctx context.Context, r FloorRequest) (Floor, error)
	// SetFloorState moves request id of the session from one of from to to
	// (granting, ending with the speaking time, withdrawing, declining);
	// EConflict when it is no longer in from, or someone else holds the
	// floor.
	SetFloorState(ctx context.Context, sessionID, id int64, from []FloorState, to FloorState) (Floor, error)
	// OpenRequestOf returns the person's queued or granted request.
	OpenRequestOf(ctx context.Context, sessionID, accountID int64) (FloorRequest, error)
	// FloorHistory lists every request of the session, in the order asked.
	FloorHistory(ctx context.Context, sessionID int64) ([]FloorRequest, error)
}

// RequestFloor asks for the floor in a live session.
func (s *Service) RequestFloor(ctx context.Context, who igfplus.Identity, sessionID int64, mode Mode, pointOfOrder bool) (Floor, error) {
	if who.Anonymous() {
		return Floor{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to ask for the floor.")
	}
	if !mode.Valid() {
		return Floor{}, igfplus.Errorf(igfplus.EInvalid, "Say whether you take part onsite, online or from a remote hub.")
	}
	if _, err := s.takePart(ctx, who, sessionID, floorClosed, false); err != nil {
		return Floor{}, err
	}
	return s.floors.RequestFloor(ctx, FloorRequest{SessionID: sessionID, AccountID: who.AccountID, Mode: mode, PointOfOrder: pointOfOrder})
}

// WithdrawFloor takes back the caller's own queued request.
func (s *Service) WithdrawFloor(ctx context.Context, who igfplus.Identity, sessionID int64) (Floor, error) {
	if who.Anonymous() {
		return Floor{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in first.")
	}
	r, err := s.floors.OpenRequestOf(ctx, sessionID, who.AccountID)
	if err != nil {
		return Floor{}, err
	}
	return s.floors.SetFloorState(ctx, sessionID, r.ID, []FloorState{Queued}, Withdrawn)
}

// GrantFloor gives the floor to a queued request: moderators only, while
// nobody else holds it.
func (s *Service) GrantFloor(ctx context.Context, who igfplus.Identity, sessionID, requestID int64) (Floor, error) {
	if err := s.mayModerate(ctx, who, sessionID); err != nil {
		return Floor{}, err
	}
	if err := s.mustBeLive(ctx, sessionID, floorClosed); err != nil {
		return Floor{}, err
	}
	return s.floors.SetFloorState(ctx, sessionID, requestID, []FloorState{Queued}, Granted)
}

// EndFloor ends the current speaker's turn, recording the speaking time:
// moderators only.
func (s *Service) EndFloor(ctx context.Context, who igfplus.Identity, sessionID, requestID int64) (Floor, error) {
	if err := s.mayModerate(ctx, who, sessionID); err != nil {
		return Floor{}, err
	}
	return s.floors.SetFloorState(ctx, sessionID, requestID, []FloorState{Granted}, Spoke)
}

// DeclineFloor turns down a queued request: moderators only.
func (s *Service) DeclineFloor(ctx context.Context, who igfplus.Identity, sessionID, requestID int64) (Floor, error) {
	if err := s.mayModerate(ctx, who, sessionID); err != nil {
		return Floor{}, err
	}
	return s.floors.SetFloorState(ctx, sessionID, requestID, []FloorState{Queued}, Declined)
}

// FloorOf returns a session's speaking queue.
func (s *Service) FloorOf(ctx context.Context, who igfplus.Identity, sessionID int64) (Floor, error) {
	if err := s.CanFollow(ctx, who, sessionID); err != nil {
		return Floor{}, err
	}
	return s.floors.Floor(ctx, sessionID)
}

// FloorHistory lists every request for the floor made in a session, with
// what became of it, to anyone who may follow the session.
func (s *Service) FloorHistory(ctx context.Context, who igfplus.Identity, sessionID int64) ([]FloorRequest, error) {
	if err := s.CanFollow(ctx, who, sessionID); err != nil {
		return nil, err
	}
	return s.floors.FloorHistory(ctx, sessionID)
}

// floorClosed answers floor actions outside a live session.
const floorClosed = "The speaking queue is open only while the session is live."

// ErrFloorClosed is floorClosed as the store answers a request that comes
// as the session ends.
var ErrFloorClosed = igfplus.Errorf(igfplus.EConflict, floorClosed)

// mustBeLive checks that session id is live, else answers closed.
func (s *Service) mustBeLive(ctx context.Context, sessionID int64, closed igfplus.Text) error {
	sess, err := s.store.Session(ctx, sessionID)
	if err != nil {
		return err
	}
	if sess.State != Live {
		return igfplus.Errorf(igfplus.EConflict, "%s", closed)
	}
	return nil
}
