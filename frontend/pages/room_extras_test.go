package pages

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/sessions"
)

func TestAHeldNewcomerSeesTheWaitingPageNotA403(t *testing.T) {
	f := newFixture(t)
	f.sessions.held = map[string]sessions.AdmissionState{"Amina": sessions.NotAsked}
	w := f.get("/sessions/1?lang=en", "Amina")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `id="ask-to-enter"`) || !strings.Contains(w.Body.String(), `id="admission-state"`) {
		t.Fatalf("held newcomer: %d %s", w.Code, w.Body)
	}
	if w := f.post("/sessions/1/admission", "Amina", url.Values{}); w.Code != http.StatusSeeOther || !slices.Contains(f.sessions.acts, "knock 1") {
		t.Fatalf("ask to enter: %d, acts %v", w.Code, f.sessions.acts)
	}
	f.sessions.held["Amina"] = sessions.Waiting
	if body := f.get("/sessions/1?lang=fr", "Amina").Body.String(); !strings.Contains(body, "Vous êtes numéro 2 dans la liste") {
		t.Errorf("the waiting page does not say the position: %s", body)
	}
	f.sessions.held["Amina"] = sessions.Excluded
	if w := f.get("/sessions/1", "Amina"); w.Code != http.StatusForbidden {
		t.Errorf("a banned person gets %d, want 403", w.Code)
	}
}

func TestModeratorPageListsWaitersAndSavesTheRoomRules(t *testing.T) {
	f := newFixture(t)
	f.sessions.waiting = []sessions.Waiter{{AccountID: 27, Name: "Sophie Martin", StakeholderGroup: "private_sector", Region: "western_european_others"}}
	body := f.get("/sessions/1/moderate?lang=en", "Lucia").Body.String()
	if !strings.Contains(body, "Sophie Martin") || !strings.Contains(body, `name="type" value="admission.admit"`) || !strings.Contains(body, `id="room-settings"`) {
		t.Fatalf("the moderator's page lacks the waiting list or the rules: %s", body)
	}
	// An unticked box is sent as its hidden "false"; a ticked one as "true".
	form := url.Values{"type": {"session.settings"}, "back": {"moderate"}, "waiting_room": {"false", "true"}, "balanced_queue": {"false"},
		"speaking_limit_s": {"120"}, "warn_at_s": {"90"}, "slow_mode_s": {"0"}}
	if w := f.post("/sessions/1/act", "Lucia", form); w.Code != http.StatusSeeOther {
		t.Fatalf("settings: %d %s", w.Code, w.Body)
	}
	if want := "session.settings 1 wr=on reg=- bal=off limit=120 warn=90 slow=0"; !slices.Contains(f.sessions.acts, want) {
		t.Errorf("acts %v, want %q", f.sessions.acts, want)
	}
	if w := f.get("/sessions/1/moderate", "Amina"); w.Code != http.StatusForbidden {
		t.Errorf("a participant on the moderator's page: %d", w.Code)
	}
}

func TestReportPageShowsFiguresAndTheRapporteursForm(t *testing.T) {
	f := newFixture(t)
	secs := 200
	f.sessions.report = &sessions.Report{SessionID: 1, Title: "Connecting the next billion", State: sessions.Ended,
		Attendance: sessions.ReportAttendance{Balance: sessions.Balance{Total: 12, ByGroup: map[string]string{"civil_society": "7", "academia": "<5"}}},
		Speaking: sessions.SpeakingTime{TotalSeconds: 200, Speakers: []sessions.SpeakerTime{{Name: "Amina", StakeholderGroup: "civil_society", Region: "african", Turns: 2, Seconds: 200}},
			ByGroup: map[string]sessions.Share{"civil_society": {Speakers: 1, Seconds: 200}}, ByGender: map[string]sessions.GenderShare{"woman": {Speakers: "<5"}, "man": {Speakers: "6", Seconds: &secs}}},
		KeyTakeaways: `Fund <script>alert(1)</script> https://example.org/cn`}
	f.sessions.writers = map[string]bool{"Lucia": true}
	if w := f.get("/sessions/1/report", "Amina"); w.Code != http.StatusForbidden {
		t.Errorf("a draft report for a participant: %d", w.Code)
	}
	body := f.get("/sessions/1/report?lang=ar", "Lucia").Body.String()
	for _, want := range []string{`<p><a href="/sessions/1">العودة إلى الجلسة</a></p>`, `<p class="subtitle" dir="auto">Connecting the next billion</p>`, `id="report-form"`, "/api/sessions/1/report.csv", "3:20", `<a href="https://example.org/cn" rel="nofollow noopener ugc">`, "&lt;script&gt;"} {
		if !strings.Contains(body, want) {
			t.Errorf("the report page lacks %q", want)
		}
	}
	if strings.Contains(body, "<script>alert") {
		t.Error("the report page let a script through")
	}
	if w := f.post("/sessions/1/report", "Lucia", url.Values{"key_takeaways": {""}, "publish": {"true"}}); w.Code != http.StatusUnprocessableEntity {
		t.Errorf("publishing without takeaways: %d", w.Code)
	}
	if w := f.post("/sessions/1/report", "Lucia", url.Values{"key_takeaways": {"Fund it."}, "publish": {"true"}}); w.Code != http.StatusSeeOther || len(f.sessions.written) != 1 || !f.sessions.written[0].Publish {
		t.Errorf("publishing: %d, written %+v", w.Code, f.sessions.written)
	}
}

func TestModeratorPageListsReportedMessagesWithTheirReasons(t *testing.T) {
	f := newFixture(t)
	f.sessions.reports = []sessions.ChatReport{
		{ID: 2, MessageID: 11, AuthorName: "Rajesh Iyer", Body: "<b>Buy</b> followers", ReporterName: "Amina Yusuf", Reason: "Advertising"},
		{ID: 1, MessageID: 10, AuthorName: "Rajesh Iyer", Body: "Old spam", Removed: true, ReporterName: "Amina Yusuf", Reason: "Spam"},
	}
	body := f.get("/sessions/1/moderate?lang=en", "Lucia").Body.String()
	mustContain(t, body, `<h2 id="reports-h">Reported messages</h2>`,
		`<li data-message="11"><p><bdi class="name">Amina Yusuf</bdi>: <span class="reason" dir="auto">Advertising</span></p>`,
		`<span dir="auto">&lt;b&gt;Buy&lt;/b&gt; followers</span>`, `<input type="hidden" name="message_id" value="11">`,
		`<span class="badge done">Removed</span>`)
	if strings.Contains(body, `name="message_id" value="10"`) {
		t.Error("a removed message is offered for removal again")
	}
	f.sessions.reports = nil
	mustContain(t, f.get("/sessions/1/moderate?lang=fr", "Lucia").Body.String(), "Aucun message n’a été signalé.")
}
