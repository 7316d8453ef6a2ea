package e2e

import (
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// TestAxeFindsNoViolationsInTheSchedulePages: the Secretariat's list of
// sessions with the import form, a session's page with people found, and
// the same page listing a clash, in English and Arabic.
func TestAxeFindsNoViolationsInTheSchedulePages(t *testing.T) {
	chromiumtest.Path(t)
	src := axeSource(t)
	sc := newScheduleScene(t)
	n, busy, page := sc.n, sc.busy, sc.page
	sec := chromiumtest.New(t)
	signInOn(t, sec, n, "secretariat@demo.igf.example", "/admin/schedule")
	for _, lang := range []string{"en", "ar"} {
		open(t, sec, n.URL+"/admin/schedule?lang="+lang)
		waitFor(t, sec, 10*time.Second, "the list", `document.getElementById("import-file") !== null`)
		checkAxe(t, sec, src, "/admin/schedule ("+lang+")")
		open(t, sec, n.URL+page+"?q=la&lang="+lang)
		waitFor(t, sec, 10*time.Second, "people found", `document.querySelector("#people-found li") !== null`)
		checkAxe(t, sec, src, page+"?q=la ("+lang+")")
		shotsTo(t, sec, "SCHEDULE_SHOTS", "schedule-found-"+lang)
		start := busy.StartsAt.UTC()
		setValue(t, sec, "place-day", start.Format(time.DateOnly))
		setValue(t, sec, "place-start", start.Format("15:04"))
		setValue(t, sec, "place-end", start.Add(10*time.Minute).Format("15:04"))
		typeInto(t, sec, "place-room", busy.Room)
		press(t, sec, "check", "#place-check")
		waitFor(t, sec, 10*time.Second, "the clashes", `document.getElementById("clashes") !== null`)
		checkAxe(t, sec, src, page+" with clashes ("+lang+")")
		shotsTo(t, sec, "SCHEDULE_SHOTS", "schedule-clash-"+lang)
	}
}
