package pages

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/igfplus/igfplus/frontend/i18n"
	"github.com/igfplus/igfplus/tracks/igfplus"
	"github.com/igfplus/igfplus/tracks/publishing"
)

func (f *fakeRegistry) Deliveries(_ context.Context, who igfplus.Identity, _ int64) ([]publishing.Delivery, error) {
	return f.log, secretariatOnly(who)
}

// TestTheDeliveryLogSaysWhyInWords: a failed attempt is explained in the
// reader's language (#17), the body's HTTP status with its meaning, and
// Go's error text only behind a "Technical detail" disclosure; an attempt
// logged before failures were recorded is explained from its status.
func TestTheDeliveryLogSaysWhyInWords(t *testing.T) {
	f, reg := newRegistryFixture(t)
	at := time.Date(2026, 6, 23, 9, 30, 0, 0, time.UTC)
	dns := `Post "https://parliament.invalid/hook": dial tcp: lookup parliament.invalid: no such host`
	reg.log = []publishing.Delivery{
		{ID: 3, EventID: "msg_3", EndpointID: 7, Attempt: 2, Status: 204, At: at, State: "delivered"},
		{ID: 2, EventID: "msg_3", EndpointID: 7, Attempt: 1, Error: dns, Failure: publishing.FailNoSuchHost, At: at, State: "delivered"},
		{ID: 1, EventID: "msg_1", EndpointID: 7, Attempt: 1, Status: 401, At: at, State: "pending"},
	}
	en := f.get("/endpoints/7/deliveries?lang=en", "Wanjiru").Body.String()
	mustContain(t, en, `<td class="answer">204</td>`,
		`<span class="why">The address’s host name does not exist (no such host): check the endpoint’s address.</span><details><summary>Technical detail</summary><code class="detail" dir="ltr">Post &#34;https://parliament.invalid/hook&#34;: dial tcp: lookup parliament.invalid: no such host</code></details>`,
		`<span class="why">The body’s server refused the signature (HTTP 401): check that it verifies with this endpoint’s current secret.</span></td>`)
	if strings.Contains(en, `<span dir="ltr">Post`) {
		t.Error("the raw error is shown outside its disclosure")
	}
	ar := f.get("/endpoints/7/deliveries?lang=ar", "Wanjiru").Body.String()
	mustContain(t, ar, "اسم المضيف في العنوان غير موجود", "<summary>التفاصيل التقنية</summary>", "رفض خادم الهيئة التوقيع (HTTP 401)")
	wantStatus(t, f.get("/endpoints/7/deliveries?lang=en", "Amina"), http.StatusForbidden)
}

// TestEveryDeliveryFailureIsExplainedInEveryLanguage: a failure the relay
// can record has its words in all six languages.
func TestEveryDeliveryFailureIsExplainedInEveryLanguage(t *testing.T) {
	c := i18n.MustNew()
	for _, l := range c.Languages() {
		for _, why := range publishing.Failures {
			if s, err := c.Localizer(l.Tag).T("deliveries.why."+string(why), map[string]any{"Status": 500}); err != nil || s == "" {
				t.Errorf("%s: %s: %q, %v", l.Tag, why, s, err)
			}
		}
	}
}
