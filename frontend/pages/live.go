package pages

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// livePanels are what the room and the moderator's page share: the agenda
// with the item under way and its time box, the speaking queue, the
// questions and the captions. The client (frontend/assets/src) rebuilds the
// same markup from room events, so the two change together.
type livePanels struct {
	SessionID int64
	Open      bool // the session is live: the queue and Q&A take actions
	// Now is the server's clock when the page was made: the client measures
	// its own clock's offset from it, so that timers agree with the server.
	Now       time.Time
	Agenda    []agendaLine
	Current   *agendaLine
	StartedAt time.Time
	// TimeBox is the time left for the current item (or over it), and
	// SpeakerTime how long the speaker has spoken, as the page was made;
	// the client keeps both ticking.
	TimeBox, SpeakerTime string
	Floor                floorView
	Questions            []sessions.Question
	// Review are the questions the room does not see, for moderators:
	// held for review, or hidden (with the reason).
	Review []sessions.Question
	// Captions are the caption channels (read by liveData: captionsOf).
	Captions captionsPanel
	// Moderator adds the moderators' controls; Reorder, the agenda's
	// moves (before the session ends).
	Moderator, Reorder bool
	// Reactions are the kinds participants may send (shown as counts).
	Reactions []sessions.ReactionKind
	// Captioner shows the caption input: the viewer captions this session.
	Captioner bool
}

// agendaLine is an agenda item; Current marks the one under way. Up and
// Down are the positions a moderator may move it to (0: it cannot move
// that way, sessions.Reorder's rule).
type agendaLine struct {
	sessions.AgendaItem
	Current  bool
	Up, Down int
	// Lang is the language the title is shown in ("" when unknown), and
	// Machine marks a machine translation.
	Lang    string
	Machine bool
}

// floorView is the speaking queue as one person sees it.
type floorView struct {
	Speaker *requestView
	Queue   []requestView
	// Mine says where the viewer stands, in words (announced politely by
	// screen readers when it changes); Queued and Speaking choose the form
	// they see (withdraw, or ask).
	Mine             string
	Queued, Speaking bool
	// LimitS and WarnAtS are the turn's limit and the warning, in seconds
	// from the grant (0: none).
	LimitS, WarnAtS int
}

// requestView is a floor request with its group and mode translated, and
// for a hub's request the person speaking for it ("(via Amina)").
type requestView struct {
	sessions.FloorRequest
	Group, Mode, Via string
}

// panels reads the live panels of sess for who. It is called after the
// chat history, whose position the client resumes from: these reads are at
// least as new, and the events replayed after that position each carry a
// whole floor or question, so the page converges on the room.
func (p *Pages) panels(ctx context.Context, v *view, who igfplus.Identity, sess sessions.Session, agenda []sessions.AgendaItem, moderator bool) (*livePanels, error) {
	lp := &livePanels{SessionID: sess.ID, Open: sess.State == sessions.Live, Now: p.deps.Now().UTC(), Moderator: moderator, StartedAt: sess.ItemStartedAt, Reactions: sessions.ReactionKinds}
	lp.Agenda = agendaLines(agenda, sess.CurrentItemID)
	lp.Reorder = moderator && (sess.State == sessions.Scheduled || sess.State == sessions.Live)
	var err error
	if i := slices.IndexFunc(lp.Agenda, func(a agendaLine) bool { return a.Current }); i >= 0 {
		lp.Current = &lp.Agenda[i]
		left := sess.ItemStartedAt.Add(time.Duration(lp.Current.Minutes) * time.Minute).Sub(lp.Now)
		if left >= 0 {
			lp.TimeBox, err = v.Fill("client.agenda.left", "time", minSec(left))
		} else {
			lp.TimeBox, err = v.Fill("client.agenda.over", "time", minSec(-left))
		}
		if err != nil {
			return nil, err
		}
	}
	floor, err := p.deps.Sessions.FloorOf(ctx, who, sess.ID)
	if err != nil {
		return nil, err
	}
	if lp.Floor, err = floorOf(v, who, floor); err != nil {
		return nil, err
	}
	if s := floor.Speaker; s != nil {
		spoken := minSec(lp.Now.Sub(s.GrantedAt))
		if floor.SpeakingLimitS > 0 {
			lp.SpeakerTime, err = v.Fill("client.floor.timer_limit", "time", spoken, "limit", minSec(time.Duration(floor.SpeakingLimitS)*time.Second))
		} else {
			lp.SpeakerTime, err = v.Fill("client.floor.timer", "time", spoken)
		}
		if err != nil {
			return nil, err
		}
	}
	qs, err := p.deps.Sessions.QuestionsFor(ctx, who, sess.ID)
	if err != nil {
		return nil, err
	}
	lp.Questions, lp.Review = questionsOf(qs, moderator)
	roles, err := p.deps.Sessions.RolesOf(ctx, who, sess.ID)
	if err != nil {
		return nil, err
	}
	lp.Captioner = slices.Contains(roles, sessions.Captioner)
	return lp, nil
}

// minSec formats a duration as the client does: m:ss.
func minSec(d time.Duration) string {
	sec := max(0, int(d/time.Second))
	return fmt.Sprintf("%d:%02d", sec/60, sec%60)
}

// captionHistory is how many caption lines a page starts with.
const captionHistory = 30

// floorOf translates the queue and says where who stands in it.
func floorOf(v *view, who igfplus.Identity, f sessions.Floor) (floorView, error) {
	out := floorView{LimitS: f.SpeakingLimitS, WarnAtS: f.WarnAtS}
	var err error
	tr := func(r sessions.FloorRequest) (requestView, error) {
		rv := requestView{FloorRequest: r}
		if rv.Group, err = v.TK("group", r.StakeholderGroup); err != nil {
			return rv, err
		}
		if r.Hub != "" {
			if rv.Via, err = v.Fill("client.floor.via", "name", v.Isolate(r.Name)); err != nil {
				return rv, err
			}
		}
		rv.Mode, err = v.T("client.mode." + string(r.Mode))
		return rv, err
	}
	if f.Speaker != nil {
		s, err := tr(*f.Speaker)
		if err != nil {
			return out, err
		}
		out.Speaker = &s
		out.Speaking = s.AccountID == who.AccountID
	}
	pos := 0
	for i, r := range f.Queue {
		rv, err := tr(r)
		if err != nil {
			return out, err
		}
		out.Queue = append(out.Queue, rv)
		if r.AccountID == who.AccountID {
			pos = i + 1
		}
	}
	out.Queued = pos > 0
	switch {
	case out.Speaking:
		out.Mine, err = v.T("client.floor.mine.speaking")
	case pos > 0:
		out.Mine, err = v.Fill("client.floor.mine.position", "n", pos)
	default:
		out.Mine, err = v.T("client.floor.mine.none")
	}
	return out, err
}

// questionsOf orders the questions as the client does (questions.ts):
// pinned first, answered last, then by votes and age. Merged duplicates are
// left out: their votes count on the question they joined. A moderator's
// held and hidden questions go to review, apart from the room's list; a
// participant's own held ones stay in the list, marked as waiting.
func questionsOf(qs []sessions.Question, moderator bool) (open, review []sessions.Question) {
	for _, q := range qs {
		switch {
		case q.MergedInto != 0:
		case moderator && (q.Held || q.Hidden):
			review = append(review, q)
		default:
			open = append(open, q)
		}
	}
	slices.SortFunc(open, compareQuestions)
	return open, review
}

// agendaLines marks the item under way and where each item may move: an
// item that has not started moves past its neighbours that have not
// either (sessions.Reorder).
func agendaLines(agenda []sessions.AgendaItem, current int64) []agendaLine {
	out := make([]agendaLine, len(agenda))
	fixed := func(i int) bool { return agenda[i].Started || agenda[i].ID == current }
	for i, a := range agenda {
		out[i] = agendaLine{AgendaItem: a, Current: a.ID == current}
		if fixed(i) {
			continue
		}
		if i > 0 && !fixed(i-1) {
			out[i].Up = i
		}
		if i+1 < len(agenda) && !fixed(i+1) {
			out[i].Down = i + 2
		}
	}
	return out
}

func compareQuestions(a, b sessions.Question) int {
	rank := func(q sessions.Question) int {
		switch {
		case q.Pinned:
			return 0
		case q.Answered:
			return 2
		}
		return 1
	}
	return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(b.Votes, a.Votes), cmp.Compare(a.ID, b.ID))
}

// Fill translates a client string (placeholders in braces, {name}) on the
// server, so that a page and the client word a thing alike.
func (v *view) Fill(id string, kv ...any) (string, error) {
	s, err := v.T(id)
	if err != nil {
		return "", err
	}
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{"+fmt.Sprint(kv[i])+"}", fmt.Sprint(kv[i+1]))
	}
	return s, nil
}
