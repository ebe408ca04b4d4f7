package names_test

import (
	"testing"

	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/symphony"
)

func message(streamID string, author *symphony.V4User) *symphony.V4Event {
	return &symphony.V4Event{Type: symphony.EventMessageSent, Payload: &symphony.V4Payload{
		MessageSent: &symphony.V4MessageSent{Message: &symphony.V4Message{
			User: author, Stream: &symphony.V4Stream{StreamID: streamID},
		}},
	}}
}

func TestALookupWinsOverANameAnEventCarries(t *testing.T) {
	d := names.New()
	d.LookedUp(symphony.UserV2{ID: 7, DisplayName: "Ana Silva"})
	d.Learn(message("s1", &symphony.V4User{UserID: 7, DisplayName: "Ana (old copy)"}))
	if n, _ := d.Name(7); n != "Ana Silva" {
		t.Errorf("after an event's copy: %q, want the looked-up name", n)
	}
	d.LookedUp(symphony.UserV2{ID: 7, DisplayName: "Ana Silva-Oh"})
	if n, _ := d.Name(7); n != "Ana Silva-Oh" {
		t.Errorf("after a newer lookup: %q", n)
	}
}

func TestTheNewestNameAnEventCarriesWins(t *testing.T) {
	d := names.New()
	d.Learn(message("s1", &symphony.V4User{UserID: 8, FirstName: "Pat", LastName: "Oh"}))
	gen := d.Generation()
	if n := d.User(&symphony.V4User{UserID: 8}); n != "Pat Oh" {
		t.Errorf("first and last names: %q", n)
	}
	d.Learn(message("s1", &symphony.V4User{UserID: 8, DisplayName: "Patricia Oh"}))
	if n, _ := d.Name(8); n != "Patricia Oh" {
		t.Errorf("newer event: %q", n)
	}
	if d.Generation() == gen {
		t.Error("the generation did not change with the name")
	}
	gen = d.Generation()
	d.Learn(message("s1", &symphony.V4User{UserID: 8, DisplayName: "Patricia Oh"}))
	if d.Generation() != gen {
		t.Error("the generation changed though no name did")
	}
}

func TestNamesAreSanitised(t *testing.T) {
	d := names.New()
	d.LearnUser(&symphony.V4User{UserID: 9, DisplayName: "Eve\x1b]52;c;aGk=\x07\u200b"})
	n, _ := d.Name(9)
	for _, r := range n {
		if r < 0x20 || r == 0x7f || r == '\u200b' {
			t.Fatalf("name %q keeps a control or invisible character", n)
		}
	}
	d.LearnStream(&symphony.V4Stream{StreamID: "r1", RoomName: "ops\x1b[2J"})
	if r, _ := d.Room("r1"); r != "ops␛[2J" {
		t.Errorf("room %q, want the escape shown as a symbol", r)
	}
}

func TestStreamNames(t *testing.T) {
	d := names.New()
	d.SetMe(1)
	d.LookedUp(symphony.UserV2{ID: 1, DisplayName: "Me"}, symphony.UserV2{ID: 2, DisplayName: "Zoe"}, symphony.UserV2{ID: 3, Username: "bob"})
	d.LearnStreams([]symphony.StreamAttributes{
		{ID: "im1", StreamType: symphony.StreamType{Type: symphony.StreamMIM},
			StreamAttributes: &symphony.ConversationSpecificStreamAttributes{Members: []int64{1, 2, 3}}},
		{ID: "room1", StreamType: symphony.StreamType{Type: symphony.StreamRoom},
			RoomAttributes: &symphony.RoomSpecificStreamAttributes{Name: "Trading desk"}},
	})
	cases := map[string]string{
		"im1":          "MIM Zoe, bob",
		"room1":        "Trading desk",
		"unknown12345": "stream unknown1",
		"":             "",
	}
	for id, want := range cases {
		if got := d.StreamName(id); got != want {
			t.Errorf("StreamName(%q) = %q, want %q", id, got, want)
		}
	}
	if got := d.Title("im1"); got != "Zoe, bob" {
		t.Errorf("Title(im1) = %q", got)
	}
	if got := d.Members(); len(got) != 3 || got[0] != 1 || got[2] != 3 {
		t.Errorf("Members() = %v", got)
	}
	rename := &symphony.V4Event{Type: symphony.EventRoomUpdated, Payload: &symphony.V4Payload{RoomUpdated: &symphony.V4RoomUpdated{
		Stream:            &symphony.V4Stream{StreamID: "room1", RoomName: "Trading desk"},
		NewRoomProperties: &symphony.V4RoomProperties{Name: "Rates desk"},
	}}}
	d.Learn(rename)
	if got := d.StreamName("room1"); got != "Rates desk" {
		t.Errorf("after a rename: %q", got)
	}
}

// TestStreamNamesSayTheKindOfConversation: tail labels a conversation
// with its type, from the streams list or from an event's stream, and
// only without either counts its members.
func TestStreamNamesSayTheKindOfConversation(t *testing.T) {
	d := names.New()
	d.SetMe(1)
	d.LookedUp(symphony.UserV2{ID: 1, DisplayName: "Me"}, symphony.UserV2{ID: 2, DisplayName: "Zoe"},
		symphony.UserV2{ID: 3, DisplayName: "Bob"}, symphony.UserV2{ID: 4, DisplayName: "Ana"})
	conversation := func(id, typ string, members ...int64) symphony.StreamAttributes {
		return symphony.StreamAttributes{ID: id, StreamType: symphony.StreamType{Type: typ},
			StreamAttributes: &symphony.ConversationSpecificStreamAttributes{Members: members}}
	}
	d.LearnStreams([]symphony.StreamAttributes{
		conversation("im", symphony.StreamIM, 1, 2),
		conversation("mim", symphony.StreamMIM, 1, 2, 3, 4),
		conversation("wall", symphony.StreamPost, 2),
		conversation("untyped-pair", "", 1, 3),
		conversation("untyped-group", "", 1, 2, 3),
	})
	// A MIM the list did not have, from an event's stream.
	ev := message("mim-event", &symphony.V4User{UserID: 4})
	ev.Payload.MessageSent.Message.Stream = &symphony.V4Stream{StreamID: "mim-event", StreamType: symphony.StreamMIM,
		Members: []*symphony.V4User{{UserID: 1}, {UserID: 4}, {UserID: 3}}}
	d.Learn(ev)
	for id, want := range map[string]string{
		"im":            "IM Zoe",
		"mim":           "MIM Ana, Bob, Zoe",
		"wall":          "wall Zoe",
		"untyped-pair":  "IM Bob",
		"untyped-group": "MIM Bob, Zoe",
		"mim-event":     "MIM Ana, Bob",
	} {
		if got := d.StreamName(id); got != want {
			t.Errorf("StreamName(%q) = %q, want %q", id, got, want)
		}
	}
	if got := d.StreamType("mim-event"); got != symphony.StreamMIM {
		t.Errorf("StreamType(mim-event) = %q", got)
	}
	// An event without the type leaves the type known.
	d.Learn(message("mim", &symphony.V4User{UserID: 2}))
	if got := d.StreamName("mim"); got != "MIM Ana, Bob, Zoe" {
		t.Errorf("after an event without the type: %q", got)
	}
}

func TestComposerLookups(t *testing.T) {
	d := names.New()
	d.LookedUp(symphony.UserV2{ID: 20, DisplayName: "Ana Silva", EmailAddress: "Ana@Example.com"})
	d.Set(10, "ana silva")
	if u, ok := d.UserByName("ANA SILVA"); !ok || u.ID != 10 {
		t.Errorf("UserByName: %+v %v, want the smallest id of the two", u, ok)
	}
	if u, ok := d.UserByEmail("ana@example.COM"); !ok || u.ID != 20 || u.DisplayName != "Ana Silva" {
		t.Errorf("UserByEmail: %+v %v", u, ok)
	}
	if _, ok := d.UserByID(30); ok {
		t.Error("UserByID of an unknown user")
	}
	if n := d.User(nil); n != "someone" {
		t.Errorf("User(nil) = %q", n)
	}
	if n := d.User(&symphony.V4User{UserID: 30}); n != "user 30" {
		t.Errorf("an unknown user: %q", n)
	}
	seen := 0
	for range d.Users() {
		seen++
	}
	if seen != 2 {
		t.Errorf("Users yields %d users, want 2", seen)
	}
}

// TestStreamMembers returns the members a streams list gave, a copy.
func TestStreamMembers(t *testing.T) {
	d := names.New()
	d.LearnStreams([]symphony.StreamAttributes{{ID: "im1", StreamType: symphony.StreamType{Type: symphony.StreamIM},
		StreamAttributes: &symphony.ConversationSpecificStreamAttributes{Members: []int64{1, 2}}}})
	got := d.StreamMembers("im1")
	if len(got) != 2 || got[0] != 1 || got[1] != 2 {
		t.Fatalf("members %v, want [1 2]", got)
	}
	got[0] = 9
	if d.StreamMembers("im1")[0] != 1 {
		t.Error("StreamMembers handed out the directory's own slice")
	}
	if d.StreamMembers("unknown") != nil {
		t.Error("members of an unknown stream")
	}
}
