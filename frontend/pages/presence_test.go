package pages

import (
	"bytes"
	"errors"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/sessions"
)

// presencePanel cuts the "Who is here" section out of a page.
func presencePanel(tb testing.TB, body string) string {
	tb.Helper()
	m := regexp.MustCompile(`(?s)<section id="presence".*?</section>`).FindString(body)
	if m == "" {
		tb.Fatalf("no presence panel in the page")
	}
	return m
}

func TestRoomShowsWhoIsHereWithSmallGroupsInWords(t *testing.T) {
	f := newFixture(t)
	panel := presencePanel(t, okPage(t, f, "/sessions/1", "Amina"))
	mustContain(t, panel,
		`<section id="presence" class="presence" aria-labelledby="presence-h">`, `<h2 id="presence-h">Who is here</h2>`,
		`<p id="presence-total">12 people in the room</p>`,
		`<h3>By stakeholder group</h3>`, `<dl class="counts" aria-live="off">`,
		// Ordered by code, as the client orders them.
		"<div><dt>Academia</dt><dd>fewer than 5</dd></div>\n<div><dt>Civil society</dt><dd>7</dd></div>\n<div><dt>Government</dt><dd>fewer than 5</dd></div>",
		`<h3>By region</h3>`, `<div><dt>African States</dt><dd>8</dd></div>`, `<div><dt>Asia-Pacific States</dt><dd>fewer than 5</dd></div>`,
		`<ul id="presence-names" class="names" aria-live="off">`, `<li dir="auto">Amina Yusuf</li>`, `<li dir="auto">Rajesh Iyer</li>`,
		`<p id="presence-note" class="hint">Others prefer not to be listed.</p>`,
	)
	for _, bad := range []string{"&lt;5", "<5", "hidden", `aria-live="polite"`, `aria-live="assertive"`, `role="status"`, `role="alert"`} {
		if strings.Contains(panel, bad) {
			t.Errorf("the panel has %q", bad)
		}
	}
}

func TestPresenceTotalHasThePluralFormOfEachLanguage(t *testing.T) {
	tests := []struct {
		lang, total, want string
	}{
		{"en", "0", "0 people in the room"},
		{"en", "1", "1 person in the room"},
		{"en", "2", "2 people in the room"},
		{"fr", "0", "0 personne dans la salle"},
		{"fr", "1", "1 personne dans la salle"},
		{"fr", "12", "12 personnes dans la salle"},
		{"ar", "0", "لا أحد في القاعة"},
		{"ar", "1", "شخص واحد في القاعة"},
		{"ar", "2", "شخصان في القاعة"},
		{"ar", "3", "3 أشخاص في القاعة"},
		{"ar", "11", "11 شخصًا في القاعة"},
		{"ar", "100", "100 شخص في القاعة"},
		// Should the total itself ever be hidden, it is said in words.
		{"en", "<5", "Fewer than 5 people in the room"},
		{"ar", "<5", "أقل من 5 أشخاص في القاعة"},
	}
	for _, tt := range tests {
		f := newFixture(t)
		f.sessions.presence.Total = tt.total
		panel := presencePanel(t, f.get("/sessions/1?lang="+tt.lang, "Amina").Body.String())
		if want := `<p id="presence-total">` + tt.want + `</p>`; !strings.Contains(panel, want) {
			t.Errorf("%s, total %q: the panel lacks %q", tt.lang, tt.total, want)
		}
	}
}

func TestPresenceNoteSaysWhenSomeAreNotListed(t *testing.T) {
	tests := []struct {
		name, total string
		names       []string
		want        string
	}{
		{"some unlisted", "3", []string{"Kofi"}, `<p id="presence-note" class="hint">Others prefer not to be listed.</p>`},
		{"everyone listed", "1", []string{"Kofi"}, `<p id="presence-note" class="hint" hidden></p>`},
		{"nobody listed", "4", []string{}, `<p id="presence-note" class="hint">Nobody here has chosen to be listed by name.</p>`},
		{"nobody here", "0", []string{}, `<p id="presence-note" class="hint" hidden></p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.sessions.presence = sessions.Presence{Total: tt.total, Names: tt.names}
			panel := presencePanel(t, f.get("/sessions/1", "Amina").Body.String())
			mustContain(t, panel, tt.want)
			if len(tt.names) == 0 {
				// Empty lists are hidden, not shown as empty boxes.
				mustContain(t, panel, `<div id="presence-groups" hidden>`, `<div id="presence-regions" hidden>`, `<ul id="presence-names" class="names" aria-live="off" hidden>`)
			}
		})
	}
}

func TestRoomWithoutPresenceIsStillServedAndLogged(t *testing.T) {
	f := newFixture(t)
	var logs bytes.Buffer
	f.p.log = slog.New(slog.NewTextHandler(&logs, nil))
	f.sessions.presenceErr = errors.New("store down")
	body := okPage(t, f, "/sessions/1", "Amina")
	mustContain(t, body, "Hello from Nairobi", `id="chat-form"`)
	// Hidden and empty, for the live client to fill in.
	panel := presencePanel(t, body)
	mustContain(t, panel, `<section id="presence" class="presence" aria-labelledby="presence-h" hidden>`, `<p id="presence-total"></p>`)
	if strings.Contains(panel, "<li") || strings.Contains(panel, "<dt>") {
		t.Errorf("the hidden panel has content: %s", panel)
	}
	if !strings.Contains(logs.String(), "store down") {
		t.Errorf("the failure was not logged: %q", logs.String())
	}
}

// TestPresenceCountsAgreeWithTheNamesListed: a group whose people are all
// listed by name is counted exactly beside them ("2 listed by name"), not
// "fewer than 5" (#17); a group with people hidden among its listed ones
// says both, the hidden still rounded; a group nobody in which is listed
// keeps its count alone.
func TestPresenceCountsAgreeWithTheNamesListed(t *testing.T) {
	f := newFixture(t)
	f.sessions.presence = sessions.Presence{
		Total:          "10",
		Names:          []string{"Amina Yusuf", "Kwame Mensah", "Rajesh Iyer"},
		ByGroup:        map[string]string{"academia": "<5", "government": "5"},
		ByRegion:       map[string]string{"african": "<5", "asia_pacific": "5"},
		ListedByGroup:  map[string]int{"civil_society": 2, "academia": 1},
		ListedByRegion: map[string]int{"african": 2, "asia_pacific": 1},
	}
	en := presencePanel(t, f.get("/sessions/1?lang=en", "Amina").Body.String())
	mustContain(t, en, "<div><dt>Academia</dt><dd>1 listed by name, fewer than 5 others</dd></div>",
		"<div><dt>Civil society</dt><dd>2 listed by name</dd></div>",
		"<div><dt>Government</dt><dd>5</dd></div>",
		"<div><dt>African States</dt><dd>2 listed by name, fewer than 5 others</dd></div>",
		"<div><dt>Asia-Pacific States</dt><dd>1 listed by name, 5 others</dd></div>")
	ar := presencePanel(t, f.get("/sessions/1?lang=ar", "Amina").Body.String())
	mustContain(t, ar, "<dd>2 في القائمة</dd>", "<dd>1 في القائمة، أقل من 5 غيرهم</dd>")
}
