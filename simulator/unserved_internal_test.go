package simulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

// TestNotServedLetsRoutesWin: a route registered for an operation of the
// documents serves it, its other documented methods answer 501, and a
// parameter matches one segment, escaped or not.
func TestNotServedLetsRoutesWin(t *testing.T) {
	mux := http.NewServeMux()
	routes := map[string]map[string]http.HandlerFunc{
		"/pod/v1/user/manifest/own": {http.MethodGet: func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusTeapot) }},
	}
	for pattern, methods := range routes {
		mux.HandleFunc(pattern, dispatch(methods))
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "No resource at "+r.URL.Path)
	})
	h := notServed(mux, routes)
	for _, c := range []struct {
		method, path string
		want         int
	}{
		{http.MethodGet, "/pod/v1/user/manifest/own", http.StatusTeapot},
		{http.MethodHead, "/pod/v1/user/manifest/own", http.StatusTeapot},
		{http.MethodPost, "/pod/v1/user/manifest/own", http.StatusNotImplemented},
		{http.MethodDelete, "/pod/v1/user/manifest/own", http.StatusMethodNotAllowed},
		{http.MethodGet, "/pod/v2/streams/ab%2Fcd/info", http.StatusNotImplemented},
		{http.MethodGet, "/pod/v2/streams/a/b/info", http.StatusNotFound},
		{http.MethodGet, "/agent/v1/signals", http.StatusNotFound},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(c.method, c.path, nil))
		if rec.Code != c.want {
			t.Errorf("%s %s: %d, want %d (%s)", c.method, c.path, rec.Code, c.want, rec.Body)
			continue
		}
		var body symphony.ErrorBody
		if c.want == http.StatusNotImplemented && (json.Unmarshal(rec.Body.Bytes(), &body) != nil || body.Code != 501) {
			t.Errorf("%s %s: body %s", c.method, c.path, rec.Body)
		}
	}
}
