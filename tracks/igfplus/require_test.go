package igfplus_test

import (
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// TestRequireAsksTheAnonymousToSignInAndRefusesOthersWithTheReason: the
// services' role check tells the anonymous to sign in (401), anyone
// without the role why not (403), and lets the role through.
func TestRequireAsksTheAnonymousToSignInAndRefusesOthersWithTheReason(t *testing.T) {
	const why = "Only the Secretariat does this."
	participant := igfplus.Identity{AccountID: 1, Roles: []igfplus.Role{igfplus.RoleParticipant}}
	sec := igfplus.Identity{AccountID: 2, Roles: []igfplus.Role{igfplus.RoleParticipant, igfplus.RoleSecretariat}}
	if err := (igfplus.Identity{}).Require(igfplus.RoleSecretariat, why); igfplus.ErrorCode(err) != igfplus.EUnauthorized {
		t.Errorf("anonymous: %v, want unauthorized", err)
	}
	err := participant.Require(igfplus.RoleSecretariat, why)
	if igfplus.ErrorCode(err) != igfplus.EForbidden || igfplus.ErrorMessage(err) != why {
		t.Errorf("a participant: %v, want forbidden with %q", err, why)
	}
	if err := sec.Require(igfplus.RoleSecretariat, why); err != nil {
		t.Errorf("the secretariat: %v, want nil", err)
	}
}
