package mailtext_test

import (
	"strings"
	"testing"

	"github.com/igfplus/igfplus/frontend/mailtext"
	"github.com/igfplus/igfplus/tracks/accounts"
)

// TestEveryLetterInEveryLanguageHasItsLinkBothBodiesAndEscapesTheName:
// each letter renders in each of the six languages with a subject, the
// link in both bodies, the language and direction on the HTML, and a name
// that is markup shown as text.
func TestEveryLetterInEveryLanguageHasItsLinkBothBodiesAndEscapesTheName(t *testing.T) {
	r, err := mailtext.New("https://igf.example/")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[accounts.LetterKind]string{
		accounts.LetterVerifyEmail:   "https://igf.example/verify-email?token=s3cret",
		accounts.LetterResetPassword: "https://igf.example/password-reset/confirm?token=s3cret",
		accounts.LetterAccountExists: "https://igf.example/password-reset",
	}
	for kind, link := range kinds {
		for _, lang := range mailtext.Languages {
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
