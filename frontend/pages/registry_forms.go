package pages

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
)

// registryForm runs one of the registry's forms (the Secretariat's; the
// service refuses anyone else) on the body or endpoint :id.
func (p *Pages) registryForm(c echo.Context, what igfplus.Text, do func(who igfplus.Identity, id int64) error) error {
	return p.signedIn(c, what, backTo("/bodies"), do)
}

func bodyAnchor(id int64) string { return "/bodies#body-" + strconv.FormatInt(id, 10) }

// createBody: POST /bodies {name, kind}.
func (p *Pages) createBody(c echo.Context) error {
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, "/bodies")
	}
	b, err := p.deps.Publishing.CreateBody(c.Request().Context(), who,
		publishing.Body{Name: c.FormValue("name"), Kind: publishing.BodyKind(c.FormValue("kind"))})
	if err != nil {
		return err
	}
	return seeOther(c, bodyAnchor(b.ID))
}

// addEndpoint: POST /bodies/:id/endpoints {url, allow_private}. Endpoints
// on private addresses are refused unless allow_private is ticked.
func (p *Pages) addEndpoint(c echo.Context) error {
	return p.registryForm(c, "body", func(who igfplus.Identity, id int64) error {
		e := publishing.Endpoint{BodyID: id, URL: c.FormValue("url"), Enabled: true, AllowPrivate: c.FormValue("allow_private") == "true"}
		if _, err := p.deps.Publishing.AddEndpoint(c.Request().Context(), who, e); err != nil {
			return err
		}
		return seeOther(c, bodyAnchor(id))
	})
}

// setEndpoint: POST /endpoints/:id {url, enabled, allow_private} — enable
// or disable an endpoint (a 410 disables one by itself).
func (p *Pages) setEndpoint(c echo.Context) error {
	return p.registryForm(c, "endpoint", func(who igfplus.Identity, id int64) error {
		e := publishing.Endpoint{ID: id, URL: c.FormValue("url"), Enabled: c.FormValue("enabled") == "true",
			AllowPrivate: c.FormValue("allow_private") == "true"}
		e, err := p.deps.Publishing.SetEndpoint(c.Request().Context(), who, e)
		if err != nil {
			return err
		}
		return seeOther(c, bodyAnchor(e.BodyID))
	})
}

// addSecret: POST /endpoints/:id/secrets {kind} — a new signing secret,
// shown once on the page that answers (never redirected with it).
func (p *Pages) addSecret(c echo.Context) error {
	return p.registryForm(c, "endpoint", func(who igfplus.Identity, id int64) error {
		sec, err := p.deps.Publishing.AddSecret(c.Request().Context(), who, id, publishing.SecretKind(c.FormValue("kind")))
		if err != nil {
			return err
		}
		return p.renderBodies(c, http.StatusCreated, &shownSecret{EndpointID: id, Value: sec.Value, PublicKey: sec.PublicKey})
	})
}

// retireSecret: POST /secrets/:id/retire {body} — the last step of a
// rotation, once the body verifies with the new secret. It goes back to
// the body's section with a notice; body only says where that is (the
// service finds the secret by its id).
func (p *Pages) retireSecret(c echo.Context) error {
	return p.registryForm(c, "secret", func(who igfplus.Identity, id int64) error {
		if err := p.deps.Publishing.RetireSecret(c.Request().Context(), who, id); err != nil {
			return err
		}
		to := "/bodies?retired=" + strconv.FormatInt(id, 10)
		if body, err := strconv.ParseInt(c.FormValue("body"), 10, 64); err == nil && body > 0 {
			to += "#body-" + strconv.FormatInt(body, 10)
		}
		return seeOther(c, to)
	})
}

// rotateInbound: POST /bodies/:id/inbound-secret — the secret the body
// signs its answers with; the one it replaces works until the next
// rotation.
func (p *Pages) rotateInbound(c echo.Context) error {
	return p.registryForm(c, "body", func(who igfplus.Identity, id int64) error {
		secret, err := p.deps.Publishing.RotateInboundSecret(c.Request().Context(), who, id)
		if err != nil {
			return err
		}
		return p.renderBodies(c, http.StatusCreated, &shownSecret{BodyID: id, Value: secret})
	})
}
