package bench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/igfplus/igfplus/cmd/igfplus/rig"
	"github.com/igfplus/igfplus/deploy/localpg"
)

// pgbenchClients is how many connections the reference insert uses: as
// many as the ballots' group commit could want, well past what two cores
// need to be saturated.
const pgbenchClients = 32

// pgbenchScript is the reference: one durable single-row insert a
// transaction, what a ballot would cost if each were committed alone.
const pgbenchScript = "INSERT INTO bench_pgbench (v) VALUES (1);\n"

var pgbenchTPS = regexp.MustCompile(`tps = ([0-9.]+) \(without initial connection time\)`)

// pgbenchInserts measures PostgreSQL's own single-row durable insert rate
// on the site's server (pgbench, pgbenchClients clients, for d), so that a
// run's votes a second can be read as a share of what the database itself
// does on the machine at that moment.
func pgbenchInserts(ctx context.Context, t *rig.Site, d time.Duration) (float64, error) {
	bin, err := exec.LookPath("pgbench")
	if err != nil {
		dir, ferr := localpg.FindBinaries()
		if ferr != nil {
			return 0, ferr
		}
		bin = filepath.Join(dir, "pgbench")
	}
	if _, err := t.DB.Pool.Exec(ctx, `CREATE TABLE IF NOT EXISTS bench_pgbench (id bigserial PRIMARY KEY, v int)`); err != nil {
		return 0, err
	}
	script := filepath.Join(t.Dir, "pgbench.sql")
	if err := os.WriteFile(script, []byte(pgbenchScript), 0o644); err != nil {
		return 0, err
	}
	out, err := exec.CommandContext(ctx, bin, "-n", "-c", strconv.Itoa(pgbenchClients), "-j", "2",
		"-T", strconv.Itoa(max(1, int(d.Seconds()))), "-f", script, t.PG.URL).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("bench: pgbench: %w\n%s", err, out)
	}
	m := pgbenchTPS.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("bench: no rate in pgbench's output:\n%s", out)
	}
	return strconv.ParseFloat(string(m[1]), 64)
}
