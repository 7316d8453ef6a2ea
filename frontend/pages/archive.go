package pages

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/publishing"
)

// archiveData is the public archive: published recommendations, filtered
// by edition, policy issue and track.
type archiveData struct {
	Items                   []archiveItem
	Editions, Issues, Track []filterOption
	// AtomHref is the feed with the same filter.
	AtomHref string
	Filtered bool
}

type archiveItem struct {
	publishing.Item
	Href, Published, Summary string
	// SummaryLang is the language Summary is in: the reader's where
	// translated, else the source's (the same rule as the publication's).
	SummaryLang string
}

// archive: GET /publications[?edition=&policy_issue=&track=] — the public
// archive, for anyone, with its Atom feed.
func (p *Pages) archive(c echo.Context) error {
	ctx := c.Request().Context()
	var f publishing.Filter
	q := url.Values{}
	for name, dst := range map[string]*int64{"edition": &f.EditionID, "policy_issue": &f.PolicyIssueID, "track": &f.TrackID} {
		if n, err := strconv.ParseInt(c.QueryParam(name), 10, 64); err == nil && n > 0 {
			*dst = n
			q.Set(name, strconv.FormatInt(n, 10))
		}
	}
	// The filters offer what has been published at all (up to the
	// archive's page of 500), whatever is selected now.
	all, err := p.deps.Publishing.Published(ctx, publishing.Filter{Limit: 500})
	if err != nil {
		return err
	}
	items := all
	if len(q) > 0 {
		if items, err = p.deps.Publishing.Published(ctx, f); err != nil {
			return err
		}
	}
	v := p.view(c, "/publications")
	d := &archiveData{AtomHref: "/recommendations.atom", Filtered: len(q) > 0,
		Editions: filterOptions(all, func(pr publishing.Provenance) (int64, string) { return pr.EditionID, strconv.Itoa(pr.EditionYear) }, f.EditionID),
		Issues:   filterOptions(all, func(pr publishing.Provenance) (int64, string) { return pr.PolicyIssueID, pr.PolicyIssue }, f.PolicyIssueID),
		Track:    filterOptions(all, func(pr publishing.Provenance) (int64, string) { return pr.TrackID, pr.Track }, f.TrackID)}
	if len(q) > 0 {
		d.AtomHref += "?" + q.Encode()
	}
	for _, it := range items {
		ai := archiveItem{Item: it, Href: publicationPath(it.RecommendationID)}
		var cv *contentView
		ai.Summary, cv = publicationContent(v, it)
		ai.SummaryLang = cv.Summary.Lang
		if ai.Published, err = v.Date(it.PublishedAt); err != nil {
			return err
		}
		d.Items = append(d.Items, ai)
	}
	v.Data = d
	return p.render(c, http.StatusOK, "archive", v)
}

// publicationData is one published recommendation with its provenance and
// public timeline.
type publicationData struct {
	Item       publishing.Item
	Paragraphs []string
	Provenance *provenanceView
	Published  string
	Steps      []stepLine
	// Summary is the summary in the reader's language where translated,
	// else as written; Content says which, for the translation note.
	Summary string
	Content *contentView
}

// stepLine is one entry of the timeline, in words.
type stepLine struct {
	Kind, What, When, ISO, Text, Link string
}

// publication: GET /publications/:id — a published recommendation: its
// text, summary, provenance and timeline (relays and bodies' answers).
func (p *Pages) publication(c echo.Context) error {
	id, err := pathInt(c, "publication")
	if err != nil {
		return err
	}
	it, steps, err := p.deps.Publishing.Publication(c.Request().Context(), id)
	if err != nil {
		return err
	}
	v := p.view(c, publicationPath(id))
	d := &publicationData{Item: it, Paragraphs: paragraphs(it.Text)}
	d.Summary, d.Content = publicationContent(v, it)
	if d.Provenance, err = provenanceOf(v, it.Provenance); err != nil {
		return err
	}
	if d.Published, err = v.Date(it.PublishedAt); err != nil {
		return err
	}
	for _, s := range steps {
		line := stepLine{Kind: s.Kind, ISO: v.ISO(s.At), Text: s.Text, Link: s.Link}
		if line.When, err = v.Date(s.At); err != nil {
			return err
		}
		line.When += " " + clock(s.At)
		state, err := v.TK("answer_state", s.State)
		if err != nil {
			return err
		}
		if line.What, err = v.T("publication.step."+s.Kind, "Body", v.Isolate(s.Body), "State", state); err != nil {
			return err
		}
		d.Steps = append(d.Steps, line)
	}
	v.Data = d
	return p.render(c, http.StatusOK, "publication", v)
}
