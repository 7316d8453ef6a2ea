package pages

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/labstack/echo/v4"
)

type fakeProfiles struct {
	saved []ProfileForm
	sent  int
}

func (f *fakeProfiles) SendVerification(echo.Context) error {
	f.sent++
	return nil
}

func (f *fakeProfiles) Profile(echo.Context) (ProfileForm, error) {
	return ProfileForm{Email: "amina@example.org", DisplayName: "Amina", StakeholderGroup: "civil_society", Region: "african", Country: "KE", Locale: "en", ShowNameInPresence: true}, nil
}

func (f *fakeProfiles) SaveProfile(_ echo.Context, form ProfileForm) error {
	f.saved = append(f.saved, form)
	return nil
}

// TestTheProfileFormShowsSavesAndNamesItsProblemsBesideTheirFields: the
// anonymous are sent to sign in; the form shows the details; a bad region
// and language come back beside their fields, nothing saved; a good form
// is saved and the page says so in a status region; the layout's name
// links to the page.
func TestTheProfileFormShowsSavesAndNamesItsProblemsBesideTheirFields(t *testing.T) {
	profiles := &fakeProfiles{}
	f := newFixtureWith(t, func(d *Deps) { d.Profiles = profiles })
	w := f.get("/profile", "")
	wantStatus(t, w, http.StatusSeeOther)
	if loc := w.Header().Get("Location"); loc != "/signin?next=%2Fprofile" {
		t.Errorf("anonymous: Location %q", loc)
	}
	body := f.get("/profile?lang=ar", "Amina").Body.String()
	mustContain(t, body, `<a href="/profile">`, `id="profile-form"`, `value="Amina"`, `<option value="KE" selected>`, `<option value="en" lang="en" selected>English</option>`, `id="show-name" name="show_name" type="checkbox" value="1" checked`, `dir="rtl"`)
	w = f.post("/profile?lang=fr", "Amina", url.Values{"display_name": {"Amina"}, "stakeholder_group": {"civil_society"}, "region": {"mars"}, "locale": {"xx"}})
	wantStatus(t, w, http.StatusUnprocessableEntity)
	mustContain(t, w.Body.String(), `role="alert"`, `id="region-error"`, `id="locale-error"`, "Choisissez une langue dans la liste.")
	if len(profiles.saved) != 0 {
		t.Fatal("saved despite problems")
	}
	w = f.post("/profile", "Amina", url.Values{"display_name": {" Amina Y. "}, "stakeholder_group": {"academia"}, "region": {"african"}, "country": {"ng"}, "locale": {"ar"}})
	wantStatus(t, w, http.StatusSeeOther)
	want := ProfileForm{DisplayName: "Amina Y.", StakeholderGroup: "academia", Region: "african", Country: "NG", Locale: "ar"}
	if len(profiles.saved) != 1 || profiles.saved[0] != want {
		t.Fatalf("saved %+v, want %+v", profiles.saved, want)
	}
	mustContain(t, f.get(w.Header().Get("Location"), "Amina").Body.String(), `id="profile-saved" class="notice" role="status"`)

	w = f.post("/profile/verification", "Amina", url.Values{})
	wantStatus(t, w, http.StatusSeeOther)
	if profiles.sent != 1 {
		t.Fatalf("confirmation links sent: %d", profiles.sent)
	}
	mustContain(t, f.get(w.Header().Get("Location"), "Amina").Body.String(), `id="profile-sent" class="notice" role="status"`, `id="verification-form"`)
}
