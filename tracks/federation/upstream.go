package federation

import (
	"context"
	"math"
	"net/url"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// SetUpstream sets the global installation this one reports to: the
// secretariat only.
func (s *Service) SetUpstream(ctx context.Context, who igfplus.Identity, u Upstream) error {
	if err := secretariat(who); err != nil {
		return err
	}
	if p, err := url.Parse(u.URL); err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
		return igfplus.Errorf(igfplus.EInvalid, "url is the global installation's http(s) address.")
	}
	if u.PeerID == 0 || u.Secret == "" {
		return igfplus.Errorf(igfplus.EInvalid, "peer_id and secret are what the global installation's secretariat gave.")
	}
	if err := s.store.SetUpstream(ctx, u); err != nil {
		return err
	}
	s.agendaMu.Lock()
	s.agendaAt = time.Time{} // another upstream: pull its agenda afresh
	s.agendaMu.Unlock()
	return nil
}

// RemoteAgenda returns the global agenda pulled from the upstream: to the
// staff who link tracks there (the secretariat and initiatives'
// coordinators), since each pull is a signed request to another
// installation, which nobody else should be able to set off. A pull is
// kept for AgendaTTL on this node; a failed one is not kept.
func (s *Service) RemoteAgenda(ctx context.Context, who igfplus.Identity) (Agenda, error) {
	if who.Anonymous() {
		return Agenda{}, igfplus.Errorf(igfplus.EUnauthorized, "Sign in first.")
	}
	if !who.HasAny(igfplus.RoleSecretariat, igfplus.RoleNRICoordinator) {
		return Agenda{}, igfplus.Errorf(igfplus.EForbidden, "Only the secretariat and initiatives' coordinators pull the global agenda.")
	}
	s.agendaMu.Lock()
	defer s.agendaMu.Unlock()
	if !s.agendaAt.IsZero() && s.now().Sub(s.agendaAt) < AgendaTTL {
		return s.agenda, nil
	}
	u, err := s.store.Upstream(ctx)
	if err != nil {
		return Agenda{}, err
	}
	a, err := s.upstreams.Agenda(ctx, u)
	if err != nil {
		return Agenda{}, err
	}
	s.agenda, s.agendaAt = a, s.now()
	return a, nil
}

// AskLink asks the upstream to link a local NRI track to one of its global
// tracks: the coordinators of the track's initiative. The track's adopted
// recommendations are queued at once and flow when the link is accepted.
func (s *Service) AskLink(ctx context.Context, who igfplus.Identity, track, global int64, note string) (FedLink, error) {
	nri, title, err := s.store.TrackNRI(ctx, track)
	if err != nil {
		return FedLink{}, err
	}
	if nri == 0 {
		return FedLink{}, igfplus.Errorf(igfplus.EInvalid, "Only an initiative's track links to a global track.")
	}
	if err := s.mayRunNRI(ctx, who, nri); err != nil {
		return FedLink{}, err
	}
	u, err := s.store.Upstream(ctx)
	if err != nil {
		return FedLink{}, err
	}
	a, err := s.upstreams.AskLink(ctx, u, LinkRequest{TrackID: track, Title: title, GlobalTrackID: global, Note: note})
	if err != nil {
		return FedLink{}, err
	}
	return s.store.AddLink(ctx, FedLink{TrackID: track, GlobalTrackID: global, RemoteLinkID: a.LinkID}, who.AccountID)
}

// Links lists this installation's links upstream with their pushes.
func (s *Service) Links(ctx context.Context) ([]FedLink, error) { return s.store.Links(ctx) }

// PushBatch is how many pushes one round sends at the most.
const PushBatch = 20

// pushLease is how long one claimed push is this node's: more than one
// push's timeout, so that no other node sends it at the same time. Pushes
// are claimed one at a time, so the lease never has to cover a batch.
const pushLease = time.Minute

// PushDue sends the due pushes once and returns how many were delivered.
// A refused or failed push waits 2^attempts seconds (at most 10 minutes):
// the global side refuses outputs until it accepts the link.
func (s *Service) PushDue(ctx context.Context) (int, error) {
	u, err := s.store.Upstream(ctx)
	if igfplus.ErrorCode(err) == igfplus.ENotFound {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	sent := 0
	for range PushBatch {
		due, err := s.store.DuePushes(ctx, 1, pushLease)
		if err != nil || len(due) == 0 {
			return sent, err
		}
		p := due[0]
		err = s.upstreams.Push(ctx, u, p.EventID, p.Output)
		why, next := "", s.now()
		if err != nil {
			why = err.Error()
			next = next.Add(time.Duration(math.Min(math.Pow(2, float64(p.Attempts)), 600)) * time.Second)
		} else {
			sent++
		}
		if err := s.store.Pushed(ctx, p, why == "", next, why); err != nil {
			return sent, err
		}
	}
	return sent, nil
}
