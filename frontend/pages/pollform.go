package pages

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/igfplus/igfplus/tracks/voting"
)

// Limits of a choice poll the moderator's form checks early, as the voting
// service does (voting.Settings.Validate).
const (
	minPollOptions = 2
	maxPollOptions = 20
)

// pollForm is one of the moderator's two forms, as posted: a new poll (on
// a recommendation, or with none a question put to the room), or, when
// Election is set, a new election among Candidates. Options and candidates
// are one per line; ChooseMax is how many options each voter may choose
// (an election's seats).
//
// OpensAt and ClosesAt schedule the poll: an HTML datetime-local value in
// UTC, or empty to open and close it by hand.
type pollForm struct {
	formProblems
	Kind, Question, Rule, Options, Candidates, ChooseMax, Quorum, Rec string
	OpensAt, ClosesAt                                                 string
	Secret, HideResults, Election                                     bool
	// Scope is who may vote: "all", "registered" or "attending".
	Scope string
}

func postedPollForm(f actForm) *pollForm {
	return &pollForm{Kind: f.FormValue("kind"), Question: f.FormValue("question"), Rule: f.FormValue("rule"),
		Options: f.FormValue("options"), Candidates: f.FormValue("candidates"), ChooseMax: strings.TrimSpace(f.FormValue("choose_max")),
		Quorum: strings.TrimSpace(f.FormValue("quorum_percent")), Rec: f.FormValue("recommendation_id"),
		OpensAt: strings.TrimSpace(f.FormValue("opens_at")), ClosesAt: strings.TrimSpace(f.FormValue("closes_at")),
		Secret: formBool(f, "secret"), HideResults: formBool(f, "hide_results"), Election: f.FormValue("form") == "election",
		Scope: f.FormValue("electorate_scope")}
}

// newElectionForm is the empty election form: ranked, secret.
func newElectionForm() *pollForm {
	return &pollForm{Election: true, Kind: string(voting.Ranked), Secret: true, ChooseMax: "1"}
}

// optionLines are the options, one per line, blank lines left out.
func (f *pollForm) optionLines() []string { return lines(f.Options) }

// lines are the non-blank lines of text, trimmed.
func lines(text string) []string { return splitTrimmed(text, "\n") }

// splitTrimmed is the parts of text between the separators sep, trimmed, the
// blank ones left out.
func splitTrimmed(text, sep string) []string {
	var out []string
	for _, p := range strings.Split(text, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// check catches the common mistakes in the reader's language, adding them
// to f.Errors, and returns the settings to create; now is the time a
// schedule must come after.
func (f *pollForm) check(v *view, sessionID int64, now time.Time) (voting.Settings, error) {
	set := voting.Settings{SessionID: sessionID, Question: f.Question, Kind: voting.Kind(f.Kind),
		Rule: voting.Rule(f.Rule), Secret: f.Secret, HideResults: f.HideResults, Electorate: voting.ElectorateScope(f.Scope)}
	// No recommendation: a question put to the session's room.
	set.RecommendationID, _ = strconv.ParseInt(f.Rec, 10, 64)
	if set.Kind == "" {
		set.Kind = voting.YesNoAbstain // the form before choice polls
	}
	var bad []string
	if strings.TrimSpace(f.Question) == "" {
		bad = append(bad, "question")
	}
	if f.Election {
		set.RecommendationID = 0
		bad = append(bad, f.checkElection(&set)...)
	}
	if f.Quorum != "" {
		n, err := strconv.Atoi(f.Quorum)
		if err != nil || n < 0 || n > 100 {
			bad = append(bad, "quorum")
		}
		set.QuorumPercent = n
	}
	bad = append(bad, f.checkSchedule(&set, now)...)
	if set.Kind == voting.Choose && !f.Election {
		set.Options, set.Rule = f.optionLines(), voting.Plurality
		if n := len(set.Options); n < minPollOptions || n > maxPollOptions {
			bad = append(bad, "options")
		}
		n, err := strconv.Atoi(f.ChooseMax)
		if err != nil || n < 1 || n >= max(minPollOptions, len(set.Options)) {
			bad = append(bad, "choose_max")
		}
		set.ChooseMax = n
	}
	prefix, fields := "moderate.polls.error.", pollFields
	if f.Election {
		prefix, fields = "moderate.elect.error.", electionFields
	}
	for _, b := range bad {
		msg, err := v.T(prefix + b)
		if err != nil {
			return set, err
		}
		f.Errors = append(f.Errors, fieldError{Field: fields[b], Message: msg})
	}
	return set, nil
}

// checkElection reads the election form's candidates and counting into set:
// ranked (one elected by instant runoff) or choose (the ChooseMax most
// chosen elected).
func (f *pollForm) checkElection(set *voting.Settings) []string {
	var bad []string
	names := lines(f.Candidates)
	for _, n := range names {
		set.Candidates = append(set.Candidates, voting.Candidate{Name: n})
	}
	unique := slices.Compact(slices.Sorted(slices.Values(names)))
	if len(names) < minPollOptions || len(names) > maxPollOptions || len(unique) != len(names) {
		bad = append(bad, "candidates")
	}
	if set.Kind != voting.Choose {
		set.Kind, set.Rule, set.ChooseMax = voting.Ranked, voting.InstantRunoff, 1
		return bad
	}
	set.Rule = voting.Plurality
	n, err := strconv.Atoi(f.ChooseMax)
	if err != nil || n < 1 || n >= max(minPollOptions, len(names)) {
		bad = append(bad, "choose_max")
	}
	set.ChooseMax = n
	return bad
}

// scheduleLayouts are the forms of an HTML datetime-local value.
var scheduleLayouts = []string{"2006-01-02T15:04", "2006-01-02T15:04:05"}

// checkSchedule reads the form's opening and closing times into set: each
// empty (by hand) or a time to come, the closing after the opening.
func (f *pollForm) checkSchedule(set *voting.Settings, now time.Time) []string {
	var bad []string
	read := func(value, field string) *time.Time {
		if value == "" {
			return nil
		}
		for _, layout := range scheduleLayouts {
			if t, err := time.ParseInLocation(layout, value, time.UTC); err == nil && t.After(now) {
				return &t
			}
		}
		bad = append(bad, field)
		return nil
	}
	set.OpensAt, set.ClosesAt = read(f.OpensAt, "opens_at"), read(f.ClosesAt, "closes_at")
	if set.OpensAt != nil && set.ClosesAt != nil && !set.ClosesAt.After(*set.OpensAt) {
		bad = append(bad, "closes_at")
	}
	return bad
}

// pollFields and electionFields are the forms' field ids of each check.
var (
	pollFields = map[string]string{
		"question": "poll-question", "quorum": "poll-quorum", "options": "poll-options", "choose_max": "poll-choose-max",
		"opens_at": "poll-opens", "closes_at": "poll-closes",
	}
	electionFields = map[string]string{
		"question": "elect-question", "quorum": "elect-quorum", "candidates": "elect-candidates", "choose_max": "elect-seats",
		"opens_at": "elect-opens", "closes_at": "elect-closes",
	}
)
