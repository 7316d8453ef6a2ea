package pages

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/translations"
)

// reviewData is the high-level body's review queue.
type reviewData struct {
	Items []reviewItem
	// Member is false for the Secretariat, who sees the queue but neither
	// edits nor approves.
	Member bool
	// Done says what the last form did (a polite status).
	Done string
}

type reviewItem struct {
	publishing.Item
	Paragraphs []string
	Provenance *provenanceView
	Approvals  string
	Approvers  []string
	// Approved is whether the viewer has approved already.
	Approved bool
}

// review: GET /review — adopted recommendations waiting for the high-level
// body, with their provenance, the summary and translation forms and the
// approval button. Publishing needs two different members' approvals.
func (p *Pages) review(c echo.Context) error {
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, "/review")
	}
	items, err := p.deps.Publishing.Queue(c.Request().Context(), who)
	if err != nil {
		return err
	}
	v := p.view(c, "/review")
	d := &reviewData{Member: who.Has(igfplus.RoleHLBMember)}
	if done := c.QueryParam("done"); done == "summary" || done == "translation" || done == "approved" || done == "changed" {
		key := "review.done." + done
		if done == "changed" {
			key = "review.error.changed"
		}
		if d.Done, err = v.T(key); err != nil {
			return err
		}
	}
	for _, it := range items {
		ri := reviewItem{Item: it, Paragraphs: paragraphs(it.Text)}
		if ri.Provenance, err = provenanceOf(v, it.Provenance); err != nil {
			return err
		}
		if ri.Approvals, err = v.T("review.approvals", "Count", len(it.Approvals), "Needed", publishing.ApprovalsToPublish); err != nil {
			return err
		}
		for _, a := range it.Approvals {
			ri.Approvers = append(ri.Approvers, a.Name)
		}
		ri.Approved = slices.ContainsFunc(it.Approvals, func(a publishing.Approval) bool { return a.AccountID == who.AccountID })
		d.Items = append(d.Items, ri)
	}
	v.Data = d
	return p.render(c, http.StatusOK, "review", v)
}

// reviewForm runs one of the review queue's forms for recommendation :id
// and comes back to the queue (or, once published, to the publication).
func (p *Pages) reviewForm(c echo.Context, do func(who igfplus.Identity, id int64) (string, error)) error {
	return p.signedIn(c, "recommendation", backTo("/review"), func(who igfplus.Identity, id int64) error {
		to, err := do(who, id)
		if err != nil {
			return err
		}
		return seeOther(c, to)
	})
}

func reviewBack(done string, id int64) string {
	return "/review?done=" + done + "#rec-" + strconv.FormatInt(id, 10)
}

// reviewSummary: POST /review/:id/summary {summary}.
func (p *Pages) reviewSummary(c echo.Context) error {
	return p.reviewForm(c, func(who igfplus.Identity, id int64) (string, error) {
		return reviewBack("summary", id), p.deps.Publishing.SetSummary(c.Request().Context(), who, id, c.FormValue("summary"))
	})
}

// reviewTranslation: POST /review/:id/translation {language, text,
// machine, engine}.
func (p *Pages) reviewTranslation(c echo.Context) error {
	return p.reviewForm(c, func(who igfplus.Identity, id int64) (string, error) {
		t := publishing.Translation{Language: c.FormValue("language"), Text: c.FormValue("text"), Engine: c.FormValue("engine")}
		if c.FormValue("machine") == "true" {
			t.Origin = translations.Machine
		}
		return reviewBack("translation", id), p.deps.Publishing.SetTranslation(c.Request().Context(), who, id, t)
	})
}

// reviewApprove: POST /review/:id/approve {content_hash} — the viewer's
// approval of the content the page showed them; the second member's
// approval of the same content publishes, and the browser goes to the
// publication. When the content changed meanwhile, the queue comes back
// saying so, with the new content to read.
func (p *Pages) reviewApprove(c echo.Context) error {
	return p.reviewForm(c, func(who igfplus.Identity, id int64) (string, error) {
		published, err := p.deps.Publishing.Approve(c.Request().Context(), who, id, c.FormValue("content_hash"))
		if published {
			return publicationPath(id), err
		}
		if igfplus.ErrorMessage(err) == publishing.MsgContentChanged {
			return reviewBack("changed", id), nil
		}
		return reviewBack("approved", id), err
	})
}
