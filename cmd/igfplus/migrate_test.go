package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
)

// TestMigrateAndDemoSeedOnlyAnEmptyDatabase: igfplus migrate says the
// schema is up to date; igfplus demo then seeds the demo forum and prints
// its sign-ins, and run again it seeds nothing and says so.
func TestMigrateAndDemoSeedOnlyAnEmptyDatabase(t *testing.T) {
	flags := []string{"--database-url", pgtest.URL(t), "--data", t.TempDir(), "--log-level", "error"}
	for _, c := range []struct{ cmd, want string }{
		{"migrate", "migrations: the schema is up to date"},
		{"demo", "Demo sign-ins"},
		{"demo", "demo: the database already holds a forum; nothing seeded"},
	} {
		var out, errs bytes.Buffer
		if err := run(t.Context(), append([]string{c.cmd}, flags...), &out, &errs); err != nil || !strings.Contains(out.String(), c.want) {
			t.Fatalf("igfplus %s: %v; want %q in\n%s%s", c.cmd, err, c.want, &out, &errs)
		}
	}
}
