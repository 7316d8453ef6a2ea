package pages

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"sync"
	"text/template/parse"

	"github.com/labstack/echo/v4"
)

// pageNames are the templates that render a whole page through "layout".
var pageNames = []string{"programme", "room", "moderate", "signin", "register", "error", "poll", "bulletin",
	"issues", "nris", "track", "coorganisers", "archive", "publication", "review", "bodies", "deliveries",
	"recommendations", "recommendation", "recommendation_form", "recommendation_print", "confirm",
	"search", "schedule", "wall", "selfservice", "mailbox", "profile", "programme_admin", "schedule_admin", "schedule_session", "care",
	"call", "proposal", "board", "sso_details", "unsubscribe", "streams", "hubs", "translate"}

// sharedTemplates are the files every page's set holds: the layout, the
// live room's panels (panels.html), which the room and the moderator's
// page share, the polls' parts (polls_panel.html), which the live pages
// and the poll pages share, and the smaller partials.
var sharedTemplates = []string{"templates/layout.html", "templates/panels.html", "templates/captions.html",
	"templates/moderation.html", "templates/polls_panel.html", "templates/lists.html", "templates/provenance.html",
	"templates/follow.html", "templates/details.html", "templates/tallies.html", "templates/stream.html",
	"templates/translated.html"}

// pageSets holds each page's template set, built when the page is first
// rendered. Every set holds its own copy of the shared templates it calls
// (the html/template escaper rewrites the trees of the set it runs in),
// 7 MB for all 43 pages (BenchmarkPageSetsHeap): an idle node, or one
// that only serves live sockets, holds none, and a node holds the sets of
// the pages people actually ask for. The tests build every set (TestEveryPageParses), so
// a template that does not parse still fails before it ships.
type pageSets struct {
	// sets is filled in New and only read afterwards: no lock needed
	// around the map, each entry has its own.
	sets map[string]*pageSet
}

// pageSet is one page's template set, parsed once, on first use.
type pageSet struct {
	once sync.Once
	t    *template.Template
	err  error
}

func newPageSets(names []string) *pageSets {
	s := &pageSets{sets: make(map[string]*pageSet, len(names))}
	for _, name := range names {
		s.sets[name] = &pageSet{}
	}
	return s
}

// get returns page's template set, parsing it on the first call.
func (s *pageSets) get(page string) (*template.Template, error) {
	set, ok := s.sets[page]
	if !ok {
		return nil, fmt.Errorf("pages: no page template %q", page)
	}
	set.once.Do(func() {
		full, err := parsePage(page)
		if err != nil {
			set.err = err
			return
		}
		set.t, set.err = reachable(full, "layout")
	})
	return set.t, set.err
}

// parsePage parses page with the shared templates. Pages call view
// methods for text ({{.T "key"}}), so no per-request template functions
// are needed.
func parsePage(page string) (*template.Template, error) {
	files := slices.Concat(sharedTemplates, []string{"templates/" + page + ".html"})
	t, err := template.New("layout.html").ParseFS(templateFS, files...)
	if err != nil {
		return nil, fmt.Errorf("pages: parse %s: %w", page, err)
	}
	return t, nil
}

// reachable returns the templates of full that root can call, directly
// or through others, as a set of their own. A page's set holds every
// shared partial, most of which it never calls (the sign-in page calls
// none of the live room's panels): keeping the called ones alone makes a
// set a quarter of its 700 KB on average. Template names in calls are
// constants, so what is reachable is known before any execution.
func reachable(full *template.Template, root string) (*template.Template, error) {
	names := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		t := full.Lookup(name)
		if names[name] || t == nil || t.Tree == nil {
			return
		}
		names[name] = true
		for _, called := range calls(t.Tree.Root) {
			visit(called)
		}
	}
	visit(root)
	out := template.New(root)
	for name := range names {
		if _, err := out.AddParseTree(name, full.Lookup(name).Tree); err != nil {
			return nil, fmt.Errorf("pages: %s: %w", name, err)
		}
	}
	return out, nil
}

// calls returns the names of the templates that node calls.
func calls(node parse.Node) []string {
	var out []string
	switch n := node.(type) {
	case *parse.TemplateNode:
		out = append(out, n.Name)
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		for _, c := range n.Nodes {
			out = append(out, calls(c)...)
		}
	case *parse.IfNode:
		out = append(append(out, calls(n.List)...), calls(n.ElseList)...)
	case *parse.RangeNode:
		out = append(append(out, calls(n.List)...), calls(n.ElseList)...)
	case *parse.WithNode:
		out = append(append(out, calls(n.List)...), calls(n.ElseList)...)
	}
	return out
}

// render writes page with status. It renders into a buffer first, so that a
// template error becomes a clean error page instead of half a page.
func (p *Pages) render(c echo.Context, status int, page string, v *view) error {
	t, err := p.tmpl.get(page)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		return fmt.Errorf("pages: render %s: %w", page, err)
	}
	h := c.Response().Header()
	// Pages show who is signed in and depend on the language: private,
	// revalidated each time.
	h.Set("Cache-Control", "private, no-cache")
	h.Add(echo.HeaderVary, "Accept-Language, Cookie")
	h.Set("Content-Language", v.Lang)
	return c.HTMLBlob(status, buf.Bytes())
}

// seeOther redirects after a form, so that reloading does not post again.
func seeOther(c echo.Context, to string) error {
	return c.Redirect(http.StatusSeeOther, to)
}
