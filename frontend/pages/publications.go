package pages

import (
	"cmp"
	"context"
	"encoding/json"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
	"github.com/igfplus/igfplus/tracks/voting"
)

// Publishing is what the high-level body's pages use of
// publishing.Service: the review queue, the public archive, the registry
// of bodies and its delivery log.
type Publishing interface {
	Queue(ctx context.Context, who igfplus.Identity) ([]publishing.Item, error)
	SetSummary(ctx context.Context, who igfplus.Identity, id int64, text string) error
	SetTranslation(ctx context.Context, who igfplus.Identity, id int64, t publishing.Translation) error
	Approve(ctx context.Context, who igfplus.Identity, id int64, contentHash string) (bool, error)
	Published(ctx context.Context, f publishing.Filter) ([]publishing.Item, error)
	Publication(ctx context.Context, id int64) (publishing.Item, []publishing.Step, error)
	Bodies(ctx context.Context) ([]publishing.Body, error)
	Deliveries(ctx context.Context, who igfplus.Identity, endpointID int64) ([]publishing.Delivery, error)
	Replay(ctx context.Context, who igfplus.Identity, attemptID int64) error
	Registry
}

// Registry is the Secretariat's keeping of the registry of bodies.
type Registry interface {
	CreateBody(ctx context.Context, who igfplus.Identity, b publishing.Body) (publishing.Body, error)
	AddEndpoint(ctx context.Context, who igfplus.Identity, e publishing.Endpoint) (publishing.Endpoint, error)
	SetEndpoint(ctx context.Context, who igfplus.Identity, e publishing.Endpoint) (publishing.Endpoint, error)
	AddSecret(ctx context.Context, who igfplus.Identity, endpointID int64, kind publishing.SecretKind) (publishing.Secret, error)
	Secrets(ctx context.Context, who igfplus.Identity, endpointIDs []int64) ([]publishing.Secret, error)
	RetireSecret(ctx context.Context, who igfplus.Identity, secretID int64) error
	RotateInboundSecret(ctx context.Context, who igfplus.Identity, bodyID int64) (string, error)
}

var _ Publishing = (*publishing.Service)(nil)

// publishingRoutes mounts the archive (public), the review queue (high-
// level body members) and the registry with its delivery log (the
// Secretariat).
func (p *Pages) publishingRoutes(g *echo.Group) {
	g.GET("/publications", p.archive)
	g.GET("/publications/:id", p.publication)
	g.GET("/review", p.review)
	g.POST("/review/:id/summary", p.reviewSummary)
	g.POST("/review/:id/translation", p.reviewTranslation)
	g.POST("/review/:id/approve", p.reviewApprove)
	g.GET("/bodies", p.bodies)
	g.POST("/bodies", p.createBody)
	g.POST("/bodies/:id/endpoints", p.addEndpoint)
	g.POST("/bodies/:id/inbound-secret", p.rotateInbound)
	g.POST("/endpoints/:id", p.setEndpoint)
	g.POST("/endpoints/:id/secrets", p.addSecret)
	g.POST("/secrets/:id/retire", p.retireSecret)
	g.GET("/endpoints/:id/deliveries", p.deliveries)
	g.POST("/deliveries/:id/replay", p.replay)
}

// HasPublishing says whether the high-level body's pages are served (the
// navigation links them).
func (v *view) HasPublishing() bool { return v.p.deps.Publishing != nil }

// MayReview says whether the navigation offers the review queue.
func (v *view) MayReview() bool {
	return v.Me.Has(igfplus.RoleHLBMember) || v.Me.Has(igfplus.RoleSecretariat)
}

// IsSecretariat says whether the navigation offers the registry of bodies.
func (v *view) IsSecretariat() bool { return v.Me.Has(igfplus.RoleSecretariat) }

func publicationPath(id int64) string { return "/publications/" + strconv.FormatInt(id, 10) }

// provenanceView is an item's provenance in words, shared by the review
// queue and the publication page.
type provenanceView struct {
	P      publishing.Provenance
	Result *resultView
	// Dissent is the record of dissent with the groups translated.
	Dissent                             []dissentLine
	PollHref, BulletinHref, SessionHref string
}

// provArg is the argument of the template "provenance".
type provArg struct {
	V *view
	P *provenanceView
}

// Prov gives the template "provenance" both the view and the provenance.
func (v *view) Prov(p *provenanceView) provArg { return provArg{V: v, P: p} }

type dissentLine struct{ Group, Who, Reason string }

// provenanceOf translates p. A stored poll result this version cannot
// read is left out (and logged) rather than failing the page.
func provenanceOf(v *view, p publishing.Provenance) (*provenanceView, error) {
	out := &provenanceView{P: p}
	if p.SessionID != 0 {
		out.SessionHref = sessionPath(p.SessionID)
	}
	if p.PollID != 0 {
		out.PollHref = pollPath(p.PollID)
		out.BulletinHref = out.PollHref + "/bulletin"
	}
	if len(p.PollResult) > 0 {
		var r voting.Result
		if err := json.Unmarshal(p.PollResult, &r); err != nil {
			v.p.log.Warn("pages: unreadable poll result", "poll", p.PollID, "err", err)
		} else {
			var err error
			if r.ChainHead == "" {
				r.ChainHead = p.ChainHead
			}
			if out.Result, err = resultOf(v, voting.Poll{Settings: voting.Settings{Kind: voting.YesNoAbstain}}, r); err != nil {
				return nil, err
			}
		}
	}
	for _, d := range p.Dissent {
		g, err := v.TK("group", d.StakeholderGroup)
		if err != nil {
			return nil, err
		}
		out.Dissent = append(out.Dissent, dissentLine{Group: g, Who: d.Who, Reason: d.Reason})
	}
	return out, nil
}

// paragraphs splits a recommendation's canonical text on blank lines.
func paragraphs(text string) []string { return splitTrimmed(text, "\n\n") }

// filterOption is one choice of a filter's select.
type filterOption struct {
	ID       int64
	Name     string
	Selected bool
}

// filterOptions lists the distinct (id, name) pairs of items, sorted by name,
// with selected marked.
func filterOptions(items []publishing.Item, pick func(publishing.Provenance) (int64, string), selected int64) []filterOption {
	seen := map[int64]bool{}
	var out []filterOption
	for _, it := range items {
		id, name := pick(it.Provenance)
		if !seen[id] {
			seen[id] = true
			out = append(out, filterOption{ID: id, Name: name, Selected: id == selected})
		}
	}
	slices.SortFunc(out, func(a, b filterOption) int { return cmp.Compare(a.Name, b.Name) })
	return out
}
