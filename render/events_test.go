package render

import (
	"strconv"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

func TestEventSummary(t *testing.T) {
	ana := &symphony.V4User{UserID: 1, DisplayName: "Ana"}
	ben := &symphony.V4User{UserID: 2, DisplayName: "Ben"}
	name := func(u *symphony.V4User) string {
		if u == nil {
			return "someone"
		}
		return u.DisplayName + "#" + strconv.FormatInt(u.UserID, 10)
	}
	by := func(u *symphony.V4User, p symphony.V4Payload) *symphony.V4Event {
		return &symphony.V4Event{Initiator: &symphony.V4Initiator{User: u}, Payload: &p}
	}
	tests := []struct {
		ev   *symphony.V4Event
		want string
	}{
		{by(ana, symphony.V4Payload{UserJoinedRoom: &symphony.V4UserJoinedRoom{AffectedUser: ana}}), "Ana#1 joined"},
		{by(ben, symphony.V4Payload{UserJoinedRoom: &symphony.V4UserJoinedRoom{AffectedUser: ana}}), "Ben#2 added Ana#1"},
		{by(ana, symphony.V4Payload{UserLeftRoom: &symphony.V4UserLeftRoom{AffectedUser: ana}}), "Ana#1 left"},
		{by(ben, symphony.V4Payload{RoomMemberPromotedToOwner: &symphony.V4RoomMemberPromotedToOwner{AffectedUser: ana}}), "Ben#2 made Ana#1 an owner"},
		{by(ana, symphony.V4Payload{ConnectionRequested: &symphony.V4ConnectionRequested{ToUser: ben}}), "Ana#1 asked Ben#2 to connect"},
		{by(nil, symphony.V4Payload{GenericSystemEvent: &symphony.V4GenericSystemEvent{EventSubtype: "x\x1b[2J", SourceSystem: "federation"}}), "system event x␛[2J from federation"},
		{&symphony.V4Event{Type: "NEWTYPE\x07"}, "someone: newtype␇"},
	}
	for _, tc := range tests {
		if got := EventSummary(tc.ev, name); got != tc.want {
			t.Errorf("EventSummary = %q, want %q", got, tc.want)
		}
	}
}

func TestByteSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1536: "1.5 KiB", 3 << 20: "3.0 MiB"} {
		if got := ByteSize(n); got != want {
			t.Errorf("ByteSize(%d) = %q, want %q", n, got, want)
		}
	}
}
