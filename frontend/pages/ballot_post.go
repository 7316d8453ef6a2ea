package pages

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// castBallot: POST /polls/:id/ballots — the ballot form without
// JavaScript. It answers with the poll page itself, showing the receipt,
// rather than redirecting: a receipt in a URL would sit in logs and
// history next to who fetched it, linking a secret ballot to its voter.
// Posting again (a reload) shows the ballot already cast, with its receipt.
func (p *Pages) castBallot(c echo.Context) error {
	return p.signedIn(c, "poll", pollPath, func(who igfplus.Identity, id int64) error {
		return p.castBallotFor(c, who, id)
	})
}

// castBallotFor is castBallot for who, signed in, in poll id.
func (p *Pages) castBallotFor(c echo.Context, who igfplus.Identity, id int64) error {
	choice, chosen, mistake := ballotOf(c)
	if mistake != "" {
		// A ranking the page can tell is wrong goes no further.
		return p.renderPoll(c, id, http.StatusUnprocessableEntity, nil, mistake, chosen)
	}
	ctx := c.Request().Context()
	r, err := p.deps.Voting.Cast(ctx, who, id, choice)
	code := igfplus.ErrorCode(err)
	switch code {
	case "":
		status := http.StatusCreated
		if r.AlreadyVoted {
			status = http.StatusOK
		}
		return p.renderPoll(c, id, status, &r, "", nil)
	case igfplus.EUnauthorized:
		return signinFor(c, pollPath(id))
	case igfplus.EForbidden:
		return p.renderPoll(c, id, statusOf(code), nil, "client.poll.error.forbidden", chosen)
	case igfplus.EInvalid:
		key := "client.poll.error.invalid"
		if len(choice.Options) > 0 {
			key = "client.poll.limit" // too many ticked: the limit, in the reader's words
		}
		return p.renderPoll(c, id, statusOf(code), nil, key, chosen)
	case igfplus.EConflict:
		// One kind, three reasons: the poll's state says which.
		poll, perr := p.deps.Voting.Poll(ctx, id)
		if perr != nil {
			return perr
		}
		key := "client.poll.error.already_voted"
		switch poll.State {
		case voting.Draft:
			key = "client.poll.error.not_open"
		case voting.Closed:
			key = "client.poll.error.closed"
		}
		return p.renderPoll(c, id, statusOf(code), nil, key, chosen)
	default:
		return err
	}
}

// ballotOf reads the ballot form: "answer" (yes, no, abstain), the ticked
// "options" (numbered from 1), or a ranked ballot's "rank_<option>" selects
// (a rank from 1, or empty for a candidate not ranked). chosen is what was
// ticked or ranked ("<option>:<rank>"), to keep in the form if the ballot
// is refused; mistake is the message key of a ranking refused here: a rank
// given twice, or none.
func ballotOf(c echo.Context) (ch voting.Choice, chosen []string, mistake string) {
	if a := c.FormValue("answer"); a != "" {
		return voting.Choice{Answer: a}, []string{a}, ""
	}
	form, _ := c.FormParams()
	for _, s := range form["options"] {
		n, err := strconv.Atoi(s)
		if err != nil {
			n = 0 // refused by the service as out of range
		}
		ch.Options = append(ch.Options, n)
	}
	if len(ch.Options) > 0 {
		return ch, form["options"], ""
	}
	return rankingOf(form)
}

// rankingOf reads a ranked ballot's selects into a ranking, most
// preferred first.
func rankingOf(form url.Values) (ch voting.Choice, chosen []string, mistake string) {
	byRank := map[int]int{} // rank -> option
	ranked := false
	for name, vals := range form {
		suffix, ok := strings.CutPrefix(name, "rank_")
		if !ok || len(vals) == 0 || vals[0] == "" {
			continue
		}
		ranked = true
		option, err1 := strconv.Atoi(suffix)
		rank, err2 := strconv.Atoi(vals[0])
		if err1 != nil || err2 != nil || rank < 1 {
			option = 0 // refused by the service as an unknown candidate
		}
		chosen = append(chosen, suffix+":"+vals[0])
		if _, twice := byRank[rank]; twice {
			mistake = "client.poll.error.duplicate_rank"
		}
		byRank[rank] = option
	}
	if !ranked {
		return ch, nil, ""
	}
	for _, rank := range slices.Sorted(maps.Keys(byRank)) {
		ch.Ranking = append(ch.Ranking, byRank[rank])
	}
	return ch, chosen, mistake
}
