package pages

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestCountriesAreNamedInTheReadersLanguage(t *testing.T) {
	for _, c := range []struct{ lang, code, want string }{
		{"en", "KE", "Kenya"}, {"fr", "DZ", "Algérie"}, {"ar", "KE", "كينيا"}, {"es", "KE", "Kenia"},
		{"zh", "KE", "肯尼亚"}, {"ru", "DZ", "Алжир"}, {"en", "Q1", "Q1"},
	} {
		if got := countryName(c.lang, c.code); got != c.want {
			t.Errorf("countryName(%s, %s) = %q, want %q", c.lang, c.code, got, c.want)
		}
	}
	for code, want := range map[string]bool{"KE": true, "GH": true, "PS": true, "ZZ": false, "EU": false, "UN": false, "YU": false, "XK": false, "ke": false} {
		if isCountry(code) != want {
			t.Errorf("isCountry(%s) = %v", code, !want)
		}
	}
	if n := len(countryCodes()); n < 240 || n > 255 {
		t.Errorf("%d countries and territories, want ISO 3166-1's 249 or so", n)
	}
}

func TestCountryChoicesSortAsTheReaderSorts(t *testing.T) {
	fr := countryOptions("fr", "SN")
	at := func(label string) int {
		for i, o := range fr {
			if o.Label == label {
				return i
			}
		}
		t.Fatalf("no %q among the French names", label)
		return -1
	}
	// An accented initial sorts with its letter, not after Z.
	if !(at("Égypte") < at("Érythrée") && at("Dominique") < at("Égypte") && at("Égypte") < at("Fidji")) {
		t.Errorf("Égypte sorted at %d among %d", at("Égypte"), len(fr))
	}
	if !fr[at("Sénégal")].Selected {
		t.Error("the chosen country is not selected")
	}
}

func TestTheRegistrationFormOffersCountriesByName(t *testing.T) {
	f := newFixture(t)
	form := okPage(t, f, "/register?lang=ar", "")
	mustContain(t, form, `<select id="country" name="country" autocomplete="country"`, `<option value="KE">كينيا</option>`)
	if strings.Contains(form, "KE, BR") {
		t.Error("the form still asks for a code")
	}
	w := f.post("/register", "", url.Values{"email": {"kofi@example.org"}, "password": {goodPassword}, "display_name": {"Kofi"},
		"stakeholder_group": {"technical_community"}, "region": {"african"}, "country": {"ZZ"}})
	wantStatus(t, w, http.StatusUnprocessableEntity)
	mustContain(t, w.Body.String(), `id="country-error"`)
	if len(f.accounts.registered) != 0 {
		t.Fatal("registered with an unknown country")
	}
}
