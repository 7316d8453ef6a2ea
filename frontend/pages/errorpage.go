package pages

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

type errorData struct {
	Status int
	// Key names the translated title and explanation of the status.
	Key string
	// Detail is the server's own explanation (in the page's language), shown for
	// client errors when it says more than the status.
	Detail string
	// Signin offers to sign in (and come back) on a 401.
	Signin bool
}

// errorKeys are the statuses with their own explanation; others fall back
// to the generic client or server error.
var errorKeys = map[int]string{
	http.StatusBadRequest: "400", http.StatusUnauthorized: "401", http.StatusForbidden: "403",
	http.StatusNotFound: "404", http.StatusMethodNotAllowed: "404", http.StatusConflict: "409",
	http.StatusRequestEntityTooLarge: "413", http.StatusUnprocessableEntity: "422",
	http.StatusTooManyRequests: "429", http.StatusServiceUnavailable: "503",
}

// HTMLError renders the error page for a browser request that failed, with
// the given status. It is the server's HTMLError hook.
func (p *Pages) HTMLError(c echo.Context, status int, detail string) error {
	here := "/"
	if r := c.Request(); r.Method == http.MethodGet {
		here = r.URL.Path
	}
	v := p.view(c, here)
	key, ok := errorKeys[status]
	switch {
	case ok:
	case status >= 500:
		key = "500"
	default:
		key = "400"
	}
	d := &errorData{Status: status, Key: key, Signin: status == http.StatusUnauthorized && v.Me.Anonymous()}
	if status < 500 && detail != "" && detail != http.StatusText(status) {
		d.Detail = detail
	}
	v.Data = d
	return p.render(c, status, "error", v)
}
