package mailtext

import (
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/tracks/accounts"
	"github.com/igfplus/igfplus/tracks/notify"
	"github.com/igfplus/igfplus/tracks/proposals"
)

// newRenderer renders for the site https://igf.example.
func newRenderer(t *testing.T) *Renderer {
	t.Helper()
	r, err := New("https://igf.example/")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestEveryLetterInEveryLanguageHasItsLinkBothBodiesAndEscapesTheName:
// each letter renders in each of the six languages with a subject, the
// link in both bodies, the language and direction on the HTML, and a name
// that is markup shown as text.
func TestEveryLetterInEveryLanguageHasItsLinkBothBodiesAndEscapesTheName(t *testing.T) {
	r := newRenderer(t)
	kinds := map[accounts.LetterKind]string{
		accounts.LetterVerifyEmail:   "https://igf.example/verify-email?token=s3cret",
		accounts.LetterResetPassword: "https://igf.example/password-reset/confirm?token=s3cret",
		accounts.LetterAccountExists: "https://igf.example/password-reset",
	}
	for kind, link := range kinds {
		for _, lang := range Languages {
			token := "s3cret"
			if kind == accounts.LetterAccountExists {
				token = ""
			}
			m, err := r.Render(accounts.Letter{Kind: kind, To: "a@example.org", Locale: lang.Tag, Name: "<b>Amina</b>", Token: token})
			if err != nil {
				t.Fatalf("%s %s: %v", kind, lang.Tag, err)
			}
			if m.Subject == "" || m.To != "a@example.org" || m.Kind != string(kind) {
				t.Errorf("%s %s: %+v", kind, lang.Tag, m)
			}
			if !strings.Contains(m.Text, link+"\n") || !strings.Contains(m.HTML, `href="`+link+`"`) {
				t.Errorf("%s %s: link %q missing:\n%s\n%s", kind, lang.Tag, link, m.Text, m.HTML)
			}
			if !strings.Contains(m.Text, "<b>Amina</b>") || strings.Contains(m.HTML, "<b>Amina") || !strings.Contains(m.HTML, "&lt;b&gt;Amina") {
				t.Errorf("%s %s: the name is not text in the HTML:\n%s", kind, lang.Tag, m.HTML)
			}
			dir := "ltr"
			if lang.Tag == "ar" {
				dir = "rtl"
			}
			if !strings.Contains(m.HTML, `<html lang="`+lang.Tag+`" dir="`+dir+`">`) {
				t.Errorf("%s %s: no lang and dir on the HTML", kind, lang.Tag)
			}
		}
	}
	if _, err := r.Render(accounts.Letter{Kind: "nonsense"}); err == nil {
		t.Error("an unknown letter rendered")
	}
}

// TestEveryDecisionInEveryLanguageNamesTheProposalAndLinksToIt: each
// outcome renders in the six languages, with the proposal's title, the
// link to its page, the merge's other proposal and the note.
func TestEveryDecisionInEveryLanguageNamesTheProposalAndLinksToIt(t *testing.T) {
	r := newRenderer(t)
	for _, lang := range Languages {
		for _, state := range []proposals.State{proposals.Accepted, proposals.Rejected, proposals.MergeSuggested} {
			l := proposals.Letter{To: proposals.Recipient{Email: "p@example.org", Name: "Ana", Locale: lang.Tag},
				Proposal: proposals.Proposal{ID: 7, State: state, Note: "See you there", Draft: proposals.Draft{Title: "Last mile"}}}
			if state == proposals.MergeSuggested {
				l.MergeTitle = "Community networks"
			}
			m, err := r.RenderDecision(l)
			if err != nil {
				t.Fatalf("%s %s: %v", lang.Tag, state, err)
			}
			for _, want := range []string{"Last mile", "https://igf.example/proposals/7", "See you there", l.MergeTitle} {
				if !strings.Contains(m.Text, want) || !strings.Contains(m.HTML, want) {
					t.Errorf("%s %s: %q missing", lang.Tag, state, want)
				}
			}
			if !strings.Contains(m.Subject, "Last mile") || m.To != "p@example.org" {
				t.Errorf("%s %s: subject %q to %q", lang.Tag, state, m.Subject, m.To)
			}
		}
	}
}

// TestEveryNoticeInEveryLanguageCarriesTheOneClickUnsubscribe: the
// reminder (the session's time in the edition's zone with its offset), a
// notice of activity and a digest render in the six languages, each with
// List-Unsubscribe naming the link in its bodies and List-Unsubscribe-Post.
func TestEveryNoticeInEveryLanguageCarriesTheOneClickUnsubscribe(t *testing.T) {
	r := newRenderer(t)
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
