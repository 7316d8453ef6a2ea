package pages

import (
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

// TestPagesMatchGoldenFiles compares whole pages with testdata/*.html;
// run `go test ./frontend/pages -update` after an intended change and
// review the diff.
func TestPagesMatchGoldenFiles(t *testing.T) {
	f := newFixture(t)
	tests := []struct{ file, path, user string }{
		{"programme.en.html", "/", ""},
		{"room.ar.html", "/sessions/1?lang=ar", "Amina"},
		{"moderate.en.html", "/sessions/1/moderate?lang=en", "Lucia"},
		{"signin.fr.html", "/signin?lang=fr&next=/sessions/1", ""},
		{"register.en.html", "/register", ""},
		{"notfound.ar.html", "/nope?lang=ar", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := assetHash.ReplaceAll(f.get(tt.path, tt.user).Body.Bytes(), []byte("$1.HASH."))
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
