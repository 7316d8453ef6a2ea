package pages

import (
	"context"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/notify"
)

// Notifications are the choices of notifications by e-mail (the profile's
// form) and the one-click unsubscribe links the notices carry.
type Notifications interface {
	Prefs(ctx context.Context, account int64) (notify.Prefs, error)
	SetPrefs(ctx context.Context, account int64, p notify.Prefs) error
	// Link names the kind a token turns off, changing nothing; Unsubscribe
	// turns it off. Both refuse a token not signed here with EInvalid.
	Link(token string) (notify.Kind, error)
	Unsubscribe(ctx context.Context, token string) (notify.Kind, error)
}

var _ Notifications = (*notify.Service)(nil)

// notificationsForm is the profile's notifications form.
type notificationsForm struct {
	Reminders bool
	Activity  []option
	Saved     bool
}

// notificationsRoutes mounts the profile's form and the unsubscribe page.
func (p *Pages) notificationsRoutes(g *echo.Group) {
	g.POST("/profile/notifications", p.saveNotifications)
	g.GET("/unsubscribe", p.unsubscribeForm)
	g.POST("/unsubscribe", p.unsubscribe)
}

// notificationsOf is the signed-in person's form, nil without the
// notifications.
func (p *Pages) notificationsOf(c echo.Context, v *view) (*notificationsForm, error) {
	if p.deps.Notifications == nil {
		return nil, nil
	}
	prefs, err := p.deps.Notifications.Prefs(c.Request().Context(), p.identity(c).AccountID)
	if err != nil {
		return nil, err
	}
	f := &notificationsForm{Reminders: prefs.Reminders, Saved: c.QueryParam("notifications") == "1"}
	for _, fr := range []notify.Frequency{notify.Each, notify.Digest, notify.None} {
		label, err := v.T("notifications.activity." + string(fr))
		if err != nil {
			return nil, err
		}
		f.Activity = append(f.Activity, option{Value: string(fr), Label: label, Selected: fr == prefs.Activity})
	}
	return f, nil
}

// saveNotifications: POST /profile/notifications — saves the choices and
// comes back to the profile saying so.
func (p *Pages) saveNotifications(c echo.Context) error {
	who := p.identity(c)
	if who.Anonymous() {
		return seeOther(c, "/signin?next=%2Fprofile")
	}
	prefs := notify.Prefs{Reminders: c.FormValue("reminders") != "", Activity: notify.Frequency(c.FormValue("activity"))}
	if err := p.deps.Notifications.SetPrefs(c.Request().Context(), who.AccountID, prefs); err != nil {
		return err
	}
	return seeOther(c, "/profile?notifications=1#notifications")
}

// unsubscribeData is the unsubscribe page: the kind the link turns off,
// whether it was, or that the link is not valid.
type unsubscribeData struct {
	Kind    notify.Kind
	Action  string
	Done    bool
	Invalid bool
}

// unsubscribeForm: GET /unsubscribe?token= — says what the link turns off,
// with a button. It changes nothing: mail scanners open links.
func (p *Pages) unsubscribeForm(c echo.Context) error {
	token := c.QueryParam("token")
	k, err := p.deps.Notifications.Link(token)
	return p.renderUnsubscribe(c, token, k, false, err)
}

// unsubscribe: POST /unsubscribe?token= — the button's form, and the
// one-click POST of RFC 8058 (body List-Unsubscribe=One-Click) that a mail
// client sends without cookies: the signed token is the authority.
func (p *Pages) unsubscribe(c echo.Context) error {
	token := c.QueryParam("token")
	k, err := p.deps.Notifications.Unsubscribe(c.Request().Context(), token)
	return p.renderUnsubscribe(c, token, k, err == nil, err)
}

func (p *Pages) renderUnsubscribe(c echo.Context, token string, k notify.Kind, done bool, err error) error {
	status := http.StatusOK
	d := &unsubscribeData{Kind: k, Done: done, Action: "/unsubscribe?" + url.Values{"token": {token}}.Encode()}
	switch igfplus.ErrorCode(err) {
	case "":
	case igfplus.EInvalid:
		status, d.Invalid = http.StatusBadRequest, true
	default:
		return err
	}
	c.Response().Header().Set("Referrer-Policy", "no-referrer") // the token stays in this page
	v := p.view(c, "/unsubscribe")
	v.Data = d
	return p.render(c, status, "unsubscribe", v)
}
