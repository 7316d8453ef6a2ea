package pages

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
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
	// EndpointID names the endpoint whose signing secret it is, or BodyID
	// the body whose answers it signs; What says so in words (secretTitle).
	EndpointID, BodyID int64
	// Value is the secret to give the body; PublicKey, for Ed25519, is
	// what the body verifies with.
	What, Value, PublicKey string
}

type bodyLine struct {
	publishing.Body
	Kind string
	// Endpoints shadows Body.Endpoints: each with its active secrets.
	Endpoints []endpointLine
	// Retired says which of the body's secrets was just retired.
	Retired string
}

// endpointLine is an endpoint with the secrets that sign its deliveries.
type endpointLine struct {
	publishing.Endpoint
	Secrets []secretLine
	// KeepLast: the only active secret of an enabled endpoint is not
	// offered for retirement, since the relay cannot deliver unsigned.
	KeepLast bool
}

// secretLine is an active secret as the page lists it: what it is and
// when it was made, never its value.
type secretLine struct {
	ID                            int64
	Kind, Created, ISO, PublicKey string
	// Label names the secret on its Retire button, so that a screen
	// reader going from button to button hears which one each retires.
	Label string
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
	if !who.Has(igfplus.RoleSecretariat) {
		return igfplus.Errorf(igfplus.EForbidden, "Only the Secretariat keeps the registry of bodies.")
	}
	ctx := c.Request().Context()
	list, err := p.deps.Publishing.Bodies(ctx)
	if err != nil {
		return err
	}
	secrets, err := p.deps.Publishing.Secrets(ctx, who, endpointIDs(list))
	if err != nil {
		return err
	}
	v := p.view(c, "/bodies")
	d := &bodiesData{Secretariat: true, Secret: secret}
	if secret != nil {
		if secret.What, err = secretTitle(v, list, *secret); err != nil {
			return err
		}
	}
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
	retired, _ := strconv.ParseInt(c.QueryParam("retired"), 10, 64)
	for _, b := range list {
		line, err := bodyLineOf(v, b, secrets, retired)
		if err != nil {
			return err
		}
		d.Bodies = append(d.Bodies, line)
	}
	v.Data = d
	return p.render(c, status, "bodies", v)
}

// secretTitle says whose secret was just made by the body's name and, for
// an endpoint's, its address (#17: never "endpoint 2"): the Secretariat
// gives it to a body over a safe channel and must not mix two up. Both
// are isolated, so that an Arabic title keeps a Latin name and a URL whole.
func secretTitle(v *view, bodies []publishing.Body, sec shownSecret) (string, error) {
	for _, b := range bodies {
		if sec.BodyID == b.ID {
			return v.T("bodies.secret_inbound", "Body", v.Isolate(b.Name))
		}
		for _, e := range b.Endpoints {
			if sec.EndpointID == e.ID {
				return v.T("bodies.secret_for_endpoint", "Body", v.Isolate(b.Name), "URL", v.Isolate(e.URL))
			}
		}
	}
	// The registry no longer lists it (removed meanwhile): the secret is
	// still shown, under the plain title.
	return v.T("bodies.new_secret")
}

// endpointIDs are the ids of every endpoint of the bodies, so that their
// secrets are read at once.
func endpointIDs(bodies []publishing.Body) []int64 {
	var ids []int64
	for _, b := range bodies {
		for _, e := range b.Endpoints {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// bodyLineOf is a body in words, its endpoints with their active secrets,
// and the notice of the secret just retired when it was one of them.
func bodyLineOf(v *view, b publishing.Body, secrets []publishing.Secret, retired int64) (bodyLine, error) {
	kind, err := v.TK("body_kind", b.Kind)
	if err != nil {
		return bodyLine{}, err
	}
	line := bodyLine{Body: b, Kind: kind}
	for _, e := range b.Endpoints {
		el := endpointLine{Endpoint: e}
		for _, sec := range secrets {
			if sec.EndpointID != e.ID {
				continue
			}
			if sec.ID == retired && !sec.Active {
				if line.Retired, err = v.T("bodies.retired", "ID", sec.ID); err != nil {
					return bodyLine{}, err
				}
			}
			if !sec.Active {
				continue
			}
			sl, err := secretLineOf(v, sec)
			if err != nil {
				return bodyLine{}, err
			}
			el.Secrets = append(el.Secrets, sl)
		}
		el.KeepLast = e.Enabled && len(el.Secrets) == 1
		line.Endpoints = append(line.Endpoints, el)
	}
	return line, nil
}

// secretLineOf is an active secret in words. The value is not copied: the
// page has nowhere to show it by mistake.
func secretLineOf(v *view, sec publishing.Secret) (secretLine, error) {
	sl := secretLine{ID: sec.ID, ISO: v.ISO(sec.CreatedAt)}
	if sec.Kind == publishing.Ed25519Secret {
		sl.PublicKey = sec.PublicKey
	}
	var err error
	if sl.Kind, err = v.T("bodies.secret_" + string(sec.Kind)); err != nil {
		return secretLine{}, err
	}
	date, err := v.Date(sec.CreatedAt)
	if err != nil {
		return secretLine{}, err
	}
	if sl.Created, err = v.T("bodies.secret_created", "Date", date); err != nil {
		return secretLine{}, err
	}
	sl.Label, err = v.T("bodies.retire_label", "ID", sec.ID, "Kind", sl.Kind, "Date", date)
	return sl, err
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
	// Why says in words why the attempt failed ("" when it delivered);
	// the template shows the raw Error behind a disclosure.
	Why string
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
		if why := dl.Why(); why != publishing.NoFailure {
			if row.Why, err = v.T("deliveries.why."+string(why), "Status", dl.Status); err != nil {
				return err
			}
		}
		d.Rows = append(d.Rows, row)
	}
	v.Data = d
	return p.render(c, http.StatusOK, "deliveries", v)
}

// replay: POST /deliveries/:id/replay {endpoint} — sends a logged
// delivery's event again, with the same webhook-id.
func (p *Pages) replay(c echo.Context) error {
	return p.registryForm(c, "delivery", func(who igfplus.Identity, id int64) error {
		if err := p.deps.Publishing.Replay(c.Request().Context(), who, id); err != nil {
			return err
		}
		endpoint, err := strconv.ParseInt(c.FormValue("endpoint"), 10, 64)
		if err != nil || endpoint <= 0 {
			return seeOther(c, "/bodies")
		}
		return seeOther(c, "/endpoints/"+strconv.FormatInt(endpoint, 10)+"/deliveries?replayed="+strconv.FormatInt(id, 10))
	})
}
