package voting

import (
	"context"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Turnout returns what who may see of a poll's turnout. An open secret
// poll's is a coarse total (CoarseTurnout), for those who may follow its
// session only (anyone signed in, for a poll outside a session); an open
// named poll's has the groups and, unless hidden, the running tally, for
// anyone; a closed poll's is its result's.
func (s *Service) Turnout(ctx context.Context, who igfplus.Identity, id int64) (Turnout, error) {
	p, err := s.PollFor(ctx, who, id)
	if err != nil {
		return Turnout{}, err
	}
	switch {
	case p.State == Draft:
		return Turnout{PollID: id, Electorate: p.ElectorateSize, Groups: []GroupResult{}}, nil
	case p.State == Closed:
		t := Turnout{PollID: id, Ballots: p.Result.Ballots, Electorate: p.ElectorateSize, Groups: p.Result.Groups}
		c := p.Result.Overall
		t.Tally = &c
		return t, nil
	case p.Secret:
		if err := s.mayFollow(ctx, who, p.SessionID); err != nil {
			return Turnout{}, err
		}
		n, err := s.store.Count(ctx, id)
		if err != nil {
			return Turnout{}, err
		}
		return CoarseTurnout(p, n), nil
	}
	t, err := s.store.Tally(ctx, p)
	if err != nil {
		return Turnout{}, err
	}
	return TurnoutOf(p, t), nil
}

// mayFollow checks that who may follow the session a poll is held in.
func (s *Service) mayFollow(ctx context.Context, who igfplus.Identity, sessionID int64) error {
	if who.Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, "Sign in to follow this poll's turnout.")
	}
	if sessionID == 0 || who.Has(igfplus.RoleSecretariat) {
		return nil
	}
	return s.auth.CanFollow(ctx, who, sessionID)
}
