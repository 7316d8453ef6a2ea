package openapitest_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/deploy/testenv"
	"github.com/igfplus/igfplus/frontend/web/openapitest"
)

// serve answers with a fixed status, content type and body.
func serve(status int, contentType, body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		w.Write([]byte(body))
	})
}

const problem = "application/problem+json"

// Each exchange that disagrees with the document fails the test, with a
// message saying what disagrees; those that agree do not.
func TestTheChecksFailOnWhatDisagreesWithTheDocument(t *testing.T) {
	for _, c := range []struct {
		name                  string
		method, path, reqBody string
		h                     http.Handler
		want                  string // "" when the exchange agrees
	}{
		{"an answer as documented", "GET", "/api/bodies", "", serve(200, "application/json", `{"bodies":[]}`), ""},
		{"a property of the wrong type", "GET", "/api/bodies", "", serve(200, "application/json", `{"bodies":7}`), "at /bodies"},
		{"a status the operation does not list", "GET", "/api/bodies", "", serve(418, problem, `{}`), "status is not supported"},
		{"an error as documented", "GET", "/api/recommendations/1", "", serve(404, problem, `{"type":"about:blank","title":"Not Found","status":404,"code":"not_found"}`), ""},
		{"an error with an unknown code", "GET", "/api/recommendations/1", "", serve(404, problem, `{"type":"about:blank","title":"Not Found","status":404,"code":"gone"}`), "at /code"},
		{"an error that is not problem+json", "GET", "/api/recommendations/1", "", serve(404, "application/json", `{"code":"not_found"}`), "Content-Type"},
		{"an error without a required member", "GET", "/api/recommendations/1", "", serve(404, problem, `{"title":"Not Found","status":404,"code":"not_found"}`), "missing property 'type'"},
		{"an invalid request refused", "GET", "/api/recommendations?track=x", "", serve(422, problem, `{"type":"about:blank","title":"Unprocessable Entity","status":422,"code":"invalid"}`), ""},
		{"an invalid request accepted", "GET", "/api/recommendations?track=x", "", serve(200, "application/json", `{"recommendations":[]}`), "the document says is invalid"},
		{"an invalid body accepted", "POST", "/api/recommendations", `{"title":1}`, serve(201, "application/json", `{}`), "the document says is invalid"},
		{"an undocumented path not found", "GET", "/api/nothing-here", "", serve(404, problem, `{}`), ""},
		{"an undocumented path served", "GET", "/api/nothing-here", "", serve(200, "application/json", `{}`), "no operation GET /api/nothing-here"},
		{"an undocumented method served", "DELETE", "/api/bodies", "", serve(204, "", ""), "no operation DELETE /api/bodies"},
		{"a body where the document has none", "DELETE", "/api/secrets/1", "", serve(204, "application/json", `{"x":1}`), "has a body"},
		{"a page, not checked", "GET", "/sessions/1", "", serve(200, "text/html", `<p>`), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, kind := range []string{"Handler", "Echo"} {
				rec := &testenv.Recorder{}
				req := httptest.NewRequest(c.method, c.path, strings.NewReader(c.reqBody))
				if c.reqBody != "" {
					req.Header.Set("Content-Type", "application/json")
				}
				if kind == "Handler" {
					openapitest.Handler(rec, c.h).ServeHTTP(httptest.NewRecorder(), req)
				} else {
					e := echo.New()
					e.Use(openapitest.Echo(rec))
					e.Any("/*", echo.WrapHandler(c.h))
					e.ServeHTTP(httptest.NewRecorder(), req)
				}
				got := strings.Join(rec.Errors(), "\n")
				switch {
				case c.want == "" && got != "":
					t.Errorf("%s: failed on an exchange that agrees with the document: %s", kind, got)
				case c.want != "" && !strings.Contains(got, c.want):
					t.Errorf("%s: failures %q, want one that says %q", kind, got, c.want)
				}
			}
		})
	}
}

// The stand-in error handler's answers are not checked, but an invalid
// request must still be refused.
func TestStandInErrorsAreNotCheckedButInvalidRequestsStillAre(t *testing.T) {
	for _, c := range []struct {
		path string
		h    http.Handler
		fail bool
	}{
		{"/api/recommendations/1", serve(404, "application/json", `{"code":"not_found"}`), false},
		{"/api/recommendations?track=x", serve(200, "application/json", `{"recommendations":[]}`), true},
	} {
		rec := &testenv.Recorder{}
		e := echo.New()
		e.Use(openapitest.Echo(rec, openapitest.StandInErrors))
		e.Any("/*", echo.WrapHandler(c.h))
		e.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", c.path, nil))
		if failed := len(rec.Errors()) > 0; failed != c.fail {
			t.Errorf("GET %s: failures %q, want failing %v", c.path, rec.Errors(), c.fail)
		}
	}
}

// Watch checks what http.DefaultTransport carries to a watched server, and
// nothing once the test has ended.
func TestWatchChecksTheClientsExchangesWithAServer(t *testing.T) {
	srv := httptest.NewServer(serve(200, "application/json", `{"bodies":7}`))
	defer srv.Close()
	rec := &cleanupRecorder{}
	openapitest.Watch(rec, srv.URL)
	resp, err := http.Get(srv.URL + "/api/bodies")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if errs := rec.Errors(); len(errs) != 1 || !strings.Contains(errs[0], "at /bodies") {
		t.Fatalf("failures %q, want one at /bodies", errs)
	}
	rec.cleanup()
	if resp, err := http.Get(srv.URL + "/api/bodies"); err == nil {
		resp.Body.Close()
	}
	if errs := rec.Errors(); len(errs) != 1 {
		t.Fatalf("after the test ended: failures %q", errs)
	}
}

type cleanupRecorder struct {
	testenv.Recorder
	cleanups []func()
}

func (r *cleanupRecorder) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }
func (r *cleanupRecorder) cleanup() {
	for _, f := range r.cleanups {
		f()
	}
}

func TestPathsConvertBetweenEchoAndOpenAPI(t *testing.T) {
	for openapi, e := range map[string]string{
		"/api/sessions/{id}/floor/{request}/{action}": "/api/sessions/:id/floor/:request/:action",
		"/api/sessions/{id}/report.csv":               "/api/sessions/:id/report.csv",
		"/recommendations.atom":                       "/recommendations.atom",
	} {
		if got := openapitest.EchoPath(openapi); got != e {
			t.Errorf("EchoPath(%q) = %q, want %q", openapi, got, e)
		}
		if got := openapitest.OpenAPIPath(e); got != openapi {
			t.Errorf("OpenAPIPath(%q) = %q, want %q", e, got, openapi)
		}
	}
}
