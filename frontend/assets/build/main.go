// Command build bundles the browser client into frontend/assets/dist, which
// is committed and embedded in the server. It first writes
// src/actions_gen.ts, the client's types of the room's actions, from their
// Go declarations (sessions/live/actions). Run it from the repository root
// after changing frontend/assets/src or a room action:
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
	"github.com/igfplus/igfplus/sessions/live/actions"
)

func main() {
	dir := flag.String("dir", "", "the frontend/assets directory (default: found from the working directory)")
	flag.Parse()
	if *dir == "" {
		*dir = findDir()
	}
	if err := writeActions(*dir); err != nil {
		log.Fatal(err)
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

// writeActions writes src/actions_gen.ts from the actions' declarations,
// before the bundles that import it are built.
func writeActions(dir string) error {
	ts, err := actions.TypeScript()
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "src", "actions_gen.ts")
	if old, err := os.ReadFile(path); err == nil && string(old) == string(ts) {
		return nil
	}
	fmt.Printf("%s: written from sessions/live/actions\n", path)
	return os.WriteFile(path, ts, 0o644)
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
