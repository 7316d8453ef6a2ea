package sessions

import (
	"context"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// MayModerate checks that who runs session id: its moderators and
// co-moderators, platform moderators and the secretariat. Other domains
// (polls held in a session) ask it too.
func (s *Service) MayModerate(ctx context.Context, who igfplus.Identity, id int64) error {
	return s.mayModerate(ctx, who, id)
}

// MayWriteReport checks that who may write session id's report: its
// rapporteurs and moderators. Pages ask it to offer the report's form.
func (s *Service) MayWriteReport(ctx context.Context, who igfplus.Identity, id int64) error {
	return s.mayWriteReport(ctx, who, id)
}

// RolesOf lists the roles who holds in session id (none for anonymous):
// pages offer each role its controls (a captioner's input), which the
// service still authorises per action.
func (s *Service) RolesOf(ctx context.Context, who igfplus.Identity, id int64) ([]SessionRole, error) {
	if who.Anonymous() {
		return nil, nil
	}
	return s.store.SessionRoles(ctx, id, who.AccountID)
}
