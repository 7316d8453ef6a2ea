package pages

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
	"github.com/igfplus/igfplus/tracks/voting"
)

// pollsPanel is the list of a session's polls on the room page and, with
// the controls to open, close and create them, on the moderator's page.
type pollsPanel struct {
	SessionID int64
	List      []pollLink
	// Recs are the recommendations of the session's track that a new poll
	// may be on, and Rules the decision rules (moderator's page only).
	Recs  []pollChoice
	Rules []pollChoice
	// Form is the new poll's form and Election the new election's: empty,
	// or as posted with its problems.
	Form, Election *pollForm
}

// pollLink is one poll of the list.
type pollLink struct {
	ID                int64
	Href, Question    string
	State             string // translated
	Schedule          string // when a draft opens or an open poll closes by itself, or ""
	Closes            string // when it closes by itself, for the client to show once it opens
	CanOpen, CanClose bool
}

// pollChoice is one option of a select.
type pollChoice struct{ Value, Label string }

// yesNoRules are the rules a yes/no/abstain poll may follow.
var yesNoRules = []voting.Rule{voting.Majority, voting.TwoThirds, voting.Consensus, voting.Multistakeholder}

// pollsOf reads the polls panel of session sess, with the polls its
// reader may see: drafts only for those who may run them, so that the
// room learns of a poll when it opens (the list takes it in then). It is
// a nicety: when the polls cannot be read the page is served without it.
func (p *Pages) pollsOf(ctx context.Context, v *view, sess sessions.Session, moderator bool) (*pollsPanel, error) {
	if p.deps.Voting == nil {
		return nil, nil
	}
	polls, err := p.deps.Voting.PollsOfSessionFor(ctx, v.Me, sess.ID)
	if err != nil {
		p.log.ErrorContext(ctx, "pages: room without polls", "session", sess.ID, "err", err)
		return nil, nil
	}
	out := &pollsPanel{SessionID: sess.ID}
	for _, pl := range polls {
		state, err := v.TK("poll.state", pl.State)
		if err != nil {
			return nil, err
		}
		schedule, err := pollSchedule(v, pl.State, pl)
		if err != nil {
			return nil, err
		}
		closes, err := pollSchedule(v, voting.Open, pl)
		if err != nil {
			return nil, err
		}
		out.List = append(out.List, pollLink{ID: pl.ID, Href: pollPath(pl.ID), Question: pl.Question, State: state, Schedule: schedule,
			Closes: closes, CanOpen: pl.State == voting.Draft, CanClose: pl.State == voting.Open})
	}
	if !moderator {
		return out, nil
	}
	// A poll may be on a draft recommendation of the track, or on none: a
	// question put to the room.
	if p.deps.Recommendations != nil {
		recs, err := p.deps.Recommendations.Recommendations(ctx, recommendations.Filter{TrackID: sess.TrackID})
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			if r.State == recommendations.Draft {
				out.Recs = append(out.Recs, pollChoice{Value: strconv.FormatInt(r.ID, 10), Label: r.Title})
			}
		}
	}
	out.Form = &pollForm{Kind: string(voting.YesNoAbstain), Secret: true, ChooseMax: "1"}
	out.Election = newElectionForm()
	for _, r := range yesNoRules {
		label, err := v.TK("poll.rule", r)
		if err != nil {
			return nil, err
		}
		out.Rules = append(out.Rules, pollChoice{Value: string(r), Label: label})
	}
	return out, nil
}

// createPoll: POST /sessions/:id/polls — a moderator sets up a poll on a
// recommendation of the session's track or a question put to the room, as
// a draft to open when the room is ready: yes/no/abstain, or choose n of
// several options; or (form=election) an election among candidates,
// ranked or choose n. Mistakes come
// back on the moderator's page with the form as filled in; the voting
// service checks everything again, and who may.
func (p *Pages) createPoll(c echo.Context) error {
	return p.signedIn(c, "session", moderatePath, func(who igfplus.Identity, id int64) error {
		return p.createPollFor(c, who, id)
	})
}

// createPollFor is createPoll for who, signed in, in session id.
func (p *Pages) createPollFor(c echo.Context, who igfplus.Identity, id int64) error {
	f := postedPollForm(c)
	v := p.view(c, moderatePath(id))
	set, err := f.check(v, id, p.deps.Now())
	if err != nil {
		return err
	}
	if len(f.Errors) == 0 {
		_, err = p.deps.Voting.CreatePoll(c.Request().Context(), who, set)
		switch {
		case err == nil:
			return seeOther(c, moderatePath(id)+"#polls")
		case igfplus.ErrorCode(err) != igfplus.EInvalid:
			return err // forbidden, not found: the error page says why
		}
		f.Detail = v.loc.Error(err)
		if f.Problem, err = v.T("moderate.polls.error.invalid"); err != nil {
			return err
		}
	}
	return p.renderModerate(c, id, http.StatusUnprocessableEntity, f)
}

// openPoll: POST /polls/:id/open — a moderator opens a draft poll.
func (p *Pages) openPoll(c echo.Context) error { return p.runPoll(c, Voting.OpenPoll) }

// closePoll: POST /polls/:id/close — a moderator closes an open poll.
func (p *Pages) closePoll(c echo.Context) error { return p.runPoll(c, Voting.ClosePoll) }

// runPoll carries out a moderator's poll action and comes back to the
// moderator's page (the field "back" is "moderate") or to the poll.
func (p *Pages) runPoll(c echo.Context, do func(Voting, context.Context, igfplus.Identity, int64) (voting.Poll, error)) error {
	return p.signedIn(c, "poll", pollPath, func(who igfplus.Identity, id int64) error {
		poll, err := do(p.deps.Voting, c.Request().Context(), who, id)
		if err != nil {
			return err
		}
		if c.FormValue("back") == "moderate" && poll.SessionID != 0 {
			return seeOther(c, moderatePath(poll.SessionID)+"#polls")
		}
		return seeOther(c, pollPath(id))
	})
}

// pollCommonArg is the argument of the template "poll-common": the
// settings every kind of poll shares, in the form whose ids start with
// Prefix.
type pollCommonArg struct {
	V      *view
	Prefix string
	F      *pollForm
}

// PollCommon gives the template "poll-common" the view, its ids' prefix
// and the form.
func (v *view) PollCommon(prefix string, f *pollForm) pollCommonArg {
	return pollCommonArg{V: v, Prefix: prefix, F: f}
}

// pollSchedule says when poll pl, in state, opens by itself (a draft) or
// closes by itself (open): "" when that waits for its moderator.
func pollSchedule(v *view, state voting.State, pl voting.Poll) (string, error) {
	var at *time.Time
	key := "moderate.polls.opens_when"
	switch state {
	case voting.Draft:
		at = pl.OpensAt
	case voting.Open:
		at, key = pl.ClosesAt, "moderate.polls.closes_when"
	}
	if at == nil {
		return "", nil
	}
	day, err := v.Date(*at)
	if err != nil {
		return "", err
	}
	return v.T(key, "Date", day, "Time", clock(*at))
}
