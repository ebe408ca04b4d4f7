package simulator

import (
	"net/http"
	"net/url"
	"strings"
)

//go:generate go test -run TestSpecOperationsTable -update-spec-operations .

// specOperation is one operation of Symphony's official OpenAPI documents:
// a method and a path template under its context path ("/pod", "/agent",
// "/login", "/relay", "/sessionauth", "/keyauth"), split in segments, a
// template parameter ("{sid}") kept as "{}".
type specOperation struct {
	method   string
	segments []string
}

// specOperations is specOperationsTable parsed, by context path without its
// slash ("pod", "agent", ...), for lookups.
type specOperations struct {
	byContext map[string][]specOperation
}

// newSpecOperations parses specOperationsTable: one "METHOD /path" a line.
func newSpecOperations() *specOperations {
	ops := &specOperations{byContext: map[string][]specOperation{}}
	for line := range strings.Lines(specOperationsTable) {
		method, path, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok {
			continue
		}
		segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
		for i, seg := range segs {
			if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
				segs[i] = "{}"
			}
		}
		ops.byContext[segs[0]] = append(ops.byContext[segs[0]], specOperation{method: method, segments: segs})
	}
	return ops
}

// has reports whether the documents define the operation of method on the
// request path escapedPath: its literal segments equal, each parameter
// matching one non-empty segment. HEAD counts as GET.
func (o *specOperations) has(method, escapedPath string) bool {
	if method == http.MethodHead {
		method = http.MethodGet
	}
	segs := strings.Split(strings.TrimPrefix(escapedPath, "/"), "/")
	for i, seg := range segs {
		if u, err := url.PathUnescape(seg); err == nil {
			segs[i] = u
		}
	}
	for _, op := range o.byContext[segs[0]] {
		if op.method == method && op.matches(segs) {
			return true
		}
	}
	return false
}

// matches reports whether the request's segments fit the operation's path.
func (op specOperation) matches(segs []string) bool {
	if len(segs) != len(op.segments) {
		return false
	}
	for i, want := range op.segments {
		if want == "{}" && segs[i] == "" || want != "{}" && want != segs[i] {
			return false
		}
	}
	return true
}

// notServedMessage is the message of the 501 of an operation of the
// official documents that the simulator does not serve.
func notServedMessage(method, path string) string {
	return method + " " + path + " is not served by the tutti simulator"
}

// notServed answers 501 Not Implemented, with the error body of the pod and
// the agent naming the request, for an operation of Symphony's official
// documents that no route of mux serves: no pattern matches the path, or
// the pattern that does has no handler for the method (routes holds the
// handlers by pattern, as handler registers them). Whatever a route serves
// goes to mux, so a route added later wins over the 501; a request in no
// document goes to mux too, whose fallback answers 404.
func notServed(mux *http.ServeMux, routes map[string]map[string]http.HandlerFunc) http.Handler {
	ops := newSpecOperations()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !ops.has(r.Method, r.URL.EscapedPath()) || served(mux, routes, r) {
			mux.ServeHTTP(w, r)
			return
		}
		writeError(w, http.StatusNotImplemented, notServedMessage(r.Method, r.URL.Path))
	})
}

// served reports whether a route of mux has a handler for r's method.
func served(mux *http.ServeMux, routes map[string]map[string]http.HandlerFunc, r *http.Request) bool {
	_, pattern := mux.Handler(r)
	methods := routes[pattern]
	if methods == nil {
		return false
	}
	if _, ok := methods[r.Method]; ok {
		return true
	}
	_, ok := methods[http.MethodGet]
	return ok && r.Method == http.MethodHead
}
