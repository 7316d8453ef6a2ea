package live

import (
	"context"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// roomReactions takes a reaction sent over the socket: the service checks
// that who may react now, and the node's gatherer counts it.
type roomReactions struct {
	svc    *sessions.Service
	gather *Reactions
}

func (r roomReactions) React(ctx context.Context, who igfplus.Identity, sessionID int64, kind sessions.ReactionKind) error {
	if err := r.svc.MayReact(ctx, who, sessionID, kind); err != nil {
		return err
	}
	return r.gather.Add(sessionID, who.AccountID, kind)
}
