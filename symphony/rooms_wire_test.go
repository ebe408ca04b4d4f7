package symphony

import (
	"encoding/json"
	"testing"
)

// TestRoomFixturesDecode decodes the BDKs' room search answers and a
// setActive answer into the wire types.
func TestRoomFixturesDecode(t *testing.T) {
	for _, path := range []string{
		"finos__symphony-bdk-java/stream/room_search.json",
		"finos__symphony-bdk-python/stream/search_rooms.json",
	} {
		var res V3RoomSearchResults
		if err := json.Unmarshal(readFixture(t, path), &res); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if res.Count == 0 || len(res.Rooms) == 0 || res.Query == nil || res.Rooms[0].RoomSystemInfo == nil ||
			res.Rooms[0].RoomSystemInfo.ID == "" || res.Rooms[0].RoomAttributes.Name == "" {
			t.Errorf("%s: decoded as %+v", path, res)
		}
	}
	var java V3RoomSearchResults
	_ = json.Unmarshal(readFixture(t, "finos__symphony-bdk-java/stream/room_search.json"), &java)
	if len(java.FacetedMatchCount) != 1 || java.FacetedMatchCount[0] != (FacetedMatchCount{Facet: "industry", Count: 1}) ||
		java.Query.Creator == nil || java.Query.Creator.ID != 7696581411197 || java.Query.Active == nil || !*java.Query.Active {
		t.Errorf("facets or query: %+v %+v", java.FacetedMatchCount, java.Query)
	}
	var d RoomDetail
	if err := json.Unmarshal(readFixture(t, "finos__symphony-bdk-java/stream/room_detail.json"), &d); err != nil {
		t.Fatal(err)
	}
	if d.RoomAttributes == nil || d.RoomAttributes.Name != "API room" || !d.RoomAttributes.Discoverable ||
		d.RoomSystemInfo == nil || d.RoomSystemInfo.ID == "" || d.ImmutableRoomAttributes == nil {
		t.Errorf("room detail: %+v", d)
	}
}
