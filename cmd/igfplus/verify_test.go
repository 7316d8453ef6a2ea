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
	tally := voting.NewTally(s)
	var entries []voting.LogEntry
	for _, b := range ballots {
		id := voting.NewBallotID()
		entries = append(entries, voting.LogEntry{BallotID: hex.EncodeToString(id[:]), Choice: voting.Choice{Answer: b.a}, Group: labels[b.g]})
		tally.Add(voting.Choice{Answer: b.a}, labels[b.g], "")
	}
	slices.SortFunc(entries, func(a, b voting.LogEntry) int { return strings.Compare(a.BallotID, b.BallotID) })
	head := voting.Chain(7, s, entries)
	l := voting.PublicLog{Version: voting.LogVersion, PollID: 7, Settings: s, Electorate: 40, Entries: entries, ChainHead: head,
		Result: voting.Decide(s, 40, tally, head)}
	if l.Result.Outcome != voting.Adopted || len(l.Result.Groups) != 2 {
		t.Fatalf("the fixture's result is %+v; want adopted with civil society and the pool", l.Result)
	}
	b, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	return b
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
		path := filepath.Join(dir, "log.json")
		if err := os.WriteFile(path, l, 0o600); err != nil {
			t.Fatal(err)
		}
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
