package simulator_test

import (
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

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

// TestUserSearchFollowsTheOfficialDocument validates the user search's
// answers, of success and of error, against the pod's OpenAPI document.
func TestUserSearchFollowsTheOfficialDocument(t *testing.T) {
	srv := start(t, simulator.Options{})
	v := newSpecValidator(t, srv.URL())
	c := conformanceClient(t, srv, v)
	c.call(http.MethodPost, "/pod/v1/user/search?skip=0&limit=2&local=false", symphony.UserSearchQuery{
		Query: "tutti", Filters: &symphony.UserSearchFilter{Company: "Tutti", AccountTypes: []string{"NORMAL"}}})
	c.call(http.MethodPost, "/pod/v1/user/search?local=true", symphony.UserSearchQuery{Query: "dana"})
	c.call(http.MethodPost, "/pod/v1/user/search", symphony.UserSearchQuery{Query: ""})
	c.call(http.MethodPost, "/pod/v1/user/search?skip=-1", symphony.UserSearchQuery{Query: "alice"})
	expired := *c
	expired.session = "expired"
	expired.call(http.MethodPost, "/pod/v1/user/search", symphony.UserSearchQuery{Query: "alice"})
	v.report(t)
	wantCovered(t, v, "POST /pod/v1/user/search 200", "POST /pod/v1/user/search 204",
		"POST /pod/v1/user/search 400", "POST /pod/v1/user/search 401")
}
