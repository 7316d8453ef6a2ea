package publishing_test

import (
	"context"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
)

// bodiesStore lists one body with one endpoint (any other method panics).
type bodiesStore struct{ publishing.Store }

func (bodiesStore) Bodies(context.Context) ([]publishing.Body, error) {
	return []publishing.Body{{ID: 1, Name: "UNGA", Endpoints: []publishing.Endpoint{
		{ID: 2, BodyID: 1, URL: "https://hooks.internal.example/t/0123456789abcdef", Enabled: true, AllowPrivate: true}}}}, nil
}

// TestEndpointURLsAreListedForTheSecretariatOnly: the registry is public,
// with which bodies have an enabled endpoint, but where each endpoint is
// (its URL, whether private addresses are allowed) only the Secretariat
// sees.
func TestEndpointURLsAreListedForTheSecretariatOnly(t *testing.T) {
	svc := publishing.NewService(bodiesStore{})
	for _, who := range []igfplus.Identity{{}, {AccountID: 5}, {AccountID: 6, Roles: []igfplus.Role{igfplus.RoleHLBMember, igfplus.RoleModerator, igfplus.RoleNRICoordinator}}} {
		list, err := svc.BodiesFor(context.Background(), who)
		if err != nil || len(list) != 1 || len(list[0].Endpoints) != 1 {
			t.Fatalf("%v: %+v, %v", who.Roles, list, err)
		}
		if e := list[0].Endpoints[0]; e.URL != "" || e.AllowPrivate || !e.Enabled || e.ID != 2 {
			t.Errorf("%v sees the endpoint as %+v, want its id and state without its URL", who.Roles, e)
		}
	}
	list, err := svc.BodiesFor(context.Background(), igfplus.Identity{AccountID: 1, Roles: []igfplus.Role{igfplus.RoleSecretariat}})
	if err != nil || list[0].Endpoints[0].URL == "" || !list[0].Endpoints[0].AllowPrivate {
		t.Fatalf("the Secretariat: %+v, %v; want the URL", list, err)
	}
}
