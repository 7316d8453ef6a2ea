package pages

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/tracks/igfplus"
)

// ageBands are the optional self-described age bands, as tracks/accounts
// defines them (accounts.AgeBands).
var ageBands = []string{"under_18", "18_24", "25_34", "35_plus"}

type registerData struct {
	Form RegisterForm
	Next string
	// formProblems are the problems of the fields and the service's refusal.
	formProblems
	Groups, Regions, AgeBands, Countries []option
}

type option struct {
	Value, Label string
	Selected     bool
}

// registerForm: GET /register — the registration form.
func (p *Pages) registerForm(c echo.Context) error {
	if !p.identity(c).Anonymous() {
		return seeOther(c, nextOf(c))
	}
	return p.renderRegister(c, http.StatusOK, &registerData{Next: nextOf(c)})
}

// register: POST /register — creates the account and goes on to the
// sign-in form (which says thank you), keeping next; the same whether or
// not the e-mail address already had an account, which the page never
// tells. Problems come back with the form filled in (but the password).
func (p *Pages) register(c echo.Context) error {
	f := RegisterForm{
		Email:            strings.TrimSpace(c.FormValue("email")),
		Password:         c.FormValue("password"),
		DisplayName:      strings.TrimSpace(c.FormValue("display_name")),
		StakeholderGroup: c.FormValue("stakeholder_group"),
		Region:           c.FormValue("region"),
		Country:          strings.ToUpper(strings.TrimSpace(c.FormValue("country"))),
		Gender:           strings.TrimSpace(c.FormValue("gender")),
		AgeBand:          c.FormValue("age_band"),
		FirstTime:        c.FormValue("first_time") != "",
	}
	d := &registerData{Form: f, Next: nextOf(c)}
	v := p.view(c, "/register")
	f.Locale = v.Lang
	for _, e := range checkRegistration(f) {
		msg, err := v.T("register.error." + e)
		if err != nil {
			return err
		}
		d.Errors = append(d.Errors, fieldError{Field: fieldOf[e], Message: msg})
	}
	if len(d.Errors) > 0 {
		d.Form.Password = ""
		return p.renderRegister(c, http.StatusUnprocessableEntity, d)
	}
	regErr := p.deps.Accounts.Register(c, f)
	code := igfplus.ErrorCode(regErr)
	var err error
	switch code {
	case "":
		return seeOther(c, registeredHref(d.Next))
	case igfplus.EInvalid, igfplus.ERateLimited, igfplus.EUnavailable:
		if d.Problem, err = v.T("register.error." + string(code)); err != nil {
			return err
		}
		if code == igfplus.EInvalid {
			d.Detail = v.loc.Error(regErr)
		}
	default:
		return regErr
	}
	d.Form.Password = ""
	web.SetRetryAfter(c, regErr)
	return p.renderRegister(c, statusOf(code), d)
}

// registeredHref is the sign-in form after a registration, keeping next.
func registeredHref(next string) string {
	q := url.Values{"registered": {"1"}}
	if next != "/" {
		q.Set("next", next)
	}
	return "/signin?" + q.Encode()
}

// fieldOf names the form field of each check of checkRegistration.
var fieldOf = map[string]string{
	"email": "email", "password": "password", "display_name": "display-name",
	"group": "group", "region": "region", "country": "country", "gender": "gender", "age_band": "age-band",
}

// checkRegistration catches the common mistakes early, in the reader's
// language; the accounts service checks everything again.
func checkRegistration(f RegisterForm) []string {
	var bad []string
	if at := strings.LastIndexByte(f.Email, '@'); at < 1 || at == len(f.Email)-1 || len(f.Email) > 254 || strings.ContainsAny(f.Email, " \t\r\n") {
		bad = append(bad, "email")
	}
	if n := utf8.RuneCountInString(f.Password); n < 10 || n > 256 {
		bad = append(bad, "password")
	}
	if n := utf8.RuneCountInString(f.DisplayName); n < 1 || n > 100 {
		bad = append(bad, "display_name")
	}
	if !igfplus.StakeholderGroup(f.StakeholderGroup).Valid() {
		bad = append(bad, "group")
	}
	if !igfplus.Region(f.Region).Valid() {
		bad = append(bad, "region")
	}
	if f.Country != "" && !isCountry(f.Country) {
		bad = append(bad, "country")
	}
	if utf8.RuneCountInString(f.Gender) > 50 {
		bad = append(bad, "gender")
	}
	if f.AgeBand != "" && !slices.Contains(ageBands, f.AgeBand) {
		bad = append(bad, "age_band")
	}
	return bad
}

func (p *Pages) renderRegister(c echo.Context, status int, d *registerData) error {
	v := p.view(c, "/register")
	var err error
	if d.Groups, err = options(v, "group", d.Form.StakeholderGroup, igfplus.StakeholderGroups); err != nil {
		return err
	}
	if d.Regions, err = options(v, "region", d.Form.Region, igfplus.Regions); err != nil {
		return err
	}
	if d.AgeBands, err = options(v, "age", d.Form.AgeBand, ageBands); err != nil {
		return err
	}
	d.Countries = countryOptions(v.Lang, d.Form.Country)
	v.Data = d
	return p.render(c, status, "register", v)
}

// options lists the values of a select, translated, marking the chosen one.
func options[T ~string](v *view, prefix, chosen string, values []T) ([]option, error) {
	out := make([]option, 0, len(values))
	for _, val := range values {
		label, err := v.loc.T(prefix+"."+string(val), nil)
		if err != nil {
			return nil, err
		}
		out = append(out, option{Value: string(val), Label: label, Selected: string(val) == chosen})
	}
	return out, nil
}
