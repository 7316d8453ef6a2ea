package actions

import (
	"encoding/json"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/sessions"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/voting"
)

// wire are messages as external clients send them (docs/PROTOCOL.md), the
// same fields as a form posts them, and the action both must decode to.
// Every declared action has a row: the names on the wire must not change.
var wire = []struct {
	json string
	form url.Values
	want Action
}{
	{`{"type":"chat.send","ref":"c1","body":"Hello","reply_to":7}`, url.Values{"body": {"Hello"}, "reply_to": {"7"}}, &ChatSend{Body: "Hello", ReplyTo: 7}},
	{`{"type":"session.move","state":"ended"}`, url.Values{"state": {"ended"}}, &SessionMove{State: sessions.Ended}},
	{`{"type":"floor.request","mode":"remote_hub","point_of_order":true}`, url.Values{"mode": {"remote_hub"}, "point_of_order": {"true"}}, &FloorRequest{Mode: sessions.RemoteHub, PointOfOrder: true}},
	{`{"type":"floor.withdraw"}`, url.Values{}, &FloorWithdraw{}},
	{`{"type":"floor.grant","request_id":32}`, url.Values{"request_id": {"32"}}, &FloorGrant{RequestID: 32}},
	{`{"type":"floor.end","request_id":32}`, url.Values{"request_id": {"32"}}, &FloorEnd{RequestID: 32}},
	{`{"type":"floor.decline","request_id":32}`, url.Values{"request_id": {"32"}}, &FloorDecline{RequestID: 32}},
	{`{"type":"question.ask","body":"Why?","anonymous":true}`, url.Values{"body": {"Why?"}, "anonymous": {"true"}}, &QuestionAsk{Body: "Why?", Anonymous: true}},
	{`{"type":"question.upvote","question_id":40}`, url.Values{"question_id": {"40"}}, &QuestionUpvote{QuestionID: 40}},
	{`{"type":"question.change","question_id":40,"answered":false,"merged_into":41}`, url.Values{"question_id": {"40"}, "answered": {"false"}, "merged_into": {"41"}},
		&QuestionChange{QuestionID: 40, Answered: new(false), MergedInto: 41}},
	{`{"type":"chat.remove","message_id":7}`, url.Values{"message_id": {"7"}}, &ChatRemove{MessageID: 7}},
	{`{"type":"chat.remove","message_id":7,"reason":"abuse"}`, url.Values{"message_id": {"7"}, "reason": {"abuse"}}, &ChatRemove{MessageID: 7, Reason: "abuse"}},
	{`{"type":"chat.report","message_id":7,"reason":"spam"}`, url.Values{"message_id": {"7"}, "reason": {"spam"}}, &ChatReport{MessageID: 7, Reason: "spam"}},
	{`{"type":"participant.restrict","account_id":8,"restriction":"banned"}`, url.Values{"account_id": {"8"}, "restriction": {"banned"}}, &ParticipantRestrict{AccountID: 8, Restriction: sessions.Banned}},
	{`{"type":"participant.restrict","account_id":8,"restriction":"muted","reason":"insults"}`, url.Values{"account_id": {"8"}, "restriction": {"muted"}, "reason": {"insults"}},
		&ParticipantRestrict{AccountID: 8, Restriction: sessions.Muted, Reason: "insults"}},
	{`{"type":"participant.lift","account_id":8,"reason":"apologised"}`, url.Values{"account_id": {"8"}, "reason": {"apologised"}}, &ParticipantLift{AccountID: 8, Reason: "apologised"}},
	{`{"type":"question.hide","question_id":40,"reason":"off topic"}`, url.Values{"question_id": {"40"}, "reason": {"off topic"}}, &QuestionHide{QuestionID: 40, Reason: "off topic"}},
	{`{"type":"question.release","question_id":40}`, url.Values{"question_id": {"40"}}, &QuestionRelease{QuestionID: 40}},
	{`{"type":"caption.add","text":"Welcome"}`, url.Values{"text": {"Welcome"}}, &CaptionAdd{Text: "Welcome"}},
	{`{"type":"caption.add","text":"Bienvenue","channel":3}`, url.Values{"text": {"Bienvenue"}, "channel": {"3"}}, &CaptionAdd{Text: "Bienvenue", Channel: 3}},
	{`{"type":"caption.channel_add","language":"fr","captioner":9}`, url.Values{"language": {"fr"}, "captioner": {"9"}}, &CaptionChannelAdd{Language: "fr", Captioner: 9}},
	{`{"type":"caption.channel_remove","channel":3}`, url.Values{"channel": {"3"}}, &CaptionChannelRemove{Channel: 3}},
	{`{"type":"agenda.start","item_id":2}`, url.Values{"item_id": {"2"}}, &AgendaStart{ItemID: 2}},
	{`{"type":"agenda.next"}`, url.Values{}, &AgendaNext{}},
	{`{"type":"agenda.extend","minutes":5}`, url.Values{"minutes": {"5"}}, &AgendaExtend{Minutes: 5}},
	{`{"type":"agenda.move","item_id":3,"position":2}`, url.Values{"item_id": {"3"}, "position": {"2"}}, &AgendaMove{ItemID: 3, Position: 2}},
	{`{"type":"reaction.send","kind":"applause"}`, url.Values{"kind": {"applause"}}, &ReactionSend{Kind: sessions.Applause}},
	{`{"type":"admission.admit","account_id":27}`, url.Values{"account_id": {"27"}}, &AdmissionAdmit{AccountID: 27}},
	{`{"type":"poll.vote","poll_id":4,"answer":"yes"}`, url.Values{"poll_id": {"4"}, "answer": {"yes"}}, &PollVote{PollID: 4, Choice: voting.Choice{Answer: "yes"}}},
	{`{"type":"poll.vote","poll_id":4,"options":[1,3]}`, url.Values{"poll_id": {"4"}, "options": {"1", "3"}}, &PollVote{PollID: 4, Choice: voting.Choice{Options: []int{1, 3}}}},
	{`{"type":"poll.open","poll_id":4}`, url.Values{"poll_id": {"4"}}, &PollOpen{PollID: 4}},
	{`{"type":"poll.close","poll_id":4}`, url.Values{"poll_id": {"4"}}, &PollClose{PollID: 4}},
	// A checkbox follows its hidden "false": the last value counts.
	{`{"type":"session.settings","waiting_room":true,"speaking_limit_s":120,"warn_at_s":90}`,
		url.Values{"waiting_room": {"false", "true"}, "speaking_limit_s": {"120"}, "warn_at_s": {"90"}},
		&SessionSettings{sessions.SettingsChange{WaitingRoom: new(true), SpeakingLimitS: new(120), WarnAtS: new(90)}}},
}

func typeOf(t *testing.T, raw string) string {
	t.Helper()
	var m struct{ Type string }
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		t.Fatal(err)
	}
	return m.Type
}

// TestMessagesAndFormsDecodeToTheSameAction: the socket's JSON and the
// no-JavaScript form are read into the same declared struct.
func TestMessagesAndFormsDecodeToTheSameAction(t *testing.T) {
	covered := map[string]bool{}
	for _, w := range wire {
		typ := typeOf(t, w.json)
		spec, ok := Lookup(typ)
		if !ok {
			t.Errorf("%s is not declared", typ)
			continue
		}
		covered[typ] = true
		fromJSON, err := spec.DecodeJSON([]byte(w.json))
		if err != nil {
			t.Errorf("%s: %v", w.json, err)
		} else if !reflect.DeepEqual(fromJSON, w.want) {
			t.Errorf("%s decodes to %#v, want %#v", w.json, fromJSON, w.want)
		}
		form := url.Values{"type": {typ}, "back": {"moderate"}}
		for k, v := range w.form {
			form[k] = v
		}
		fromForm, err := spec.DecodeForm(form)
		if err != nil {
			t.Errorf("form %v: %v", form, err)
		} else if !reflect.DeepEqual(fromForm, w.want) {
			t.Errorf("form %v decodes to %#v, want %#v", form, fromForm, w.want)
		}
	}
	for _, s := range All() {
		if !covered[s.Type] {
			t.Errorf("%s has no wire example in this test: add one, with the field names clients send", s.Type)
		}
	}
}

func TestRequiredFieldsAndWrongTypesAreInvalid(t *testing.T) {
	for _, tt := range []struct{ typ, json, want string }{
		{"floor.grant", `{}`, "floor.grant needs the field request_id."},
		{"floor.grant", `{"request_id":-3}`, "floor.grant needs the field request_id."},
		{"agenda.start", `{"item_id":0}`, "agenda.start needs the field item_id."},
		{"participant.restrict", `{"account_id":8}`, "participant.restrict needs the field restriction."},
		{"session.move", `{"state":""}`, "session.move needs the field state."},
		{"chat.send", `{"body":3}`, "chat.send: body must be text."},
		{"question.change", `{"question_id":"40"}`, "question.change: question_id must be a whole number."},
		{"session.settings", `{"waiting_room":"yes"}`, "session.settings: waiting_room must be true or false."},
		{"poll.vote", `{"poll_id":4,"options":"1"}`, "poll.vote: options must be a list of whole numbers."},
	} {
		spec, _ := Lookup(tt.typ)
		_, err := spec.DecodeJSON([]byte(tt.json))
		if igfplus.ErrorCode(err) != igfplus.EInvalid || igfplus.ErrorMessage(err) != tt.want {
			t.Errorf("%s %s: %v, want invalid %q", tt.typ, tt.json, err, tt.want)
		}
	}
	spec, _ := Lookup("session.settings")
	if _, err := spec.DecodeForm(url.Values{"slow_mode_s": {"ten"}}); igfplus.ErrorMessage(err) != "session.settings: slow_mode_s must be a whole number." {
		t.Errorf("a form's bad number: %v", err)
	}
	// Optional fields left out of a form stay unchanged (nil).
	a, err := spec.DecodeForm(url.Values{"balanced_queue": {"false", "true"}})
	if err != nil || a.(*SessionSettings).WaitingRoom != nil || *a.(*SessionSettings).BalancedQueue != true {
		t.Errorf("settings form: %#v, %v", a, err)
	}
}

// TestFieldsKeepOneKindByName: the client coerces a form's fields by name,
// so a name must mean one kind in every action.
func TestFieldsKeepOneKindByName(t *testing.T) {
	if _, err := fieldKinds(); err != nil {
		t.Fatal(err)
	}
}

// TestTypeScriptIsGenerated: the client's actions_gen.ts is what the
// declarations generate.
func TestTypeScriptIsGenerated(t *testing.T) {
	want, err := TypeScript()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../../" + TSFile)
	if err != nil || string(got) != string(want) {
		t.Fatalf("%s is out of date with sessions/live/actions (%v): run `go run ./frontend/assets/build` and commit it with dist/", TSFile, err)
	}
}

// TestProtocolDocumentsEveryAction: each declared action has its row in
// docs/PROTOCOL.md's "Client to server" table, naming each of its fields.
func TestProtocolDocumentsEveryAction(t *testing.T) {
	doc, err := os.ReadFile("../../../docs/PROTOCOL.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, _ := strings.Cut(string(doc), "## Client to server")
	table, _, _ = strings.Cut(table, "\n## ")
	rows := map[string]string{}
	cell := regexp.MustCompile("^\\| ([^|]+) \\|")
	for _, line := range strings.Split(table, "\n") {
		m := cell.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		for _, name := range regexp.MustCompile("`([a-z_.]+)`").FindAllStringSubmatch(m[1], -1) {
			rows[name[1]] = line
		}
	}
	for _, s := range All() {
		row, ok := rows[s.Type]
		if !ok {
			t.Errorf("docs/PROTOCOL.md has no row for %s", s.Type)
			continue
		}
		for _, f := range s.Fields {
			if !strings.Contains(row, "`"+f.Name+"`") {
				t.Errorf("docs/PROTOCOL.md's row for %s does not name its field %s", s.Type, f.Name)
			}
		}
	}
}
