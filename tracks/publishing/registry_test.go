package publishing_test

import (
	"context"
	"slices"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
)

// secretStore records what reaches the store of the secrets' methods; any
// other method panics (the nil Store it embeds).
type secretStore struct {
	publishing.Store
	listed  [][]int64
	retired []int64
}

func (s *secretStore) Secrets(_ context.Context, ids []int64) ([]publishing.Secret, error) {
	s.listed = append(s.listed, ids)
	return []publishing.Secret{{ID: 1, EndpointID: ids[0], Kind: publishing.HMACSecret, Active: true}}, nil
}

func (s *secretStore) RetireSecret(_ context.Context, id int64) error {
	s.retired = append(s.retired, id)
	return nil
}

func TestOnlyTheSecretariatListsAndRetiresSecrets(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		who  igfplus.Identity
		want igfplus.Code
	}{
		{"anonymous", igfplus.Identity{}, igfplus.EUnauthorized},
		{"participant", igfplus.Identity{AccountID: 5}, igfplus.EForbidden},
		{"high-level body member", igfplus.Identity{AccountID: 6, Roles: []igfplus.Role{igfplus.RoleHLBMember}}, igfplus.EForbidden},
		{"moderator", igfplus.Identity{AccountID: 7, Roles: []igfplus.Role{igfplus.RoleModerator}}, igfplus.EForbidden},
	} {
		store := &secretStore{}
		svc := publishing.NewService(store)
		if list, err := svc.Secrets(ctx, tc.who, []int64{3}); igfplus.ErrorCode(err) != tc.want || list != nil {
			t.Errorf("%s listing secrets: %v, %v; want %s", tc.name, list, err, tc.want)
		}
		if err := svc.RetireSecret(ctx, tc.who, 9); igfplus.ErrorCode(err) != tc.want {
			t.Errorf("%s retiring a secret: %v, want %s", tc.name, err, tc.want)
		}
		if len(store.listed)+len(store.retired) != 0 {
			t.Errorf("%s reached the store: listed %v, retired %v", tc.name, store.listed, store.retired)
		}
	}

	store := &secretStore{}
	svc := publishing.NewService(store)
	sec := igfplus.Identity{AccountID: 1, Roles: []igfplus.Role{igfplus.RoleSecretariat}}
	if list, err := svc.Secrets(ctx, sec, []int64{3, 4}); err != nil || len(list) != 1 {
		t.Fatalf("the Secretariat listing: %v, %v", list, err)
	}
	if list, err := svc.Secrets(ctx, sec, nil); err != nil || list != nil {
		t.Fatalf("no endpoints: %v, %v; want nothing", list, err)
	}
	if err := svc.RetireSecret(ctx, sec, 9); err != nil {
		t.Fatal(err)
	}
	if len(store.listed) != 1 || !slices.Equal(store.listed[0], []int64{3, 4}) || !slices.Equal(store.retired, []int64{9}) {
		t.Fatalf("store saw listed %v, retired %v; want one listing of [3 4] and 9 retired", store.listed, store.retired)
	}
}
