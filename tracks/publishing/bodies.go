package publishing

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// BodyKind is what kind of decision-making body a body is.
type BodyKind string

// The body kinds.
const (
	UNGeneralAssembly BodyKind = "un_general_assembly"
	CSTD              BodyKind = "cstd"
	ITU               BodyKind = "itu"
	UNESCO            BodyKind = "unesco"
	Parliament        BodyKind = "parliament"
	OtherBody         BodyKind = "other"
)

// BodyKinds lists every kind.
var BodyKinds = []BodyKind{UNGeneralAssembly, CSTD, ITU, UNESCO, Parliament, OtherBody}

// Valid reports whether k is a known kind.
func (k BodyKind) Valid() bool { return slices.Contains(BodyKinds, k) }

// Body is a decision-making body that receives published recommendations.
type Body struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Kind      BodyKind   `json:"kind"`
	CreatedAt time.Time  `json:"created_at"`
	Endpoints []Endpoint `json:"endpoints"`
}

// Endpoint is where a body receives relayed events.
type Endpoint struct {
	ID     int64 `json:"id"`
	BodyID int64 `json:"body_id"`
	// URL is shown to the Secretariat only (Service.BodiesFor).
	URL string `json:"url,omitempty"`
	// Enabled endpoints get events; a 410 Gone disables one.
	Enabled bool `json:"enabled"`
	// AllowPrivate lets the relay connect to loopback, link-local, private
	// and other special-purpose addresses (RefusedRange); only the
	// secretariat sets it, explicitly.
	AllowPrivate bool `json:"allow_private"`
}

// SecretKind is how a secret signs.
type SecretKind string

// The secret kinds: HMAC-SHA256 ("whsec_…", signature v1) and Ed25519
// ("whsk_…" private key, signature v1a).
const (
	HMACSecret    SecretKind = "hmac"
	Ed25519Secret SecretKind = "ed25519"
)

// Secret is one signing secret of an endpoint. Several may be active at
// once during rotation: each signs, and the receiver accepts any.
type Secret struct {
	ID         int64      `json:"id"`
	EndpointID int64      `json:"endpoint_id"`
	Kind       SecretKind `json:"kind"`
	// Value is the secret itself; only shown when it is created.
	Value string `json:"value,omitempty"`
	// PublicKey is the Ed25519 public key ("whpk_…") a receiver verifies with.
	PublicKey string    `json:"public_key,omitempty"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
}

// CheckBody validates a new body.
func CheckBody(b Body) error {
	if n := len(strings.TrimSpace(b.Name)); n == 0 || n > 300 {
		return igfplus.Errorf(igfplus.EInvalid, "A body needs a name of at most 300 characters.")
	}
	if !b.Kind.Valid() {
		return igfplus.Errorf(igfplus.EInvalid, "Unknown kind of body %q.", b.Kind)
	}
	return nil
}

// CheckEndpointURL validates an endpoint's URL: absolute http(s), no user
// information. Where it resolves is checked when the relay connects.
func CheckEndpointURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || len(raw) > 2000 {
		return igfplus.Errorf(igfplus.EInvalid, "An endpoint needs an absolute http or https URL without credentials.")
	}
	return nil
}
