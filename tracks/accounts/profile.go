package accounts

import (
	"context"
	"fmt"
	"strings"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// ProfileInput changes some of an account's own details: a nil field
// stays as it is. The e-mail address and the password have flows of their
// own (a mailed link).
type ProfileInput struct {
	DisplayName        *string
	StakeholderGroup   *igfplus.StakeholderGroup
	Region             *igfplus.Region
	Country            *string
	Gender             *string
	AgeBand            *AgeBand
	ShowNameInPresence *bool
	Locale             *string
}

// apply writes in's fields over a, normalised as at registration.
func (in ProfileInput) apply(a *Account) {
	set := func(dst *string, v *string, f func(string) string) {
		if v != nil {
			*dst = f(*v)
		}
	}
	set(&a.DisplayName, in.DisplayName, strings.TrimSpace)
	set(&a.Country, in.Country, func(s string) string { return strings.ToUpper(strings.TrimSpace(s)) })
	set(&a.Gender, in.Gender, strings.TrimSpace)
	set(&a.Locale, in.Locale, func(s string) string { return strings.ToLower(strings.TrimSpace(s)) })
	if in.StakeholderGroup != nil {
		a.StakeholderGroup = *in.StakeholderGroup
	}
	if in.Region != nil {
		a.Region = *in.Region
	}
	if in.AgeBand != nil {
		a.AgeBand = *in.AgeBand
	}
	if in.ShowNameInPresence != nil {
		a.ShowNameInPresence = *in.ShowNameInPresence
	}
}

// UpdateProfile changes the details in gives of the account with id, and
// returns the account as it now is. EInvalid lists every problem at once.
// A changed name, stakeholder group or region is in the access tokens, so
// those already issued stop working (the sessions go on: the next refresh
// carries the new details).
func (s *Service) UpdateProfile(ctx context.Context, id int64, in ProfileInput) (*Account, error) {
	a, err := s.store.Account(ctx, id)
	if err != nil {
		return nil, err
	}
	before := a.Identity()
	in.apply(a)
	if problems := detailProblems(a); len(problems) > 0 {
		return nil, igfplus.Errorf(igfplus.EInvalid, "%s", strings.Join(problems, " "))
	}
	after := a.Identity()
	bump := before.Name != after.Name || before.StakeholderGroup != after.StakeholderGroup || before.Region != after.Region
	if err := s.store.UpdateProfile(ctx, a, bump); err != nil {
		return nil, fmt.Errorf("accounts: update profile of %d: %w", id, err)
	}
	return s.store.Account(ctx, id)
}
