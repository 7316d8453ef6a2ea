package e2e

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// setValue sets a field the way a date or time picker would.
func setValue(t *testing.T, ctx context.Context, id, value string) {
	t.Helper()
	eval[bool](t, ctx, 5*time.Second, `(document.getElementById(`+js(id)+`).value = `+js(value)+`, true)`)
}

// textOf is the text of the element with id ("" when there is none).
func textOf(id string) string {
	return `(document.getElementById(` + js(id) + `)?.textContent ?? "")`
}

// personID is the account of the one person whose name holds q.
func personID(t *testing.T, n *node, sec, q string) string {
	t.Helper()
	var found struct {
		People []struct {
			ID int64 `json:"id"`
		} `json:"people"`
	}
	api(t, n, "GET", "/api/people?q="+q, sec, "", 200, &found)
	if len(found.People) != 1 {
		t.Fatalf("%d people named like %q", len(found.People), q)
	}
	return strconv.FormatInt(found.People[0].ID, 10)
}

// TestBrowserTheSecretariatSchedulesAnAcceptedSession: from the header's
// link, the Secretariat opens an accepted proposal's session, checks it
// into a room already booked (the clash is listed, saving is refused),
// moves it to a free room and day (no clash), saves it, finds a moderator
// and a captioner by name and gives them their parts, and adds an agenda
// item; the session is then in the programme, in /calendar.ics and in
// search, and a participant who follows it has it in her personal feed.
// Without JavaScript the same forms find and add a rapporteur, check the
// slot and add an agenda item.
func TestBrowserTheSecretariatSchedulesAnAcceptedSession(t *testing.T) {
	chromiumtest.Path(t)
	sc := newScheduleScene(t)
	n, secToken, id, busy, page := sc.n, sc.secToken, sc.id, sc.busy, sc.page

	sec := chromiumtest.New(t)
	signInOn(t, sec, n, "secretariat@demo.igf.example", "/")
	press(t, sec, "open the schedule from the header", "#schedule-admin-link")
	press(t, sec, "open the unscheduled session", `a[href="`+page+`"]`)
	waitFor(t, sec, 10*time.Second, "the session's page, not yet scheduled", `document.getElementById("place-check") !== null`)

	// Into a booked room: the clash is listed, and saving is refused.
	start := busy.StartsAt.UTC()
	end := start.Add(15 * time.Minute)
	if end.Day() != start.Day() {
		start, end = busy.EndsAt.UTC().Add(-15*time.Minute), busy.EndsAt.UTC()
	}
	setValue(t, sec, "place-day", start.Format(time.DateOnly))
	setValue(t, sec, "place-start", start.Format("15:04"))
	setValue(t, sec, "place-end", end.Format("15:04"))
	typeInto(t, sec, "place-room", busy.Room)
	press(t, sec, "check for clashes", "#place-check")
	waitFor(t, sec, 10*time.Second, "the booked room listed as a clash",
		textOf("clashes")+`.includes(`+js(busy.Room+" is booked for “"+busy.Title)+`) && document.getElementById("place-confirm") === null`)
	shotsTo(t, sec, "SCHEDULE_SHOTS", "schedule-clash-en")
	// The check's page says the same: mark it, to wait for the save's.
	eval[bool](t, sec, 5*time.Second, `(window.checkedPage = true)`)
	press(t, sec, "save despite the clash", "#place-save")
	waitFor(t, sec, 10*time.Second, "refused, the clash still listed", `!window.checkedPage && `+textOf("clashes")+`.includes("cannot be saved")`)
	if _, now := editionSchedule(t, n, secToken); now[busy.Title].ID != busy.ID || stateOf(now, id) != "unscheduled" {
		t.Fatal("a refused placement scheduled the session")
	}

	// Fixed: a free room on a free day.
	free, freeEnd := freeSlot()
	setValue(t, sec, "place-day", free.Format(time.DateOnly))
	setValue(t, sec, "place-start", free.Format("15:04"))
	setValue(t, sec, "place-end", freeEnd.Format("15:04"))
	typeInto(t, sec, "place-room", "Room 9")
	press(t, sec, "check again", "#place-check")
	waitFor(t, sec, 10*time.Second, "no clash", textOf("no-clash")+` !== ""`)
	press(t, sec, "save", "#place-save")
	waitFor(t, sec, 10*time.Second, "saved", textOf("placement-saved")+` !== "" && `+textOf("session-state")+`.includes("Scheduled")`)

	// A moderator and a captioner found by name.
	lucia, layla := personID(t, n, secToken, "fern"), personID(t, n, secToken, "layla")
	for _, p := range []struct{ query, id, role, name string }{{"Fern", lucia, "moderator", "Lucía Fernández"}, {"Layla", layla, "captioner", "Layla Haddad"}} {
		typeInto(t, sec, "people-q", p.query)
		press(t, sec, "search people", "#people-search")
		waitFor(t, sec, 10*time.Second, p.name+" found", textOf("found-"+p.id+"-name")+` === `+js(p.name))
		setValue(t, sec, "found-"+p.id+"-role", p.role)
		press(t, sec, "add "+p.name, "#found-"+p.id+"-add")
		waitFor(t, sec, 10*time.Second, p.name+" listed", textOf("people-list")+`.includes(`+js(p.name)+`)`)
	}
	typeInto(t, sec, "item-new-title", "Opening words")
	typeInto(t, sec, "item-new-minutes", "12")
	press(t, sec, "add an agenda item", "#item-add")
	waitFor(t, sec, 10*time.Second, "the item listed", textOf("agenda-total")+`.includes("12")`)
	shotsTo(t, sec, "SCHEDULE_SHOTS", "schedule-session-en")
	open(t, sec, n.URL+page+"?lang=ar&q=Layla")
	shotsTo(t, sec, "SCHEDULE_SHOTS", "schedule-session-ar")

	_, after := editionSchedule(t, n, secToken)
	var placed bookingJSON
	for _, b := range after {
		if b.ID == id {
			placed = b
		}
	}
	roles := map[string]string{}
	for _, p := range placed.People {
		roles[p.Name] = roles[p.Name] + p.Role
	}
	if placed.State != "scheduled" || placed.Room != "Room 9" || !placed.StartsAt.Equal(free) || roles["Lucía Fernández"] != "moderator" || roles["Layla Haddad"] != "captioner" {
		t.Fatalf("after the page: %+v", placed)
	}
	open(t, sec, n.URL+"/?lang=en")
	waitFor(t, sec, 10*time.Second, "the session in the programme", `document.body.textContent.includes(`+js(placed.Title)+`)`)
	eventOf(t, calendar(t, n.URL+"/calendar.ics", http.StatusOK), id)
	// Search finds it; a participant follows it, and it is in her personal
	// feed.
	session := "/sessions/" + strconv.FormatInt(id, 10)
	open(t, sec, n.URL+"/search?lang=en&q="+url.QueryEscape(placed.Title))
	waitFor(t, sec, 10*time.Second, "the session found by its title", `document.querySelector('a[href="`+session+`"]') !== null`)
	amina := chromiumtest.New(t)
	signInOn(t, amina, n, "youth@demo.igf.example", session)
	press(t, amina, "follow the session", "#follow-button")
	waitFor(t, amina, 10*time.Second, "following", `document.getElementById("follow-state")?.textContent.includes("You follow this session")`)
	open(t, amina, n.URL+"/me/schedule?lang=en")
	press(t, amina, "make a feed address", "#feed-create")
	waitFor(t, amina, 10*time.Second, "the feed's address", `(document.getElementById("feed-url")?.value || "").includes("/me/calendar.ics?token=")`)
	eventOf(t, calendar(t, eval[string](t, amina, 5*time.Second, `document.getElementById("feed-url").value`), http.StatusOK), id)

	// Without JavaScript: a rapporteur found and added.
	off := noScript(t)
	signInOn(t, off, n, "secretariat@demo.igf.example", page)
	rajesh := personID(t, n, secToken, "rajesh")
	typeInto(t, off, "people-q", "Rajesh")
	press(t, off, "search without JavaScript", "#people-search")
	waitFor(t, off, 10*time.Second, "found without JavaScript", textOf("found-"+rajesh+"-name")+` === "Rajesh Iyer"`)
	setValue(t, off, "found-"+rajesh+"-role", "rapporteur")
	press(t, off, "add without JavaScript", "#found-"+rajesh+"-add")
	waitFor(t, off, 10*time.Second, "listed without JavaScript", textOf("people-list")+`.includes("Rajesh Iyer")`)
	press(t, off, "check without JavaScript", "#place-check")
	waitFor(t, off, 10*time.Second, "checked without JavaScript", textOf("no-clash")+` !== ""`)
	typeInto(t, off, "item-new-title", "Questions from the floor")
	typeInto(t, off, "item-new-minutes", "20")
	press(t, off, "add an agenda item without JavaScript", "#item-add")
	waitFor(t, off, 10*time.Second, "the agenda's total without JavaScript", textOf("agenda-total")+`.includes("32")`)
}

func stateOf(list map[string]bookingJSON, id int64) string {
	for _, b := range list {
		if b.ID == id {
			return b.State
		}
	}
	return ""
}

// TestBrowserACSVWithBadRowsImportsNothingUntilFixed: the upload of a
// file with a good and two bad rows imports nothing and says which rows
// and why; the fixed file imports both sessions. Without JavaScript the
// report is the same.
func TestBrowserACSVWithBadRowsImportsNothingUntilFixed(t *testing.T) {
	chromiumtest.Path(t)
	n := startNode(t, newCluster(t))
	secToken := signIn(t, n, "secretariat@demo.igf.example", demoPassword)
	_, before := editionSchedule(t, n, secToken)
	start, _ := freeSlot()
	day := start.Format(time.DateOnly)
	dir := t.TempDir()
	file := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("track,policy_issue,format,title,day,start,end,room\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := "ai,ai-governance,workshop,Imported from the page," + day + ",10:00,11:00,Hall Z\n"
	bad := file("bad.csv", good+"nope,ai-governance,workshop,Bad track,"+day+",12:00,13:00,Hall Z\n"+
		"ai,ai-governance,workshop,Same room,"+day+",10:30,11:30,hall z\n")
	fixed := file("fixed.csv", good+"ai,ai-governance,open_forum,Also from the page,"+day+",12:00,13:00,Hall Z\n")

	for _, js := range []bool{true, false} {
		b := chromiumtest.New(t)
		if !js {
			scripts(t, b, false)
		}
		signInOn(t, b, n, "secretariat@demo.igf.example", "/admin/schedule")
		step(t, b, 10*time.Second, "choose the bad file", chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{bad}))
		press(t, b, "import it", "#import-submit")
		waitFor(t, b, 10*time.Second, "rows 3 and 4 refused, and why",
			textOf("row-3")+`.includes("no track of this edition")`+` && `+textOf("row-4")+`.includes("room is booked")`+` && document.getElementById("row-2") === null`)
		if js {
			shotsTo(t, b, "SCHEDULE_SHOTS", "schedule-import-en")
		}
		if _, now := editionSchedule(t, n, secToken); len(now) != len(before) {
			t.Fatalf("a refused file imported %d sessions", len(now)-len(before))
		}
	}
	b := chromiumtest.New(t)
	signInOn(t, b, n, "secretariat@demo.igf.example", "/admin/schedule")
	step(t, b, 10*time.Second, "choose the fixed file", chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{fixed}))
	press(t, b, "import it", "#import-submit")
	waitFor(t, b, 10*time.Second, "two imported", textOf("import-status")+`.includes("Sessions imported: 2")`)
	if _, now := editionSchedule(t, n, secToken); now["Imported from the page"].Room != "Hall Z" || now["Also from the page"].State != "scheduled" {
		t.Fatal("the fixed file's sessions are not in the schedule")
	}
	open(t, b, n.URL+"/admin/schedule?lang=ar")
	shotsTo(t, b, "SCHEDULE_SHOTS", "schedule-list-ar")
	if !strings.Contains(eval[string](t, b, 5*time.Second, `document.documentElement.dir`), "rtl") {
		t.Error("the Arabic page is not right to left")
	}
}

// TestAxeFindsNoViolationsInTheSchedulePages: the Secretariat's list of
// sessions with the import form, a session's page with people found, and
// the same page listing a clash, in English and Arabic.
func TestAxeFindsNoViolationsInTheSchedulePages(t *testing.T) {
	src := axeSetUp(t)
	sc := newScheduleScene(t)
	n, busy, page := sc.n, sc.busy, sc.page
	sec := chromiumtest.New(t)
	signInOn(t, sec, n, "secretariat@demo.igf.example", "/admin/schedule")
	for _, lang := range []string{"en", "ar"} {
		open(t, sec, n.URL+"/admin/schedule?lang="+lang)
		waitFor(t, sec, 10*time.Second, "the list", `document.getElementById("import-file") !== null`)
		chromiumtest.CheckAxe(t, sec, src, "/admin/schedule ("+lang+")")
		open(t, sec, n.URL+page+"?q=la&lang="+lang)
		waitFor(t, sec, 10*time.Second, "people found", `document.querySelector("#people-found li") !== null`)
		chromiumtest.CheckAxe(t, sec, src, page+"?q=la ("+lang+")")
		shotsTo(t, sec, "SCHEDULE_SHOTS", "schedule-found-"+lang)
		start := busy.StartsAt.UTC()
		setValue(t, sec, "place-day", start.Format(time.DateOnly))
		setValue(t, sec, "place-start", start.Format("15:04"))
		setValue(t, sec, "place-end", start.Add(10*time.Minute).Format("15:04"))
		typeInto(t, sec, "place-room", busy.Room)
		press(t, sec, "check", "#place-check")
		waitFor(t, sec, 10*time.Second, "the clashes", `document.getElementById("clashes") !== null`)
		chromiumtest.CheckAxe(t, sec, src, page+" with clashes ("+lang+")")
		shotsTo(t, sec, "SCHEDULE_SHOTS", "schedule-clash-"+lang)
	}
}
