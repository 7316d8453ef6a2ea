package web

import (
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
)

// permissionsPolicy turns off the browser features the platform never
// uses, for its pages and anything they might embed: a script injected
// despite the content security policy, or a page framed against
// frame-ancestors, gets no camera, microphone, location or payment.
// Passkeys (WebAuthn) are the one powerful feature the pages use: on our
// own origin only, never in a frame from elsewhere.
const permissionsPolicy = "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), " +
	"hid=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-create=(self), publickey-credentials-get=(self), screen-wake-lock=(), " +
	"serial=(), usb=(), xr-spatial-tracking=()"

// hsts is how long browsers keep to https once they saw it: a year, the
// usual figure. Subdomains are left out (the operator's other hosts are
// not ours to decide) and so is preloading (a commitment of the domain's).
const hsts = "max-age=31536000"

// securityHeaders sets, on every response:
//   - a strict content security policy: the pages load only their own
//     scripts, styles and images, connect only to their own origin (its
//     WebSocket form named too, for browsers that do not count it as
//     'self'), send forms only to it, and may not be framed
//     (frame-ancestors 'none', and X-Frame-Options for browsers before it),
//     so an injected script cannot run and clicks cannot be hijacked;
//   - nosniff, a same-origin referrer (links to other sites do not learn
//     which session or poll someone came from), a Permissions-Policy that
//     turns every unused powerful feature off, and a same-origin opener
//     policy (a page opened from ours cannot script it back);
//   - Strict-Transport-Security when the public URL is https (Deps.HTTPS):
//     never on plain http, where it would be ignored or lock a local run
//     out.
func (s *Server) securityHeaders() echo.MiddlewareFunc {
	csp := "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"connect-src " + strings.Join(append([]string{"'self'"}, socketOrigins(s.deps.AllowedOrigins)...), " ") + "; " +
		"object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("Content-Security-Policy", csp)
			h.Set("X-Frame-Options", "DENY")
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Referrer-Policy", "same-origin")
			h.Set("Permissions-Policy", permissionsPolicy)
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			if s.deps.HTTPS {
				h.Set("Strict-Transport-Security", hsts)
			}
			return next(c)
		}
	}
}

// socketOrigins are the WebSocket forms (ws://, wss://) of the allowed
// origins.
func socketOrigins(origins []string) []string {
	var out []string
	for _, o := range origins {
		u, err := url.Parse(o)
		if err != nil || u.Host == "" {
			continue
		}
		switch u.Scheme {
		case "https":
			out = append(out, "wss://"+u.Host)
		case "http":
			out = append(out, "ws://"+u.Host)
		}
	}
	return out
}
