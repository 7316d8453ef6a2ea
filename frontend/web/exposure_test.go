package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/igfplus/igfplus/frontend/web"
	"github.com/igfplus/igfplus/tracks/federation"
	"github.com/igfplus/igfplus/tracks/publishing/pgstore/pubtest"
	"github.com/igfplus/igfplus/tracks/publishing/stdwebhooks"
)

// TestThePublicListenerServesNoMetrics: the server that faces the public
// (and its proxy) has no /metrics, even with a registry to fill; the
// metrics have a listener of their own (cmd/igfplus, --metrics-addr).
func TestThePublicListenerServesNoMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	h := web.New(web.Deps{Catalogue: sharedCatalogue(), Registry: reg}).Handler()
	for _, path := range []string{"/metrics", "/metrics/"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code == http.StatusOK || strings.Contains(rec.Body.String(), "igfplus_http_request") || strings.Contains(rec.Body.String(), "# TYPE") {
			t.Errorf("GET %s on the public listener: %d %.80q", path, rec.Code, rec.Body.String())
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("/healthz: %d", rec.Code)
	}
	// The registry still gets the HTTP metrics, for the metrics listener.
	if families, _ := reg.Gather(); len(families) == 0 {
		t.Error("the HTTP metrics are not recorded")
	}
}

// TestThePublicRegistryListsNoEndpointURLs: anyone reads which bodies the
// Forum reports to, but only the Secretariat where their endpoints are.
func TestThePublicRegistryListsNoEndpointURLs(t *testing.T) {
	h, db, _ := publishingAPI(t)
	const url = "http://127.0.0.1:1/hooks/t0k3n-in-the-path"
	pubtest.Endpoint(t, db, "UNGA", url, stdwebhooks.NewHMACSecret())
	for _, who := range []string{"", "m1"} {
		if code, out := do(t, h, "GET", "/api/bodies", who, "", nil); code != 200 || strings.Contains(out, "t0k3n") || !strings.Contains(out, "UNGA") {
			t.Errorf("%q reads the registry: %d %s; want the bodies without endpoint URLs", who, code, out)
		}
	}
	if code, out := do(t, h, "GET", "/api/bodies", "sec", "", nil); code != 200 || !strings.Contains(out, url) {
		t.Errorf("the Secretariat reads the registry: %d %s; want the endpoint's URL", code, out)
	}
}

// noUpstream fails the test if anything reads the upstream (the store)
// or sends it a request (the client).
type noUpstream struct {
	federation.Store
	t *testing.T
}

type noUpstreamClient struct {
	federation.Upstreams
	t *testing.T
}

func (n noUpstream) Upstream(context.Context) (federation.Upstream, error) {
	n.t.Error("an anonymous call read the upstream to pull its agenda")
	return federation.Upstream{URL: "https://forum.example", PeerID: 1, Secret: "whsec_x"}, nil
}

func (n noUpstreamClient) Agenda(context.Context, federation.Upstream) (federation.Agenda, error) {
	n.t.Error("an anonymous call sent a signed request upstream")
	return federation.Agenda{}, nil
}

// TestAnAnonymousCallSendsNothingUpstream: GET
// /api/federation/upstream/agenda without signing in is 401 and makes no
// signed request to the global installation.
func TestAnAnonymousCallSendsNothingUpstream(t *testing.T) {
	h := web.New(web.Deps{Catalogue: sharedCatalogue(),
		Federation: federation.NewService(noUpstream{t: t}, noUpstreamClient{t: t}, nil),
		IdentityOf: testAs(nil),
	}).Handler()
	if code, out := do(t, h, "GET", "/api/federation/upstream/agenda", "", "", nil); code != http.StatusUnauthorized {
		t.Fatalf("anonymous: %d %s, want 401", code, out)
	}
}
