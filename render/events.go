package render

import (
	"fmt"
	"strings"

	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/symphony"
)

// EventSummary words an event that is not a message on one line: who did
// what ("Ana joined", "Ben made Ana an owner"). name gives a user's display
// name and must return it sanitised; every other remote string of the event
// goes through the sanitiser here.
func EventSummary(ev *symphony.V4Event, name func(*symphony.V4User) string) string {
	var who *symphony.V4User
	if ev.Initiator != nil {
		who = ev.Initiator.User
	}
	actor := name(who)
	p := ev.Payload
	if p == nil {
		return actor + ": " + sanitize.Line(strings.ToLower(ev.Type))
	}
	selfOrOther := func(affected *symphony.V4User, self, other string) string {
		if affected == nil || (who != nil && who.UserID == affected.UserID) {
			return actor + " " + self
		}
		return actor + " " + other + " " + name(affected)
	}
	switch {
	case p.MessageSuppressed != nil:
		return actor + " removed a message"
	case p.SymphonyElementsAction != nil:
		return actor + " submitted a form"
	case p.InstantMessageCreated != nil:
		return actor + " started the conversation"
	case p.RoomCreated != nil:
		return actor + " created the room"
	case p.RoomUpdated != nil:
		return actor + " updated the room"
	case p.RoomDeactivated != nil:
		return actor + " deactivated the room"
	case p.RoomReactivated != nil:
		return actor + " reactivated the room"
	case p.UserRequestedToJoinRoom != nil:
		return actor + " asked to join"
	case p.UserJoinedRoom != nil:
		return selfOrOther(p.UserJoinedRoom.AffectedUser, "joined", "added")
	case p.UserLeftRoom != nil:
		return selfOrOther(p.UserLeftRoom.AffectedUser, "left", "removed")
	case p.RoomMemberPromotedToOwner != nil:
		return actor + " made " + name(p.RoomMemberPromotedToOwner.AffectedUser) + " an owner"
	case p.RoomMemberDemotedFromOwner != nil:
		return actor + " removed " + name(p.RoomMemberDemotedFromOwner.AffectedUser) + " as an owner"
	case p.ConnectionRequested != nil:
		return actor + " asked " + name(p.ConnectionRequested.ToUser) + " to connect"
	case p.ConnectionAccepted != nil:
		return actor + " accepted the connection request of " + name(p.ConnectionAccepted.FromUser)
	case p.GenericSystemEvent != nil:
		g := p.GenericSystemEvent
		return "system event " + sanitize.Line(g.EventSubtype) + " from " + sanitize.Line(g.SourceSystem)
	}
	return actor + ": " + sanitize.Line(strings.ToLower(ev.Type))
}

// ByteSize formats a size for humans: 999 B, 1.5 KiB, 3.2 MiB.
func ByteSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for q := n / unit; q >= unit; q /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
