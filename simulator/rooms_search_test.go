package simulator_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// searchRooms runs a room search with the query string and returns the
// answer.
func (c *client) searchRooms(query string, crit any) symphony.V3RoomSearchResults {
	c.t.Helper()
	status, data, _ := c.call(http.MethodPost, "/pod/v3/room/search"+query, crit)
	var out symphony.V3RoomSearchResults
	if status != http.StatusOK || json.Unmarshal(data, &out) != nil {
		c.t.Fatalf("search rooms %s: %d %s", query, status, data)
	}
	return out
}

// roomNames lists the names of the rooms of a search's answer.
func roomNames(res symphony.V3RoomSearchResults) []string {
	var out []string
	for _, r := range res.Rooms {
		out = append(out, r.RoomAttributes.Name)
	}
	return out
}

// TestRoomSearch: the scope of a search (the caller's rooms, and the
// active rooms open to search), what the query matches (names, hashtags
// and cashtags of descriptions, keywords of the labels), the filters, the
// order, the facets and the paging.
func TestRoomSearch(t *testing.T) {
	srv := start(t, simulator.Options{})
	bot := newClient(t, srv)
	carol := loginUser(t, srv, "carol", nil)
	industry := []symphony.RoomTag{{Key: "industry", Value: "automobile"}}
	bot.createRoom(symphony.V3RoomAttributes{Name: "Automobile Industry", Description: "cars #auto", Keywords: industry})
	tesla := bot.createRoom(symphony.V3RoomAttributes{Name: "Tesla", Description: "Discussions on $TSLA", Keywords: industry,
		Public: true, Discoverable: true, MembersCanInvite: true, ViewHistory: true}).RoomSystemInfo.ID
	bot.mustMembership(tesla, "add", aliceID)
	old := bot.createRoom(symphony.V3RoomAttributes{Name: "Old autos"}).RoomSystemInfo.ID
	if status, data := bot.setActive(old, "false"); status != http.StatusOK {
		t.Fatalf("deactivate: %d %s", status, data)
	}
	carol.createRoom(symphony.V3RoomAttributes{Name: "Carol's auto club"}) // hidden from the bot
	carol.createRoom(symphony.V3RoomAttributes{Name: "Auto discoverable", Discoverable: true})
	closed := carol.createRoom(symphony.V3RoomAttributes{Name: "Autobahn", Public: true, Discoverable: true,
		MembersCanInvite: true, ViewHistory: true}).RoomSystemInfo.ID
	if status, data := carol.setActive(closed, "false"); status != http.StatusOK {
		t.Fatalf("deactivate: %d %s", status, data)
	}

	for _, tc := range []struct {
		what  string
		query string
		crit  symphony.V2RoomSearchCriteria
		want  []string
	}{
		{"names, the closest first", "", symphony.V2RoomSearchCriteria{Query: "AUTO"},
			[]string{"Auto discoverable", "Automobile Industry", "Old autos"}},
		{"keywords of a label", "", symphony.V2RoomSearchCriteria{Query: "automobile", Labels: []string{"industry"}},
			[]string{"Automobile Industry", "Tesla"}},
		{"a cashtag of a description", "", symphony.V2RoomSearchCriteria{Query: "tsla"}, []string{"Tesla"}},
		{"a hashtag of a description", "", symphony.V2RoomSearchCriteria{Query: "#auto", SearchFields: []string{symphony.RoomFieldDescription}},
			[]string{"Automobile Industry"}},
		{"a plain word of a description", "", symphony.V2RoomSearchCriteria{Query: "cars"}, nil},
		{"keyword keys", "", symphony.V2RoomSearchCriteria{Query: "indus", SearchFields: []string{symphony.RoomFieldKeywordsKey}},
			[]string{"Automobile Industry", "Tesla"}},
		{"inactive rooms", "", symphony.V2RoomSearchCriteria{Active: ptr(false)}, []string{"Old autos"}},
		{"private rooms", "", symphony.V2RoomSearchCriteria{Private: ptr(true)},
			[]string{"Auto discoverable", "Automobile Industry", "Old autos"}},
		{"public rooms", "", symphony.V2RoomSearchCriteria{Private: ptr(false)}, []string{"Tesla"}},
		{"an owner", "", symphony.V2RoomSearchCriteria{Owner: &symphony.UserID{ID: carolID}}, []string{"Auto discoverable"}},
		{"a creator", "", symphony.V2RoomSearchCriteria{Creator: &symphony.UserID{ID: botID}, Active: ptr(true)},
			[]string{"Automobile Industry", "Tesla"}},
		{"a member", "", symphony.V2RoomSearchCriteria{Member: &symphony.UserID{ID: aliceID}}, []string{"Tesla"}},
		{"a sub-type", "", symphony.V2RoomSearchCriteria{SubType: "EMAIL"}, nil},
		{"the order of creation", "", symphony.V2RoomSearchCriteria{SortOrder: symphony.RoomSortBasic},
			[]string{"Automobile Industry", "Tesla", "Old autos", "Auto discoverable"}},
		{"a page", "?skip=1&limit=2", symphony.V2RoomSearchCriteria{},
			[]string{"Automobile Industry", "Old autos"}},
	} {
		res := bot.searchRooms(tc.query, tc.crit)
		if got := roomNames(res); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.what, got, tc.want)
		}
	}

	res := bot.searchRooms("?skip=1&limit=2", symphony.V2RoomSearchCriteria{Query: "", Labels: []string{"industry", "region"}})
	if res.Count != 4 || res.Skip != 1 || res.Limit != 2 || res.Query == nil || !slices.Equal(res.Query.Labels, []string{"industry", "region"}) {
		t.Errorf("paging and query of the answer: count %d skip %d limit %d query %+v", res.Count, res.Skip, res.Limit, res.Query)
	}
	if !slices.Equal(res.FacetedMatchCount, []symphony.FacetedMatchCount{{Facet: "industry", Count: 2}, {Facet: "region", Count: 0}}) {
		t.Errorf("facets: %+v", res.FacetedMatchCount)
	}
	if res := carol.searchRooms("", symphony.V2RoomSearchCriteria{Query: "autobahn"}); res.Count != 1 {
		t.Errorf("a deactivated room is out of its owner's search: %+v", res)
	}

	for _, tc := range []struct {
		what, query string
		body        any
	}{
		{"no query", "", map[string]any{"labels": []string{"industry"}}},
		{"a limit of 0", "?limit=0", symphony.V2RoomSearchCriteria{}},
		{"a limit over 100", "?limit=101", symphony.V2RoomSearchCriteria{}},
		{"a negative skip", "?skip=-1", symphony.V2RoomSearchCriteria{}},
		{"a malformed limit", "?limit=many", symphony.V2RoomSearchCriteria{}},
		{"a malformed includeNonDiscoverable", "?includeNonDiscoverable=maybe", symphony.V2RoomSearchCriteria{}},
		{"an unknown sort order", "", symphony.V2RoomSearchCriteria{SortOrder: "NEWEST"}},
		{"an unknown search field", "", symphony.V2RoomSearchCriteria{SearchFields: []string{"members"}}},
		{"no body", "", nil},
	} {
		status, data, _ := bot.call(http.MethodPost, "/pod/v3/room/search"+tc.query, tc.body)
		wantError(t, tc.what, status, data, http.StatusBadRequest)
	}
}
