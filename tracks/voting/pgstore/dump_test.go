package pgstore_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// dumpTable is one table of a plain pg_dump: its columns and rows.
type dumpTable struct {
	columns []string
	rows    [][]string
}

var copyLine = regexp.MustCompile(`^COPY public\.(\w+) \((.*)\) FROM stdin;$`)

// pgDump dumps the whole database's data, as someone holding a copy of
// it would, and parses its COPY blocks.
func pgDump(t *testing.T, f *fixture) map[string]*dumpTable {
	t.Helper()
	bin, err := localpg.FindBinaries()
	f.must(err)
	cfg := f.db.Pool.Config().ConnConfig
	url := fmt.Sprintf("postgres://%s:%s@%s:%d/%s?sslmode=disable", cfg.User, cfg.Password, cfg.Host, cfg.Port, cfg.Database)
	out, err := exec.Command(filepath.Join(bin, "pg_dump"), "--data-only", url).Output()
	f.must(err)
	tables := map[string]*dumpTable{}
	var cur *dumpTable
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case cur != nil && line == `\.`:
			cur = nil
		case cur != nil:
			cur.rows = append(cur.rows, strings.Split(line, "\t"))
		default:
			if m := copyLine.FindStringSubmatch(line); m != nil {
				cur = &dumpTable{columns: strings.Split(m[2], ", ")}
				tables[m[1]] = cur
			}
		}
	}
	return tables
}

func (d *dumpTable) column(name string) int { return slices.Index(d.columns, name) }

// oneOfEach registers one participant of every stakeholder group, each
// in a group of their own.
func oneOfEach(f *fixture) []igfplus.Identity {
	var out []igfplus.Identity
	for _, g := range []string{"government", "intergovernmental", "private_sector", "civil_society", "technical_community", "academia"} {
		out = append(out, f.voters(1, g)...)
	}
	return out
}

// text is the dump's data, every row of every table.
func text(dump map[string]*dumpTable) string {
	var b strings.Builder
	for _, d := range dump {
		for _, row := range d.rows {
			b.WriteString(strings.Join(row, "\t"))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func TestADumpOfAnOpenSecretPollLinksNoBallotToAnAccount(t *testing.T) {
	f := newFixture(t)
	voters := oneOfEach(f)
	p := f.openPoll(voting.Settings{Secret: true})
	for i, who := range voters {
		_, err := f.svc.Cast(f.ctx, who, p.ID, voting.Choice{Answer: []string{voting.Yes, voting.No, voting.Abstain}[i%3]})
		f.must(err)
	}
	dump := pgDump(t, f)
	ballots := dump["ballots"]
	if ballots == nil || len(ballots.rows) != 6 {
		t.Fatalf("the dump holds no ballots of the open poll: %+v", ballots)
	}
	// Every value an account row holds, but its id (ids are joined on
	// poll_id, which every ballot of the poll shares).
	accounts := dump["accounts"]
	known := map[string]string{}
	for _, row := range accounts.rows {
		for i, v := range row {
			if c := accounts.columns[i]; c != "id" && v != `\N` && v != "" && v != "t" && v != "f" && v != "0" {
				known[v] = "accounts." + c
			}
		}
	}
	poll := fmt.Sprint(p.ID)
	for _, row := range ballots.rows {
		for i, v := range row {
			if v == poll {
				continue
			}
			if c, ok := known[v]; ok {
				t.Errorf("ballots.%s = %q joins %s: with one-person groups that names the voter", ballots.columns[i], v, c)
			}
		}
	}
	for _, c := range []string{"stakeholder_group", "region", "voter_name", "created_at"} {
		if ballots.column(c) >= 0 {
			t.Errorf("ballots keeps %s, finer than what is published", c)
		}
	}
	// Nothing in the dump is the ballot key or a poll key: the tags cannot
	// be recomputed from it.
	whole := text(dump)
	for _, enc := range keyEncodings(testBallotKey) {
		if strings.Contains(whole, enc) {
			t.Fatalf("the dump holds the ballot key (%s)", enc)
		}
	}
}
