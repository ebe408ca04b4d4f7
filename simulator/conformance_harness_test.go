package simulator_test

import (
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
)

// startConformance starts a simulator with opts (as start does) and
// returns it, a validator of its exchanges against the official documents,
// and a client of its service account, logged in, whose exchanges go
// through the validator.
func startConformance(t *testing.T, opts simulator.Options) (*simulator.Server, *specValidator, *client) {
	t.Helper()
	srv := start(t, opts)
	v := newSpecValidator(t, srv.URL())
	return srv, v, conformanceClient(t, srv, v)
}

// conformanceClient returns a client of srv's service account, logged in,
// whose exchanges go through v.
func conformanceClient(t *testing.T, srv *simulator.Server, v *specValidator) *client {
	t.Helper()
	key, _ := testKeys(t)
	c := &client{t: t, base: srv.URL(), username: srv.Account(), key: key,
		hc: &http.Client{Timeout: 10 * time.Second, Transport: v}}
	c.login()
	return c
}

// wantCovered fails t for every "METHOD /path/template status" of want the
// validator did not see.
func wantCovered(t *testing.T, v *specValidator, want ...string) {
	t.Helper()
	covered := v.covered()
	for _, w := range want {
		if covered[w] == 0 {
			got := make([]string, 0, len(covered))
			for k := range covered {
				got = append(got, k)
			}
			sort.Strings(got)
			t.Errorf("not validated: %s (validated: %s)", w, strings.Join(got, "; "))
		}
	}
}

// unvalidated returns a copy of c, the same session, whose exchanges go
// around the validator: for a request or an answer the documents cannot
// describe.
func (c *client) unvalidated() *client {
	plain := *c
	plain.hc = &http.Client{Timeout: 10 * time.Second}
	return &plain
}
