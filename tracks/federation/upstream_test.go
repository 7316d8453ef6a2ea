package federation_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/federation"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// upstreamStore holds an upstream (any other method panics).
type upstreamStore struct {
	federation.Store
	u federation.Upstream
}

func (s *upstreamStore) Upstream(context.Context) (federation.Upstream, error) { return s.u, nil }
func (s *upstreamStore) SetUpstream(_ context.Context, u federation.Upstream) error {
	s.u = u
	return nil
}

// countingUpstream counts the signed agenda requests it is asked to send.
type countingUpstream struct {
	federation.Upstreams
	pulls int
	fail  bool
}

func (c *countingUpstream) Agenda(_ context.Context, u federation.Upstream) (federation.Agenda, error) {
	c.pulls++
	if c.fail {
		return federation.Agenda{}, errors.New("unreachable")
	}
	return federation.Agenda{Edition: u.URL}, nil
}

// TestTheUpstreamAgendaIsPulledForStaffOnlyAndKept: nobody but the
// secretariat and coordinators makes this installation send a signed
// request upstream; their calls are served from one pull until it ages or
// the upstream changes; a failed pull is not kept.
func TestTheUpstreamAgendaIsPulledForStaffOnlyAndKept(t *testing.T) {
	ctx := context.Background()
	store := &upstreamStore{u: federation.Upstream{URL: "https://forum.example", PeerID: 3, Secret: "whsec_x"}}
	up := &countingUpstream{}
	svc := federation.NewService(store, up, nil)
	for _, c := range []struct {
		who  igfplus.Identity
		want igfplus.Code
	}{
		{igfplus.Identity{}, igfplus.EUnauthorized},
		{igfplus.Identity{AccountID: 5}, igfplus.EForbidden},
		{igfplus.Identity{AccountID: 6, Roles: []igfplus.Role{igfplus.RoleModerator, igfplus.RoleHLBMember}}, igfplus.EForbidden},
	} {
		if _, err := svc.RemoteAgenda(ctx, c.who); igfplus.ErrorCode(err) != c.want {
			t.Errorf("%+v: %v, want %s", c.who, err, c.want)
		}
	}
	if up.pulls != 0 {
		t.Fatalf("%d signed requests sent upstream for callers who may not pull", up.pulls)
	}
	sec := igfplus.Identity{AccountID: 1, Roles: []igfplus.Role{igfplus.RoleSecretariat}}
	coord := igfplus.Identity{AccountID: 2, Roles: []igfplus.Role{igfplus.RoleNRICoordinator}}
	for range 3 {
		for _, who := range []igfplus.Identity{sec, coord} {
			if a, err := svc.RemoteAgenda(ctx, who); err != nil || a.Edition != "https://forum.example" {
				t.Fatalf("the agenda for %v: %+v, %v", who.Roles, a, err)
			}
		}
	}
	if up.pulls != 1 {
		t.Fatalf("%d pulls for six calls, want one kept", up.pulls)
	}
	if err := svc.SetUpstream(ctx, sec, federation.Upstream{URL: "https://other.example", PeerID: 4, Secret: "whsec_y"}); err != nil {
		t.Fatal(err)
	}
	if a, _ := svc.RemoteAgenda(ctx, coord); a.Edition != "https://other.example" || up.pulls != 2 {
		t.Fatalf("after the upstream changed: %q after %d pulls, want the new upstream's", a.Edition, up.pulls)
	}
	clock := time.Now()
	federation.SetNow(svc, func() time.Time { return clock })
	svc.RemoteAgenda(ctx, coord)
	clock = clock.Add(federation.AgendaTTL)
	if svc.RemoteAgenda(ctx, coord); up.pulls != 3 {
		t.Fatalf("%d pulls, want the agenda pulled again once it aged", up.pulls)
	}
	failing := &countingUpstream{fail: true}
	svc = federation.NewService(store, failing, nil)
	for range 2 {
		if _, err := svc.RemoteAgenda(ctx, sec); err == nil {
			t.Fatal("a failed pull answered")
		}
	}
	if failing.pulls != 2 {
		t.Fatalf("%d pulls after a failure, want it tried again", failing.pulls)
	}
}
