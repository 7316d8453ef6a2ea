package pages

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/mail"
	"github.com/igfplus/igfplus/tracks/mail/folder"
)

// fakeSelfService records the asks and accepts the token "good" once.
type fakeSelfService struct {
	asked []string
	reset []string
	used  bool
}

func (f *fakeSelfService) RequestPasswordReset(_ echo.Context, email string) error {
	f.asked = append(f.asked, email)
	return nil
}

func (f *fakeSelfService) use(token string) error {
	if token != "good" || f.used {
		return igfplus.Errorf(igfplus.EInvalid, "This link has expired or has already been used.")
	}
	f.used = true
	return nil
}

func (f *fakeSelfService) ResetPassword(_ echo.Context, token, password string) error {
	if err := f.use(token); err != nil {
		return err
	}
	f.reset = append(f.reset, password)
	return nil
}

func (f *fakeSelfService) VerifyEmail(_ echo.Context, token string) error { return f.use(token) }

func selfServiceFixture(tb testing.TB, mails MailFolder) (*fixture, *fakeSelfService) {
	ss := &fakeSelfService{}
	f := newFixtureWith(tb, func(d *Deps) {
		d.SelfService, d.MailFolder = ss, mails
		secretariatNamed(d, "sec")
	})
	return f, ss
}

// TestForgottenPasswordFormsSayTheSameForAnyAddressAndSetThePasswordOnce:
// the ask says the same thing whatever the address, a malformed one is
// named beside its field, opening the link changes nothing, posting its
// form sets the password once, and a used link says so in an alert.
func TestForgottenPasswordFormsSayTheSameForAnyAddressAndSetThePasswordOnce(t *testing.T) {
	f, ss := selfServiceFixture(t, nil)
	mustContain(t, f.get("/signin?lang=ar", "").Body.String(), `href="/password-reset"`, "هل نسيت كلمة المرور؟")
	mustContain(t, f.get("/password-reset?lang=ar", "").Body.String(), `id="reset-form"`, `dir="rtl"`, `autocomplete="username"`)
	w := f.post("/password-reset", "", url.Values{"email": {" amina@example.org "}})
	wantStatus(t, w, http.StatusOK)
	mustContain(t, w.Body.String(), `id="reset-sent" class="notice" role="status"`)
	if len(ss.asked) != 1 || ss.asked[0] != "amina@example.org" {
		t.Fatalf("asked %q", ss.asked)
	}
	w = f.post("/password-reset?lang=fr", "", url.Values{"email": {"nope"}})
	wantStatus(t, w, http.StatusUnprocessableEntity)
	mustContain(t, w.Body.String(), `role="alert"`, `id="email-error"`, `aria-invalid="true"`, `value="nope"`, "Saisissez une adresse électronique valide")

	mustContain(t, f.get("/password-reset/confirm?token=good", "").Body.String(), `id="reset-confirm-form"`, `name="token" value="good"`)
	if ss.used {
		t.Fatal("opening the link used it")
	}
	w = f.post("/password-reset/confirm", "", url.Values{"token": {"good"}, "password": {"short"}})
	wantStatus(t, w, http.StatusUnprocessableEntity)
	mustContain(t, w.Body.String(), `id="password-error"`, `name="token" value="good"`)
	w = f.post("/password-reset/confirm", "", url.Values{"token": {"good"}, "password": {"a new passphrase"}})
	wantStatus(t, w, http.StatusOK)
	mustContain(t, w.Body.String(), `id="reset-done"`, `role="status"`)
	w = f.post("/password-reset/confirm", "", url.Values{"token": {"good"}, "password": {"another passphrase"}})
	wantStatus(t, w, http.StatusUnprocessableEntity)
	mustContain(t, w.Body.String(), `id="link-invalid" class="error alert" role="alert"`, `href="/password-reset"`)
	if len(ss.reset) != 1 {
		t.Fatalf("passwords set: %d", len(ss.reset))
	}
}

// TestAddressConfirmationIsAButtonNotTheLinkItself: a mail scanner that
// opens the link confirms nothing; the page's button does.
func TestAddressConfirmationIsAButtonNotTheLinkItself(t *testing.T) {
	f, ss := selfServiceFixture(t, nil)
	mustContain(t, f.get("/verify-email?token=good&lang=fr", "").Body.String(), `id="verify-form"`, `name="token" value="good"`)
	if ss.used {
		t.Fatal("opening the link confirmed the address")
	}
	w := f.post("/verify-email", "", url.Values{"token": {"good"}})
	wantStatus(t, w, http.StatusOK)
	mustContain(t, w.Body.String(), `id="verify-done"`)
	wantStatus(t, f.post("/verify-email", "", url.Values{"token": {"good"}}), http.StatusUnprocessableEntity)
}

// TestTheMailPageShowsTheFolderToTheSecretariatOnly: the mails' links are
// links on the page; anyone else is refused.
func TestTheMailPageShowsTheFolderToTheSecretariatOnly(t *testing.T) {
	dir := t.TempDir()
	mails, err := folder.New(dir, "noreply@igf.example")
	if err != nil {
		t.Fatal(err)
	}
	err = mails.Send(context.Background(), mail.Message{MessageID: "a1@igf.example", To: "amina@example.org", Subject: "Confirm <b>",
		Text: "Open https://igf.example/verify-email?token=abc now.", HTML: "<p>x</p>", QueuedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	f, _ := selfServiceFixture(t, mails)
	wantStatus(t, f.get("/admin/mail", ""), http.StatusUnauthorized)
	wantStatus(t, f.get("/admin/mail", "amina"), http.StatusForbidden)
	body := okPage(t, f, "/admin/mail?lang=ar", "sec")
	mustContain(t, body, `<a href="https://igf.example/verify-email?token=abc"`, "amina@example.org", "Confirm &lt;b&gt;", `dir="rtl"`)
	if strings.Contains(body, "Confirm <b>") {
		t.Error("a subject is markup")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files", len(entries))
	}
}
