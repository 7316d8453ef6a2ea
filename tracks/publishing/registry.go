package publishing

import (
	"context"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

// CreateBody registers a decision-making body (Secretariat).
func (s *Service) CreateBody(ctx context.Context, who igfplus.Identity, b Body) (Body, error) {
	if err := secretariat(who); err != nil {
		return Body{}, err
	}
	if err := CheckBody(b); err != nil {
		return Body{}, err
	}
	return s.store.CreateBody(ctx, b)
}

// Bodies lists the registry with its endpoints' URLs, for a caller that
// has checked the Secretariat (the registry page); BodiesFor is the one
// to give anyone else. Secrets are never listed.
func (s *Service) Bodies(ctx context.Context) ([]Body, error) { return s.store.Bodies(ctx) }

// BodiesFor lists the registry as who may see it. Which bodies receive the
// Forum's outcomes is part of the public record, and so is whether each
// endpoint is enabled; where they receive them (the endpoints' URLs, and
// whether private addresses are allowed) is the Secretariat's only: a URL
// can name a body's internal host, or carry a token of its webhook service.
func (s *Service) BodiesFor(ctx context.Context, who igfplus.Identity) ([]Body, error) {
	list, err := s.store.Bodies(ctx)
	if err != nil || who.Has(igfplus.RoleSecretariat) {
		return list, err
	}
	for i := range list {
		for j := range list[i].Endpoints {
			list[i].Endpoints[j].URL, list[i].Endpoints[j].AllowPrivate = "", false
		}
	}
	return list, nil
}

// AddEndpoint adds a relay endpoint to a body (Secretariat).
func (s *Service) AddEndpoint(ctx context.Context, who igfplus.Identity, e Endpoint) (Endpoint, error) {
	if err := s.mayRegister(ctx, who, e); err != nil {
		return Endpoint{}, err
	}
	return s.store.AddEndpoint(ctx, e)
}

// SetEndpoint changes an endpoint's URL, enabled and allow_private flags
// (Secretariat).
func (s *Service) SetEndpoint(ctx context.Context, who igfplus.Identity, e Endpoint) (Endpoint, error) {
	if err := s.mayRegister(ctx, who, e); err != nil {
		return Endpoint{}, err
	}
	return s.store.SetEndpoint(ctx, e)
}

// mayRegister is what adding an endpoint and changing one both check: the
// Secretariat asks, and the URL is one the relay may post to.
func (s *Service) mayRegister(ctx context.Context, who igfplus.Identity, e Endpoint) error {
	if err := secretariat(who); err != nil {
		return err
	}
	if err := CheckEndpointURL(e.URL); err != nil {
		return err
	}
	return checkReachable(ctx, s.resolver, e.URL, e.AllowPrivate)
}

// AddSecret generates a new active signing secret of kind for an endpoint
// and returns it, the only time its value is shown. Old secrets stay
// active until retired, so a body can switch without losing a message.
func (s *Service) AddSecret(ctx context.Context, who igfplus.Identity, endpointID int64, kind SecretKind) (Secret, error) {
	if err := secretariat(who); err != nil {
		return Secret{}, err
	}
	sec := Secret{EndpointID: endpointID, Kind: kind, Active: true}
	switch kind {
	case HMACSecret:
		sec.Value = stdwebhooks.NewHMACSecret()
	case Ed25519Secret:
		sec.Value, sec.PublicKey = stdwebhooks.NewEd25519Key()
	default:
		return Secret{}, igfplus.Errorf(igfplus.EInvalid, "A secret is hmac or ed25519.")
	}
	return s.store.AddSecret(ctx, sec)
}

// Secrets lists the signing secrets of the endpoints, active and retired,
// without their values (Secretariat). The public registry leaves them out:
// which keys an endpoint has is the Secretariat's business.
func (s *Service) Secrets(ctx context.Context, who igfplus.Identity, endpointIDs []int64) ([]Secret, error) {
	if err := secretariat(who); err != nil {
		return nil, err
	}
	if len(endpointIDs) == 0 {
		return nil, nil
	}
	return s.store.Secrets(ctx, endpointIDs)
}

// RetireSecret stops a secret signing (Secretariat): the last step of a
// rotation, once the body verifies with the new secret. The last active
// secret of an enabled endpoint is kept, since the relay cannot deliver
// unsigned: add another first, or disable the endpoint.
func (s *Service) RetireSecret(ctx context.Context, who igfplus.Identity, secretID int64) error {
	if err := secretariat(who); err != nil {
		return err
	}
	return s.store.RetireSecret(ctx, secretID)
}

// RotateInboundSecret gives a body a new secret to sign its answers with
// and returns it (Secretariat). Answers signed with the secret it replaces
// are still accepted until the next rotation, so that no answer is lost
// while the body switches; rotating twice retires a leaked secret.
func (s *Service) RotateInboundSecret(ctx context.Context, who igfplus.Identity, bodyID int64) (string, error) {
	if err := secretariat(who); err != nil {
		return "", err
	}
	secret := stdwebhooks.NewHMACSecret()
	return secret, s.store.SetInboundSecret(ctx, bodyID, secret)
}

// Deliveries lists an endpoint's delivery log, newest first (Secretariat).
func (s *Service) Deliveries(ctx context.Context, who igfplus.Identity, endpointID int64) ([]Delivery, error) {
	if err := secretariat(who); err != nil {
		return nil, err
	}
	return s.store.Deliveries(ctx, endpointID, 200)
}

// Replay sends a logged delivery's event again, now (Secretariat).
func (s *Service) Replay(ctx context.Context, who igfplus.Identity, attemptID int64) error {
	if err := secretariat(who); err != nil {
		return err
	}
	return s.store.Replay(ctx, attemptID)
}
