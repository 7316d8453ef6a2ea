package web

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Link    []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title     string    `xml:"title"`
	ID        string    `xml:"id"`
	Updated   string    `xml:"updated"`
	Published string    `xml:"published"`
	Link      atomLink  `xml:"link"`
	Summary   string    `xml:"summary"`
	Content   atomText  `xml:"content"`
	Category  []atomCat `xml:"category"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomCat struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

// publicationsAtom: GET /recommendations.atom — the published
// recommendations as an Atom feed, with the archive's filters.
func (s *Server) publicationsAtom(c echo.Context) error {
	items, err := s.published(c)
	if err != nil {
		return err
	}
	base := c.Scheme() + "://" + c.Request().Host
	feed := atomFeed{Title: "IGF Plus: published recommendations", ID: base + "/recommendations.atom",
		Updated: time.Unix(0, 0).UTC().Format(time.RFC3339),
		Link:    []atomLink{{Rel: "self", Type: "application/atom+xml", Href: base + c.Request().URL.RequestURI()}}}
	for i, it := range items {
		at := it.PublishedAt.UTC().Format(time.RFC3339)
		if i == 0 {
			feed.Updated = at
		}
		url := fmt.Sprintf("%s/api/publications/%d", base, it.RecommendationID)
		feed.Entries = append(feed.Entries, atomEntry{
			Title: it.Title, ID: url, Updated: at, Published: at, Link: atomLink{Rel: "alternate", Href: url},
			Summary: it.Summary, Content: atomText{Type: "text", Text: it.Text},
			Category: []atomCat{
				{Term: fmt.Sprintf("policy_issue:%d", it.Provenance.PolicyIssueID), Label: it.Provenance.PolicyIssue},
				{Term: fmt.Sprintf("track:%d", it.Provenance.TrackID), Label: it.Provenance.Track},
				{Term: fmt.Sprintf("edition:%d", it.Provenance.EditionID), Label: fmt.Sprint(it.Provenance.EditionYear)},
			},
		})
	}
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, "application/atom+xml; charset=utf-8", append([]byte(xml.Header), out...))
}
