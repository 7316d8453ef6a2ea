package pages

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
)

// fakeRegistry is the registry of bodies as the Secretariat's page sees
// it. The methods the page does not use are the nil Publishing's (they
// panic).
type fakeRegistry struct {
	Publishing
	bodies  []publishing.Body
	secrets []publishing.Secret
	// listed are the endpoint ids of each Secrets call; retired the
	// secrets retired; retireErr makes retiring fail.
	listed    [][]int64
	retired   []int64
	retireErr error
	// log is every endpoint's delivery log.
	log []publishing.Delivery
}

func secretariatOnly(who igfplus.Identity) error {
	if !who.Has(igfplus.RoleSecretariat) {
		return igfplus.Errorf(igfplus.EForbidden, "Only the Secretariat keeps the registry of bodies.")
	}
	return nil
}

func (f *fakeRegistry) Bodies(context.Context) ([]publishing.Body, error) { return f.bodies, nil }

func (f *fakeRegistry) Secrets(_ context.Context, who igfplus.Identity, ids []int64) ([]publishing.Secret, error) {
	if err := secretariatOnly(who); err != nil {
		return nil, err
	}
	f.listed = append(f.listed, ids)
	var out []publishing.Secret
	for _, s := range f.secrets {
		if slices.Contains(ids, s.EndpointID) {
			out = append(out, s)
		}
	}
	return out, nil
}

func (f *fakeRegistry) RetireSecret(_ context.Context, who igfplus.Identity, id int64) error {
	if err := secretariatOnly(who); err != nil {
		return err
	}
	if f.retireErr != nil {
		return f.retireErr
	}
	f.retired = append(f.retired, id)
	for i := range f.secrets {
		if f.secrets[i].ID == id {
			f.secrets[i].Active = false
		}
	}
	return nil
}

// newRegistryFixture is the fixture with the registry of two bodies:
// endpoint 7 with two active secrets and a retired one, endpoint 8 with
// its only secret, disabled endpoint 9 with its only secret, and endpoint
// 16 with none. The secrets carry values, as if the service let them
// through: the page must still not show them. Wanjiru is the Secretariat.
func newRegistryFixture(t *testing.T) (*fixture, *fakeRegistry) {
	t.Helper()
	reg := &fakeRegistry{
		bodies: []publishing.Body{
			{ID: 3, Name: "Inter-Parliamentary Union", Kind: publishing.Parliament, Endpoints: []publishing.Endpoint{
				{ID: 7, BodyID: 3, URL: "https://ipu.example.org/hook", Enabled: true},
				{ID: 8, BodyID: 3, URL: "https://ipu.example.org/backup", Enabled: true},
			}},
			{ID: 4, Name: "CSTD", Kind: publishing.CSTD, Endpoints: []publishing.Endpoint{
				{ID: 9, BodyID: 4, URL: "https://cstd.example.org/hook"},
				{ID: 16, BodyID: 4, URL: "https://cstd.example.org/new", Enabled: true},
			}},
		},
		secrets: []publishing.Secret{
			{ID: 10, EndpointID: 7, Kind: publishing.HMACSecret, Value: "whsec_RETIRED", CreatedAt: day.AddDate(0, -2, 0)},
			{ID: 11, EndpointID: 7, Kind: publishing.HMACSecret, Value: "whsec_OLD", Active: true, CreatedAt: day.AddDate(0, 0, -30)},
			{ID: 12, EndpointID: 7, Kind: publishing.Ed25519Secret, Value: "whsk_PRIVATE", PublicKey: "whpk_PUBLIC", Active: true, CreatedAt: day},
			{ID: 13, EndpointID: 8, Kind: publishing.HMACSecret, Value: "whsec_ONLY", Active: true, CreatedAt: day},
			{ID: 14, EndpointID: 9, Kind: publishing.HMACSecret, Value: "whsec_IDLE", Active: true, CreatedAt: day},
		},
	}
	f := newFixtureWith(t, func(d *Deps) {
		d.Publishing = reg
		secretariatNamed(d, "Wanjiru")
	})
	return f, reg
}

// cell returns the part of page from the element with id to the next
// table cell's end.
func cell(t *testing.T, page, id string) string {
	t.Helper()
	i := strings.Index(page, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no element %q on the page", id)
	}
	end := strings.Index(page[i:], "</td>")
	if end < 0 {
		t.Fatalf("element %q is not in a cell", id)
	}
	return page[i : i+end]
}

func TestTheRegistryListsActiveSecretsWithoutTheirValues(t *testing.T) {
	f, reg := newRegistryFixture(t)
	w := f.get("/bodies?lang=en", "Wanjiru")
	page := w.Body.String()
	if w.Code != http.StatusOK {
		t.Fatalf("GET /bodies: %d\n%s", w.Code, page)
	}
	if len(reg.listed) != 1 || !slices.Equal(reg.listed[0], []int64{7, 8, 9, 16}) {
		t.Fatalf("secrets asked for %v, want every endpoint's in one call", reg.listed)
	}
	for _, value := range []string{"whsec_", "whsk_"} {
		if strings.Contains(page, value) {
			t.Fatalf("the page shows a secret's value (%s)", value)
		}
	}
	if strings.Contains(page, "signing-secret-10") {
		t.Error("the retired secret is listed")
	}
	for _, want := range []string{
		`<th scope="col">Signing secrets</th>`,
		`<li id="signing-secret-11"><span dir="ltr">#11</span> · HMAC-SHA256 (v1) · <time datetime="2025-05-24T00:00:00Z">created 24 May 2025</time>`,
		`<li id="signing-secret-12"><span dir="ltr">#12</span> · Ed25519 (v1a) · <time datetime="2025-06-23T00:00:00Z">created 23 June 2025</time><br>Public key to verify with: <code class="hash" dir="ltr">whpk_PUBLIC</code>`,
		`<form class="act" method="post" action="/secrets/11/retire"><input type="hidden" name="body" value="3"><button type="submit" id="retire-11" aria-label="Retire secret #11, HMAC-SHA256 (v1), created 24 May 2025" aria-describedby="retire-hint">Retire</button></form>`,
		`<p id="retire-hint" class="hint">To change a secret: add a new one`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks\n%s", want)
		}
	}
	// The only secret of an enabled endpoint is not offered; a disabled
	// endpoint's may go; an endpoint without one says it cannot sign.
	if only := cell(t, page, "secrets-8"); strings.Contains(only, "retire-13") || !strings.Contains(only, "This is the only secret of an enabled endpoint") {
		t.Errorf("endpoint 8's only secret:\n%s", only)
	}
	if idle := cell(t, page, "secrets-9"); !strings.Contains(idle, `id="retire-14"`) || !strings.Contains(idle, `name="body" value="4"`) {
		t.Errorf("the disabled endpoint's secret:\n%s", idle)
	}
	if none := cell(t, page, "secrets-16"); !strings.Contains(none, "No active secret: deliveries cannot be signed") {
		t.Errorf("the endpoint without a secret:\n%s", none)
	}
	if w := f.get("/bodies", "Amina"); w.Code != http.StatusForbidden || len(reg.listed) != 1 {
		t.Errorf("a participant on the registry: %d, secrets asked %d times", w.Code, len(reg.listed))
	}
}

func TestRetiringASecretGoesBackToTheBodyWithANotice(t *testing.T) {
	f, reg := newRegistryFixture(t)
	w := f.post("/secrets/11/retire", "Wanjiru", url.Values{"body": {"3"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/bodies?retired=11#body-3" {
		t.Fatalf("retire: %d to %q, want 303 to the body's section", w.Code, w.Header().Get("Location"))
	}
	if !slices.Equal(reg.retired, []int64{11}) {
		t.Fatalf("retired %v, want [11]", reg.retired)
	}
	page := f.get("/bodies?retired=11&lang=en", "Wanjiru").Body.String()
	notice := strings.Index(page, `<p id="retired" class="notice" role="status">Secret #11 was retired: it no longer signs this body’s deliveries.</p>`)
	if notice < 0 || notice < strings.Index(page, `id="body-3"`) || notice > strings.Index(page, `id="body-4"`) {
		t.Fatalf("no notice in the body's section:\n%s", page)
	}
	if strings.Contains(page, "signing-secret-11") {
		t.Error("the retired secret is still listed")
	}
	if last := cell(t, page, "secrets-7"); strings.Contains(last, "retire-12") {
		t.Errorf("the endpoint's last secret is still offered for retirement:\n%s", last)
	}
	// An active secret's id, or one not in the registry, gives no notice.
	for _, q := range []string{"12", "99", "x"} {
		if page := f.get("/bodies?retired="+q, "Wanjiru").Body.String(); strings.Contains(page, `id="retired"`) {
			t.Errorf("?retired=%s shows a notice", q)
		}
	}
	// Without a body to go back to, the registry's top.
	if w := f.post("/secrets/12/retire", "Wanjiru", url.Values{"body": {"nope"}}); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/bodies?retired=12" {
		t.Errorf("retire without a body: %d to %q", w.Code, w.Header().Get("Location"))
	}
}

func TestARefusedRetirementSaysWhy(t *testing.T) {
	f, reg := newRegistryFixture(t)
	reg.retireErr = igfplus.Errorf(igfplus.EConflict, "That is the last active secret of an enabled endpoint.")
	w := f.post("/secrets/13/retire", "Wanjiru", url.Values{"body": {"3"}})
	if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "That is the last active secret of an enabled endpoint.") {
		t.Fatalf("refused retirement: %d\n%s", w.Code, w.Body.String())
	}
	reg.retireErr = nil
	if w := f.post("/secrets/11/retire", "Amina", url.Values{"body": {"3"}}); w.Code != http.StatusForbidden {
		t.Errorf("a participant retiring: %d, want 403", w.Code)
	}
	if w := f.post("/secrets/11/retire", "", url.Values{"body": {"3"}}); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/api/auth/resume?next=%2Fbodies" {
		t.Errorf("anonymous retiring: %d to %q, want to sign in and back to the registry", w.Code, w.Header().Get("Location"))
	}
	if w := f.post("/secrets/0/retire", "Wanjiru", nil); w.Code != http.StatusNotFound {
		t.Errorf("retiring secret 0: %d, want 404", w.Code)
	}
	if len(reg.retired) != 0 {
		t.Fatalf("retired %v, want nothing", reg.retired)
	}
}

func TestTheRegistrysSecretsReadRightToLeft(t *testing.T) {
	f, _ := newRegistryFixture(t)
	page := f.get("/bodies?lang=ar", "Wanjiru").Body.String()
	for _, want := range []string{
		`dir="rtl"`,
		`<span dir="ltr">#11</span>`,
		`<code class="hash" dir="ltr">whpk_PUBLIC</code>`,
		`aria-label="إبطال السر رقم 11، HMAC-SHA256 (v1)، أُنشئ في 24 `,
		`>إبطال</button>`,
		`<th scope="col">أسرار التوقيع</th>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the Arabic page lacks %s", want)
		}
	}
}

func (f *fakeRegistry) AddSecret(_ context.Context, who igfplus.Identity, endpointID int64, kind publishing.SecretKind) (publishing.Secret, error) {
	return publishing.Secret{ID: 20, EndpointID: endpointID, Kind: kind, Value: "whsec_NEW", Active: true}, secretariatOnly(who)
}

func (f *fakeRegistry) RotateInboundSecret(_ context.Context, who igfplus.Identity, bodyID int64) (string, error) {
	return "whsec_ANSWERS", secretariatOnly(who)
}

// TestANewSecretNamesItsBodyAndEndpoint: the notice of a secret just made
// names the body and the endpoint's address (#17), never "endpoint 8",
// and keeps them whole in a right-to-left page.
func TestANewSecretNamesItsBodyAndEndpoint(t *testing.T) {
	f, _ := newRegistryFixture(t)
	w := f.post("/endpoints/8/secrets?lang=en", "Wanjiru", url.Values{"kind": {"hmac"}})
	wantStatus(t, w, http.StatusCreated)
	mustContain(t, w.Body.String(), "<h2 id=\"new-secret-h\">New signing secret for \u2068Inter-Parliamentary Union\u2069, endpoint \u2068https://ipu.example.org/backup\u2069</h2>",
		`<code id="secret-value" class="hash" dir="ltr">whsec_NEW</code>`)
	w = f.post("/bodies/4/inbound-secret?lang=ar", "Wanjiru", nil)
	wantStatus(t, w, http.StatusCreated)
	mustContain(t, w.Body.String(), "<h2 id=\"new-secret-h\">سر جديد لردود \u2068CSTD\u2069</h2>")
	if strings.Contains(w.Body.String(), "endpoint 8") || strings.Contains(w.Body.String(), "الهيئة 4") {
		t.Error("the notice names the secret by a number")
	}
}

// TestTheSecretariatsAndReviewersFormsSendTheSignedOutToSignInFirst: a
// form of the registry or of the review queue posted by someone signed out
// goes to sign in, then back to its page.
func TestTheSecretariatsAndReviewersFormsSendTheSignedOutToSignInFirst(t *testing.T) {
	f, _ := newRegistryFixture(t)
	for path, back := range map[string]string{
		"/endpoints/1":         "/bodies",
		"/secrets/1/retire":    "/bodies",
		"/deliveries/1/replay": "/bodies",
		"/review/1/summary":    "/review",
		"/review/1/approve":    "/review",
	} {
		wantSignInFirst(t, f.post(path, "", url.Values{}), back)
	}
}
