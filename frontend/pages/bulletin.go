package pages

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/voting"
)

// bulletinPage is how many ballots one page of the bulletin lists: enough
// to search by eye, small enough for a slow link (about 60 KB of HTML).
const bulletinPage = 500

// bulletinData is a poll's public bulletin.
type bulletinData struct {
	Poll     voting.Poll
	Title    string
	PollHref string
	// Closed is false before the poll closes: the bulletin is published
	// at closing.
	Closed bool
	Result *resultView
	// Named adds the voters' names (named polls only).
	Named bool
	Rows  []bulletinRow
	// Range says which ballots this page lists; Prev and Next link the
	// neighbouring pages ("" at either end).
	Range, Prev, Next string
	// Receipt is the receipt searched for, and Found what the search
	// found: a sentence, with FoundHref linking to the highlighted row.
	Receipt, Found, FoundHref string
	Missing                   bool
}

// bulletinRow is one ballot of the log.
type bulletinRow struct {
	Position                      int
	BallotID, Choice, Group, Name string
	Found                         bool
}

// bulletin: GET /polls/:id/bulletin[?page=n] — a closed poll's public
// ballot log, chain head and result, for anyone, signed in or not.
func (p *Pages) bulletin(c echo.Context) error {
	id, err := pollID(c)
	if err != nil {
		return err
	}
	page, _ := strconv.Atoi(c.QueryParam("page"))
	return p.renderBulletin(c, id, page, "")
}

// findReceipt: POST /polls/:id/bulletin {receipt} — a voter finds their
// ballot by its receipt. A form post, never a query string: a receipt in a
// URL would sit in the platform's and proxies' access logs beside the
// client's address, tying the ballot to whoever looked it up.
func (p *Pages) findReceipt(c echo.Context) error {
	id, err := pollID(c)
	if err != nil {
		return err
	}
	return p.renderBulletin(c, id, 0, strings.TrimSpace(c.FormValue("receipt")))
}

// renderBulletin renders page (from 1) of the bulletin, or the page of the
// ballot whose receipt is given.
func (p *Pages) renderBulletin(c echo.Context, id int64, page int, receipt string) error {
	ctx := c.Request().Context()
	here := pollPath(id) + "/bulletin"
	v := p.view(c, here)
	// A draft is not found for anyone who may not run it, here as on the
	// poll's page.
	poll, err := p.deps.Voting.PollFor(ctx, v.Me, id)
	if err != nil {
		return err
	}
	d := &bulletinData{Poll: poll, PollHref: pollPath(id), Closed: poll.State == voting.Closed, Named: !poll.Secret, Receipt: receipt}
	v.Data = d
	if d.Title, err = p.recommendationTitle(ctx, poll.RecommendationID); err != nil {
		return err
	}
	if !d.Closed {
		return p.render(c, http.StatusOK, "bulletin", v)
	}
	log, err := p.deps.Voting.PublicLog(ctx, id)
	if err != nil {
		return err
	}
	if d.Result, err = resultOf(v, poll, log.Result); err != nil {
		return err
	}
	found := -1
	if d.Receipt != "" {
		found = findReceipt(log.Entries, d.Receipt)
		d.Missing = found < 0
		if found >= 0 {
			page = found/bulletinPage + 1
		}
	}
	if err := d.paginate(v, here, log.Entries, page, found); err != nil {
		return err
	}
	return p.render(c, http.StatusOK, "bulletin", v)
}

// findReceipt returns the index of the entry whose ballot id is receipt
// (ignoring case and spaces, as people copy it), or -1.
func findReceipt(entries []voting.LogEntry, receipt string) int {
	r := strings.ToLower(strings.Join(strings.Fields(receipt), ""))
	for i, e := range entries {
		if e.BallotID == r {
			return i
		}
	}
	return -1
}

// paginate fills the rows of page (from 1) of entries and the links
// around it; found is the index of the ballot searched for, or -1.
func (d *bulletinData) paginate(v *view, here string, entries []voting.LogEntry, page, found int) error {
	pages := max(1, (len(entries)+bulletinPage-1)/bulletinPage)
	page = min(max(page, 1), pages)
	from, to := (page-1)*bulletinPage, min(page*bulletinPage, len(entries))
	var err error
	if d.Range, err = v.T("bulletin.range", "From", min(from+1, to), "To", to, "Total", len(entries)); err != nil {
		return err
	}
	link := func(n int) string { return here + "?" + url.Values{"page": {strconv.Itoa(n)}}.Encode() }
	if page > 1 {
		d.Prev = link(page - 1)
	}
	if page < pages {
		d.Next = link(page + 1)
	}
	answers := map[string]string{}
	for i := from; i < to; i++ {
		e := entries[i]
		row := bulletinRow{Position: e.Position, BallotID: e.BallotID, Name: e.VoterName, Found: i == found}
		if row.Group, err = v.TK("group", e.Group); err != nil {
			return err
		}
		if row.Choice, err = logChoice(v, e.Choice, answers); err != nil {
			return err
		}
		d.Rows = append(d.Rows, row)
	}
	if found >= 0 {
		d.FoundHref = "#ballot-" + entries[found].BallotID
		d.Found, err = v.T("bulletin.found", "Position", entries[found].Position)
	}
	return err
}

// logChoice says a logged choice in words: the answer, or the numbers of
// the chosen options, or of a ranked ballot's options in order of
// preference (their texts are listed with the result). answers keeps the
// translations already made.
func logChoice(v *view, c voting.Choice, answers map[string]string) (string, error) {
	if c.Answer == "" {
		var nums []string
		for _, o := range append(c.Options, c.Ranking...) {
			nums = append(nums, strconv.Itoa(o))
		}
		return strings.Join(nums, ", "), nil
	}
	if s, ok := answers[c.Answer]; ok {
		return s, nil
	}
	s, err := v.T("client.poll.answer." + c.Answer)
	answers[c.Answer] = s
	return s, err
}
