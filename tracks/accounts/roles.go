package accounts

import (
	"context"
	"fmt"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// GrantRole gives the account role. Only the Secretariat may grant roles.
// The account's token version is bumped, so its current access tokens stop
// working and the next refresh carries the new role.
//
// The first Secretariat account is bootstrapped outside this check, with
// Store.GrantRole, by whoever deploys the platform.
func (s *Service) GrantRole(ctx context.Context, by igfplus.Identity, accountID int64, role igfplus.Role) error {
	if err := canManageRoles(by, role); err != nil {
		return err
	}
	if err := s.store.GrantRole(ctx, accountID, role); err != nil {
		return fmt.Errorf("accounts: grant %s to account %d: %w", role, accountID, err)
	}
	return nil
}

// RevokeRole takes role from the account, under the same rules as GrantRole.
func (s *Service) RevokeRole(ctx context.Context, by igfplus.Identity, accountID int64, role igfplus.Role) error {
	if err := canManageRoles(by, role); err != nil {
		return err
	}
	if err := s.store.RevokeRole(ctx, accountID, role); err != nil {
		return fmt.Errorf("accounts: revoke %s from account %d: %w", role, accountID, err)
	}
	return nil
}

func canManageRoles(by igfplus.Identity, role igfplus.Role) error {
	if by.Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, "Please sign in.")
	}
	if !by.Has(igfplus.RoleSecretariat) {
		return igfplus.Errorf(igfplus.EForbidden, "Only the Secretariat may change roles.")
	}
	if !role.Valid() {
		return igfplus.Errorf(igfplus.EInvalid, "There is no role %q.", role)
	}
	return nil
}
