package e2e

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// bookingJSON is what the checks read of a scheduled session.
type bookingJSON struct {
	ID       int64     `json:"id"`
	Title    string    `json:"title"`
	State    string    `json:"state"`
	Room     string    `json:"room"`
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
	People   []struct {
		AccountID int64  `json:"account_id"`
		Name      string `json:"name"`
		Role      string `json:"role"`
	} `json:"people"`
}

// editionSchedule reads the current edition's id and its sessions as the
// Secretariat schedules them.
func editionSchedule(t *testing.T, n *node, sec string) (int64, map[string]bookingJSON) {
	t.Helper()
	var ed struct {
		ID int64 `json:"id"`
	}
	api(t, n, "GET", "/api/editions/current", "", "", 200, &ed)
	var out struct {
		Sessions []bookingJSON `json:"sessions"`
	}
	api(t, n, "GET", "/api/editions/"+strconv.FormatInt(ed.ID, 10)+"/schedule", sec, "", 200, &out)
	byTitle := map[string]bookingJSON{}
	for _, b := range out.Sessions {
		byTitle[b.Title] = b
	}
	return ed.ID, byTitle
}

// acceptDemoProposal accepts the demo's proposal (the youth
// participant's), returning its session, not yet scheduled.
func acceptDemoProposal(t *testing.T, n *node, sec string) int64 {
	t.Helper()
	var mine struct {
		Proposals []struct {
			ID int64 `json:"id"`
		} `json:"proposals"`
	}
	api(t, n, "GET", "/api/me/proposals", signIn(t, n, "youth@demo.igf.example", demoPassword), "", 200, &mine)
	var decided struct {
		SessionID int64 `json:"session_id"`
	}
	api(t, n, "POST", "/api/proposals/"+strconv.FormatInt(mine.Proposals[0].ID, 10)+"/decision", sec, `{"outcome":"accepted"}`, 200, &decided)
	return decided.SessionID
}

// scheduleScene is a node whose demo proposal was accepted: the
// Secretariat's token, the unscheduled session and its page, and a
// scheduled session in a room (busy) to clash with.
type scheduleScene struct {
	n        *node
	secToken string
	id       int64
	page     string
	busy     bookingJSON
}

func newScheduleScene(t *testing.T) scheduleScene {
	t.Helper()
	sc := scheduleScene{n: startNode(t, newCluster(t))}
	sc.secToken = signIn(t, sc.n, "secretariat@demo.igf.example", demoPassword)
	sc.id = acceptDemoProposal(t, sc.n, sc.secToken)
	_, before := editionSchedule(t, sc.n, sc.secToken)
	sc.busy = before["Open forum: trusted cross-border data flows"]
	sc.page = "/admin/schedule/" + strconv.FormatInt(sc.id, 10)
	return sc
}

// freeSlot is an hour in a room nobody uses, the day after tomorrow at
// 10:00 UTC (the demo's edition runs in UTC from yesterday for five days).
func freeSlot() (time.Time, time.Time) {
	d := time.Now().UTC().AddDate(0, 0, 2)
	start := time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, time.UTC)
	return start, start.Add(time.Hour)
}

// placementJSON is a placement's body; confirm adds "confirm" (which
// the check does not take).
func placementJSON(room string, start, end time.Time, confirm ...bool) string {
	body := `{"room":"` + room + `","starts_at":"` + start.Format(time.RFC3339) + `","ends_at":"` + end.Format(time.RFC3339) + `"`
	for _, c := range confirm {
		body += `,"confirm":` + strconv.FormatBool(c)
	}
	return body + "}"
}

// TestTheSecretariatSchedulesThroughTheAPIWithClashesFirst: an accepted
// proposal's session, checked into a room already booked, is refused even
// confirmed; placed where its proposer is busy, it needs confirming; once
// placed it is scheduled and in the public programme. Its people and
// agenda are set, and a participant may do none of it.
func TestTheSecretariatSchedulesThroughTheAPIWithClashesFirst(t *testing.T) {
	sc := newScheduleScene(t)
	n, sec, id, busy := sc.n, sc.secToken, sc.id, sc.busy
	youth := signIn(t, n, "youth@demo.igf.example", demoPassword)
	path := "/api/sessions/" + strconv.FormatInt(id, 10)

	var checked struct {
		Clashes []struct {
			Kind     string `json:"kind"`
			Blocking bool   `json:"blocking"`
			Message  string `json:"message"`
		} `json:"clashes"`
		Blocking bool `json:"blocking"`
	}
	api(t, n, "POST", path+"/schedule/check", sec, placementJSON(busy.Room, busy.StartsAt, busy.EndsAt), 200, &checked)
	clashOf := func(kind, words string) bool {
		for _, c := range checked.Clashes {
			if c.Kind == kind && strings.Contains(c.Message, words) && c.Blocking == (kind == "room") {
				return true
			}
		}
		return false
	}
	if !checked.Blocking || !clashOf("room", busy.Title) {
		t.Fatalf("checking a booked room: %+v", checked)
	}
	api(t, n, "PUT", path+"/schedule", sec, placementJSON(busy.Room, busy.StartsAt, busy.EndsAt, true), 409, nil)
	api(t, n, "POST", path+"/schedule/check", youth, placementJSON("Room 9", busy.StartsAt, busy.EndsAt), 403, nil)

	// Amina Yusuf moderates her session; make her a speaker of the busy one.
	var found struct {
		People []struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		} `json:"people"`
	}
	api(t, n, "GET", "/api/people?q=amina", sec, "", 200, &found)
	if len(found.People) != 1 || found.People[0].Name != "Amina Yusuf" {
		t.Fatalf("people found by name: %+v", found)
	}
	amina := strconv.FormatInt(found.People[0].ID, 10)
	api(t, n, "GET", "/api/people?q=amina", youth, "", 403, nil)
	api(t, n, "POST", "/api/sessions/"+strconv.FormatInt(busy.ID, 10)+"/roles", sec, `{"account_id":`+amina+`,"role":"speaker"}`, 204, nil)
	api(t, n, "POST", path+"/schedule/check", sec, placementJSON("Room 9", busy.StartsAt, busy.EndsAt), 200, &checked)
	if checked.Blocking || !clashOf("person", "Amina Yusuf is in") {
		t.Fatalf("checking where the moderator is busy: %+v", checked)
	}
	api(t, n, "PUT", path+"/schedule", sec, placementJSON("Room 9", busy.StartsAt, busy.EndsAt, false), 409, nil)
	var placed struct {
		Session bookingJSON `json:"session"`
	}
	api(t, n, "PUT", path+"/schedule", sec, placementJSON("Room 9", busy.StartsAt, busy.EndsAt, true), 200, &placed)
	if placed.Session.State != "scheduled" || placed.Session.Room != "Room 9" {
		t.Fatalf("placed: %+v", placed.Session)
	}
	var public struct {
		Sessions []struct {
			ID int64 `json:"id"`
		} `json:"sessions"`
	}
	api(t, n, "GET", "/api/sessions", "", "", 200, &public)
	listed := false
	for _, s := range public.Sessions {
		listed = listed || s.ID == id
	}
	if !listed {
		t.Error("the scheduled session is not in the public programme")
	}

	// Its people and agenda.
	api(t, n, "POST", path+"/roles", sec, `{"account_id":`+amina+`,"role":"rapporteur"}`, 204, nil)
	api(t, n, "DELETE", path+"/roles/"+amina+"/rapporteur", sec, "", 204, nil)
	api(t, n, "DELETE", path+"/roles/"+amina+"/rapporteur", sec, "", 404, nil)
	api(t, n, "POST", path+"/roles", sec, `{"account_id":`+amina+`,"role":"chair"}`, 422, nil)
	var item struct {
		ID int64 `json:"id"`
	}
	api(t, n, "POST", path+"/agenda", sec, `{"title":"Opening","minutes":10}`, 201, &item)
	api(t, n, "POST", path+"/agenda", youth, `{"title":"Mine","minutes":10}`, 403, nil)
	api(t, n, "PUT", path+"/agenda/"+strconv.FormatInt(item.ID, 10), sec, `{"title":"Opening words","minutes":12}`, 204, nil)
	api(t, n, "POST", path+"/agenda", sec, `{"title":"Too long","minutes":601}`, 422, nil)
	var agenda struct {
		Agenda []struct {
			Title   string `json:"title"`
			Minutes int    `json:"minutes"`
		} `json:"agenda"`
	}
	api(t, n, "GET", path+"/agenda", "", "", 200, &agenda)
	if len(agenda.Agenda) != 1 || agenda.Agenda[0].Title != "Opening words" || agenda.Agenda[0].Minutes != 12 {
		t.Fatalf("agenda %+v", agenda)
	}
	api(t, n, "DELETE", path+"/agenda/"+strconv.FormatInt(item.ID, 10), sec, "", 204, nil)
}

// TestACSVImportTakesEveryRowOrNone: a file with a bad row imports
// nothing and names the row and why; fixed, it imports every row.
func TestACSVImportTakesEveryRowOrNone(t *testing.T) {
	n := startNode(t, newCluster(t))
	sec := signIn(t, n, "secretariat@demo.igf.example", demoPassword)
	edition, before := editionSchedule(t, n, sec)
	start, _ := freeSlot()
	day := start.Format(time.DateOnly)
	head := "track,policy_issue,format,title,day,start,end,room\n"
	good := "ai,ai-governance,workshop,Imported workshop," + day + ",10:00,11:00,Hall Z\n"
	bad := head + good + "nope,ai-governance,workshop,Bad track," + day + ",12:00,13:00,Hall Z\n"
	post := func(body string, want int) []byte {
		req, _ := http.NewRequest(http.MethodPost, n.URL+"/api/editions/"+strconv.FormatInt(edition, 10)+"/import", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+sec)
		req.Header.Set("Content-Type", "text/csv")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			k, err := resp.Body.Read(buf)
			b.Write(buf[:k])
			if err != nil {
				break
			}
		}
		if resp.StatusCode != want {
			t.Fatalf("import: %d %s, want %d", resp.StatusCode, b.String(), want)
		}
		return []byte(b.String())
	}
	if body := string(post(bad, 422)); !strings.Contains(body, `"row":3`) || !strings.Contains(body, "unknown_track") {
		t.Fatalf("the refusal does not name row 3 and why: %s", body)
	}
	if _, after := editionSchedule(t, n, sec); len(after) != len(before) {
		t.Fatalf("a refused file imported %d sessions", len(after)-len(before))
	}
	post(head+good+"ai,ai-governance,open_forum,Second import,"+day+",12:00,13:00,Hall Z\n", 201)
	if _, after := editionSchedule(t, n, sec); after["Imported workshop"].State != "scheduled" || after["Second import"].Room != "Hall Z" {
		t.Fatalf("after the fixed file: %+v", after["Imported workshop"])
	}
}
