package sessions

import (
	"slices"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// trackRule applies the participation rule of the session's track
// (tracks.MayTakePart) to someone who would speak or write in the room.
// The people who run a session — its named roles other than observer, the
// platform's moderators and the secretariat — are outside the rule: a
// ministerial round table is still moderated, captioned and reported by
// staff who are not ministers.
func trackRule(who igfplus.Identity, st Standing) error {
	if who.HasAny(igfplus.RoleSecretariat, igfplus.RoleModerator) || st.servesSession() {
		return nil
	}
	if tracks.MayTakePart(st.Track, st.Participant) == tracks.Observe {
		return igfplus.Errorf(igfplus.EForbidden, "%s", tracks.ObserverReason(st.Track))
	}
	return nil
}

// servesSession reports whether the standing holds a session role that
// runs or serves the session (anything but observer).
func (st Standing) servesSession() bool {
	return slices.ContainsFunc(st.Roles, func(r SessionRole) bool { return r != Observer })
}

// followsOnly reports whether who, standing st, only follows the session:
// named an observer, or outside the track's participation rule.
func followsOnly(who igfplus.Identity, st Standing) bool {
	return st.observer() || trackRule(who, st) != nil
}
