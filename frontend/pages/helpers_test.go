package pages

import (
	"net/http"
	"net/http/httptest"
)

func httptestRequest(target string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	r.Header.Set("Accept", "text/html")
	return r
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }
