package assets_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/frontend/assets/internal/bundle"
	"github.com/igfplus/igfplus/frontend/i18n"
)

// TestDistIsBuiltFromSrc rebuilds the bundles in memory: dist/ must be
// exactly what src/ produces.
func TestDistIsBuiltFromSrc(t *testing.T) {
	files, err := bundle.Build(".")
	if err != nil {
		t.Fatal(err)
	}
	const fix = "dist/ is out of date with src/: run `go run ./frontend/assets/build` and commit dist/"
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join("dist", name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("dist/%s differs from its sources. %s", name, fix)
		}
	}
	entries, _ := os.ReadDir("dist")
	for _, e := range entries {
		if _, ok := files[e.Name()]; !ok {
			t.Errorf("dist/%s is not built from src/. %s", e.Name(), fix)
		}
	}
}

// TestBundlesFitTheirBudget keeps the client light for slow links.
func TestBundlesFitTheirBudget(t *testing.T) {
	files, err := bundle.Build(".")
	if err != nil {
		t.Fatal(err)
	}
	for name, limit := range bundle.Limits {
		n := len(files[name])
		t.Logf("%s: %d bytes (budget %d)", name, n, limit)
		if n == 0 || n > limit {
			t.Errorf("%s is %d bytes, budget %d", name, n, limit)
		}
	}
}

// TestClientStringsExist checks that every key the client looks up with
// t("...") is in the catalogue and among the strings the page embeds.
func TestClientStringsExist(t *testing.T) {
	cat := i18n.MustNew()
	ids := cat.IDs()
	keyRe := regexp.MustCompile(`\bt\("([a-z0-9_.]+)"`)
	srcs, _ := filepath.Glob("src/*.ts")
	found := 0
	for _, src := range srcs {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRe.FindAllStringSubmatch(string(b), -1) {
			key := m[1]
			found++
			if strings.HasSuffix(key, ".") {
				continue // a prefix completed at run time, tested below
			}
			if !slices.Contains(ids, key) {
				t.Errorf("%s: t(%q) is not in the catalogue", src, key)
			}
			if !slices.ContainsFunc(i18n.ClientPrefixes, func(p string) bool { return strings.HasPrefix(key, p) }) {
				t.Errorf("%s: t(%q) is not among the strings the page embeds (i18n.ClientPrefixes)", src, key)
			}
		}
	}
	if found == 0 {
		t.Fatal("found no t(...) calls: the pattern is stale")
	}
	for _, s := range []string{"connecting", "live", "reconnecting", "offline", "unauthorized", "forbidden", "gone", "reload", "reload_failed"} {
		if !slices.Contains(ids, "client.status."+s) {
			t.Errorf("client.status.%s is missing (socket.ts Status)", s)
		}
	}
}

// TestClientNeverWritesHTML guards the rule that message text reaches the
// page through textContent only (recommendation.ts adopts elements of the
// page as the server rendered it, parsed by DOMParser, never markup it
// builds).
func TestClientNeverWritesHTML(t *testing.T) {
	srcs, _ := filepath.Glob("src/*.ts")
	for _, src := range srcs {
		b, _ := os.ReadFile(src)
		for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s uses %s", src, bad)
			}
		}
	}
}
