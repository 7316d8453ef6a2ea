package mailtext

import (
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/notify"
)

// TestEveryNoticeInEveryLanguageCarriesTheOneClickUnsubscribe: the
// reminder (the session's time in the edition's zone with its offset), a
// notice of activity and a digest render in the six languages, each with
// List-Unsubscribe naming the link in its bodies and List-Unsubscribe-Post.
func TestEveryNoticeInEveryLanguageCarriesTheOneClickUnsubscribe(t *testing.T) {
	r, err := New("https://igf.example")
	if err != nil {
		t.Fatal(err)
	}
	riyadh, _ := time.LoadLocation("Asia/Riyadh")
	e := notify.Event{RecommendationID: 4, Title: "Open data", Source: "comment", Actor: "Bilal"}
	a := notify.Event{RecommendationID: 4, Title: "Open data", Source: "amendment", Actor: "Chen"}
	for _, lang := range Languages {
		to := notify.Recipient{AccountID: 9, Email: "d@example.org", Name: "Dana", Locale: lang.Tag}
		rem, err1 := r.Reminder(notify.Reminder{To: to, SessionID: 12, Title: "Last mile",
			StartsAt: time.Date(2026, 12, 8, 7, 0, 0, 0, time.UTC).In(riyadh)}, "tok-r")
		one, err2 := r.Activity(to, a, "tok-a")
		dig, err3 := r.Digest(to, []notify.Event{e, a}, "tok-a")
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("%s: %v %v %v", lang.Tag, err1, err2, err3)
		}
		for _, c := range []struct {
			m     string
			token string
			want  []string
		}{{rem.Text + rem.HTML + rem.Headers["List-Unsubscribe"], "tok-r", []string{"Last mile", "10:00", "UTC+3", "/sessions/12"}},
			{one.Text + one.HTML + one.Headers["List-Unsubscribe"], "tok-a", []string{"Chen", "Open data", "/recommendations/4"}},
			{dig.Text + dig.HTML + dig.Headers["List-Unsubscribe"], "tok-a", []string{"Bilal", "Chen", "<li>"}}} {
			link := "https://igf.example/unsubscribe?token=" + c.token
			if strings.Count(c.m, link) != 3 || !strings.Contains(c.m, "<"+link+">") {
				t.Errorf("%s: the unsubscribe link %s is not in both bodies and the header", lang.Tag, link)
			}
			for _, w := range c.want {
				if !strings.Contains(c.m, w) {
					t.Errorf("%s: %q missing", lang.Tag, w)
				}
			}
		}
		for _, m := range [][2]string{{rem.Headers["List-Unsubscribe-Post"], rem.Subject}, {one.Headers["List-Unsubscribe-Post"], one.Subject}, {dig.Headers["List-Unsubscribe-Post"], dig.Subject}} {
			if m[0] != "List-Unsubscribe=One-Click" || m[1] == "" {
				t.Errorf("%s: List-Unsubscribe-Post %q, subject %q", lang.Tag, m[0], m[1])
			}
		}
	}
}
