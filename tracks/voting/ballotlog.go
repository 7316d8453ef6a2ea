package voting

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// LogEntry is one ballot of a closed poll's public log. Region and
// VoterName are published for named polls only; a secret poll's Group is
// the ballot's label under the disclosure rule (PoolLabels).
type LogEntry struct {
	Position  int                      `json:"position"`
	BallotID  string                   `json:"ballot_id"`
	Choice    Choice                   `json:"choice"`
	Group     igfplus.StakeholderGroup `json:"stakeholder_group"`
	Region    igfplus.Region           `json:"region,omitempty"`
	VoterName string                   `json:"voter_name,omitempty"`
	// Hash is SHA-256 of the previous entry's hash (the genesis hash for
	// the first) followed by this entry's canonical JSON without Hash.
	Hash string `json:"hash"`
}

// PublicLog is everything needed to check a closed poll: its settings and
// electorate, every ballot in ballot-id order, the chain head and the
// published result. Verify recomputes the chain and the result from it.
type PublicLog struct {
	// Version is LogVersion for logs written under the disclosure rule;
	// 0 or 1 for secret polls closed before it (their small groups were
	// logged by name and masked in the result only).
	Version    int        `json:"version,omitempty"`
	PollID     int64      `json:"poll_id"`
	Settings   Settings   `json:"settings"`
	Electorate int        `json:"electorate"`
	Entries    []LogEntry `json:"entries"`
	ChainHead  string     `json:"chain_head"`
	Result     Result     `json:"result"`
}

// genesisFields are the settings the chain commits to: those that decide
// which ballots are valid and how they are counted.
type genesisFields struct {
	PollID        int64    `json:"poll_id"`
	Question      string   `json:"question"`
	Kind          Kind     `json:"kind"`
	Options       []string `json:"options"`
	ChooseMax     int      `json:"choose_max"`
	Secret        bool     `json:"secret"`
	Rule          Rule     `json:"rule"`
	QuorumPercent int      `json:"quorum_percent"`
	// Candidates (elections only, so that older logs hash as they did)
	// commit to who the options' names stand for.
	Candidates []Candidate `json:"candidates,omitempty"`
}

// LogVersion is the version of the logs this code writes: 2, the first
// under the disclosure rule. The genesis hash commits to it.
const LogVersion = 2

// Genesis is the hash a poll's chain starts from, for a log of version v.
func Genesis(pollID int64, s Settings, v int) []byte {
	b, _ := json.Marshal(genesisFields{pollID, s.Question, s.Kind, s.Options, s.ChooseMax, s.Secret, s.Rule, s.QuorumPercent, s.Candidates})
	sum := sha256.Sum256(append(fmt.Appendf(nil, "igfplus ballot log v%d\n", max(v, 1)), b...))
	return sum[:]
}

// ChainHash is an entry's hash given the previous one.
func ChainHash(prev []byte, e LogEntry) []byte {
	e.Hash = ""
	b, _ := json.Marshal(e)
	h := sha256.New()
	h.Write(prev)
	h.Write(b)
	return h.Sum(nil)
}

// Chain numbers entries from 1 and hashes them in order, returning the
// head of a log of version LogVersion. Entries must already be in
// ballot-id order.
func Chain(pollID int64, s Settings, entries []LogEntry) string {
	prev := Genesis(pollID, s, LogVersion)
	for i := range entries {
		entries[i].Position = i + 1
		prev = ChainHash(prev, entries[i])
		entries[i].Hash = hex.EncodeToString(prev)
	}
	return hex.EncodeToString(prev)
}

// Verify recomputes the chain and the result from the log alone and
// reports the first disagreement.
func (l PublicLog) Verify() error {
	if l.Version > LogVersion {
		return fmt.Errorf("the log is of version %d; this igfplus knows versions up to %d", l.Version, LogVersion)
	}
	prev := Genesis(l.PollID, l.Settings, l.Version)
	t := NewTally(l.Settings)
	perLabel := map[igfplus.StakeholderGroup]int{}
	for i, e := range l.Entries {
		if e.Position != i+1 {
			return fmt.Errorf("entry %d has position %d: the log has a gap or is out of order", i+1, e.Position)
		}
		if i > 0 && e.BallotID <= l.Entries[i-1].BallotID {
			return fmt.Errorf("entry %d: ballot ids are not in ascending order", e.Position)
		}
		c, err := l.Settings.Check(e.Choice)
		if err != nil || !sameChoice(c, e.Choice) {
			return fmt.Errorf("entry %d: the choice is not valid for this poll", e.Position)
		}
		prev = ChainHash(prev, e)
		if got := hex.EncodeToString(prev); got != e.Hash {
			return fmt.Errorf("entry %d: hash %s, recomputed %s", e.Position, e.Hash, got)
		}
		t.Add(e.Choice, e.Group, e.Region)
		perLabel[e.Group]++
	}
	if l.Settings.Secret && l.Version >= 2 {
		if err := checkPooled(perLabel, len(l.Entries)); err != nil {
			return err
		}
	}
	head := hex.EncodeToString(prev)
	if head != l.ChainHead || head != l.Result.ChainHead {
		return fmt.Errorf("chain head %s, published %s (with the result: %s)", head, l.ChainHead, l.Result.ChainHead)
	}
	want, err := json.Marshal(l.Result.checkable(l.Settings.Secret, l.Version))
	if err != nil {
		return err
	}
	got, _ := json.Marshal(Decide(l.Settings, l.Electorate, t, head).checkable(l.Settings.Secret, l.Version))
	if !bytes.Equal(got, want) {
		return fmt.Errorf("the published result does not follow from the ballots:\n published  %s\n recomputed %s", want, got)
	}
	return nil
}

// checkable is the part of a result the public log can confirm: a secret
// poll's log does not carry regions. A version 1 result masked its small
// groups' figures (but not their verdicts), as it was published.
func (r Result) checkable(secret bool, version int) Result {
	// Logs published before none_chosen said elected, with no winner: the
	// two say the same, so either reads as the other.
	if r.Outcome == NoneChosen {
		r.Outcome = Elected
	}
	if !secret {
		return r
	}
	r.Regions = nil
	if version < 2 {
		groups := make([]GroupResult, len(r.Groups))
		for i, g := range r.Groups {
			if g.Ballots.Masked || g.Ballots.N < SmallGroup {
				g = GroupResult{Name: g.Name, Ballots: Figure{Masked: true}, Passed: g.Passed}
			}
			groups[i] = g
		}
		r.Groups = groups
	}
	return r
}

func sameChoice(a, b Choice) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}
