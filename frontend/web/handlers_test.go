package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/igfplus/igfplus/tracks/igfplus"
)

// call runs h on a request with the path parameter id and the body.
func call(t *testing.T, h echo.HandlerFunc, id, body string) (*httptest.ResponseRecorder, error) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
	w := httptest.NewRecorder()
	c := echo.New().NewContext(req, w)
	c.SetParamNames("id")
	c.SetParamValues(id)
	return w, h(c)
}

// TestAListWithNothingIsAnEmptyArray: a service's nil list is answered
// [] under its key, as the OpenAPI document's arrays say, never null.
func TestAListWithNothingIsAnEmptyArray(t *testing.T) {
	h := listByID(New(Deps{}), "thing", "things", func(context.Context, igfplus.Identity, int64) ([]int, error) { return nil, nil })
	w, err := call(t, h, "7", "")
	if err != nil || w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != `{"things":[]}` {
		t.Fatalf("%v %d %s, want 200 {\"things\":[]}", err, w.Code, w.Body)
	}
}

// TestTheHandlersRefuseABadIDOrBodyBeforeCallingTheService: an id that
// cannot be one is a 404 naming the resource, a body that is not the
// route's JSON is invalid, and neither reaches the service; a good one
// reaches it with the id and the body, answered with the route's status.
func TestTheHandlersRefuseABadIDOrBodyBeforeCallingTheService(t *testing.T) {
	type in struct {
		Title string `json:"title"`
	}
	var got []string
	h := writeByID(New(Deps{}), "thing", http.StatusCreated, func(_ context.Context, _ igfplus.Identity, id int64, v in) (in, error) {
		got = append(got, v.Title)
		return v, nil
	})
	for _, tc := range []struct {
		id, body string
		want     igfplus.Code
		message  string
	}{
		{"0", `{"title":"x"}`, igfplus.ENotFound, "There is no such thing."},
		{"abc", `{"title":"x"}`, igfplus.ENotFound, "There is no such thing."},
		{"7", `{"title":1}`, igfplus.EInvalid, "The body is not valid JSON for this request."},
		{"7", `{"name":"x"}`, igfplus.EInvalid, "The body is not valid JSON for this request."},
	} {
		if _, err := call(t, h, tc.id, tc.body); igfplus.ErrorCode(err) != tc.want || igfplus.ErrorMessage(err) != tc.message {
			t.Errorf("id %q, body %s: %v, want %s %q", tc.id, tc.body, err, tc.want, tc.message)
		}
	}
	if len(got) != 0 {
		t.Fatalf("the service was called for a refused request: %q", got)
	}
	w, err := call(t, h, "7", `{"title":"Open data"}`)
	if err != nil || w.Code != http.StatusCreated || strings.TrimSpace(w.Body.String()) != `{"title":"Open data"}` || len(got) != 1 {
		t.Fatalf("a good request: %v %d %s, calls %q", err, w.Code, w.Body, got)
	}
}

// TestTheHandlersOfAThingUnderAnotherReadBothIDs: actByIDs refuses a bad
// parent or child id with the 404 that names it, before the service; a
// good request reaches the service with both ids and answers the route's
// status.
func TestTheHandlersOfAThingUnderAnotherReadBothIDs(t *testing.T) {
	var got [][2]int64
	h := actByIDs(New(Deps{}), "session", "message", "message", http.StatusCreated, func(_ context.Context, _ igfplus.Identity, id, mid int64) error {
		got = append(got, [2]int64{id, mid})
		return nil
	})
	run := func(id, mid string) (*httptest.ResponseRecorder, error) {
		w := httptest.NewRecorder()
		c := echo.New().NewContext(httptest.NewRequest(http.MethodPost, "/", nil), w)
		c.SetParamNames("id", "message")
		c.SetParamValues(id, mid)
		return w, h(c)
	}
	for _, tc := range []struct{ id, mid, message string }{
		{"0", "3", "There is no such session."},
		{"7", "x", "There is no such message."},
	} {
		if _, err := run(tc.id, tc.mid); igfplus.ErrorCode(err) != igfplus.ENotFound || igfplus.ErrorMessage(err) != tc.message {
			t.Errorf("ids %s/%s: %v, want 404 %q", tc.id, tc.mid, err, tc.message)
		}
	}
	if w, err := run("7", "3"); err != nil || w.Code != http.StatusCreated || len(got) != 1 || got[0] != [2]int64{7, 3} {
		t.Fatalf("a good request: %v %d, calls %v", err, w.Code, got)
	}
}

// TestRespondByIDAnswersItsStatus: respondByID answers what the service
// made with the route's status (answerByID's is 200).
func TestRespondByIDAnswersItsStatus(t *testing.T) {
	h := respondByID(New(Deps{}), "body", http.StatusCreated, func(_ context.Context, _ igfplus.Identity, id int64) (map[string]int64, error) {
		return map[string]int64{"id": id}, nil
	})
	w, err := call(t, h, "7", "")
	if err != nil || w.Code != http.StatusCreated || strings.TrimSpace(w.Body.String()) != `{"id":7}` {
		t.Fatalf("%v %d %s, want 201 {\"id\":7}", err, w.Code, w.Body)
	}
}
