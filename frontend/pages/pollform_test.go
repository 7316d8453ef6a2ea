package pages

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

func TestModeratorsCreateAChooseNPollFromTheForm(t *testing.T) {
	f, fv := pollFixture(t)
	body := f.get("/sessions/1/moderate?lang=en", "Lucia").Body.String()
	mustContain(t, body, `<legend>Kind of poll</legend>`, `<input type="radio" name="kind" value="choose">`,
		`<label for="poll-options">Options, one per line (choice polls)</label>`,
		`<textarea id="poll-options" name="options" rows="4" dir="auto" aria-describedby="poll-options-hint"></textarea>`,
		`<label for="poll-choose-max">`, `name="choose_max" min="1" max="19" inputmode="numeric" value="1">`)
	w := f.post("/sessions/1/polls", "Lucia", url.Values{"recommendation_id": {"7"}, "question": {"Which texts go forward?"},
		"kind": {"choose"}, "rule": {"majority"}, "options": {"Text A\r\n\r\n  Text B  \r\nText C\r\n"}, "choose_max": {"2"}, "secret": {"true"}})
	wantStatus(t, w, http.StatusSeeOther)
	want := voting.Settings{RecommendationID: 7, SessionID: 1, Question: "Which texts go forward?", Kind: voting.Choose,
		Options: []string{"Text A", "Text B", "Text C"}, ChooseMax: 2, Rule: voting.Plurality, Secret: true}
	if len(fv.created) != 1 || fmt.Sprint(fv.created[0]) != fmt.Sprint(want) {
		t.Errorf("created %+v, want %+v", fv.created, want)
	}
}

func TestPollFormMistakesComeBackNamedAndLinkedToTheirFields(t *testing.T) {
	f, fv := pollFixture(t)
	bad := url.Values{"recommendation_id": {"7"}, "question": {"  "}, "kind": {"choose"}, "options": {"Only one"},
		"choose_max": {"3"}, "quorum_percent": {"150"}}
	w := f.post("/sessions/1/polls?lang=en", "Lucia", bad)
	wantStatus(t, w, http.StatusUnprocessableEntity)
	body := w.Body.String()
	mustContain(t, body, `<div id="poll-new-errors" class="alert" role="alert" tabindex="-1" data-focus-on-load>`,
		`<li><a href="#poll-question">Write the question put to the vote.</a></li>`,
		`<li><a href="#poll-quorum">The quorum is a whole number from 0 to 100, or left empty.</a></li>`,
		`<li><a href="#poll-options">A choice poll needs 2 to 20 options, one per line.</a></li>`,
		`<li><a href="#poll-choose-max">`,
		`<textarea id="poll-options" name="options" rows="4" dir="auto" aria-describedby="poll-options-hint poll-options-error" aria-invalid="true">Only one</textarea>`,
		`<span id="poll-choose-max-error" class="error">`, `value="3" aria-describedby="poll-choose-max-error" aria-invalid="true">`,
		`value="150" aria-describedby="poll-quorum-error" aria-invalid="true">`,
		`<input type="radio" name="kind" value="choose" checked>`, `<option value="7" selected>`)
	if len(fv.created) != 0 {
		t.Errorf("a poll was created from a bad form: %+v", fv.created)
	}
	// In the reader's language.
	fr := f.post("/sessions/1/polls?lang=fr", "Lucia", bad).Body.String()
	mustContain(t, fr, "Un scrutin à choix demande de 2 à 20 options, une par ligne.", "Écrivez la question mise aux voix.")

	// What only the service knows comes back too, with its own words.
	fv.createErr = igfplus.Errorf(igfplus.EInvalid, "The poll cannot be set up: a choice poll is decided by plurality.")
	w = f.post("/sessions/1/polls?lang=en", "Lucia", url.Values{"recommendation_id": {"7"}, "question": {"Which?"},
		"kind": {"choose"}, "options": {"A\nB\nC"}, "choose_max": {"1"}})
	wantStatus(t, w, http.StatusUnprocessableEntity)
	mustContain(t, w.Body.String(), `<p class="error">The voting service refused this poll:</p>`,
		`<p>The poll cannot be set up: a choice poll is decided by plurality.</p>`)
	// Anything else is not the form's to show.
	fv.createErr = igfplus.Errorf(igfplus.EForbidden, "Only the session's moderators may set up polls.")
	w = f.post("/sessions/1/polls?lang=en", "Lucia", url.Values{"recommendation_id": {"7"}, "question": {"Adopt?"}})
	if wantStatus(t, w, http.StatusForbidden); strings.Contains(w.Body.String(), "poll-new-errors") {
		t.Error("a refusal was shown as a mistake in the form")
	}
}
