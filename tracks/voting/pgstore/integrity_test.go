package pgstore_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg"
	"github.com/igfplus/igfplus/tracks/voting"
)

// closedPoll runs a named poll with a few ballots to its end.
func closedPoll(f *fixture, secret bool) voting.Poll {
	voters := f.voters(12, "")
	p := f.openPoll(voting.Settings{Secret: secret})
	for i, who := range voters {
		if _, err := f.svc.Cast(f.ctx, who, p.ID, voting.Choice{Answer: []string{voting.Yes, voting.No, voting.Abstain}[i%3]}); err != nil {
			f.t.Fatal(err)
		}
	}
	closed, err := f.svc.ClosePoll(f.ctx, f.chair, p.ID)
	f.must(err)
	return closed
}

func TestAnyChangeToTheStoredLogFailsVerification(t *testing.T) {
	f := newFixture(t)
	p := closedPoll(f, false)
	untouched, err := f.svc.PublicLog(f.ctx, p.ID)
	f.must(err)
	f.must(untouched.Verify())
	changes := []string{
		`UPDATE ballot_log SET choice = '{"answer":"yes"}' WHERE poll_id = $1 AND choice->>'answer' = 'no' AND position = (SELECT min(position) FROM ballot_log WHERE poll_id = $1 AND choice->>'answer' = 'no')`,
		`UPDATE ballot_log SET stakeholder_group = CASE stakeholder_group WHEN 'academia' THEN 'government' ELSE 'academia' END WHERE poll_id = $1 AND position = 3`,
		`UPDATE ballot_log SET voter_name = 'Someone Else' WHERE poll_id = $1 AND position = 2`,
		`UPDATE ballot_log SET ballot_id = '\x00000000000000000000000000000000' WHERE poll_id = $1 AND position = 1`,
		`UPDATE ballot_log SET hash = sha256(hash) WHERE poll_id = $1 AND position = 5`,
		`DELETE FROM ballot_log WHERE poll_id = $1 AND position = 4`,
		`DELETE FROM ballot_log WHERE poll_id = $1 AND position = (SELECT max(position) FROM ballot_log WHERE poll_id = $1)`,
		`INSERT INTO ballot_log SELECT poll_id, position + 100, sha256(ballot_id)::bytea, choice, stakeholder_group, region, voter_name, hash FROM ballot_log WHERE poll_id = $1 AND position = 1`,
	}
	for _, change := range changes {
		t.Run(change[:40], func(t *testing.T) {
			tx, err := f.db.Pool.Begin(f.ctx)
			f.must(err)
			defer tx.Rollback(f.ctx)
			tag, err := tx.Exec(f.ctx, change, p.ID)
			if err != nil || tag.RowsAffected() != 1 {
				t.Fatalf("tampering did not take: %v, %d rows", err, tag.RowsAffected())
			}
			l, err := readLogInTx(f, tx, p.ID)
			f.must(err)
			if err := l.Verify(); err == nil {
				t.Fatal("igfplus verify would accept the tampered log")
			}
		})
	}
}

func TestASecretPollsDumpDoesNotRevealVotingOrder(t *testing.T) {
	f := newFixture(t)
	// Each voter's choice of 3 options among 9 is unique in this test, so
	// the test (not an attacker) can tell the ballots apart.
	voters := f.voters(24, "")
	var combos [][]int
	for a := 1; a <= 9; a++ {
		for b := a + 1; b <= 9; b++ {
			for c := b + 1; c <= 9 && len(combos) < len(voters); c++ {
				combos = append(combos, []int{a, b, c})
			}
		}
	}
	p := f.openPoll(voting.Settings{Kind: voting.Choose, Rule: voting.Plurality, ChooseMax: 3, Secret: true,
		Options: []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}})
	receipts := make([]string, len(voters))
	for i, who := range voters { // one at a time: the voting order is known
		r, err := f.svc.Cast(f.ctx, who, p.ID, voting.Choice{Options: combos[i]})
		f.must(err)
		receipts[i] = r.Receipt
	}
	_, err := f.svc.ClosePoll(f.ctx, f.chair, p.ID)
	f.must(err)

	dumped := dumpBallotLog(t, f, p.ID)
	if len(dumped) != len(voters) {
		t.Fatalf("the dump holds %d ballots, want %d", len(dumped), len(voters))
	}
	sorted := slices.Sorted(slices.Values(receipts))
	if !slices.Equal(dumped, sorted) {
		t.Fatalf("the dump's order is not the random ballot-id order:\n dump   %v\n sorted %v", dumped, sorted)
	}
	if slices.Equal(dumped, receipts) {
		t.Fatal("the dump lists ballots in voting order")
	}
	// No transaction id tells when a ballot came either: the log was
	// written in one transaction, and the working rows are gone.
	var xmins, working int
	f.must(f.db.Pool.QueryRow(f.ctx, `SELECT count(DISTINCT xmin::text) FROM ballot_log WHERE poll_id = $1`, p.ID).Scan(&xmins))
	f.must(f.db.Pool.QueryRow(f.ctx, `SELECT count(*) FROM ballots WHERE poll_id = $1`, p.ID).Scan(&working))
	if xmins != 1 || working != 0 {
		t.Fatalf("log rows from %d transactions, %d working ballots left; want 1 and 0", xmins, working)
	}
	// And no column could say who or when.
	var cols []string
	rows, err := f.db.Pool.Query(f.ctx, `
		SELECT table_name || '.' || column_name FROM information_schema.columns
		WHERE table_name IN ('ballots', 'ballot_log')
		  AND (data_type LIKE 'timestamp%' OR column_name LIKE '%account%' OR column_name LIKE '%voter_id%' OR column_name LIKE '%created%')`)
	f.must(err)
	for rows.Next() {
		var c string
		f.must(rows.Scan(&c))
		cols = append(cols, c)
	}
	if len(cols) > 0 {
		t.Fatalf("ballot tables have columns that could identify voters or times: %v", cols)
	}
	var names int
	f.must(f.db.Pool.QueryRow(f.ctx, `SELECT count(*) FROM ballot_log WHERE poll_id = $1 AND (voter_name IS NOT NULL OR region IS NOT NULL)`, p.ID).Scan(&names))
	if names != 0 {
		t.Fatalf("%d secret ballots carry a name or region", names)
	}
}

// dumpBallotLog runs pg_dump, the way someone holding the database would,
// and returns the poll's ballot ids in the order the dump lists them.
func dumpBallotLog(t *testing.T, f *fixture, poll int64) []string {
	t.Helper()
	bin, err := localpg.FindBinaries()
	f.must(err)
	cfg := f.db.Pool.Config().ConnConfig
	url := fmt.Sprintf("postgres://%s:%s@%s:%d/%s?sslmode=disable", cfg.User, cfg.Password, cfg.Host, cfg.Port, cfg.Database)
	out, err := exec.Command(filepath.Join(bin, "pg_dump"), "--data-only", "--table=ballot_log", "--table=ballots", url).Output()
	f.must(err)
	var ids []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) == 8 && cols[0] == fmt.Sprint(poll) {
			ids = append(ids, strings.TrimPrefix(cols[2], `\\x`))
		}
	}
	return ids
}
