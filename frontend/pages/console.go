package pages

import (
	"context"
	"fmt"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// modConsole is what the moderator's page adds to undo and account for
// moderation: who is restricted (each with the button that lifts it) and
// the moderation log, with reopening for an ended session.
type modConsole struct {
	Restricted []restrictedView
	ModLog     []logView
	// Reopen offers to bring an ended session back live; ReopenHint says
	// for how long after its end.
	Reopen     bool
	ReopenHint string
}

// restrictedView is a restricted person with the restriction in words and
// the label of the button that lifts it.
type restrictedView struct {
	sessions.Restricted
	Since, Lift string
}

// logView is a moderation log entry in words.
type logView struct {
	sessions.LogEntry
	What string
}

// console reads the moderator's page's restrictions and log for who.
func (p *Pages) console(ctx context.Context, v *view, who igfplus.Identity, id int64, state sessions.State) (modConsole, error) {
	var mc modConsole
	restricted, err := p.deps.Sessions.Restricted(ctx, who, id)
	if err != nil {
		return mc, err
	}
	for _, r := range restricted {
		rv := restrictedView{Restricted: r}
		what, err := v.T("modlog.restrict." + string(r.Restriction))
		if err != nil {
			return mc, err
		}
		if rv.Since, err = v.T("moderate.restrictions.since", "What", what, "By", r.ByName, "Time", clock(r.Since)); err != nil {
			return mc, err
		}
		if rv.Lift, err = v.T("client.mod.lift." + string(r.Restriction)); err != nil {
			return mc, err
		}
		mc.Restricted = append(mc.Restricted, rv)
	}
	log, err := p.deps.Sessions.ModerationLog(ctx, who, id)
	if err != nil {
		return mc, err
	}
	for _, e := range log {
		what, err := logWhat(v, e)
		if err != nil {
			return mc, err
		}
		mc.ModLog = append(mc.ModLog, logView{LogEntry: e, What: what})
	}
	if state == sessions.Ended {
		mc.Reopen = true
		mc.ReopenHint, err = v.T("moderate.reopen_hint", "Minutes", int(sessions.ReopenWindow.Minutes()))
	}
	return mc, err
}

// logWhat says what a log entry's moderator did.
func logWhat(v *view, e sessions.LogEntry) (string, error) {
	switch e.Action {
	case sessions.LogRestrict, sessions.LogLift:
		return v.T(fmt.Sprintf("modlog.%s.%s", e.Action, e.Detail))
	case sessions.LogChatRemove, sessions.LogQuestionHide, sessions.LogQuestionShow:
		return v.T("modlog."+e.Action, "N", e.TargetID)
	}
	return v.T("modlog." + e.Action)
}

// ActPath is where the page's action forms post (the hand-written ones:
// a question's hide form, an agenda item's moves).
func (v *view) ActPath() string { return v.act.path }

// moveView is an agenda item's move form: Dir "up" or "down", To the
// position it moves to (0: it cannot).
type moveView struct {
	V   *view
	ID  int64
	Dir string
	To  int
}

// Move is the argument of the template "agenda-move".
func (v *view) Move(id int64, dir string, to int) moveView {
	return moveView{V: v, ID: id, Dir: dir, To: to}
}
