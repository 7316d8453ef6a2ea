package sessions

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Hub is a remote hub: a group following a session together from one
// place, registered by the person who speaks for it (AccountID, named
// Contact), who asks for the floor as the hub.
type Hub struct {
	ID        int64  `json:"id"`
	SessionID int64  `json:"session_id"`
	AccountID int64  `json:"account_id"`
	Contact   string `json:"contact"`
	Name      string `json:"name"`
	City      string `json:"city"`
	// Country is an ISO 3166-1 alpha-2 code (upper case).
	Country   string    `json:"country"`
	Expected  int       `json:"expected"`
	CreatedAt time.Time `json:"created_at"`
}

// HubField is a hub's field that a check refused, so that a form puts the
// refusal beside it.
type HubField string

// CheckHub returns h trimmed, or the first field it refuses and why.
func CheckHub(h Hub) (Hub, HubField, error) {
	h.Name, h.City, h.Country = strings.TrimSpace(h.Name), strings.TrimSpace(h.City), strings.ToUpper(strings.TrimSpace(h.Country))
	if n := utf8.RuneCountInString(h.Name); n == 0 || n > 80 {
		return h, "name", igfplus.Errorf(igfplus.EInvalid, "Name the hub (at most 80 characters).")
	}
	if n := utf8.RuneCountInString(h.City); n == 0 || n > 80 {
		return h, "city", igfplus.Errorf(igfplus.EInvalid, "Say where the hub meets (a place or city, at most 80 characters).")
	}
	if !igfplus.IsCountryCode(h.Country) {
		return h, "country", igfplus.Errorf(igfplus.EInvalid, "Choose the hub's country.")
	}
	if h.Expected < 1 || h.Expected > 100000 {
		return h, "expected", igfplus.Errorf(igfplus.EInvalid, "Say how many people you expect (1 to 100000).")
	}
	return h, "", nil
}

// HubStore keeps remote hubs.
type HubStore interface {
	// SaveHub registers h (ID and CreatedAt set by the store); EConflict
	// when the session has a hub of that name.
	SaveHub(ctx context.Context, h Hub) (Hub, error)
	// Hubs lists a session's hubs, oldest first; of one account when
	// accountID is not 0.
	Hubs(ctx context.Context, sessionID, accountID int64) ([]Hub, error)
}

// RegisterHub registers a remote hub for session id, spoken for by who:
// anyone who may follow the session, before or while it runs.
func (s *Service) RegisterHub(ctx context.Context, who igfplus.Identity, id int64, h Hub) (Hub, error) {
	if who.Anonymous() {
		return Hub{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to register a hub.")
	}
	h, _, err := CheckHub(h)
	if err != nil {
		return Hub{}, err
	}
	if err := s.CanFollow(ctx, who, id); err != nil {
		return Hub{}, err
	}
	sess, err := s.store.Session(ctx, id)
	if err != nil {
		return Hub{}, err
	}
	if sess.State != Scheduled && sess.State != Live {
		return Hub{}, igfplus.Errorf(igfplus.EConflict, "Hubs register before or during the session.")
	}
	h.SessionID, h.AccountID, h.Contact = id, who.AccountID, who.Name
	return s.hubs.SaveHub(ctx, h)
}

// HubsOf lists session id's hubs to those who run it.
func (s *Service) HubsOf(ctx context.Context, who igfplus.Identity, id int64) ([]Hub, error) {
	if err := s.mayModerate(ctx, who, id); err != nil {
		return nil, err
	}
	return s.hubs.Hubs(ctx, id, 0)
}

// MyHubs lists the hubs who registered for session id.
func (s *Service) MyHubs(ctx context.Context, who igfplus.Identity, id int64) ([]Hub, error) {
	if who.Anonymous() {
		return nil, nil
	}
	return s.hubs.Hubs(ctx, id, who.AccountID)
}

// RequestFloorForHub asks for the floor in a live session as hub hubID,
// which who registered: the request joins the one queue, in the remote hub
// mode, naming the hub.
func (s *Service) RequestFloorForHub(ctx context.Context, who igfplus.Identity, id, hubID int64, pointOfOrder bool) (Floor, error) {
	if who.Anonymous() {
		return Floor{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in to ask for the floor.")
	}
	if _, err := s.takePart(ctx, who, id, floorClosed, false); err != nil {
		return Floor{}, err
	}
	mine, err := s.hubs.Hubs(ctx, id, who.AccountID)
	if err != nil {
		return Floor{}, err
	}
	for _, h := range mine {
		if h.ID == hubID {
			return s.floors.RequestFloor(ctx, FloorRequest{SessionID: id, AccountID: who.AccountID, Mode: RemoteHub, PointOfOrder: pointOfOrder, HubID: hubID})
		}
	}
	return Floor{}, igfplus.Errorf(igfplus.ENotFound, "You have registered no such hub for this session.")
}
