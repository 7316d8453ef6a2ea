package pages

import (
	"strconv"
	"strings"

	"github.com/igfplus/igfplus/tracks/voting"
)

// Limits of a choice poll the moderator's form checks early, as the voting
// service does (voting.Settings.Validate).
const (
	minPollOptions = 2
	maxPollOptions = 20
)

// pollForm is the moderator's new-poll form, as posted. Options are one
// per line; ChooseMax is how many of them each voter may choose.
type pollForm struct {
	formProblems
	Kind, Question, Rule, Options, ChooseMax, Quorum, Rec string
	Secret, HideResults                                   bool
}

func postedPollForm(f actForm) *pollForm {
	return &pollForm{Kind: f.FormValue("kind"), Question: f.FormValue("question"), Rule: f.FormValue("rule"),
		Options: f.FormValue("options"), ChooseMax: strings.TrimSpace(f.FormValue("choose_max")),
		Quorum: strings.TrimSpace(f.FormValue("quorum_percent")), Rec: f.FormValue("recommendation_id"),
		Secret: formBool(f, "secret"), HideResults: formBool(f, "hide_results")}
}

// optionLines are the options, one per line, blank lines left out.
func (f *pollForm) optionLines() []string {
	var out []string
	for _, l := range strings.Split(f.Options, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// check catches the common mistakes in the reader's language, adding them
// to f.Errors, and returns the settings to create.
func (f *pollForm) check(v *view, sessionID int64) (voting.Settings, error) {
	set := voting.Settings{SessionID: sessionID, Question: f.Question, Kind: voting.Kind(f.Kind),
		Rule: voting.Rule(f.Rule), Secret: f.Secret, HideResults: f.HideResults}
	set.RecommendationID, _ = strconv.ParseInt(f.Rec, 10, 64) // 0 is refused by the service
	if set.Kind == "" {
		set.Kind = voting.YesNoAbstain // the form before choice polls
	}
	var bad []string
	if strings.TrimSpace(f.Question) == "" {
		bad = append(bad, "question")
	}
	if f.Quorum != "" {
		n, err := strconv.Atoi(f.Quorum)
		if err != nil || n < 0 || n > 100 {
			bad = append(bad, "quorum")
		}
		set.QuorumPercent = n
	}
	if set.Kind == voting.Choose {
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
	for _, b := range bad {
		msg, err := v.T("moderate.polls.error." + b)
		if err != nil {
			return set, err
		}
		f.Errors = append(f.Errors, fieldError{Field: pollFields[b], Message: msg})
	}
	return set, nil
}

// pollFields are the form's field ids of each check.
var pollFields = map[string]string{
	"question": "poll-question", "quorum": "poll-quorum", "options": "poll-options", "choose_max": "poll-choose-max",
}
