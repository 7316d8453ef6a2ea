// Package openapitest holds the API's tests to its OpenAPI document
// (frontend/web/openapi.json): a test server wrapped by Handler, Echo or
// Transport has every request and response it serves under /api (and the
// document's other paths) validated against the document with kin-openapi,
// and the test fails on any mismatch.
//
// A request the document says is invalid may only be refused (4xx); the
// refusal, like every other answer, must then be one the document lists for
// the operation, with the documented content type and schema (problem+json
// for errors). A request to a path or method the document does not describe
// may only be answered 404 or 405.
//
// It is for tests only; the document is read from the source tree once per
// test binary.
package openapitest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/labstack/echo/v4"
)

// TB is the part of testing.TB the checks report to.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

var (
	loadOnce sync.Once
	loaded   *Spec
	loadErr  error
)

// Spec is the parsed document with the router that finds its operations.
type Spec struct {
	Doc *openapi3.T
	// Raw is the document's bytes as read.
	Raw []byte
	// router matches paths as echo does (static segments before
	// parameters), over the document's paths.
	router *echo.Echo
}

// Path is the file the document is read from.
func Path() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "openapi.json")
}

// Load parses and validates the document once per test binary.
func Load() (*Spec, error) {
	loadOnce.Do(func() {
		raw, err := os.ReadFile(Path())
		if err != nil {
			loadErr = err
			return
		}
		loaded, loadErr = Parse(raw)
	})
	return loaded, loadErr
}

// Parse parses and validates a document (Load's work, for a document other
// than the tree's, such as a deliberately broken copy).
func Parse(raw []byte) (*Spec, error) {
	doc, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi.json is not a valid OpenAPI document: %w", err)
	}
	s := &Spec{Doc: doc, Raw: raw, router: echo.New()}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			route := &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op}
			s.router.Add(method, EchoPath(path), func(c echo.Context) error {
				c.Set("openapitest.route", route)
				return nil
			})
		}
	}
	return s, nil
}

// MustLoad is Load for a test: it fails the test when the document does
// not load.
func MustLoad(tb interface {
	Helper()
	Fatalf(string, ...any)
}) *Spec {
	tb.Helper()
	s, err := Load()
	if err != nil {
		tb.Fatalf("%v", err)
	}
	return s
}

// EchoPath turns an OpenAPI path template (/api/sessions/{id}) into echo's
// (/api/sessions/:id).
func EchoPath(path string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(path, '{')
		if i < 0 {
			b.WriteString(path)
			return b.String()
		}
		j := strings.IndexByte(path[i:], '}')
		if j < 0 {
			b.WriteString(path)
			return b.String()
		}
		b.WriteString(path[:i] + ":" + path[i+1:i+j])
		path = path[i+j+1:]
	}
}

// OpenAPIPath turns an echo route path (/api/sessions/:id) into the
// document's template (/api/sessions/{id}).
func OpenAPIPath(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, ":") {
			name, rest, _ := strings.Cut(s[1:], ".")
			segs[i] = "{" + name + "}"
			if rest != "" {
				segs[i] += "." + rest
			}
		}
	}
	return strings.Join(segs, "/")
}

// Described reports whether a request path is one the document speaks
// for: the API under /api, and the document's other paths (operations
// endpoints, the feed). The WebSocket's upgrade is not checked.
func (s *Spec) Described(path string) bool {
	if strings.HasPrefix(path, "/api/") || path == "/api" {
		return true
	}
	if strings.HasPrefix(path, "/ws/") {
		return false
	}
	_, _, err := s.find(http.MethodGet, path)
	return err == nil
}

var errNoRoute = errors.New("no operation in the document")

// find returns the document's operation for a method and raw path, with the
// path parameters.
func (s *Spec) find(method, rawPath string) (*routers.Route, map[string]string, error) {
	req, _ := http.NewRequest(method, "http://x", nil)
	c := s.router.NewContext(req, httptest.NewRecorder()) // 405's handler sets Allow
	s.router.Router().Find(method, rawPath, c)
	if err := c.Handler()(c); err != nil {
		return nil, nil, errNoRoute
	}
	route, _ := c.Get("openapitest.route").(*routers.Route)
	if route == nil {
		return nil, nil, errNoRoute
	}
	params := map[string]string{}
	for i, name := range c.ParamNames() {
		v := c.ParamValues()[i]
		if u, err := url.PathUnescape(v); err == nil {
			v = u
		}
		params[name] = v
	}
	return route, params, nil
}

// Exchange is one request and its answer, as served.
type Exchange struct {
	Request     *http.Request
	RequestBody []byte
	Status      int
	Header      http.Header
	Body        []byte
}

// Check returns what in an exchange disagrees with the document, nothing
// when it agrees or when the path is not one the document describes.
func (s *Spec) Check(x Exchange) []string {
	r := x.Request
	if r.Method == http.MethodHead || r.Method == http.MethodOptions || !s.Described(r.URL.Path) {
		return nil
	}
	rawPath := r.URL.RawPath
	if rawPath == "" {
		rawPath = r.URL.Path
	}
	route, params, err := s.find(r.Method, rawPath)
	if err != nil {
		// The server may only agree that there is nothing there. A trailing
		// slash is redirected to the path without it.
		if x.Status == http.StatusNotFound || x.Status == http.StatusMethodNotAllowed || (x.Status == http.StatusMovedPermanently && strings.HasSuffix(r.URL.Path, "/")) {
			return nil
		}
		return []string{fmt.Sprintf("answered %d, but the document has no operation %s %s", x.Status, r.Method, r.URL.Path)}
	}
	opts := &openapi3filter.Options{
		MultiError:            true,
		IncludeResponseStatus: true,
		SkipSettingDefaults:   true,
		AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
	}
	opts.WithCustomSchemaErrorFunc(schemaError)
	req := r.Clone(context.Background())
	req.Body = io.NopCloser(bytes.NewReader(x.RequestBody))
	req.ContentLength = int64(len(x.RequestBody))
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: opts}
	var problems []string
	reqErr := openapi3filter.ValidateRequest(context.Background(), in)
	if reqErr != nil && x.Status < 400 {
		problems = append(problems, fmt.Sprintf("answered %d to a request the document says is invalid (%s): %v", x.Status, route.Path, reqErr))
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 x.Status,
		Header:                 x.Header,
		Body:                   io.NopCloser(bytes.NewReader(x.Body)),
		Options:                opts,
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		problems = append(problems, fmt.Sprintf("the %d answer disagrees with the document (%s %s): %v", x.Status, r.Method, route.Path, err))
	} else if resp := route.Operation.Responses.Status(x.Status); resp != nil && resp.Value != nil && len(resp.Value.Content) == 0 && len(bytes.TrimSpace(x.Body)) > 0 {
		problems = append(problems, fmt.Sprintf("the %d answer has a body (%.100q), the document none (%s %s)", x.Status, x.Body, r.Method, route.Path))
	}
	return problems
}

// schemaError words a schema mismatch on one line: where, why, and the
// value (cut short), without the schema kin-openapi prints by default.
func schemaError(err *openapi3.SchemaError) string {
	value, _ := json.Marshal(err.Value)
	if len(value) > 120 {
		value = append(value[:120], "..."...)
	}
	reason := err.Reason
	// The JSON Schema 2020-12 validator's reasons start with a line that
	// names a placeholder schema URL; its findings follow, a line each.
	if strings.HasPrefix(reason, "jsonschema validation failed") {
		if _, rest, ok := strings.Cut(reason, "\n"); ok {
			reason = strings.TrimSpace(rest)
		}
	}
	if err.Origin != nil && slices.Contains([]string{"allOf", "anyOf", "oneOf", "not"}, err.SchemaField) { // say which part failed
		reason += ": " + err.Origin.Error()
	}
	return fmt.Sprintf("at /%s: %s (value %s)", strings.Join(err.JSONPointer(), "/"), reason, value)
}

func init() {
	// The feed is checked as text, like text/plain.
	openapi3filter.RegisterBodyDecoder("application/atom+xml", openapi3filter.PlainBodyDecoder)
}

// report fails tb with each problem of an exchange.
func report(tb TB, x Exchange, problems []string) {
	tb.Helper()
	for _, p := range problems {
		tb.Errorf("openapi: %s %s: %s\nrequest body: %.300s\nanswer: %.600s", x.Request.Method, x.Request.URL, p, x.RequestBody, x.Body)
	}
}

// Handler wraps h, a test's server: each exchange the document describes
// is checked against it, and tb fails on a mismatch. WebSocket upgrades
// pass through unchecked.
func Handler(tb TB, h http.Handler) http.Handler {
	tb.Helper()
	spec, err := Load()
	if err != nil {
		tb.Errorf("%v", err)
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "" || !spec.Described(r.URL.Path) {
			h.ServeHTTP(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		tw := &teeWriter{ResponseWriter: w}
		h.ServeHTTP(tw, r)
		x := Exchange{Request: r, RequestBody: body, Status: tw.code(), Header: w.Header(), Body: tw.buf.Bytes()}
		report(tb, x, spec.Check(x))
	})
}

// Option changes what Echo checks.
type Option int

// StandInErrors says that the server's error handler is a test's stand-in
// for the real one (frontend/web's, which writes problem+json): its error
// answers (4xx, 5xx) are not checked. Requests still are, and a request the
// document says is invalid must still be refused.
const StandInErrors Option = 1

// Echo is an echo middleware that checks each exchange of a test's echo
// server (add it first, with e.Use): errors are handed to the server's
// error handler first, so that what is checked is what is sent.
func Echo(tb TB, opts ...Option) echo.MiddlewareFunc {
	tb.Helper()
	standIn := slices.Contains(opts, StandInErrors)
	spec, err := Load()
	if err != nil {
		tb.Errorf("%v", err)
		return func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if r.Header.Get("Upgrade") != "" || !spec.Described(r.URL.Path) {
				return next(c)
			}
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			tw := &teeWriter{ResponseWriter: c.Response().Writer}
			c.Response().Writer = tw
			if err := next(c); err != nil {
				c.Error(err)
			}
			x := Exchange{Request: r, RequestBody: body, Status: c.Response().Status, Header: c.Response().Header(), Body: tw.buf.Bytes()}
			if standIn && x.Status >= 400 {
				return nil
			}
			report(tb, x, spec.Check(x))
			return nil
		}
	}
}

// teeWriter passes a response through and keeps a copy of its body.
type teeWriter struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (w *teeWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *teeWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.buf.Write(p)
	return w.ResponseWriter.Write(p)
}

func (w *teeWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *teeWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *teeWriter) code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}
