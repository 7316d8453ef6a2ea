package e2e

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
)

// axeSetUp is how a browser test checked with axe-core starts: Chromium
// must be there (the test skips, or fails under CI, before it starts
// anything), then it returns axe-core's source.
func axeSetUp(t *testing.T) string {
	t.Helper()
	chromiumtest.Path(t)
	return chromiumtest.AxeSource(t)
}

func TestAxeFindsNoViolationsInTheRoomAndModeratorPages(t *testing.T) {
	src, n, f, aminaP, rajeshP := axeRoom(t)
	session := f.Session
	room := "/sessions/" + strconv.FormatInt(session, 10)

	// Fill the room, so that every panel has its controls: a speaker and a
	// queue, questions, chat.
	amina := joinRoom(t, n, session, signInAs(t, n, aminaP))
	rajesh := joinRoom(t, n, session, signInAs(t, n, rajeshP))
	moderator := joinRoom(t, n, session, signInAs(t, n, f.Moderator))
	send(t, amina, map[string]any{"type": "floor.request", "ref": "f", "mode": "remote_hub"})
	await(t, amina, func(f wsFrame) bool { return f.Ref == "f" })
	send(t, rajesh, map[string]any{"type": "floor.request", "ref": "f", "mode": "onsite", "point_of_order": true})
	await(t, rajesh, func(f wsFrame) bool { return f.Ref == "f" })
	// The moderator's socket sees the queue with both: the first is called.
	type floorFrame struct {
		Kind string `json:"kind"`
		Data struct {
			Queue []struct{ ID int64 } `json:"queue"`
		} `json:"data"`
	}
	queued := await(t, moderator, func(f floorFrame) bool { return f.Kind == "floor.changed" && len(f.Data.Queue) == 2 })
	send(t, amina, map[string]any{"type": "question.ask", "ref": "q", "body": "Who pays for rural connectivity?"})
	await(t, amina, func(f wsFrame) bool { return f.Ref == "q" })
	send(t, rajesh, map[string]any{"type": "question.ask", "ref": "q", "body": "سؤال عن الشبكات المجتمعية", "anonymous": true})
	await(t, rajesh, func(f wsFrame) bool { return f.Ref == "q" })
	send(t, amina, map[string]any{"type": "chat.send", "ref": "c", "body": "Greetings from Nairobi"})
	greeting := await(t, amina, func(f wsFrame) bool { return f.Kind == "chat.posted" })
	send(t, rajesh, map[string]any{"type": "chat.send", "ref": "c", "body": "Greetings from Chennai"})
	await(t, rajesh, func(f wsFrame) bool { return f.Ref == "c" })
	// A report, so that the moderator's page lists one.
	send(t, rajesh, map[string]any{"type": "chat.report", "ref": "r", "message_id": greeting.Data.ID, "reason": "Off topic"})
	if f := await(t, rajesh, func(f wsFrame) bool { return f.Ref == "r" }); f.Type != "ack" {
		t.Fatalf("chat.report: %+v", f)
	}
	send(t, moderator, map[string]any{"type": "floor.grant", "ref": "g", "request_id": queued.Data.Queue[0].ID})
	await(t, moderator, func(f wsFrame) bool { return f.Ref == "g" })

	mod := chromiumtest.New(t)
	part := chromiumtest.New(t)
	enterAs(t, mod, n, f.Moderator.Email, room+"/moderate")
	enterAs(t, part, n, aminaP.Email, room)
	for _, lang := range []string{"en", "ar"} {
		open(t, part, n.URL+room+"?lang="+lang)
		waitLive(t, part)
		chromiumtest.CheckAxe(t, part, src, "room ("+lang+")")
		// Reply and Report open in place, on Rajesh's message.
		eval[bool](t, part, 5*time.Second, `(() => { const m = [...document.querySelectorAll("#chat-log .msg")].find((m) => m.querySelector("a.report"));
			m.querySelector("a.reply").click(); m.querySelector("a.report").click(); return true })()`)
		waitFor(t, part, 5*time.Second, "the reply box and the report form", `!document.getElementById("reply-box").hidden && document.querySelector("form.report-inline") !== null`)
		chromiumtest.CheckAxe(t, part, src, "room, replying and reporting ("+lang+")")
		open(t, mod, n.URL+room+"/moderate?lang="+lang)
		waitLive(t, mod)
		waitFor(t, mod, 5*time.Second, "the reported message listed", `document.querySelector("#reports li") !== null`)
		chromiumtest.CheckAxe(t, mod, src, "moderator page ("+lang+")")
	}
}

func TestAxeFindsNoViolationsInTheWaitingAndReportPages(t *testing.T) {
	src := axeSetUp(t)
	c := newCluster(t)
	f := newForum(t, c)
	sophieP := f.Person(t, "Sophie Martin", "private_sector", "western_european_others")
	captionerP := f.Person(t, "Jean-Pierre Ndiaye", "intergovernmental", "intergovernmental")
	session := f.Session
	f.Role(t, session, captionerP, "captioner")
	n := startNode(t, c)
	room := "/sessions/" + strconv.FormatInt(session, 10)
	roomSettings(t, n, session, signInAs(t, n, f.Moderator), map[string]any{"waiting_room": true})

	mod, sophie := chromiumtest.New(t), chromiumtest.New(t)
	enterAs(t, mod, n, f.Moderator.Email, room+"/moderate")
	signInOn(t, sophie, n, sophieP.Email, room)
	waitFor(t, sophie, 10*time.Second, "signed in, held outside", `document.getElementById("waiting-room") !== null`)
	for _, lang := range []string{"en", "ar"} {
		open(t, sophie, n.URL+room+"?lang="+lang)
		waitFor(t, sophie, 10*time.Second, "the waiting page", `document.getElementById("waiting-room") !== null`)
		chromiumtest.CheckAxe(t, sophie, src, "waiting page ("+lang+")")
	}

	// A caption line for the transcript, from the session's captioner.
	captioner := joinRoom(t, n, session, signInAs(t, n, captionerP))
	send(t, captioner, map[string]any{"type": "caption.add", "ref": "cap", "text": "Welcome to the main session on connectivity."})
	if f := await(t, captioner, func(f wsFrame) bool { return f.Ref == "cap" }); f.Type != "ack" {
		t.Fatalf("caption.add: %+v", f)
	}

	// End the session: its report is drawn up, a draft for the moderator
	// with the rapporteur's form.
	conn := joinRoom(t, n, session, signInAs(t, n, f.Moderator))
	send(t, conn, map[string]any{"type": "session.move", "ref": "end", "state": "ended"})
	if f := await(t, conn, func(f wsFrame) bool { return f.Ref == "end" }); f.Type != "ack" {
		t.Fatalf("session.move ended: %+v", f)
	}
	for _, lang := range []string{"en", "ar"} {
		open(t, mod, n.URL+room+"/report?lang="+lang)
		waitFor(t, mod, 10*time.Second, "the report page", `document.getElementById("report-form") !== null`)
		chromiumtest.CheckAxe(t, mod, src, "report page ("+lang+")")
		// The transcript, readable once the session is over.
		open(t, mod, n.URL+room+"/transcript?lang="+lang)
		waitFor(t, mod, 10*time.Second, "the transcript", `(document.querySelector("ol.transcript")?.textContent ?? "").includes("Welcome to the main session")`)
		chromiumtest.CheckAxe(t, mod, src, "transcript page ("+lang+")")
	}
}

func TestAxeFindsNoViolationsInTheProgrammeByIssueTrackAndNRIPages(t *testing.T) {
	src := axeSetUp(t)
	n := startNode(t, newCluster(t))
	track := func(slug string) string { return "/tracks/" + strconv.FormatInt(trackBySlug(t, n, slug), 10) }
	// The secretariat sees the forms: a link waiting on the AI track, the
	// intake to merge or answer on the connectivity track; the coordinator
	// the ask-to-link form on an initiative's track.
	sec, kwame := chromiumtest.New(t), chromiumtest.New(t)
	signInOn(t, sec, n, "secretariat@demo.igf.example", "/issues")
	signInOn(t, kwame, n, "nri.coordinator@demo.igf.example", "/nris")
	pages := []struct {
		who        context.Context
		path, want string
	}{
		{sec, "/issues", "issue-digital-inclusion"},
		{sec, "/nris", "nri-list"},
		{sec, track("ai"), "link-list"},
		{sec, track("inclusion"), "intake-list"},
		{kwame, track("ghana-igf-data"), "ask-link"},
		// The programme and a track's page name the sessions'
		// co-organisers; the coordinator changes a track's lead and a
		// session's co-organisers.
		{sec, "/", "sessions-h"},
		{kwame, track("kenya-igf-access"), "lead-form"},
		{kwame, "/sessions/" + strconv.FormatInt(sessionBySlug(t, n, "kenya-igf-last-mile"), 10) + "/coorganisers", "coorganisers-form"},
		// The secretariat's set-up of the edition, its issues and tracks.
		{sec, "/admin/programme", "track-new"},
	}
	for _, lang := range []string{"en", "ar"} {
		for _, pg := range pages {
			open(t, pg.who, n.URL+pg.path+"?lang="+lang)
			waitFor(t, pg.who, 10*time.Second, pg.path, `document.getElementById(`+js(pg.want)+`) !== null`)
			chromiumtest.CheckAxe(t, pg.who, src, pg.path+" ("+lang+")")
		}
	}
}
