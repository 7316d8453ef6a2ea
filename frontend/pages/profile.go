package pages

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// ProfileForm is the profile form: one's own details as shown and as
// submitted (trimmed, Country in upper case).
type ProfileForm struct {
	Email, DisplayName, StakeholderGroup, Region, Country, Locale string
	ShowNameInPresence                                            bool
	// Verified: the address was confirmed by a mailed link (shown only).
	Verified bool
}

// Profiles reads and saves the signed-in person's own details.
type Profiles interface {
	// Profile returns the signed-in person's details.
	Profile(c echo.Context) (ProfileForm, error)
	// SaveProfile saves f (all but Email); the pages follow f.Locale from
	// then on.
	SaveProfile(c echo.Context, f ProfileForm) error
	// SendVerification mails the address a new link confirming it.
	SendVerification(c echo.Context) error
}

type profileData struct {
	Form ProfileForm
	// Saved and Sent: the profile was saved, a confirmation link sent.
	Saved, Sent bool
	// PasswordChanged: the password was just changed.
	PasswordChanged bool
	formProblems
	Groups, Regions, Countries, Languages []option
	// Passkeys is the relying party id when passkeys are offered (to
	// browsers with JavaScript on a page of that host), with how many the
	// person has and the passkey script's messages.
	// Notifications is the notifications form; nil leaves it out.
	Notifications *notificationsForm
	Passkeys      string
	PasskeyCount  int
	Strings       map[string]string
}

// profile: GET /profile — one's own details, to edit.
func (p *Pages) profile(c echo.Context) error {
	if p.identity(c).Anonymous() {
		return seeOther(c, "/signin?next=%2Fprofile")
	}
	f, err := p.deps.Profiles.Profile(c)
	if err != nil {
		return err
	}
	return p.renderProfile(c, http.StatusOK, &profileData{Form: f, Saved: c.QueryParam("saved") == "1", Sent: c.QueryParam("sent") == "1",
		PasswordChanged: c.QueryParam("password") == "1"})
}

// sendVerification: POST /profile/verification — mails the address a new
// confirmation link and comes back saying so.
func (p *Pages) sendVerification(c echo.Context) error {
	if p.identity(c).Anonymous() {
		return seeOther(c, "/signin?next=%2Fprofile")
	}
	if err := p.deps.Profiles.SendVerification(c); err != nil {
		return err
	}
	return seeOther(c, "/profile?sent=1")
}

// saveProfile: POST /profile — saves and comes back (in the language
// just saved, unless the address says otherwise), or shows the problems
// beside their fields.
func (p *Pages) saveProfile(c echo.Context) error {
	if p.identity(c).Anonymous() {
		return seeOther(c, "/signin?next=%2Fprofile")
	}
	f := ProfileForm{
		DisplayName:        strings.TrimSpace(c.FormValue("display_name")),
		StakeholderGroup:   c.FormValue("stakeholder_group"),
		Region:             c.FormValue("region"),
		Country:            strings.ToUpper(strings.TrimSpace(c.FormValue("country"))),
		Locale:             c.FormValue("locale"),
		ShowNameInPresence: c.FormValue("show_name") != "",
	}
	d := &profileData{Form: f}
	v := p.view(c, "/profile")
	if err := p.checkDetails(v, f, true, &d.formProblems); err != nil {
		return err
	}
	if len(d.Errors) == 0 {
		err := p.deps.Profiles.SaveProfile(c, f)
		switch code := igfplus.ErrorCode(err); code {
		case "":
			return seeOther(c, "/profile?saved=1")
		case igfplus.EInvalid:
			d.Problem, d.Detail = v.loc.Error(err), ""
		default:
			return err
		}
	}
	return p.renderProfile(c, http.StatusUnprocessableEntity, d)
}

func (p *Pages) renderProfile(c echo.Context, status int, d *profileData) error {
	v := p.view(c, "/profile")
	var err error
	if d.Groups, d.Regions, d.Countries, err = detailOptions(v, d.Form); err != nil {
		return err
	}
	for _, l := range p.cat.Languages() {
		d.Languages = append(d.Languages, option{Value: l.Tag, Label: l.Name, Selected: l.Tag == d.Form.Locale})
	}
	if d.Notifications, err = p.notificationsOf(c, v); err != nil {
		return err
	}
	if p.deps.Passkeys != nil {
		d.Passkeys = p.deps.Passkeys.PasskeyRPID()
		if d.PasskeyCount, err = p.deps.Passkeys.PasskeyCount(c); err != nil {
			return err
		}
		if d.Strings, err = v.loc.Strings(passkeyClientPrefix); err != nil {
			return err
		}
	}
	v.Data = d
	return p.render(c, status, "profile", v)
}

// ProfileLink reports whether the name of the signed-in person in the
// layout links to their profile page.
func (v *view) ProfileLink() bool { return v.p.deps.Profiles != nil }

// CareLinks reports whether the profile page links to the account pages
// (password, address, download, deletion).
func (v *view) CareLinks() bool { return v.p.deps.Care != nil }

// checkDetails adds to problems, in the reader's language, what is wrong
// with the details of f that a person gives of themselves (name, group,
// region, country, and with locale the language).
func (p *Pages) checkDetails(v *view, f ProfileForm, locale bool, problems *formProblems) error {
	reg := checkRegistration(RegisterForm{Email: "x@x.x", Password: strings.Repeat("x", 10), DisplayName: f.DisplayName,
		StakeholderGroup: f.StakeholderGroup, Region: f.Region, Country: f.Country})
	if _, ok := p.cat.Supported(f.Locale); locale && (!ok || f.Locale == "") {
		reg = append(reg, "locale")
	}
	for _, e := range reg {
		key, field := "register.error."+e, fieldOf[e]
		if e == "locale" {
			key, field = "profile.error.locale", "locale"
		}
		msg, err := v.T(key)
		if err != nil {
			return err
		}
		problems.Errors = append(problems.Errors, fieldError{Field: field, Message: msg})
	}
	return nil
}

// detailOptions are the choices of the details form (template "details")
// with f's selected.
func detailOptions(v *view, f ProfileForm) (groups, regions, countries []option, err error) {
	if groups, err = options(v, "group", f.StakeholderGroup, igfplus.StakeholderGroups); err != nil {
		return nil, nil, nil, err
	}
	if regions, err = options(v, "region", f.Region, igfplus.Regions); err != nil {
		return nil, nil, nil, err
	}
	return groups, regions, countryOptions(v.Lang, f.Country), nil
}
