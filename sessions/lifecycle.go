package sessions

import (
	"context"
	"slices"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// next lists the states a session may move to from each state: the
// lifecycle only goes forward.
var next = map[State][]State{
	Scheduled: {Live},
	Live:      {Ended},
	Ended:     {Reported},
}

// CanMoveTo reports whether a session in state s may move to to.
func (s State) CanMoveTo(to State) bool { return slices.Contains(next[s], to) }

// SessionRole is a role someone holds in one session.
type SessionRole string

// The session roles.
const (
	Moderator   SessionRole = "moderator"
	CoModerator SessionRole = "co_moderator"
	Speaker     SessionRole = "speaker"
	Rapporteur  SessionRole = "rapporteur"
	Captioner   SessionRole = "captioner"
)

// Progress is where a live session stands: its state, and the agenda item
// under way with when it began.
type Progress struct {
	State         State     `json:"state"`
	CurrentItemID int64     `json:"current_item_id,omitempty"`
	ItemStartedAt time.Time `json:"item_started_at,omitzero"`
	ItemMinutes   int       `json:"item_minutes,omitempty"`
}

// mayModerate checks that who runs session id: the Secretariat, platform
// moderators, or the session's own moderators.
func (s *Service) mayModerate(ctx context.Context, who igfplus.Identity, id int64) error {
	if who.Anonymous() {
		return igfplus.Errorf(igfplus.EUnauthorized, "Sign in to run a session.")
	}
	if who.HasAny(igfplus.RoleSecretariat, igfplus.RoleModerator) {
		return nil
	}
	roles, err := s.store.SessionRoles(ctx, id, who.AccountID)
	if err != nil {
		return err
	}
	if slices.Contains(roles, Moderator) || slices.Contains(roles, CoModerator) {
		return nil
	}
	return igfplus.Errorf(igfplus.EForbidden, "Only the session's moderators can do that.")
}

// moderatorsRead reads, with read, what only the session's moderators see:
// who must run the session (mayModerate).
func moderatorsRead[T any](ctx context.Context, s *Service, who igfplus.Identity, sessionID int64, read func(context.Context, int64) (T, error)) (T, error) {
	if err := s.mayModerate(ctx, who, sessionID); err != nil {
		var none T
		return none, err
	}
	return read(ctx, sessionID)
}

// MoveTo moves a session along its lifecycle (scheduled -> live -> ended ->
// reported), or back from ended to live within ReopenWindow of the end
// (reopening). Only its moderators may; a move that the lifecycle does not
// allow, or that another moderator made first, is a conflict, and so is
// reporting a session whose report has no key takeaways yet. Ending a
// session draws up its report and closes the speaking queue.
func (s *Service) MoveTo(ctx context.Context, who igfplus.Identity, id int64, to State) (Progress, error) {
	if err := s.mayModerate(ctx, who, id); err != nil {
		return Progress{}, err
	}
	sess, err := s.store.Session(ctx, id)
	if err != nil {
		return Progress{}, err
	}
	if sess.State == Ended && to == Live {
		// Reopened by its moderators for a short while after the end.
		return s.agenda.Reopen(ctx, id, who.AccountID, ReopenWindow)
	}
	if !sess.State.CanMoveTo(to) {
		return Progress{}, igfplus.Errorf(igfplus.EConflict, "A %s session cannot become %s.", igfplus.Text(sess.State), igfplus.Text(to))
	}
	if to == Reported {
		// Reported means the report is complete: its takeaways written.
		text, err := s.reports.ReportText(ctx, id)
		if err != nil {
			return Progress{}, err
		}
		if text.KeyTakeaways == "" {
			return Progress{}, igfplus.Errorf(igfplus.EConflict, "The rapporteur has not written the key takeaways yet.")
		}
	}
	return s.store.MoveTo(ctx, id, sess.State, to, who.AccountID)
}

// StartItem makes an agenda item the one under way in a live session; its
// time box starts now. Only the session's moderators may.
func (s *Service) StartItem(ctx context.Context, who igfplus.Identity, id, itemID int64) (Progress, error) {
	if err := s.mayModerate(ctx, who, id); err != nil {
		return Progress{}, err
	}
	sess, err := s.store.Session(ctx, id)
	if err != nil {
		return Progress{}, err
	}
	if sess.State != Live {
		return Progress{}, igfplus.Errorf(igfplus.EConflict, "Agenda items can be started only while the session is live.")
	}
	if itemID == sess.CurrentItemID {
		return Progress{}, igfplus.Errorf(igfplus.EConflict, "That item is already under way.")
	}
	agenda, err := s.store.Agenda(ctx, id)
	if err != nil {
		return Progress{}, err
	}
	i := slices.IndexFunc(agenda, func(a AgendaItem) bool { return a.ID == itemID })
	if i < 0 {
		return Progress{}, igfplus.Errorf(igfplus.ENotFound, "That item is not on this session's agenda.")
	}
	return s.store.StartItem(ctx, id, agenda[i])
}
