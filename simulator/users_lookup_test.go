package simulator_test

import (
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"testing"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// TestUserLookupsAgree looks every user up by id, e-mail address and
// username through GET /pod/v2/user, GET /pod/v3/users and the user
// search: each answers the same record, and each keeps users of other
// pods out with local=true.
func TestUserLookupsAgree(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	one := func(path string) (int, symphony.UserV2) {
		t.Helper()
		var u symphony.UserV2
		status := c.callJSON(http.MethodGet, path, nil, &u)
		return status, u
	}
	list := func(path string) (int, []symphony.UserV2) {
		t.Helper()
		var l symphony.V2UserList
		status := c.callJSON(http.MethodGet, path, nil, &l)
		return status, l.Users
	}
	for _, want := range srv.Users() {
		id := strconv.FormatInt(want.ID, 10)
		email := url.QueryEscape(want.EmailAddress)
		external := want.ID == danaID
		for _, local := range []string{"true", "false"} {
			if local == "false" && !external {
				continue
			}
			hidden := external && local == "true"
			lookups := map[string]symphony.UserV2{}
			statuses := map[string]int{}
			statuses["v2 uid"], lookups["v2 uid"] = one("/pod/v2/user?uid=" + id + "&local=" + local)
			statuses["v2 email"], lookups["v2 email"] = one("/pod/v2/user?email=" + email + "&local=" + local)
			for _, q := range []string{"uid=" + id, "email=" + email} {
				status, users := list("/pod/v3/users?" + q + "&local=" + local)
				statuses["v3 "+q] = status
				if len(users) == 1 {
					lookups["v3 "+q] = users[0]
				}
			}
			if !external {
				statuses["v2 username"], lookups["v2 username"] = one("/pod/v2/user?username=" + want.Username + "&local=true")
				status, users := list("/pod/v3/users?username=" + want.Username + "&local=true")
				statuses["v3 username"] = status
				if len(users) == 1 {
					lookups["v3 username"] = users[0]
				}
			}
			status, res, _ := c.searchUsers("?local="+local, symphony.UserSearchQuery{Query: want.EmailAddress})
			statuses["search"] = status
			for _, u := range res.Users {
				if u.ID == want.ID {
					lookups["search"] = u
				}
			}
			for how, status := range statuses {
				switch {
				case hidden && status != http.StatusNoContent:
					t.Errorf("%s of %s, local: %d, want 204", how, want.Username, status)
				case !hidden && status != http.StatusOK:
					t.Errorf("%s of %s: %d", how, want.Username, status)
				case !hidden && !reflect.DeepEqual(lookups[how], want):
					t.Errorf("%s of %s: %+v, want %+v", how, want.Username, lookups[how], want)
				}
			}
		}
	}
}
