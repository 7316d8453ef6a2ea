package voting

import (
	"encoding/hex"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// many repeats a ranking k times.
func many(k int, ranking ...int) [][]int {
	out := make([][]int, k)
	for i := range out {
		out[i] = ranking
	}
	return out
}

func ballotsOf(groups ...[][]int) [][]int { return slices.Concat(groups...) }

// decided is "elected:<option>" or "eliminated:<option>" for a round, with
// its reason.
func decided(r Round) string {
	if r.Elected != 0 {
		return "elected " + string(rune('A'+r.Elected-1)) + " " + r.Reason
	}
	if r.Eliminated != 0 {
		return "eliminated " + string(rune('A'+r.Eliminated-1)) + " " + r.Reason
	}
	return r.Reason
}

func TestInstantRunoffCount(t *testing.T) {
	const A, B, C, D = 1, 2, 3, 4
	cases := []struct {
		name      string
		ballots   [][]int
		n         int
		rounds    []string
		counts    [][]int // each round's counts
		exhausted []int   // each round's
		winners   []int
		tied      []int
	}{
		{
			name:      "a majority in round 1 ends the count",
			ballots:   ballotsOf(many(3, A, B), many(1, B), many(1, C, A)),
			n:         3,
			rounds:    []string{"elected A majority"},
			counts:    [][]int{{3, 1, 1}},
			exhausted: []int{0},
			winners:   []int{A},
		},
		{
			name: "transfers decide: the leader of round 1 loses",
			// A 4, B 3, C 2 (C's go to B): B 5 of 9.
			ballots:   ballotsOf(many(4, A), many(3, B, A), many(2, C, B)),
			n:         3,
			rounds:    []string{"eliminated C fewest_votes", "elected B majority"},
			counts:    [][]int{{4, 3, 2}, {4, 5, 0}},
			exhausted: []int{0, 0},
			winners:   []int{B},
		},
		{
			name: "a candidate with no first preferences goes first",
			// D is nobody's first choice though everybody's second.
			ballots: ballotsOf(many(3, A, D), many(2, B, D), many(2, C, D, B)),
			n:       4,
			// Then B and C tie in both rounds: C, listed last, goes, and
			// its ballots reach B.
			rounds:    []string{"eliminated D fewest_votes", "eliminated C tie_listing_order", "elected B majority"},
			counts:    [][]int{{3, 2, 2, 0}, {3, 2, 2, 0}, {3, 4, 0, 0}},
			exhausted: []int{0, 0, 0},
			winners:   []int{B},
		},
		{
			name: "exhausted ballots leave the majority's base",
			// C's voters rank nobody else: once C is out, A's 4 of 7
			// continuing ballots are a majority though not of all 9.
			ballots:   ballotsOf(many(4, A), many(3, B), many(2, C)),
			n:         3,
			rounds:    []string{"eliminated C fewest_votes", "elected A majority"},
			counts:    [][]int{{4, 3, 2}, {4, 3, 0}},
			exhausted: []int{0, 2},
			winners:   []int{A},
		},
		{
			name: "a tie for the fewest in round 1 goes by listing order",
			// Round 1: A 5, B 4, C 3, D 3: C and D tie with no earlier
			// round, D (listed last) goes and its 3 reach C. Round 2: B out;
			// its 4 ballots rank nobody else. Round 3: C 6 of 11.
			ballots:   ballotsOf(many(5, A), many(4, B), many(3, C, B), many(3, D, C)),
			n:         4,
			rounds:    []string{"eliminated D tie_listing_order", "eliminated B fewest_votes", "elected C majority"},
			counts:    [][]int{{5, 4, 3, 3}, {5, 4, 6, 0}, {5, 0, 6, 0}},
			exhausted: []int{0, 0, 4},
			winners:   []int{C},
		},
		{
			name: "tied in the last round, separated by an earlier one",
			// Round 1: A 4, B 3, C 3, D 1. D's ballot goes to C. Round 2:
			// A 4, B 3, C 4: B out. Round 3: B's 3 go 2 to A, 1 exhausted.
			ballots:   ballotsOf(many(4, A), many(2, B, A), many(1, B), many(3, C), many(1, D, C)),
			n:         4,
			rounds:    []string{"eliminated D fewest_votes", "eliminated B fewest_votes", "elected A majority"},
			counts:    [][]int{{4, 3, 3, 1}, {4, 3, 4, 0}, {6, 0, 4, 0}},
			exhausted: []int{0, 0, 1},
			winners:   []int{A},
		},
		{
			name: "tied for the fewest now, fewer in an earlier round",
			// Round 1: A 5, B 3, C 2, D 4. C out -> B +2 = 5. Round 2: A 5,
			// B 5, D 4. D out -> D's go to B: B 9: elected.
			ballots:   ballotsOf(many(5, A), many(3, B), many(2, C, B), many(4, D, B)),
			n:         4,
			rounds:    []string{"eliminated C fewest_votes", "eliminated D fewest_votes", "elected B majority"},
			counts:    [][]int{{5, 3, 2, 4}, {5, 5, 0, 4}, {5, 9, 0, 0}},
			exhausted: []int{0, 0, 0},
			winners:   []int{B},
		},
		{
			name: "a bottom tie in round 2 goes back to round 1",
			// Round 1: A 6, B 2, C 3, D 1: D out, its ballot to B. Round 2:
			// A 6, B 3, C 3: B and C tie; in round 1 B had 2, C 3: B out,
			// its ballots exhaust. Round 3: A 6 of 9 continuing.
			ballots:   ballotsOf(many(6, A), many(2, B), many(3, C), many(1, D, B)),
			n:         4,
			rounds:    []string{"eliminated D fewest_votes", "eliminated B tie_earlier_round", "elected A majority"},
			counts:    [][]int{{6, 2, 3, 1}, {6, 3, 3, 0}, {6, 0, 3, 0}},
			exhausted: []int{0, 0, 3},
			winners:   []int{A},
		},
		{
			name:      "every continuing candidate tied throughout: no winner guessed",
			ballots:   ballotsOf(many(2, A), many(2, B)),
			n:         2,
			rounds:    []string{"tie"},
			counts:    [][]int{{2, 2}},
			exhausted: []int{0},
			tied:      []int{A, B},
		},
		{
			name: "a tie at the end after others were eliminated",
			// C 1 goes to nobody (exhausted): A 2, B 2 with no earlier
			// difference: tied.
			ballots:   ballotsOf(many(2, A), many(2, B), many(1, C)),
			n:         3,
			rounds:    []string{"eliminated C fewest_votes", "tie"},
			counts:    [][]int{{2, 2, 1}, {2, 2, 0}},
			exhausted: []int{0, 1},
			tied:      []int{A, B},
		},
		{
			name:      "one ballot elects its first choice",
			ballots:   many(1, C, A),
			n:         3,
			rounds:    []string{"elected C majority"},
			counts:    [][]int{{0, 0, 1}},
			exhausted: []int{0},
			winners:   []int{C},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rounds, winners, tied := InstantRunoffCount(c.ballots, c.n)
			var got []string
			var counts [][]int
			var exhausted []int
			for i, r := range rounds {
				if r.Round != i+1 {
					t.Errorf("round %d is numbered %d", i+1, r.Round)
				}
				got = append(got, decided(r))
				counts = append(counts, r.Counts)
				exhausted = append(exhausted, r.Exhausted)
				sum := r.Exhausted
				for _, n := range r.Counts {
					sum += n
				}
				if sum != len(c.ballots) {
					t.Errorf("round %d accounts for %d of %d ballots", r.Round, sum, len(c.ballots))
				}
			}
			if !reflect.DeepEqual(got, c.rounds) {
				t.Errorf("rounds %q, want %q", got, c.rounds)
			}
			if !reflect.DeepEqual(counts, c.counts) {
				t.Errorf("counts %v, want %v", counts, c.counts)
			}
			if !reflect.DeepEqual(exhausted, c.exhausted) {
				t.Errorf("exhausted %v, want %v", exhausted, c.exhausted)
			}
			if !slices.Equal(winners, c.winners) || !slices.Equal(tied, c.tied) {
				t.Errorf("winners %v tied %v, want %v and %v", winners, tied, c.winners, c.tied)
			}
		})
	}
}

func TestInstantRunoffWithNoBallotsElectsNobody(t *testing.T) {
	rounds, winners, tied := InstantRunoffCount(nil, 3)
	if rounds != nil || winners != nil || tied != nil {
		t.Fatalf("no ballots gave %v %v %v", rounds, winners, tied)
	}
}

func TestInstantRunoffIsDeterministicWhateverTheBallotOrder(t *testing.T) {
	ballots := ballotsOf(many(5, 1), many(4, 2), many(3, 3, 2), many(3, 4, 3), many(2, 2, 4))
	want, _, _ := InstantRunoffCount(ballots, 4)
	for i := range 20 {
		shuffled := slices.Clone(ballots)
		for j := range shuffled {
			k := (j*7 + i*13) % len(shuffled)
			shuffled[j], shuffled[k] = shuffled[k], shuffled[j]
		}
		if got, _, _ := InstantRunoffCount(shuffled, 4); !reflect.DeepEqual(got, want) {
			t.Fatalf("order %d counted %+v, want %+v", i, got, want)
		}
	}
}

func TestRankedSettingsAndBallots(t *testing.T) {
	s := Settings{SessionID: 3, Question: "Elect the rapporteur", Kind: Ranked,
		Candidates: []Candidate{{Name: "Amina"}, {Name: "Rajesh", AccountID: 9}, {Name: "Lucía"}}}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if s.Rule != InstantRunoff || s.ChooseMax != 1 || !slices.Equal(s.Options, []string{"Amina", "Rajesh", "Lucía"}) {
		t.Fatalf("settings %+v", s)
	}
	for _, bad := range []struct {
		c    Choice
		want string
	}{
		{Choice{}, MsgRankSomeone},
		{Choice{Ranking: []int{2, 2}}, MsgRankTwice},
		{Choice{Ranking: []int{1, 4}}, "numbered from 1 to 3"},
		{Choice{Ranking: []int{0}}, "numbered from 1 to 3"},
		{Choice{Answer: Yes}, MsgRankSomeone},
		{Choice{Options: []int{1}}, MsgRankSomeone},
	} {
		if _, err := s.Check(bad.c); igfplus.ErrorCode(err) != igfplus.EInvalid || !strings.Contains(igfplus.ErrorMessage(err), bad.want) {
			t.Errorf("%+v: %v, want %q", bad.c, err, bad.want)
		}
	}
	if c, err := s.Check(Choice{Ranking: []int{3, 1}}); err != nil || !slices.Equal(c.Ranking, []int{3, 1}) {
		t.Errorf("a partial ranking: %+v %v", c, err)
	}
	for name, set := range map[string]Settings{
		"no session nor recommendation": {Question: "Q", Kind: Ranked, Options: []string{"a", "b"}},
		"one candidate":                 {SessionID: 1, Question: "Q", Kind: Ranked, Candidates: []Candidate{{Name: "a"}}},
		"two seats":                     {SessionID: 1, Question: "Q", Kind: Ranked, Options: []string{"a", "b", "c"}, ChooseMax: 2},
		"plurality":                     {SessionID: 1, Question: "Q", Kind: Ranked, Options: []string{"a", "b"}, Rule: Plurality},
		"the same candidate twice":      {SessionID: 1, Question: "Q", Kind: Ranked, Options: []string{"a", "a"}},
		"a nameless candidate":          {SessionID: 1, Question: "Q", Kind: Choose, ChooseMax: 1, Candidates: []Candidate{{Name: "a"}, {Name: " "}}},
		"a yes/no election":             {SessionID: 1, Question: "Q", Kind: YesNoAbstain, Rule: Majority, Candidates: []Candidate{{Name: "a"}, {Name: "b"}}},
		"an amendment without its text": {SessionID: 1, AmendmentID: 4, Question: "Q", Kind: YesNoAbstain, Rule: Majority},
	} {
		if err := set.Validate(); igfplus.ErrorCode(err) != igfplus.EInvalid {
			t.Errorf("%s: %v, want invalid", name, err)
		}
	}
	quick := Settings{SessionID: 1, Question: "Which question first?", Kind: YesNoAbstain, Rule: Majority}
	if err := quick.Validate(); err != nil {
		t.Errorf("a quick question to the room: %v", err)
	}
}

func TestASealedRankingOpensAsCastAndHasOneLength(t *testing.T) {
	keys, err := NewKeys(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	k, err := keys.Poll(5, NewSalt(), keys.ID())
	if err != nil {
		t.Fatal(err)
	}
	length := -1
	for _, r := range [][]int{{1}, {3, 1, 2}, {20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1}} {
		id := NewBallotID()
		sealed, err := k.Seal(id, Content{Group: igfplus.Academia, Choice: Choice{Ranking: r}})
		if err != nil {
			t.Fatal(err)
		}
		if length >= 0 && len(sealed) != length {
			t.Errorf("a ranking of %d seals to %d bytes, another to %d", len(r), len(sealed), length)
		}
		length = len(sealed)
		c, err := k.Open(id[:], sealed)
		if err != nil || !slices.Equal(c.Choice.Ranking, r) || c.Group != igfplus.Academia {
			t.Errorf("opened %+v %v, want %v", c, err, r)
		}
	}
}

// rankedLog is the public log of a secret ranked election with seven
// ballots (Lucía out by listing order, then Rajesh elected with 4 of 7), as a server publishes it.
func rankedLog(t *testing.T) PublicLog {
	t.Helper()
	s := Settings{SessionID: 2, Question: "Elect the rapporteur", Kind: Ranked, Secret: true,
		Candidates: []Candidate{{Name: "Amina", AccountID: 4}, {Name: "Rajesh"}, {Name: "Lucía"}}}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	tally := NewTally(s)
	var entries []LogEntry
	for _, r := range ballotsOf(many(3, 1), many(2, 2, 1), many(2, 3, 2)) {
		id := NewBallotID()
		entries = append(entries, LogEntry{BallotID: hex.EncodeToString(id[:]), Choice: Choice{Ranking: r}, Group: SmallGroups})
		tally.Add(Choice{Ranking: r}, SmallGroups, "")
	}
	slices.SortFunc(entries, func(a, b LogEntry) int { return strings.Compare(a.BallotID, b.BallotID) })
	head := Chain(9, s, entries)
	return PublicLog{Version: LogVersion, PollID: 9, Settings: s, Electorate: 10, Entries: entries, ChainHead: head, Result: Decide(s, 10, tally, head)}
}

func TestARankedLogVerifiesWithItsRoundsAndATamperedOneFails(t *testing.T) {
	l := rankedLog(t)
	if err := l.Verify(); err != nil {
		t.Fatal(err)
	}
	if len(l.Result.Rounds) != 2 || l.Result.Outcome != Elected || !slices.Equal(l.Result.Winners, []int{2}) {
		t.Fatalf("result %+v", l.Result)
	}
	raw, _ := json.Marshal(l)
	for what, change := range map[string]func(*PublicLog){
		"a ranking":             func(l *PublicLog) { l.Entries[0].Choice.Ranking = []int{3} },
		"a round's elimination": func(l *PublicLog) { l.Result.Rounds[0].Eliminated = 1 },
		"a candidate's account": func(l *PublicLog) { l.Settings.Candidates[0].AccountID = 5 },
		"the winner":            func(l *PublicLog) { l.Result.Winners = []int{1} },
		"a duplicate rank":      func(l *PublicLog) { l.Entries[1].Choice.Ranking = []int{1, 1} },
	} {
		var c PublicLog
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatal(err)
		}
		change(&c)
		if err := c.Verify(); err == nil {
			t.Errorf("a log with %s changed verified", what)
		}
	}
}

func TestARankedPollBelowQuorumElectsNobodyAndKeepsNoRounds(t *testing.T) {
	s := Settings{SessionID: 1, Question: "Elect", Kind: Ranked, Options: []string{"a", "b"}, QuorumPercent: 50}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	tally := NewTally(s)
	for _, r := range ballotsOf(many(2, 1), many(1, 2, 1)) {
		tally.Add(Choice{Ranking: r}, igfplus.Academia, "")
	}
	if r := Decide(s, 7, tally, "h"); r.Outcome != NoQuorum || r.Winners != nil || r.Rounds != nil || r.Overall.Options[0] != 2 {
		t.Errorf("3 of 7 with a quorum of 50%%: %+v", r)
	}
	if r := Decide(s, 6, tally, "h"); r.Outcome != Elected || len(r.Rounds) != 1 || r.Winners[0] != 1 {
		t.Errorf("3 of 6 with a quorum of 50%%: %+v", r)
	}
}

// A choice poll in which no ballot chose anything chose nothing: it elects
// no one rather than reporting an election without winners. Its log still
// verifies against a result published as "elected" with no winner, as
// logs were before.
func TestAChoicePollWithoutBallotsChoosesNothing(t *testing.T) {
	for _, s := range []Settings{
		{SessionID: 1, Question: "Elect", Kind: Ranked, Options: []string{"a", "b"}},
		{SessionID: 1, Question: "Pick", Kind: Choose, Options: []string{"a", "b", "c"}, ChooseMax: 1},
	} {
		if err := s.Validate(); err != nil {
			t.Fatal(err)
		}
		r := Decide(s, 7, NewTally(s), "h")
		if r.Outcome != NoneChosen || len(r.Winners) != 0 || len(r.Tied) != 0 {
			t.Errorf("%s poll without ballots: %+v, want none chosen", s.Kind, r)
		}
		old := r
		old.Outcome = Elected
		if a, b := r.checkable(true, LogVersion), old.checkable(true, LogVersion); a.Outcome != b.Outcome {
			t.Errorf("%s: a log published as elected with no winner no longer verifies (%s, %s)", s.Kind, a.Outcome, b.Outcome)
		}
	}
}
