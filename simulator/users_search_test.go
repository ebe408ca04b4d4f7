package simulator_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// searchUsers runs a user search and returns its status and the ids found.
func (c *client) searchUsers(params string, q symphony.UserSearchQuery) (int, symphony.UserSearchResults, []int64) {
	c.t.Helper()
	var out symphony.UserSearchResults
	status := c.callJSON(http.MethodPost, "/pod/v1/user/search"+params, q, &out)
	var ids []int64
	for _, u := range out.Users {
		ids = append(ids, u.ID)
	}
	return status, out, ids
}

// TestUserSearchMatchesWordStarts finds users by the start of a word of
// their names, username or e-mail address, whatever the case, every word
// of the query having to match.
func TestUserSearchMatchesWordStarts(t *testing.T) {
	c := newClient(t, start(t, simulator.Options{}))
	for _, tc := range []struct {
		query string
		want  []int64
	}{
		{"ali", []int64{aliceID}},
		{"MARTIN", []int64{aliceID}},
		{"alice mar", []int64{aliceID}},
		{"Alice Dupont", nil},
		{"dup", []int64{bobID}},                            // last name
		{"bob.dupont", nil},                                // not an e-mail of the pod
		{"carol@tutti", []int64{carolID}},                  // the e-mail address
		{"bot", []int64{botID}},                            // username tutti-bot, display name Tutti Bot
		{"partnerbank.ex", []int64{danaID}},                // a word of an external user's e-mail address
		{"lice", nil},                                      // not a word start
		{"  nguyen  ", []int64{carolID}},                   // blanks around
		{"okafor", []int64{danaID}},                        // another pod's user, local not asked
		{"tutti", []int64{aliceID, bobID, carolID, botID}}, // by display name: Alice, Bob, Carol, Tutti Bot
	} {
		status, res, ids := c.searchUsers("", symphony.UserSearchQuery{Query: tc.query})
		if tc.want == nil {
			if status != http.StatusNoContent {
				t.Errorf("%q: status %d, found %v, want 204", tc.query, status, ids)
			}
			continue
		}
		if status != http.StatusOK || !slices.Equal(ids, tc.want) || res.Count != int64(len(tc.want)) {
			t.Errorf("%q: status %d, count %d, found %v, want %v", tc.query, status, res.Count, ids, tc.want)
		}
		if res.SearchQuery == nil || res.SearchQuery.Query != tc.query {
			t.Errorf("%q: the answer's query is %+v", tc.query, res.SearchQuery)
		}
	}
}

// TestUserSearchLocalAndFilters keeps to the pod's own users with
// local=true and applies every filter set.
func TestUserSearchLocalAndFilters(t *testing.T) {
	c := newClient(t, start(t, simulator.Options{}))
	if status, _, ids := c.searchUsers("?local=true", symphony.UserSearchQuery{Query: "dana"}); status != http.StatusNoContent {
		t.Errorf("local search of an external user: %d %v, want 204", status, ids)
	}
	if status, _, ids := c.searchUsers("?local=false", symphony.UserSearchQuery{Query: "dana"}); status != http.StatusOK || !slices.Equal(ids, []int64{danaID}) {
		t.Errorf("directory search of an external user: %d %v", status, ids)
	}
	for _, tc := range []struct {
		name   string
		filter symphony.UserSearchFilter
		want   []int64
	}{
		{"title", symphony.UserSearchFilter{Title: "trader"}, []int64{aliceID}},
		{"company", symphony.UserSearchFilter{Company: "Tutti", Location: "london"}, []int64{aliceID, bobID, carolID, botID}},
		{"account type", symphony.UserSearchFilter{AccountTypes: []string{"SYSTEM"}}, []int64{botID}},
		{"two account types", symphony.UserSearchFilter{AccountTypes: []string{"NORMAL", "SDL"}}, []int64{aliceID, bobID, carolID}},
		{"an attribute nobody has", symphony.UserSearchFilter{Instrument: "Securities"}, nil},
	} {
		status, _, ids := c.searchUsers("?local=true", symphony.UserSearchQuery{Query: "tutti", Filters: &tc.filter})
		if tc.want == nil && status != http.StatusNoContent || tc.want != nil && !slices.Equal(ids, tc.want) {
			t.Errorf("%s: status %d, found %v, want %v", tc.name, status, ids, tc.want)
		}
	}
}

// TestUserSearchPages counts every match and answers the page asked for.
func TestUserSearchPages(t *testing.T) {
	c := newClient(t, start(t, simulator.Options{}))
	status, res, ids := c.searchUsers("?skip=1&limit=2", symphony.UserSearchQuery{Query: "tutti"})
	if status != http.StatusOK || res.Count != 4 || res.Skip != 1 || res.Limit != 2 || !slices.Equal(ids, []int64{bobID, carolID}) {
		t.Fatalf("page 2 of 2: %d %+v %v", status, res, ids)
	}
	_, res, ids = c.searchUsers("?skip=3", symphony.UserSearchQuery{Query: "tutti"})
	if res.Count != 4 || res.Limit != 50 || !slices.Equal(ids, []int64{botID}) {
		t.Fatalf("last page with the default limit: %+v %v", res, ids)
	}
	status, res, ids = c.searchUsers("?skip=10", symphony.UserSearchQuery{Query: "tutti"})
	if status != http.StatusOK || res.Count != 4 || len(ids) != 0 || res.Users == nil {
		t.Fatalf("past the end: %d %+v", status, res)
	}
}

// TestUserSearchRefusesBadRequests answers 400 to a search without a
// query, with a negative page or an unknown account type.
func TestUserSearchRefusesBadRequests(t *testing.T) {
	c := newClient(t, start(t, simulator.Options{}))
	for _, tc := range []struct {
		params string
		body   any
	}{
		{"", symphony.UserSearchQuery{Query: "  "}},
		{"", nil},
		{"", []byte(`{"query":`)},
		{"?skip=-1", symphony.UserSearchQuery{Query: "alice"}},
		{"?limit=x", symphony.UserSearchQuery{Query: "alice"}},
		{"", symphony.UserSearchQuery{Query: "alice", Filters: &symphony.UserSearchFilter{AccountTypes: []string{"ROBOT"}}}},
	} {
		status, data, _ := c.call(http.MethodPost, "/pod/v1/user/search"+tc.params, tc.body)
		wantError(t, fmt.Sprintf("search %s %v", tc.params, tc.body), status, data, http.StatusBadRequest)
	}
}
