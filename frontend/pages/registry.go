package pages

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks"
	"github.com/igfplus/igfplus/tracks/publishing"
)

// bodiesData is the registry of decision-making bodies.
type bodiesData struct {
	Bodies []bodyLine
	// Secretariat sees the links to each endpoint's delivery log.
	Secretariat bool
	// Kinds are the body kinds for the registration form, SecretKinds the
	// kinds of signing secret.
	Kinds, SecretKinds []kindOption
	// Secret is a secret just made, shown this once.
	Secret *shownSecret
}

type kindOption struct{ Value, Name string }

// shownSecret is a new signing secret, shown once after it is made: it is
// never in a URL, a log or a later page.
type shownSecret struct {
	// What says whose secret it is; Value is the secret to give the body;
	// PublicKey, for Ed25519, is what the body verifies with.
	What, Value, PublicKey string
}

type bodyLine struct {
	publishing.Body
	Kind string
}

// bodies: GET /bodies — the registry with each body's endpoints (the
// Secretariat's page; the JSON registry is public).
func (p *Pages) bodies(c echo.Context) error {
	return p.renderBodies(c, http.StatusOK, nil)
}

// renderBodies renders the registry, with a secret just made.
func (p *Pages) renderBodies(c echo.Context, status int, secret *shownSecret) error {
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, "/bodies")
	}
	if !who.Has(tracks.RoleSecretariat) {
		return tracks.Errorf(tracks.EForbidden, "Only the Secretariat keeps the registry of bodies.")
	}
	list, err := p.deps.Publishing.Bodies(c.Request().Context())
	if err != nil {
		return err
	}
	v := p.view(c, "/bodies")
	d := &bodiesData{Secretariat: true, Secret: secret}
	for _, k := range publishing.BodyKinds {
		name, err := v.TK("body_kind", k)
		if err != nil {
			return err
		}
		d.Kinds = append(d.Kinds, kindOption{Value: string(k), Name: name})
	}
	for _, k := range []publishing.SecretKind{publishing.HMACSecret, publishing.Ed25519Secret} {
		name, err := v.T("bodies.secret_" + string(k))
		if err != nil {
			return err
		}
		d.SecretKinds = append(d.SecretKinds, kindOption{Value: string(k), Name: name})
	}
	for _, b := range list {
		kind, err := v.TK("body_kind", b.Kind)
		if err != nil {
			return err
		}
		d.Bodies = append(d.Bodies, bodyLine{Body: b, Kind: kind})
	}
	v.Data = d
	return p.render(c, status, "bodies", v)
}

// deliveriesData is one endpoint's delivery log.
type deliveriesData struct {
	EndpointID int64
	Rows       []deliveryRow
	// Replayed says which delivery was just queued again.
	Replayed string
}

type deliveryRow struct {
	publishing.Delivery
	When, ISO, Status, State, Duration string
}

// deliveries: GET /endpoints/:id/deliveries — the delivery log of one
// endpoint, newest first, with a replay button on each attempt.
func (p *Pages) deliveries(c echo.Context) error {
	id, err := pathInt(c, "endpoint")
	if err != nil {
		return err
	}
	here := "/endpoints/" + strconv.FormatInt(id, 10) + "/deliveries"
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, here)
	}
	log, err := p.deps.Publishing.Deliveries(c.Request().Context(), who, id)
	if err != nil {
		return err
	}
	v := p.view(c, here)
	d := &deliveriesData{EndpointID: id}
	if r := c.QueryParam("replayed"); r != "" {
		if _, err := strconv.ParseInt(r, 10, 64); err == nil {
			if d.Replayed, err = v.T("deliveries.replayed", "ID", r); err != nil {
				return err
			}
		}
	}
	for _, dl := range log {
		row := deliveryRow{Delivery: dl, ISO: v.ISO(dl.At), Status: "—", Duration: strconv.FormatInt(dl.Duration.Milliseconds(), 10)}
		if dl.Status != 0 {
			row.Status = strconv.Itoa(dl.Status)
		}
		if row.When, err = v.Date(dl.At); err != nil {
			return err
		}
		row.When += " " + clock(dl.At)
		if row.State, err = v.TK("delivery_state", dl.State); err != nil {
			return err
		}
		d.Rows = append(d.Rows, row)
	}
	v.Data = d
	return p.render(c, http.StatusOK, "deliveries", v)
}

// replay: POST /deliveries/:id/replay {endpoint} — sends a logged
// delivery's event again, with the same webhook-id.
func (p *Pages) replay(c echo.Context) error {
	id, err := pathInt(c, "delivery")
	if err != nil {
		return err
	}
	who := p.identity(c)
	if who.Anonymous() {
		return signinFor(c, "/bodies")
	}
	if err := p.deps.Publishing.Replay(c.Request().Context(), who, id); err != nil {
		return err
	}
	endpoint, err := strconv.ParseInt(c.FormValue("endpoint"), 10, 64)
	if err != nil || endpoint <= 0 {
		return seeOther(c, "/bodies")
	}
	return seeOther(c, "/endpoints/"+strconv.FormatInt(endpoint, 10)+"/deliveries?replayed="+strconv.FormatInt(id, 10))
}
