package simulator_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"go.yaml.in/yaml/v3"
)

// specDir is where the official OpenAPI documents are, beside the checkout.
var specDir = filepath.Join("..", "..", "shared", "fixtures", "finos__symphony-api-spec", "spec")

// specValidator checks HTTP exchanges against Symphony's official OpenAPI
// documents: the agent's (OpenAPI 3), the pod's and the login API's
// (Swagger 2, converted), the latter served both by the pod (/login) and the
// key manager (/relay).
type specValidator struct {
	routers map[string]routers.Router // by context path: /agent, /pod, /login, /relay

	mu        sync.Mutex
	problems  []string
	validated map[string]int // "METHOD /path/template" → exchanges checked
}

// newSpecValidator loads the documents for a server at baseURL, or skips the
// test when the documents are not there.
func newSpecValidator(t *testing.T, baseURL string) *specValidator {
	t.Helper()
	if _, err := os.Stat(specDir); err != nil {
		t.Skipf("official OpenAPI documents not found at %s: %v", specDir, err)
	}
	v := &specValidator{routers: map[string]routers.Router{}, validated: map[string]int{}}
	agent, err := openapi3.NewLoader().LoadFromFile(filepath.Join(specDir, "agent-api-public-deprecated.yaml"))
	if err != nil {
		t.Fatalf("load the agent document: %v", err)
	}
	v.add(t, "/agent", agent, baseURL)
	v.add(t, "/pod", loadSwagger2(t, "pod-api-public.yaml"), baseURL)
	v.add(t, "/login", loadSwagger2(t, "login-api-public.yaml"), baseURL)
	v.add(t, "/relay", loadSwagger2(t, "login-api-public.yaml"), baseURL)
	return v
}

func (v *specValidator) add(t *testing.T, context string, doc *openapi3.T, baseURL string) {
	t.Helper()
	doc.Servers = openapi3.Servers{{URL: baseURL + context}}
	r, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("route the %s document: %v", context, err)
	}
	v.routers[context] = r
}

// loadSwagger2 reads a Swagger 2 document and converts it to OpenAPI 3.
func loadSwagger2(t *testing.T, name string) *openapi3.T {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(specDir, name))
	if err != nil {
		t.Fatal(err)
	}
	var raw any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	asJSON, err := json.Marshal(stringKeys(raw))
	if err != nil {
		t.Fatalf("convert %s: %v", name, err)
	}
	var doc2 openapi2.T
	if err := json.Unmarshal(asJSON, &doc2); err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	doc3, err := openapi2conv.ToV3(&doc2)
	if err != nil {
		t.Fatalf("convert %s to OpenAPI 3: %v", name, err)
	}
	return doc3
}

// stringKeys turns the map[any]any of YAML into map[string]any for JSON.
func stringKeys(v any) any {
	switch x := v.(type) {
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = stringKeys(e)
		}
		return m
	case map[string]any:
		for k, e := range x {
			x[k] = stringKeys(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = stringKeys(e)
		}
		return x
	}
	return v
}

func (v *specValidator) fail(format string, args ...any) {
	v.mu.Lock()
	v.problems = append(v.problems, fmt.Sprintf(format, args...))
	v.mu.Unlock()
}

// RoundTrip validates the request, sends it, and validates the response.
func (v *specValidator) RoundTrip(req *http.Request) (*http.Response, error) {
	var reqBody []byte
	if req.Body != nil {
		reqBody, _ = io.ReadAll(req.Body)
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	contextPath := "/" + strings.SplitN(strings.TrimPrefix(req.URL.Path, "/"), "/", 2)[0]
	router := v.routers[contextPath]
	if router == nil {
		return http.DefaultTransport.RoundTrip(req)
	}
	route, params, err := router.FindRoute(req)
	if err != nil {
		v.fail("%s %s: no such operation in the official document: %v", req.Method, req.URL.Path, err)
		return http.DefaultTransport.RoundTrip(req)
	}
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}
	in := &openapi3filter.RequestValidationInput{Request: req.Clone(req.Context()), PathParams: params, Route: route, Options: opts}
	in.Request.Body = io.NopCloser(bytes.NewReader(reqBody))
	if err := openapi3filter.ValidateRequest(req.Context(), in); err != nil {
		v.fail("%s %s: request does not follow the document: %v", req.Method, req.URL.Path, err)
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return resp, err
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header,
		Body: io.NopCloser(bytes.NewReader(body)), Options: opts,
	}
	if err := openapi3filter.ValidateResponse(req.Context(), out); err != nil {
		v.fail("%s %s → %d: response does not follow the document: %v\nbody: %.300s", req.Method, req.URL.Path, resp.StatusCode, err, body)
	}
	v.mu.Lock()
	v.validated[fmt.Sprintf("%s %s%s %d", req.Method, contextPath, route.Path, resp.StatusCode)]++
	v.mu.Unlock()
	return resp, nil
}

// report fails the test with every problem seen.
func (v *specValidator) report(t *testing.T) {
	t.Helper()
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, p := range v.problems {
		t.Error(p)
	}
}

// covered returns the operations and statuses validated, for a coverage
// assertion.
func (v *specValidator) covered() map[string]int {
	v.mu.Lock()
	defer v.mu.Unlock()
	out := make(map[string]int, len(v.validated))
	for k, n := range v.validated {
		out[k] = n
	}
	return out
}
