package auth

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/notify"
)

// notificationsRequest is the body of PUT /me/notifications: both choices.
type notificationsRequest struct {
	Reminders *bool            `json:"reminders"`
	Activity  notify.Frequency `json:"activity"`
}

// notificationsRoutes mounts the notifications' choices:
//
//	GET /me/notifications  one's choices         200 {reminders, activity}
//	PUT /me/notifications  replace one's choices 200 {reminders, activity}
func (a *API) notificationsRoutes(g *echo.Group, signedIn []echo.MiddlewareFunc) {
	g.GET("/me/notifications", a.notifications, signedIn...)
	g.PUT("/me/notifications", a.setNotifications, signedIn...)
}

// notifications handles GET /me/notifications: the defaults (reminders
// on, activity as a daily digest) until one chooses.
func (a *API) notifications(c echo.Context) error {
	p, err := a.Notifications.Prefs(c.Request().Context(), IdentityOf(c).AccountID)
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, p)
}

// setNotifications handles PUT /me/notifications {"reminders": bool,
// "activity": "each"|"digest"|"none"}: 200 with the choices saved; 422
// when one is missing or activity is none of the three.
func (a *API) setNotifications(c echo.Context) error {
	var req notificationsRequest
	if err := decodeJSON(c, &req, false); err != nil {
		return err
	}
	if req.Reminders == nil {
		return igfplus.Errorf(igfplus.EInvalid, "reminders (true or false) is required")
	}
	p := notify.Prefs{Reminders: *req.Reminders, Activity: req.Activity}
	if err := a.Notifications.SetPrefs(c.Request().Context(), IdentityOf(c).AccountID, p); err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, p)
}
