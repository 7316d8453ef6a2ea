package pages

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// assetHash hides the bundles' content hashes, which change with every
// edit of the client, so that the golden files only follow the pages.
var assetHash = regexp.MustCompile(`(/assets/[a-z]+)\.[0-9a-f]{12}\.`)

// countryLines are the registration form's countries: CLDR's names
// (countries_test.go checks them), which change with golang.org/x/text,
// not with the pages.
var countryLines = regexp.MustCompile(`(?:<option value="[A-Z]{2}"(?: selected)?>[^<\n]*</option>\n)+`)

// ownPart cuts a page down to what it adds to the layout: its main element
// and the scripts it loads after it (the footer is the layout's).
func ownPart(page []byte) []byte {
	start, end := bytes.Index(page, []byte(`<main id="main"`)), bytes.LastIndex(page, []byte("</main>\n"))
	if start < 0 || end < start {
		return page
	}
	out := append([]byte(nil), page[start:end+len("</main>\n")]...)
	for _, line := range bytes.SplitAfter(page[end:], []byte("\n")) {
		if bytes.HasPrefix(line, []byte("<script")) {
			out = append(out, line...)
		}
	}
	return out
}

// TestPagesMatchGoldenFiles compares pages with testdata/*.html.golden: the whole
// page where the layout is under test (left to right and right to left),
// else its main element and scripts, so that a change to the layout's header
// is reviewed in two files, not in every one. Run
// `go test ./frontend/pages -update` after an intended change and review
// the diff.
func TestPagesMatchGoldenFiles(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		file, path, user string
		layout           bool // the whole page, not only from main
	}{
		{"programme.en.html.golden", "/", "", true},
		{"room.ar.html.golden", "/sessions/1?lang=ar", "Amina", false},
		{"moderate.en.html.golden", "/sessions/1/moderate?lang=en", "Lucia", false},
		{"signin.fr.html.golden", "/signin?lang=fr&next=/sessions/1", "", false},
		{"register.en.html.golden", "/register", "", false},
		{"notfound.ar.html.golden", "/nope?lang=ar", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := assetHash.ReplaceAll(f.get(tt.path, tt.user).Body.Bytes(), []byte("$1.HASH."))
			got = countryLines.ReplaceAll(got, []byte("<!-- the countries, from CLDR -->\n"))
			if !tt.layout {
				got = ownPart(got)
			}
			path := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./frontend/pages -update)", err)
			}
			if string(got) != string(want) {
				t.Errorf("%s differs from the rendered page; run go test ./frontend/pages -update and review the diff", path)
			}
		})
	}
}
