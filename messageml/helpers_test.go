package messageml

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// users is a Resolver over a fixed set of users.
type users []User

func (us users) UserByID(id int64) (User, bool) {
	for _, u := range us {
		if u.ID == id {
			return u, true
		}
	}
	return User{}, false
}

func (us users) UserByEmail(email string) (User, bool) {
	for _, u := range us {
		if strings.EqualFold(u.Email, email) {
			return u, true
		}
	}
	return User{}, false
}

// testUsers is the directory the tests resolve mentions against; user 1 is
// messageml-utils' test user.
var testUsers = users{
	{ID: 1, DisplayName: "Bot User01", Email: "bot.user1@localhost.com"},
	{ID: 7215545058313, DisplayName: "Jane <Doe> & Co", Email: "jane@example.com"},
}

// matchWithIDs compares got to want, where want spells every generated id
// as {id}. It returns the ids it found.
func matchWithIDs(t *testing.T, got, want string) {
	t.Helper()
	if !strings.Contains(want, "{id}") {
		if got != want {
			t.Errorf("PresentationML mismatch\n got: %s\nwant: %s", got, want)
		}
		return
	}
	pattern := "^" + strings.ReplaceAll(regexp.QuoteMeta(want), regexp.QuoteMeta("{id}"), "([0-9A-Za-z_-]{9})") + "$"
	m := regexp.MustCompile(pattern).FindStringSubmatch(got)
	if m == nil {
		t.Errorf("PresentationML mismatch\n got: %s\nwant: %s", got, want)
	}
}

// assertJSONEqual compares two JSON documents structurally.
func assertJSONEqual(t *testing.T, got, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("EntityJSON %q is not JSON: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad expected JSON %q: %v", want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("EntityJSON mismatch\n got: %s\nwant: %s", got, want)
	}
}

// pml wraps a body in the PresentationML root div.
func pml(body string) string {
	return `<div data-format="PresentationML" data-version="2.0">` + body + `</div>`
}

// mml wraps a body in <messageML>.
func mml(body string) string {
	return "<messageML>" + body + "</messageML>"
}
