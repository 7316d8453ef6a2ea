package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// pooledLog is the public log a server publishes for a secret
// multistakeholder poll with one academic (no), two government voters,
// six from civil society and five from the private sector: the small
// groups and the private sector (topping the pool up to 8) share one label.
func pooledLog(t *testing.T) []byte {
	t.Helper()
	s := voting.Settings{Question: "Adopt?", Kind: voting.YesNoAbstain, Rule: voting.Multistakeholder, Secret: true}
	type ballot struct {
		g igfplus.StakeholderGroup
		a string
	}
	var ballots []ballot
	add := func(g igfplus.StakeholderGroup, answers ...string) {
		for _, a := range answers {
			ballots = append(ballots, ballot{g, a})
		}
	}
	add(igfplus.Academia, voting.No)
	add(igfplus.Government, voting.Yes, voting.Abstain)
	add(igfplus.CivilSociety, voting.Yes, voting.Yes, voting.Yes, voting.Yes, voting.No, voting.No)
	add(igfplus.PrivateSector, voting.Yes, voting.Yes, voting.Yes, voting.Yes, voting.Yes)
	perGroup := map[igfplus.StakeholderGroup]int{}
	for _, b := range ballots {
		perGroup[b.g]++
	}
	labels := voting.PoolLabels(perGroup)
	logged := make([]loggedBallot, len(ballots))
	for i, b := range ballots {
		logged[i] = loggedBallot{voting.Choice{Answer: b.a}, labels[b.g]}
	}
	l := publicLog(7, s, 40, logged)
	if l.Result.Outcome != voting.Adopted || len(l.Result.Groups) != 2 {
		t.Fatalf("the fixture's result is %+v; want adopted with civil society and the pool", l.Result)
	}
	return marshalLog(t, l)
}

// loggedBallot is one ballot of a fixture log: its choice and the group
// the log labels it with.
type loggedBallot struct {
	choice voting.Choice
	group  igfplus.StakeholderGroup
}

// publicLog is the public log a server publishes for poll id with settings
// s and an electorate of that many voters, once these ballots are cast: its
// entries in ballot id order, chained, and the result decided on the tally.
func publicLog(id int64, s voting.Settings, electorate int, ballots []loggedBallot) voting.PublicLog {
	tally := voting.NewTally(s)
	var entries []voting.LogEntry
	for _, b := range ballots {
		bid := voting.NewBallotID()
		entries = append(entries, voting.LogEntry{BallotID: hex.EncodeToString(bid[:]), Choice: b.choice, Group: b.group})
		tally.Add(b.choice, b.group, "")
	}
	slices.SortFunc(entries, func(a, b voting.LogEntry) int { return strings.Compare(a.BallotID, b.BallotID) })
	head := voting.Chain(id, s, entries)
	return voting.PublicLog{Version: voting.LogVersion, PollID: id, Settings: s, Electorate: electorate, Entries: entries,
		ChainHead: head, Result: voting.Decide(s, electorate, tally, head)}
}

func marshalLog(t *testing.T, l voting.PublicLog) []byte {
	t.Helper()
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// closedLog is the public log a server publishes for poll 8 with settings
// s and these choices, every ballot of a civil society voter.
func closedLog(t *testing.T, s voting.Settings, choices []voting.Choice) []byte {
	t.Helper()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	logged := make([]loggedBallot, len(choices))
	for i, c := range choices {
		logged[i] = loggedBallot{c, igfplus.CivilSociety}
	}
	return marshalLog(t, publicLog(8, s, 12, logged))
}

// writeLog writes log to a file in dir and returns its path.
func writeLog(t *testing.T, dir string, log []byte) string {
	t.Helper()
	path := filepath.Join(dir, "log.json")
	if err := os.WriteFile(path, log, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// verifyFile runs igfplus verify --file on log.
func verifyFile(t *testing.T, log []byte) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := verify(context.Background(), []string{"--file", writeLog(t, t.TempDir(), log)}, &out, &out)
	return out.String(), err
}

// tamper changes one byte of log: the last byte of the first occurrence
// of at.
func tamper(t *testing.T, log []byte, at string, to byte) []byte {
	t.Helper()
	i := bytes.Index(log, []byte(at))
	if i < 0 {
		t.Fatalf("%q is not in the log", at)
	}
	out := bytes.Clone(log)
	out[i+len(at)-1] = to
	return out
}

func TestVerifyRecomputesAPooledMultistakeholderLogAndRefusesAnyOneByteChange(t *testing.T) {
	log := pooledLog(t)
	tampered := map[string][]byte{
		"a choice":            tamper(t, log, `"answer":"no`, 'a'),
		"a label":             tamper(t, log, `"stakeholder_group":"small_groups`, 't'),
		"the version":         tamper(t, log, `"version":2`, '1'),
		"a ballot id":         tamper(t, log, `"ballot_id":"`, 'x'),
		"the electorate":      tamper(t, log, `"electorate":40`, '1'),
		"a group's yes count": tamper(t, log, `"counts":{"ballots":6,"yes":4`, '5'),
	}
	var served []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/polls/7/log" {
			http.NotFound(w, r)
			return
		}
		w.Write(served)
	}))
	defer srv.Close()
	dir := t.TempDir()
	run := func(l []byte) (string, error) {
		path := writeLog(t, dir, l)
		var fromFile, fromURL bytes.Buffer
		errFile := verify(context.Background(), []string{"--file", path}, &fromFile, &fromFile)
		served = l
		errURL := verify(context.Background(), []string{"--url", srv.URL, "--poll", "7"}, &fromURL, &fromURL)
		if (errFile == nil) != (errURL == nil) {
			t.Fatalf("--file and --url disagree: %v (%s) and %v (%s)", errFile, &fromFile, errURL, &fromURL)
		}
		return fromFile.String(), errFile
	}
	if out, err := run(log); err != nil || !strings.Contains(out, "verified: 14 ballots, outcome adopted") {
		t.Fatalf("an untouched log: %v\n%s", err, out)
	}
	for what, l := range tampered {
		if out, err := run(l); err == nil {
			t.Errorf("a log with %s changed by one byte verified:\n%s", what, out)
		}
	}
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
