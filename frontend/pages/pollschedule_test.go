package pages

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/voting"
)

// The moderator's forms schedule a poll to open and close by itself
// (times in UTC), refuse a time gone or a closing before the opening
// beside its field, and the lists say when a poll opens or closes.
func TestModeratorsScheduleAPollToOpenAndCloseByItself(t *testing.T) {
	f, fv := pollFixture(t)
	local := "2006-01-02T15:04"
	now := f.p.deps.Now() // the pages' clock
	opens := now.UTC().Add(2 * time.Hour).Truncate(time.Minute)
	closes := opens.Add(45 * time.Minute)
	body := f.get("/sessions/1/moderate?lang=en", "Lucia").Body.String()
	mustContain(t, body, `<legend>Schedule (optional)</legend>`,
		`<input type="datetime-local" id="poll-opens" name="opens_at" value="" dir="ltr">`,
		`<input type="datetime-local" id="elect-closes" name="closes_at" value="" dir="ltr">`)

	w := f.post("/sessions/1/polls", "Lucia", url.Values{"question": {"Which question first?"}, "kind": {"yes_no_abstain"}, "rule": {"majority"},
		"opens_at": {opens.Format(local)}, "closes_at": {closes.Format(local) + ":00"}})
	wantStatus(t, w, http.StatusSeeOther)
	if len(fv.created) != 1 || fv.created[0].OpensAt == nil || !fv.created[0].OpensAt.Equal(opens) ||
		fv.created[0].ClosesAt == nil || !fv.created[0].ClosesAt.Equal(closes) {
		t.Fatalf("created %+v, want it to open at %s and close at %s", fv.created, opens, closes)
	}

	past := now.UTC().Add(-time.Hour).Format(local)
	w = f.post("/sessions/1/polls?lang=en", "Lucia", url.Values{"question": {"Late?"}, "kind": {"yes_no_abstain"}, "rule": {"majority"},
		"opens_at": {past}, "closes_at": {"tomorrow"}})
	wantStatus(t, w, http.StatusUnprocessableEntity)
	mustContain(t, w.Body.String(), `<li><a href="#poll-opens">The opening time must be a date and time still to come, in UTC.</a></li>`,
		`<li><a href="#poll-closes">The closing time must be still to come, and after the opening time.</a></li>`,
		`value="`+past+`" dir="ltr" aria-describedby="poll-opens-error" aria-invalid="true">`)
	w = f.post("/sessions/1/polls?lang=en", "Lucia", url.Values{"form": {"election"}, "question": {"Rapporteur"}, "kind": {"ranked"},
		"candidates": {"Amina\nRajesh"}, "opens_at": {closes.Format(local)}, "closes_at": {opens.Format(local)}})
	wantStatus(t, w, http.StatusUnprocessableEntity)
	mustContain(t, w.Body.String(), `<span id="elect-closes-error" class="error">The closing time must be still to come, and after the opening time.</span>`)
	if len(fv.created) != 1 {
		t.Fatalf("a poll was created from a bad schedule: %+v", fv.created[1:])
	}

	fv.polls[9] = voting.Poll{ID: 9, State: voting.Draft, Settings: voting.Settings{SessionID: 1, Question: "Scheduled?", OpensAt: &opens}}
	fv.polls[10] = voting.Poll{ID: 10, State: voting.Open, Settings: voting.Settings{SessionID: 1, Question: "Closing?", ClosesAt: &closes}}
	body = f.get("/sessions/1/moderate?lang=en", "Lucia").Body.String()
	mustContain(t, body, `<span class="schedule">opens on `+dateEN(opens)+` at `+opens.Format("15:04")+` UTC</span>`,
		`<span class="schedule">closes on `+dateEN(closes)+` at `+closes.Format("15:04")+` UTC</span>`)
	mustContain(t, f.get("/sessions/1?lang=en", "Amina").Body.String(), `closes on `+dateEN(closes))
}

// dateEN is a day as the English pages write it.
func dateEN(t time.Time) string { return t.Format("2 January 2006") }
