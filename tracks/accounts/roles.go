package accounts

import (
	"context"
	"fmt"

	"github.com/igfplus/igfplus/tracks"
)

// GrantRole gives the account role. Only the Secretariat may grant roles.
// The account's token version is bumped, so its current access tokens stop
// working and the next refresh carries the new role.
//
// The first Secretariat account is bootstrapped outside this check, with
// Store.GrantRole, by whoever deploys the platform.
func (s *Service) GrantRole(ctx context.Context, by tracks.Identity, accountID int64, role tracks.Role) error {
	if err := canManageRoles(by, role); err != nil {
		return err
	}
	if err := s.store.GrantRole(ctx, accountID, role); err != nil {
		return fmt.Errorf("accounts: grant %s to account %d: %w", role, accountID, err)
	}
	return nil
}

// RevokeRole takes role from the account, under the same rules as GrantRole.
func (s *Service) RevokeRole(ctx context.Context, by tracks.Identity, accountID int64, role tracks.Role) error {
	if err := canManageRoles(by, role); err != nil {
		return err
	}
	if err := s.store.RevokeRole(ctx, accountID, role); err != nil {
		return fmt.Errorf("accounts: revoke %s from account %d: %w", role, accountID, err)
	}
	return nil
}

func canManageRoles(by tracks.Identity, role tracks.Role) error {
	if by.Anonymous() {
		return tracks.Errorf(tracks.EUnauthorized, "Please sign in.")
	}
	if !by.Has(tracks.RoleSecretariat) {
		return tracks.Errorf(tracks.EForbidden, "Only the Secretariat may change roles.")
	}
	if !role.Valid() {
		return tracks.Errorf(tracks.EInvalid, "There is no role %q.", role)
	}
	return nil
}
