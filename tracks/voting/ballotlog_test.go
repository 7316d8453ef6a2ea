package voting

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// closedLog builds the public log a store would publish for these ballots.
func closedLog(s Settings, choices []Choice) PublicLog {
	t := NewTally(s)
	var entries []LogEntry
	for i, c := range choices {
		id := NewBallotID()
		g := igfplus.StakeholderGroups[i%len(igfplus.StakeholderGroups)]
		entries = append(entries, LogEntry{BallotID: hex.EncodeToString(id[:]), Choice: c, Group: g})
		t.Add(c, g, "")
	}
	slices.SortFunc(entries, func(a, b LogEntry) int { return strings.Compare(a.BallotID, b.BallotID) })
	head := Chain(7, s, entries)
	return PublicLog{PollID: 7, Settings: s, Electorate: 40, Entries: entries, ChainHead: head, Result: Decide(s, 40, t, head)}
}

func TestAnUntouchedLogVerifies(t *testing.T) {
	s := Settings{Kind: YesNoAbstain, Rule: Majority, Secret: true, Question: "Adopt?"}
	l := closedLog(s, []Choice{{Answer: Yes}, {Answer: No}, {Answer: Yes}, {Answer: Abstain}})
	// Through JSON, as igfplus verify reads it.
	b, _ := json.Marshal(l)
	var back PublicLog
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if err := back.Verify(); err != nil {
		t.Fatal(err)
	}
}

func TestAnyChangeToTheLogFailsVerification(t *testing.T) {
	s := Settings{Kind: YesNoAbstain, Rule: Majority, Question: "Adopt?"}
	choices := []Choice{{Answer: Yes}, {Answer: No}, {Answer: Yes}, {Answer: Abstain}, {Answer: Yes}}
	tamper := map[string]func(l *PublicLog){
		"a choice changed":        func(l *PublicLog) { l.Entries[1].Choice.Answer = flip(l.Entries[1].Choice.Answer) },
		"a ballot deleted":        func(l *PublicLog) { l.Entries = l.Entries[:len(l.Entries)-1] },
		"a middle ballot deleted": func(l *PublicLog) { l.Entries = slices.Delete(l.Entries, 2, 3) },
		"a group changed":         func(l *PublicLog) { l.Entries[0].Group = igfplus.Academia + "x" },
		"two ballots swapped":     func(l *PublicLog) { l.Entries[0], l.Entries[1] = l.Entries[1], l.Entries[0] },
		"the result changed":      func(l *PublicLog) { l.Result.Overall.Yes++ },
		"the outcome changed":     func(l *PublicLog) { l.Result.Outcome = Rejected },
		"the electorate changed":  func(l *PublicLog) { l.Electorate = 1 },
		"the question changed":    func(l *PublicLog) { l.Settings.Question = "Reject?" },
		"a ballot re-chained": func(l *PublicLog) {
			l.Entries[4].Choice.Answer = flip(l.Entries[4].Choice.Answer)
			l.ChainHead = Chain(l.PollID, l.Settings, l.Entries)
		},
	}
	for name, change := range tamper {
		t.Run(name, func(t *testing.T) {
			l := closedLog(s, choices)
			change(&l)
			if err := l.Verify(); err == nil {
				t.Fatal("a tampered log verified")
			}
		})
	}
}

func flip(a string) string {
	if a == Yes {
		return No
	}
	return Yes
}

func TestTaggerSeparatesPollsAndVoters(t *testing.T) {
	tg, err := NewTagger([]byte(strings.Repeat("k", 32)))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for poll := int64(1); poll <= 3; poll++ {
		for voter := int64(1); voter <= 3; voter++ {
			k := fmt.Sprintf("%x", tg.Tag(poll, voter))
			if seen[k] {
				t.Fatalf("tag collision at poll %d voter %d", poll, voter)
			}
			seen[k] = true
		}
	}
	if _, err := NewTagger([]byte("short")); err == nil {
		t.Fatal("a short key was accepted")
	}
}
