package federation

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

// Tolerance is how far a signed message's timestamp may be from now.
const Tolerance = 5 * time.Minute

// Service runs both sides of federation. MayRunNRI is the directory's
// check that someone runs an initiative's tracks.
type Service struct {
	store     Store
	upstreams Upstreams
	mayRunNRI func(ctx context.Context, who igfplus.Identity, nri int64) error
	now       func() time.Time

	// The upstream's agenda as last pulled (RemoteAgenda): held while it
	// is pulled, so callers at once make one signed request.
	agendaMu sync.Mutex
	agenda   Agenda
	agendaAt time.Time
}

// AgendaTTL is how long a pulled upstream agenda is served before it is
// pulled again: policy issues and global tracks change rarely, and a
// coordinator choosing a track can wait that long for a new one.
const AgendaTTL = 5 * time.Minute

// NewService returns a Service.
func NewService(store Store, upstreams Upstreams, mayRunNRI func(context.Context, igfplus.Identity, int64) error) *Service {
	return &Service{store: store, upstreams: upstreams, mayRunNRI: mayRunNRI, now: time.Now}
}

// AddPeer registers an installation for one initiative and returns it with
// its new signing secret: the secretariat only.
func (s *Service) AddPeer(ctx context.Context, who igfplus.Identity, p Peer) (Peer, error) {
	if err := secretariat(who); err != nil {
		return Peer{}, err
	}
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" || len(p.Name) > 200 || p.NRIID == 0 {
		return Peer{}, igfplus.Errorf(igfplus.EInvalid, "A peer has a name (1 to 200 characters) and the nri_id of its initiative.")
	}
	p.Secret = stdwebhooks.NewHMACSecret()
	return s.store.AddPeer(ctx, p)
}

// RotatePeerSecret gives peer id a new secret, shown once in the answer,
// for the NRI's installation to set as its upstream's: the old secret
// verifies nothing from then on, so a secret that leaked is revoked. The
// peer's pushes fail (and are retried) until the NRI has set the new one.
func (s *Service) RotatePeerSecret(ctx context.Context, who igfplus.Identity, id int64) (Peer, error) {
	if err := secretariat(who); err != nil {
		return Peer{}, err
	}
	return s.store.SetPeerSecret(ctx, id, stdwebhooks.NewHMACSecret())
}

// verify checks a peer's message: its Standard Webhooks signature over the
// raw body with the peer's secret, within Tolerance. The signature is the
// authentication: an unknown peer and a bad signature look alike.
func (s *Service) verify(ctx context.Context, peer int64, h http.Header, raw []byte) (string, error) {
	secret, err := s.store.PeerSecret(ctx, peer)
	if igfplus.ErrorCode(err) == igfplus.ENotFound {
		return "", igfplus.Errorf(igfplus.EUnauthorized, "The message's signature does not verify.")
	}
	if err != nil {
		return "", err
	}
	id, err := stdwebhooks.Verify([]string{secret}, nil, h, raw, s.now(), Tolerance)
	if err != nil {
		return "", &igfplus.Error{Code: igfplus.EUnauthorized, Message: "The message's signature does not verify.", Err: err}
	}
	return id, nil
}

// ServeAgenda answers a peer's signed request for the global agenda.
func (s *Service) ServeAgenda(ctx context.Context, peer int64, h http.Header, raw []byte) (Agenda, error) {
	if _, err := s.verify(ctx, peer, h, raw); err != nil {
		return Agenda{}, err
	}
	return s.store.Agenda(ctx)
}

// ReceiveLink takes a peer's signed request to link one of its tracks.
func (s *Service) ReceiveLink(ctx context.Context, peer int64, h http.Header, raw []byte) (LinkAnswer, error) {
	if _, err := s.verify(ctx, peer, h, raw); err != nil {
		return LinkAnswer{}, err
	}
	var r LinkRequest
	if err := json.Unmarshal(raw, &r); err != nil || r.TrackID == 0 || r.GlobalTrackID == 0 || strings.TrimSpace(r.Title) == "" {
		return LinkAnswer{}, igfplus.Errorf(igfplus.EInvalid, "A link request names track_id, title and global_track_id.")
	}
	return s.store.MirrorLink(ctx, peer, r)
}

// ReceiveOutput takes a peer's signed push of an adopted recommendation
// into the global track's intake.
func (s *Service) ReceiveOutput(ctx context.Context, peer int64, h http.Header, raw []byte) error {
	msgID, err := s.verify(ctx, peer, h, raw)
	if err != nil {
		return err
	}
	var o Output
	if err := json.Unmarshal(raw, &o); err != nil || o.TrackID == 0 || o.GlobalTrackID == 0 || o.RecommendationID == 0 || o.Title == "" {
		return igfplus.Errorf(igfplus.EInvalid, "An output names track_id, global_track_id, recommendation_id and title.")
	}
	return s.store.TakeOutput(ctx, peer, msgID, o)
}

func secretariat(who igfplus.Identity) error {
	return who.Require(igfplus.RoleSecretariat, "Only the secretariat sets up federation.")
}
