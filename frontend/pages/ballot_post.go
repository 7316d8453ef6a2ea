package pages

import (
	"net/http"
	"strconv"

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
	id, err := pollID(c)
	if err != nil {
		return err
	}
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, pollPath(id))
	}
	choice, chosen := ballotOf(c)
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
		return p.renderPoll(c, id, statusOf(code), nil, "client.poll.error.invalid", chosen)
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

// ballotOf reads the ballot form: "answer" (yes, no, abstain) or the
// ticked "options" (numbered from 1). chosen is what was ticked, to keep
// in the form if the ballot is refused.
func ballotOf(c echo.Context) (voting.Choice, []string) {
	if a := c.FormValue("answer"); a != "" {
		return voting.Choice{Answer: a}, []string{a}
	}
	form, _ := c.FormParams()
	var ch voting.Choice
	for _, s := range form["options"] {
		n, err := strconv.Atoi(s)
		if err != nil {
			n = 0 // refused by the service as out of range
		}
		ch.Options = append(ch.Options, n)
	}
	return ch, form["options"]
}
