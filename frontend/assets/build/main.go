// Command build bundles the browser client into frontend/assets/dist, which
// is committed and embedded in the server. Run it from the repository root
// after changing frontend/assets/src:
//
//	go run ./frontend/assets/build
package main

import (
	"flag"
	"fmt"
	"log"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/igfplus/igfplus/frontend/assets/internal/bundle"
)

func main() {
	dir := flag.String("dir", "", "the frontend/assets directory (default: found from the working directory)")
	flag.Parse()
	if *dir == "" {
		*dir = findDir()
	}
	files, err := bundle.Build(*dir)
	if err != nil {
		log.Fatal(err)
	}
	distDir := filepath.Join(*dir, "dist")
	if err := os.MkdirAll(distDir, 0o755); err != nil {
		log.Fatal(err)
	}
	// Remove outputs that the sources no longer produce.
	old, _ := os.ReadDir(distDir)
	for _, e := range old {
		if _, ok := files[e.Name()]; !ok && !e.IsDir() {
			os.Remove(filepath.Join(distDir, e.Name()))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		body := files[name]
		if err := os.WriteFile(filepath.Join(distDir, name), body, 0o644); err != nil {
			log.Fatal(err)
		}
		over := ""
		if limit, ok := bundle.Limits[name]; ok && len(body) > limit {
			over = fmt.Sprintf(" (over the %d byte budget)", limit)
		}
		fmt.Printf("%s/%s: %d bytes%s\n", distDir, name, len(body), over)
	}
}

// findDir accepts being run from the repository root or from
// frontend/assets itself.
func findDir() string {
	for _, d := range []string{"frontend/assets", "."} {
		if _, err := os.Stat(filepath.Join(d, "src", "app.ts")); err == nil {
			return d
		}
	}
	log.Fatal("run from the repository root, or pass -dir frontend/assets")
	return ""
}
