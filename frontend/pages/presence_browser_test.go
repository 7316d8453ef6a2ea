package pages

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/gorilla/websocket"

	"github.com/igfplus/igfplus/sessions"
)

// TestClientPresenceCountsAgreeWithTheNames: the live client (JavaScript
// on) says a presence frame's counts as the server renders them (#17):
// people listed by name counted exactly beside the names, the hidden ones
// still "fewer than 5", never "fewer than 5" for a group whose people are
// all in the list. The page is first rendered with nobody listed; the
// frame's lines must then match the server's rendering of that frame.
func TestClientPresenceCountsAgreeWithTheNames(t *testing.T) {
	pr := sessions.SummarisePresence([]sessions.Present{
		{AccountID: 1, Name: "Amina Yusuf", ShowName: true, StakeholderGroup: "civil_society", Region: "african"},
		{AccountID: 2, Name: "Kwame Mensah", ShowName: true, StakeholderGroup: "civil_society", Region: "african"},
		{AccountID: 3, Name: "Rajesh Iyer", ShowName: true, StakeholderGroup: "academia", Region: "asia_pacific"},
		{AccountID: 4, Name: "Hidden", StakeholderGroup: "academia", Region: "asia_pacific"},
	})
	// What the server renders for this presence, JavaScript off.
	server := newFixture(t)
	server.sessions.presence = pr
	want := presencePanel(t, server.get("/sessions/1?lang=en", "Amina").Body.String())
	mustContain(t, want, "<dt>Civil society</dt><dd>2 listed by name</dd>", "<dt>Academia</dt><dd>1 listed by name, fewer than 5 others</dd>")

	f := newFixture(t)
	f.sessions.presence = sessions.Presence{Total: "0", Names: []string{}}
	hub := &fakeHub{}
	done := make(chan struct{})
	defer close(done)
	hub.scripts = []func(*websocket.Conn){func(c *websocket.Conn) {
		send(t, c, frame(map[string]any{"type": "joined", "room": "session:1", "from": map[string]any{"epoch": 3, "offset": 41}}),
			frame(map[string]any{"type": "presence", "room": "session:1", "presence": pr}))
		<-done
	}}
	ctx, base, must, eval := openScripted(t, f, hub, "/sessions/1?lang=en")
	must(chromedp.Do(ctx, chromedp.Navigate(base+"/test-signin")))
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("presence-total").textContent.startsWith("4 ")`))
	must(err)
	lines := eval(`Array.from(document.querySelectorAll("#presence-groups div, #presence-regions div")).map(d => "<dt>" + d.querySelector("dt").textContent + "</dt><dd>" + d.querySelector("dd").textContent + "</dd>").join("\n")`)
	names := eval(`Array.from(document.querySelectorAll("#presence-names li")).map(li => li.textContent).join("|")`)
	if names != "Amina Yusuf|Kwame Mensah|Rajesh Iyer" {
		t.Errorf("names %q", names)
	}
	// Every live line is one the server renders for the same presence, and
	// the server's lines checked above are among them.
	for _, line := range strings.Split(lines, "\n") {
		if !strings.Contains(want, line) {
			t.Errorf("the live panel says %q, which the server's rendering does not:\n%s", line, want)
		}
	}
	mustContain(t, lines, "<dt>Civil society</dt><dd>2 listed by name</dd>", "<dt>Academia</dt><dd>1 listed by name, fewer than 5 others</dd>",
		"<dt>African States</dt><dd>2 listed by name</dd>")
}
