package pages

import (
	"os"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// TestReportSaysGendersAndPollAnswersByName: the report's balance, its
// speaking time by gender and a yes/no/abstain poll's votes name genders
// and answers in the reader's language (#17), never as stored codes; a
// gender the catalogue does not know is shown as written.
func TestReportSaysGendersAndPollAnswersByName(t *testing.T) {
	f := newFixture(t)
	f.sessions.report = &sessions.Report{SessionID: 1, Title: "Connecting the next billion", State: sessions.Ended,
		Attendance: sessions.ReportAttendance{Balance: sessions.Balance{Total: 12, ByGender: map[string]string{"woman": "7", "non-binary": "<5", "Two-Spirit": "<5", sessions.NotStated: "<5"}}},
		Speaking:   sessions.SpeakingTime{Speakers: []sessions.SpeakerTime{{Name: "Amina", StakeholderGroup: "civil_society", Region: "african", Turns: 1, Seconds: 60}}, ByGender: map[string]sessions.GenderShare{"man": {Speakers: "<5"}}},
		Polls: []sessions.PollOutcome{{ID: 3, Question: "Adopt it?", State: "closed", Outcome: "adopted", Options: []sessions.PollOption{
			{Label: "yes", Answer: "yes", Votes: 9}, {Label: "no", Answer: "no", Votes: 2}, {Label: "abstain", Answer: "abstain", Votes: 1}}},
			{ID: 4, Question: "Which?", State: "closed", Options: []sessions.PollOption{{Label: "yes", Votes: 1}}}}}
	f.sessions.writers = map[string]bool{"Lucia": true}
	for lang, wants := range map[string][]string{
		"en": {"<dt dir=\"auto\">Woman</dt>", "<dt dir=\"auto\">Non-binary</dt>", "<dt dir=\"auto\">Two-Spirit</dt>", "<dt dir=\"auto\">Not stated</dt>",
			`<th scope="row" dir="auto">Man</th>`, "<dt>Yes</dt><dd>9</dd>", "<dt>No</dt><dd>2</dd>", "<dt>Abstain</dt><dd>1</dd>",
			"<dt dir=\"auto\">yes</dt><dd>1</dd>"}, // an option a moderator wrote is shown as written
		"ar": {"<dt dir=\"auto\">امرأة</dt>", "<dt dir=\"auto\">غير ثنائي</dt>", `<th scope="row" dir="auto">رجل</th>`, "<dt>نعم</dt><dd>9</dd>", "<dt>امتناع</dt><dd>1</dd>"},
	} {
		body := f.get("/sessions/1/report?lang="+lang, "Lucia").Body.String()
		mustContain(t, body, wants...)
		for _, code := range []string{">woman<", ">man<", ">non-binary<", "<dt>yes</dt>", "<dt>abstain</dt>"} {
			if strings.Contains(body, code) {
				t.Errorf("%s: the report shows the code %q", lang, code)
			}
		}
	}
}

// TestADeletedAccountIsNamedInTheReadersLanguage: a deleted account's
// chat message and question carry the English name stored for it
// (accounts.DeletedName); the room shows it in the reader's language, and
// a living person's name as written.
func TestADeletedAccountIsNamedInTheReadersLanguage(t *testing.T) {
	f := newFixture(t)
	f.sessions.chat[1] = append(f.sessions.chat[1], sessions.ChatMessage{ID: 9, SessionID: 1, AuthorID: 77,
		AuthorName: accounts.DeletedName, AuthorGroup: igfplus.CivilSociety, Body: "Said before leaving", CreatedAt: day})
	f.sessions.questions = append(f.sessions.questions, sessions.Question{ID: 44, SessionID: 1, AuthorID: 77,
		AuthorName: accounts.DeletedName, Body: "Asked before leaving?"})
	for lang, want := range map[string]string{"en": "Deleted participant", "ar": "مشارك محذوف", "fr": "Participant supprimé", "zh": "已删除的参与者"} {
		body := f.get("/sessions/1?lang="+lang, "Amina").Body.String()
		mustContain(t, body, `<bdi class="author">`+want+`</bdi>`, `<bdi>`+want+`</bdi>`, `<bdi class="author">Amina</bdi>`)
		if lang != "en" && strings.Contains(body, accounts.DeletedName) {
			t.Errorf("%s: the room shows the stored English name", lang)
		}
	}
}

// TestTheLiveClientKnowsTheDeletedName: the live client translates the
// same stored name as the server (strings.ts's DELETED_NAME), so that a
// message or question updated live is named as the page named it.
func TestTheLiveClientKnowsTheDeletedName(t *testing.T) {
	src, err := os.ReadFile("../assets/src/strings.ts")
	if err != nil {
		t.Fatal(err)
	}
	if want := `DELETED_NAME = "` + accounts.DeletedName + `"`; !strings.Contains(string(src), want) {
		t.Errorf("strings.ts does not hold %s", want)
	}
}
