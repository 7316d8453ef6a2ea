package voting

import (
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// closedLog builds the public log a store would publish for these ballots,
// cast by the stakeholder groups in turn (a secret poll's labelled as the
// disclosure rule says).
func closedLog(s Settings, choices []Choice) PublicLog {
	groups := map[igfplus.StakeholderGroup]int{}
	for i := range choices {
		groups[igfplus.StakeholderGroups[i%len(igfplus.StakeholderGroups)]]++
	}
	labels := PoolLabels(groups)
	t := NewTally(s)
	var entries []LogEntry
	for i, c := range choices {
		id := NewBallotID()
		g := igfplus.StakeholderGroups[i%len(igfplus.StakeholderGroups)]
		if s.Secret {
			g = labels[g]
		}
		entries = append(entries, LogEntry{BallotID: hex.EncodeToString(id[:]), Choice: c, Group: g})
		t.Add(c, g, "")
	}
	slices.SortFunc(entries, func(a, b LogEntry) int { return strings.Compare(a.BallotID, b.BallotID) })
	head := Chain(7, s, entries)
	return PublicLog{Version: LogVersion, PollID: 7, Settings: s, Electorate: 40, Entries: entries, ChainHead: head, Result: Decide(s, 40, t, head)}
}

func TestASecretLogNamingASmallGroupFailsVerification(t *testing.T) {
	s := Settings{Kind: YesNoAbstain, Rule: Multistakeholder, Secret: true, Question: "Adopt?"}
	choices := make([]Choice, 14)
	for i := range choices {
		choices[i] = Choice{Answer: Yes}
	}
	l := closedLog(s, choices) // 3 ballots from each of two groups, 2 from the others: one pool
	if err := l.Verify(); err != nil {
		t.Fatal(err)
	}
	// The same ballots, the small groups named: chained and decided
	// consistently, yet they break the rule.
	tally := NewTally(s)
	for i := range l.Entries {
		l.Entries[i].Group = igfplus.StakeholderGroups[i%len(igfplus.StakeholderGroups)]
		tally.Add(l.Entries[i].Choice, l.Entries[i].Group, "")
	}
	l.ChainHead = Chain(l.PollID, s, l.Entries)
	l.Result = Decide(s, l.Electorate, tally, l.ChainHead)
	if err := l.Verify(); err == nil || !strings.Contains(err.Error(), "names no group of fewer than 5") {
		t.Fatalf("a log naming groups of 2 and 3 ballots: %v", err)
	}
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
		"the version changed":     func(l *PublicLog) { l.Version = 1 },
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
