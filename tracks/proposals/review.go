package proposals

import (
	"math"
	"strings"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// Review is one reviewer's review of one proposal: their scores by
// criterion, or a declared conflict of interest (no scores).
type Review struct {
	ProposalID   int64         `json:"proposal_id"`
	ReviewerID   int64         `json:"reviewer_id"`
	ReviewerName string        `json:"reviewer_name"`
	Conflict     bool          `json:"conflict"`
	Scores       map[int64]int `json:"scores,omitempty"`
	Comment      string        `json:"comment,omitempty"`
	Reviewed     time.Time     `json:"reviewed_at"`
}

// Scoring is what a reviewer sends: a score for every criterion of the
// rubric, and an optional comment for the Secretariat.
type Scoring struct {
	Scores  map[int64]int `json:"scores"`
	Comment string        `json:"comment"`
}

// validate checks s against rubric: every criterion scored, from MinScore
// to MaxScore, and nothing else.
func (s *Scoring) validate(rubric []Criterion) error {
	if len(s.Scores) != len(rubric) {
		return igfplus.Errorf(igfplus.EInvalid, "Score every criterion of the rubric, and only those (%d).", len(rubric))
	}
	for _, c := range rubric {
		v, ok := s.Scores[c.ID]
		if !ok {
			return igfplus.Errorf(igfplus.EInvalid, "The criterion %q has no score.", c.Name)
		}
		if v < MinScore || v > MaxScore {
			return igfplus.Errorf(igfplus.EInvalid, "A score is %d to %d.", MinScore, MaxScore)
		}
	}
	s.Comment = strings.TrimSpace(s.Comment)
	return maxRunes(s.Comment, 5000, "The comment")
}

// Weighted is a review's total on the rubric: the weighted mean of its
// scores, from MinScore to MaxScore; ok is false for a conflict or a
// review missing a criterion.
func (r Review) Weighted(rubric []Criterion) (total float64, ok bool) {
	if r.Conflict || len(rubric) == 0 {
		return 0, false
	}
	var sum, weights float64
	for _, c := range rubric {
		v, found := r.Scores[c.ID]
		if !found {
			return 0, false
		}
		sum += float64(v * c.Weight)
		weights += float64(c.Weight)
	}
	return sum / weights, true
}

// Aggregate is what the Secretariat reads of a proposal's reviews: how
// many reviewers scored it and declared a conflict, the mean of their
// weighted totals, and how far they disagree (the population standard
// deviation and the range of the totals).
type Aggregate struct {
	ProposalID int64   `json:"proposal_id"`
	Assigned   int     `json:"assigned"`
	Scored     int     `json:"scored"`
	Conflicts  int     `json:"conflicts"`
	Mean       float64 `json:"mean"`
	StdDev     float64 `json:"std_dev"`
	Min        float64 `json:"min"`
	Max        float64 `json:"max"`
}

// Range is the spread between the highest and lowest total.
func (a Aggregate) Range() float64 { return a.Max - a.Min }

// Disagreement is the level at which the Secretariat's page flags
// reviewers' totals as disagreeing: a standard deviation of one point on
// the five-point scale.
const Disagreement = 1.0

// Disagrees reports whether the reviewers' totals spread at least
// Disagreement.
func (a Aggregate) Disagrees() bool { return a.Scored >= 2 && a.StdDev >= Disagreement }

// Aggregated sums up reviews of one proposal (assigned reviewers counted
// apart) on rubric, rounding to two decimals.
func Aggregated(proposal int64, assigned int, reviews []Review, rubric []Criterion) Aggregate {
	a := Aggregate{ProposalID: proposal, Assigned: assigned}
	var totals []float64
	for _, r := range reviews {
		if r.Conflict {
			a.Conflicts++
			continue
		}
		if t, ok := r.Weighted(rubric); ok {
			totals = append(totals, t)
		}
	}
	a.Scored = len(totals)
	if a.Scored == 0 {
		return a
	}
	a.Min, a.Max = totals[0], totals[0]
	var sum float64
	for _, t := range totals {
		sum += t
		a.Min, a.Max = math.Min(a.Min, t), math.Max(a.Max, t)
	}
	a.Mean = sum / float64(a.Scored)
	var sq float64
	for _, t := range totals {
		sq += (t - a.Mean) * (t - a.Mean)
	}
	a.StdDev = math.Sqrt(sq / float64(a.Scored))
	a.Mean, a.StdDev, a.Min, a.Max = round2(a.Mean), round2(a.StdDev), round2(a.Min), round2(a.Max)
	return a
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }
