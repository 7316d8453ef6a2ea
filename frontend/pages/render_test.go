package pages

import (
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/igfplus/igfplus/deploy/testenv"
)

// TestEveryPageParses builds every page's template set, as the first
// request for each would: the sets are built on first use, so a template
// that does not parse fails here rather than on a rare page.
func TestEveryPageParses(t *testing.T) {
	sets := newPageSets(pageNames)
	for _, name := range pageNames {
		if _, err := sets.get(name); err != nil {
			t.Error(err)
		}
	}
	files := templateFiles(t)
	for path := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(path, "templates/"), ".html")
		if !slices.Contains(pageNames, name) && !slices.Contains(sharedTemplates, path) {
			t.Errorf("%s is neither a page nor a shared template: no page can use it", path)
		}
	}
}

// TestPagesParseOnlyThePagesAskedFor: a new Pages holds no page's
// template set; rendering a page builds that page's alone, so an idle
// node does not hold the sets of pages nobody asked for (each is half a
// megabyte of copied layout).
func TestPagesParseOnlyThePagesAskedFor(t *testing.T) {
	f := newFixture(t)
	if built := builtPages(f.p); len(built) != 0 {
		t.Fatalf("before any request, the sets of %v are built", built)
	}
	if w := f.get("/signin", ""); w.Code != http.StatusOK {
		t.Fatalf("GET /signin: %d", w.Code)
	}
	if built := builtPages(f.p); !slices.Equal(built, []string{"signin"}) {
		t.Fatalf("after GET /signin, the sets of %v are built, want [signin]", built)
	}
}

// TestAPageFirstAskedForByManyAtOnceIsBuiltOnce: concurrent first renders
// of one page share one set (go test -race checks the rest).
func TestAPageFirstAskedForByManyAtOnceIsBuiltOnce(t *testing.T) {
	sets := newPageSets(pageNames)
	var wg sync.WaitGroup
	got := make([]any, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := sets.get("room")
			if err != nil {
				t.Error(err)
			}
			got[i] = s
		}()
	}
	wg.Wait()
	for _, s := range got[1:] {
		if s != got[0] {
			t.Fatal("two first renders of one page built two sets")
		}
	}
}

// builtPages lists the pages whose sets p has built, sorted.
func builtPages(p *Pages) []string {
	var out []string
	for name, s := range p.tmpl.sets {
		if s.t != nil {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// TestAPageSetHoldsOnlyTheTemplatesItCalls: the sign-in page's set has
// the layout but none of the live room's panels, which the room's set
// has: a set keeps what "layout" can reach, not every shared partial.
func TestAPageSetHoldsOnlyTheTemplatesItCalls(t *testing.T) {
	sets := newPageSets(pageNames)
	signin, err := sets.get("signin")
	if err != nil {
		t.Fatal(err)
	}
	room, err := sets.get("room")
	if err != nil {
		t.Fatal(err)
	}
	if signin.Lookup("layout") == nil || room.Lookup("agenda") == nil {
		t.Fatal("a page's set lacks a template it calls")
	}
	if signin.Lookup("agenda") != nil {
		t.Fatal("the sign-in page's set holds the room's agenda panel, which it never calls")
	}
}

// BenchmarkPageSetsHeap reports the live heap of every page's set, as a
// node holds them once each page has been asked for (docs/PERFORMANCE.md,
// "Idle heap").
//
//	go test -run XXX -bench BenchmarkPageSetsHeap -benchtime 1x ./frontend/pages/
func BenchmarkPageSetsHeap(b *testing.B) {
	var before, after float64
	for b.Loop() {
		before = testenv.LiveHeap()
		sets := newPageSets(pageNames)
		for _, name := range pageNames {
			if _, err := sets.get(name); err != nil {
				b.Fatal(err)
			}
		}
		after = testenv.LiveHeap()
		runtime.KeepAlive(sets)
	}
	b.ReportMetric((after-before)/1e6, "all-MB")
}
