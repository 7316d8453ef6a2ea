package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// closedLog is the public log a server publishes for poll 8 with settings
// s and these choices, every ballot of a civil society voter.
func closedLog(t *testing.T, s voting.Settings, choices []voting.Choice) []byte {
	t.Helper()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	tally := voting.NewTally(s)
	var entries []voting.LogEntry
	for _, c := range choices {
		id := voting.NewBallotID()
		entries = append(entries, voting.LogEntry{BallotID: hex.EncodeToString(id[:]), Choice: c, Group: igfplus.CivilSociety})
		tally.Add(c, igfplus.CivilSociety, "")
	}
	slices.SortFunc(entries, func(a, b voting.LogEntry) int { return strings.Compare(a.BallotID, b.BallotID) })
	head := voting.Chain(8, s, entries)
	b, err := json.Marshal(voting.PublicLog{Version: voting.LogVersion, PollID: 8, Settings: s, Electorate: 12, Entries: entries,
		ChainHead: head, Result: voting.Decide(s, 12, tally, head)})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func verifyFile(t *testing.T, log []byte) (string, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "log.json")
	if err := os.WriteFile(path, log, 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err := verify(context.Background(), []string{"--file", path}, &out, &out)
	return out.String(), err
}

func TestVerifyRecomputesRankedAndChooseNLogsAndRefusesTamperedOnes(t *testing.T) {
	rank := func(r ...int) voting.Choice { return voting.Choice{Ranking: r} }
	// Lucía out by listing order, then Rajesh elected with 4 of 7.
	ranked := closedLog(t, voting.Settings{SessionID: 3, Question: "Elect the rapporteur", Kind: voting.Ranked, Secret: true,
		Candidates: []voting.Candidate{{Name: "Amina", AccountID: 4}, {Name: "Rajesh"}, {Name: "Lucía"}}},
		[]voting.Choice{rank(1), rank(1, 3), rank(1), rank(2, 1), rank(2, 1), rank(3, 2), rank(3, 2)})
	pick := func(o ...int) voting.Choice { return voting.Choice{Options: o} }
	chooseN := closedLog(t, voting.Settings{SessionID: 3, Question: "Which two first?", Kind: voting.Choose, ChooseMax: 2,
		Options: []string{"Access", "Rights", "Trust"}},
		[]voting.Choice{pick(1, 2), pick(2), pick(2, 3), pick(1, 2), pick(1)})
	for name, c := range map[string]struct {
		log      []byte
		want     string
		tampered map[string][]byte
	}{
		"ranked": {ranked, "verified: 7 ballots, outcome elected", map[string][]byte{
			"a ranking":             tamper(t, ranked, `"ranking":[3`, '1'),
			"a round's elimination": tamper(t, ranked, `"eliminated":3`, '2'),
			"a round's count":       tamper(t, ranked, `"counts":[3`, '4'),
			"a candidate's account": tamper(t, ranked, `"account_id":4`, '5'),
			"the exhausted count":   tamper(t, ranked, `"exhausted":0`, '1'),
		}},
		"choose n of m": {chooseN, "verified: 5 ballots, outcome elected", map[string][]byte{
			"a choice":    tamper(t, chooseN, `"options":[2,3`, '1'),
			"choose_max":  tamper(t, chooseN, `"choose_max":2`, '3'),
			"an option":   tamper(t, chooseN, `"Trust`, 'x'),
			"the winners": tamper(t, chooseN, `"winners":[1`, '3'),
		}},
	} {
		if out, err := verifyFile(t, c.log); err != nil || !strings.Contains(out, c.want) {
			t.Fatalf("%s: an untouched log: %v\n%s", name, err, out)
		}
		for what, l := range c.tampered {
			if out, err := verifyFile(t, l); err == nil || !strings.Contains(out, "NOT VERIFIED") {
				t.Errorf("%s: a log with %s changed verified:\n%s", name, what, out)
			}
		}
	}
}
