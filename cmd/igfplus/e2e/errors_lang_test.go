package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/igfplus/igfplus/deploy/chromiumtest"
	"github.com/igfplus/igfplus/hub/roomclient"
)

// TestRoomErrorFramesSpeakTheConnectionsLanguage: a room opened with
// ?lang=ar answers a refused message with an error frame in Arabic (its
// quoted argument as sent), while code stays the machine's; the same
// refusal on a connection that asked for nothing is English.
func TestRoomErrorFramesSpeakTheConnectionsLanguage(t *testing.T) {
	n := startNode(t, newCluster(t))
	session := liveSessionID(t, n)
	token := signIn(t, n, "academic@demo.igf.example", demoPassword)
	for _, tc := range []struct{ query, want string }{
		{"?lang=ar", `نوع رسالة غير معروف "no.such.thing".`},
		{"", `Unknown message type "no.such.thing".`},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		c, err := roomclient.Dial(ctx, roomclient.SessionURL(n.URL, session)+tc.query, roomclient.Options{Token: token, Keep: true})
		cancel()
		if err != nil {
			t.Fatalf("join the room with %q: %v", tc.query, err)
		}
		t.Cleanup(c.Close)
		r := request(t, c, map[string]any{"type": "no.such.thing"})
		if r.OK || r.Code != "invalid" || r.Message != tc.want {
			t.Errorf("with %q the refusal is ok=%v code %q message %q, want invalid %q", tc.query, r.OK, r.Code, r.Message, tc.want)
		}
	}
}

// TestBrowserARefusalBesideItsFormIsInThePagesLanguage: on the programme's
// set-up page in Spanish, a time zone that does not exist is refused beside
// the edition's form in Spanish, with JavaScript and without it (there from
// the keyboard), and the page with the refusal has no axe violations.
func TestBrowserARefusalBesideItsFormIsInThePagesLanguage(t *testing.T) {
	chromiumtest.Path(t)
	n := startNode(t, newCluster(t))
	const spanish = "time_zone es el nombre de una zona horaria IANA"
	problem := `(document.getElementById("edition-problem")?.textContent ?? "")`

	on := chromiumtest.New(t)
	signInOn(t, on, n, "secretariat@demo.igf.example", "/")
	open(t, on, n.URL+"/admin/programme?lang=es")
	typeInto(t, on, "ed-tz", "Mars/Olympus_Mons")
	press(t, on, "save the edition", "#save-edition")
	waitFor(t, on, 10*time.Second, "the time zone refused in Spanish beside the form",
		problem+`.includes(`+js(spanish)+`) && document.documentElement.lang === "es" && document.getElementById("ed-tz").value === "Mars/Olympus_Mons"`)
	chromiumtest.CheckAxe(t, on, chromiumtest.AxeSource(t), "the programme's set-up with a refusal, in Spanish")

	off := chromiumtest.New(t)
	if _, err := chromedp.Call(off, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	signInOn(t, off, n, "secretariat@demo.igf.example", "/")
	open(t, off, n.URL+"/admin/programme?lang=es")
	typeInto(t, off, "ed-tz", "Mars/Olympus_Mons")
	keyOn(t, off, "save the edition from the keyboard", "#save-edition", kb.Enter)
	waitFor(t, off, 10*time.Second, "without JavaScript, the time zone refused in Spanish beside the form",
		problem+`.includes(`+js(spanish)+`) && document.documentElement.lang === "es"`)
}
