package proposals

import (
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

func goodDraft() Draft {
	return Draft{PolicyIssueID: 1, TrackID: 2, Format: "workshop", Title: " Title ", Description: "Why.",
		Organisers: []string{" Org A ", "", "Org A", "Org B"},
		NRIs:       []int64{3, 3, 0},
		Speakers: []Speaker{
			{Name: "Ana", StakeholderGroup: igfplus.CivilSociety, Region: igfplus.African, Gender: Woman},
			{Name: " "},
			{Name: "Bo", StakeholderGroup: igfplus.Government, Region: igfplus.African, Gender: Man},
		}}
}

func TestADraftIsTrimmedAndItsEmptyRowsDropped(t *testing.T) {
	d := goodDraft()
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	if d.Title != "Title" || len(d.Organisers) != 2 || len(d.Speakers) != 2 || len(d.NRIs) != 1 {
		t.Fatalf("draft after validation: %+v", d)
	}
}

func TestADraftNamesWhatItLacks(t *testing.T) {
	for name, change := range map[string]func(*Draft){
		"no issue":       func(d *Draft) { d.PolicyIssueID = 0 },
		"no track":       func(d *Draft) { d.TrackID = 0 },
		"own format":     func(d *Draft) { d.Format = "main_session" },
		"no title":       func(d *Draft) { d.Title = " " },
		"no description": func(d *Draft) { d.Description = "" },
		"no organiser":   func(d *Draft) { d.Organisers = []string{" "} },
		"no speaker":     func(d *Draft) { d.Speakers = nil },
		"unknown gender": func(d *Draft) { d.Speakers[0].Gender = "other" },
		"unknown region": func(d *Draft) { d.Speakers[0].Region = "mars" },
	} {
		d := goodDraft()
		change(&d)
		if igfplus.ErrorCode(d.Validate()) != igfplus.EInvalid {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestDiversityCountsSpeakersByGroupRegionAndGender(t *testing.T) {
	d := goodDraft()
	d.Validate()
	b := Count(d.Speakers)
	if len(b.Groups) != len(igfplus.StakeholderGroups) || len(b.Genders) != len(Genders) {
		t.Fatalf("not every value listed: %+v", b)
	}
	count := func(list []Tally, v string) int {
		for _, t := range list {
			if t.Value == v {
				return t.Count
			}
		}
		return -1
	}
	if count(b.Regions, "african") != 2 || count(b.Groups, "government") != 1 || count(b.Genders, "woman") != 1 || count(b.Genders, "non_binary") != 0 {
		t.Fatalf("balance: %+v", b)
	}
}

func TestACallIsOpenFromItsOpeningUntilItsDeadline(t *testing.T) {
	at := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	c := Call{Opens: at, Closes: at.Add(time.Hour)}
	for _, tc := range []struct {
		t    time.Time
		open bool
	}{{at.Add(-time.Second), false}, {at, true}, {at.Add(59 * time.Minute), true}, {at.Add(time.Hour), false}} {
		if c.OpenAt(tc.t) != tc.open {
			t.Errorf("open at %v: %v, want %v", tc.t, !tc.open, tc.open)
		}
	}
	bad := CallChange{Opens: at, Closes: at}
	if igfplus.ErrorCode(bad.validate()) != igfplus.EInvalid {
		t.Error("a call closing when it opens was accepted")
	}
}

func TestARubricIsNamedAndWeighted(t *testing.T) {
	if err := validateRubric([]Criterion{{Name: "Relevance", Weight: 3}, {Name: " Diversity ", Weight: 1}}); err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string][]Criterion{
		"empty":      nil,
		"twice":      {{Name: "A", Weight: 1}, {Name: "a", Weight: 1}},
		"weightless": {{Name: "A", Weight: 0}},
		"too heavy":  {{Name: "A", Weight: 11}},
		"unnamed":    {{Name: " ", Weight: 1}},
	} {
		if igfplus.ErrorCode(validateRubric(r)) != igfplus.EInvalid {
			t.Errorf("%s rubric accepted", name)
		}
	}
}

var rubric = []Criterion{{ID: 1, Name: "Relevance", Weight: 3}, {ID: 2, Name: "Diversity", Weight: 1}}

func TestAScoringCoversTheWholeRubricWithinTheScale(t *testing.T) {
	ok := Scoring{Scores: map[int64]int{1: 5, 2: 1}}
	if err := ok.validate(rubric); err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]map[int64]int{
		"missing":  {1: 5},
		"unknown":  {1: 5, 3: 2},
		"too high": {1: 6, 2: 1},
		"too low":  {1: 0, 2: 1},
	} {
		sc := Scoring{Scores: s}
		if igfplus.ErrorCode(sc.validate(rubric)) != igfplus.EInvalid {
			t.Errorf("%s scores accepted", name)
		}
	}
}

func TestAggregatedScoresWeighTheRubricAndMeasureDisagreement(t *testing.T) {
	reviews := []Review{
		{ReviewerID: 10, Scores: map[int64]int{1: 5, 2: 1}}, // (15+1)/4 = 4
		{ReviewerID: 11, Scores: map[int64]int{1: 1, 2: 5}}, // (3+5)/4 = 2
		{ReviewerID: 12, Conflict: true},
	}
	a := Aggregated(7, 3, reviews, rubric)
	if a.Scored != 2 || a.Conflicts != 1 || a.Mean != 3 || a.StdDev != 1 || a.Min != 2 || a.Max != 4 || a.Range() != 2 {
		t.Fatalf("aggregate: %+v", a)
	}
	if !a.Disagrees() {
		t.Error("a spread of one point is not flagged as disagreement")
	}
	if one := Aggregated(7, 1, reviews[:1], rubric); one.Disagrees() || one.StdDev != 0 {
		t.Errorf("one reviewer disagrees with themselves: %+v", one)
	}
}

func TestAReviewerSeesOthersScoresOnlyAfterScoring(t *testing.T) {
	all := []Review{{ReviewerID: 1, Scores: map[int64]int{1: 3}}, {ReviewerID: 2, Conflict: true}}
	if got := VisibleTo(3, all); len(got) != 0 {
		t.Errorf("a reviewer who has not scored sees %v", got)
	}
	if got := VisibleTo(2, all); len(got) != 1 || got[0].ReviewerID != 2 {
		t.Errorf("a conflicted reviewer sees %v", got)
	}
	if got := VisibleTo(1, all); len(got) != 2 {
		t.Errorf("a reviewer who scored sees %v", got)
	}
}

func TestTheBoardCountsTheAcceptedProgrammesBalance(t *testing.T) {
	d := goodDraft()
	d.Validate()
	list := []Proposal{{ID: 1, Draft: d, State: Accepted}, {ID: 2, Draft: d, State: Rejected}}
	b := BoardOf(Call{Rubric: rubric}, list, []Assignment{{ProposalID: 1}}, nil)
	if b.Programme.Accepted != 1 || b.Programme.Issues[1] != 1 || b.Rows[0].Scores.Assigned != 1 || b.Rows[1].Scores.Assigned != 0 {
		t.Fatalf("board: %+v", b)
	}
	if b.Programme.Speakers.Regions[0].Count != 2 {
		t.Fatalf("accepted speakers' regions: %+v", b.Programme.Speakers.Regions)
	}
}
