package pages

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/recommendations"
	"github.com/igfplus/igfplus/tracks/voting"
)

// Voting is what the pages use of voting.Service.
type Voting interface {
	Poll(ctx context.Context, id int64) (voting.Poll, error)
	// PollFor is Poll as who may see it: a draft only for those who may
	// run it, not found for anyone else.
	PollFor(ctx context.Context, who igfplus.Identity, id int64) (voting.Poll, error)
	// PollsOfSessionFor is a session's polls as who may see them.
	PollsOfSessionFor(ctx context.Context, who igfplus.Identity, sessionID int64) ([]voting.Poll, error)
	// Turnout is what who may see of a poll's turnout: an open secret
	// poll's only for those who may follow its session.
	Turnout(ctx context.Context, who igfplus.Identity, id int64) (voting.Turnout, error)
	// Cast commits a ballot and returns its receipt, or the receipt of the
	// voter's earlier ballot (AlreadyVoted): EConflict when the poll is not
	// open, EForbidden outside the electorate.
	Cast(ctx context.Context, who igfplus.Identity, pollID int64, c voting.Choice) (voting.Receipt, error)
	// MyBallot is who's own receipt in an open poll; ENotFound if none.
	MyBallot(ctx context.Context, who igfplus.Identity, pollID int64) (voting.Receipt, error)
	// PublicLog is a closed poll's ballot log; EConflict before it closes.
	PublicLog(ctx context.Context, id int64) (voting.PublicLog, error)
	PollsOfSession(ctx context.Context, sessionID int64) ([]voting.Poll, error)
	CreatePoll(ctx context.Context, who igfplus.Identity, s voting.Settings) (voting.Poll, error)
	OpenPoll(ctx context.Context, who igfplus.Identity, id int64) (voting.Poll, error)
	ClosePoll(ctx context.Context, who igfplus.Identity, id int64) (voting.Poll, error)
}

// Recommendations is what the pages use of recommendations.Service: the
// titles polls are about, and a track's recommendations to put to a vote.
type Recommendations interface {
	Recommendation(ctx context.Context, id int64) (recommendations.Recommendation, error)
	Recommendations(ctx context.Context, f recommendations.Filter) ([]recommendations.Recommendation, error)
}

var (
	_ Voting          = (*voting.Service)(nil)
	_ Recommendations = (*recommendations.Service)(nil)
)

// pollData is the poll page.
type pollData struct {
	Poll  voting.Poll
	Title string // the recommendation's
	Rule  string
	// Options are the ballot's choices; Multiple makes them checkboxes
	// (choose up to Poll.ChooseMax, said in Limit).
	Options  []pollOption
	Multiple bool
	Limit    string
	// Ranked makes them rank selects, offering Ranks (1 to the number of
	// candidates) and "not ranked"; Limit then says how to rank.
	Ranked bool
	Ranks  []string
	// Election is set when the options are candidates.
	Election bool
	// Signin is set for visitors who must sign in to vote.
	Signin bool
	// Receipt is the viewer's ballot, just cast or found again; Voted says
	// so, with its choice in words.
	Receipt *voting.Receipt
	Voted   string
	// Secrecy tells voters, before they vote, what is published and when:
	// whether the results are hidden until the close, whether names are
	// published.
	Secrecy      string
	Error        string
	Turnout      *turnoutView
	Result       *resultView
	RoomHref     string
	BulletinHref string
	// Socket is whether the client follows the session's room (else it
	// asks for the turnout every few seconds).
	Socket  bool
	Strings map[string]string
}

// pollOption is one choice of the ballot form; Rank is the rank it was
// given on a ranked ballot that came back refused.
type pollOption struct {
	Value, Label, Rank string
	Checked            bool
}

// pollClientPrefixes are the messages poll.js needs.
var pollClientPrefixes = []string{"client.status.", "client.poll.", "poll.state.", "group."}

// pollPath is the poll page of poll id.
func pollPath(id int64) string { return "/polls/" + strconv.FormatInt(id, 10) }

// pollID reads the :id path parameter.
func pollID(c echo.Context) (int64, error) { return pathInt(c, "poll") }

// poll: GET /polls/:id — a poll on a recommendation: the ballot form while
// it is open, live turnout, and the result once it closes. Anyone may read
// it; voting needs signing in.
func (p *Pages) poll(c echo.Context) error {
	id, err := pollID(c)
	if err != nil {
		return err
	}
	return p.renderPoll(c, id, http.StatusOK, nil, "", nil)
}

// renderPoll renders poll id, with the receipt of a ballot just cast, or
// the error key of a refused one and what was chosen.
func (p *Pages) renderPoll(c echo.Context, id int64, status int, receipt *voting.Receipt, errKey string, chosen []string) error {
	ctx := c.Request().Context()
	v := p.view(c, pollPath(id))
	poll, err := p.deps.Voting.PollFor(ctx, v.Me, id)
	if err != nil {
		return err
	}
	if receipt == nil && !v.Me.Anonymous() && poll.State == voting.Open {
		if receipt, err = p.myBallot(ctx, v.Me, id); err != nil {
			return err
		}
	}
	d := &pollData{Poll: poll, Receipt: receipt, Signin: v.Me.Anonymous(), BulletinHref: pollPath(id) + "/bulletin", Election: poll.Election()}
	if d.Title, err = p.recommendationTitle(ctx, poll.RecommendationID); err != nil {
		return err
	}
	if poll.SessionID != 0 {
		d.RoomHref = sessionPath(poll.SessionID)
		d.Socket = !v.Me.Anonymous()
	}
	if d.Rule, err = v.TK("poll.rule", poll.Rule); err != nil {
		return err
	}
	if d.Secrecy, err = v.T(secrecyKey(poll)); err != nil {
		return err
	}
	if err := d.ballot(v, chosen); err != nil {
		return err
	}
	if receipt != nil {
		choice, err := choiceText(v, poll, receipt.Choice)
		if err != nil {
			return err
		}
		if d.Voted, err = clientText(v, "client.poll.receipt.done", "choice", choice); err != nil {
			return err
		}
	}
	if errKey != "" {
		if d.Error, err = clientText(v, errKey, "n", strconv.Itoa(poll.ChooseMax)); err != nil {
			return err
		}
	}
	if err := p.pollFigures(ctx, v, d); err != nil {
		return err
	}
	if d.Strings, err = v.loc.Strings(pollClientPrefixes...); err != nil {
		return err
	}
	v.Data = d
	return p.render(c, status, "poll", v)
}

// myBallot is the viewer's receipt in an open poll, or nil when they have
// not voted: after a reload the page still says they have, with the
// receipt, shown to them alone.
func (p *Pages) myBallot(ctx context.Context, who igfplus.Identity, id int64) (*voting.Receipt, error) {
	r, err := p.deps.Voting.MyBallot(ctx, who, id)
	switch igfplus.ErrorCode(err) {
	case "":
		return &r, nil
	case igfplus.ENotFound, igfplus.EConflict:
		return nil, nil
	}
	return nil, err
}

// secrecyKey is the message that tells voters what the poll publishes.
func secrecyKey(p voting.Poll) string {
	switch {
	case p.Secret:
		return "poll.secrecy.secret"
	case p.HideResults:
		return "poll.secrecy.hidden"
	}
	return "poll.secrecy.live"
}

// recommendationTitle is the title of the recommendation a poll is on;
// without the recommendations service, or for a question put to the room,
// the page does without.
func (p *Pages) recommendationTitle(ctx context.Context, id int64) (string, error) {
	if p.deps.Recommendations == nil || id == 0 {
		return "", nil
	}
	r, err := p.deps.Recommendations.Recommendation(ctx, id)
	if err != nil {
		return "", err
	}
	return r.Title, nil
}

// ballot prepares the form's choices, ticking those in chosen.
func (d *pollData) ballot(v *view, chosen []string) error {
	ticked := func(val string) bool {
		for _, c := range chosen {
			if c == val {
				return true
			}
		}
		return false
	}
	if d.Poll.Kind == voting.Ranked {
		return d.rankedBallot(v, chosen)
	}
	if d.Poll.Kind == voting.Choose {
		d.Multiple = true
		var err error
		if d.Limit, err = v.T("poll.vote.limit", "Max", d.Poll.ChooseMax, "Total", len(d.Poll.Options)); err != nil {
			return err
		}
		for i, o := range d.Poll.Options {
			val := strconv.Itoa(i + 1)
			d.Options = append(d.Options, pollOption{Value: val, Label: o, Checked: ticked(val)})
		}
		return nil
	}
	for _, a := range []string{voting.Yes, voting.No, voting.Abstain} {
		label, err := v.T("client.poll.answer." + a)
		if err != nil {
			return err
		}
		d.Options = append(d.Options, pollOption{Value: a, Label: label, Checked: ticked(a)})
	}
	return nil
}

// rankedBallot prepares a ranked ballot: a rank select per candidate,
// keeping the ranks of a refused ballot (chosen holds "<option>:<rank>").
func (d *pollData) rankedBallot(v *view, chosen []string) error {
	d.Ranked = true
	var err error
	if d.Limit, err = v.T("poll.vote.rank_hint", "Total", len(d.Poll.Options)); err != nil {
		return err
	}
	given := map[string]string{}
	for _, c := range chosen {
		if o, r, ok := strings.Cut(c, ":"); ok {
			given[o] = r
		}
	}
	for i, o := range d.Poll.Options {
		val := strconv.Itoa(i + 1)
		d.Options = append(d.Options, pollOption{Value: val, Label: o, Rank: given[val]})
		d.Ranks = append(d.Ranks, val)
	}
	return nil
}

// pollFigures adds the live turnout of an open poll, or the result of a
// closed one.
func (p *Pages) pollFigures(ctx context.Context, v *view, d *pollData) error {
	var err error
	switch d.Poll.State {
	case voting.Draft, voting.Open:
		// A draft's (empty) turnout is on the page, hidden, for the client
		// to show when the poll opens.
		// An open secret poll's turnout is for those who may follow its
		// session: others see none.
		t, terr := p.deps.Voting.Turnout(ctx, v.Me, d.Poll.ID)
		switch igfplus.ErrorCode(terr) {
		case "":
			d.Turnout, err = turnoutOf(v, d.Poll, t)
		case igfplus.EUnauthorized, igfplus.EForbidden:
		default:
			return terr
		}
	case voting.Closed:
		if d.Poll.Result != nil {
			d.Result, err = resultOf(v, d.Poll, *d.Poll.Result)
		}
	}
	return err
}

// choiceText says a ballot's choice in words: the answer, or the chosen
// options' texts.
func choiceText(v *view, poll voting.Poll, c voting.Choice) (string, error) {
	if c.Answer != "" {
		return v.T("client.poll.answer." + c.Answer)
	}
	var parts []string
	for _, o := range c.Options {
		if o >= 1 && o <= len(poll.Options) {
			parts = append(parts, v.Isolate(poll.Options[o-1]))
		}
	}
	for i, o := range c.Ranking {
		if o >= 1 && o <= len(poll.Options) {
			parts = append(parts, strconv.Itoa(i+1)+". "+v.Isolate(poll.Options[o-1]))
		}
	}
	return strings.Join(parts, "; "), nil
}

// clientText fills a client message's {name} placeholders, so that the
// page and poll.js say the same thing from the same message.
func clientText(v *view, key string, kv ...string) (string, error) {
	s, err := v.T(key)
	if err != nil {
		return "", err
	}
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{"+kv[i]+"}", kv[i+1])
	}
	return s, nil
}
