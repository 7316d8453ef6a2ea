package sessions

import (
	"context"

	"github.com/igfplus/igfplus/tracks"
)

// MayModerate checks that who runs session id: its moderators and
// co-moderators, platform moderators and the secretariat. Other domains
// (polls held in a session) ask it too.
func (s *Service) MayModerate(ctx context.Context, who tracks.Identity, id int64) error {
	return s.mayModerate(ctx, who, id)
}
