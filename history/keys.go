package history

import (
	"slices"
	"strconv"
	"strings"

	"github.com/tutti-chat/tutti/symphony"
)

// Key prefixes. Message keys are canonical ids, URL-safe base64, which never
// contain these characters; "!" sorts before every base64 character and "~"
// after, so at one timestamp events come before messages, and gaps and
// pending messages after them.
const (
	eventPrefix   = "!"
	pendingPrefix = "~pending:"
	gapPrefix     = "~gap:"
)

// eventKind returns the kind of row an event type makes; false for message
// events (MESSAGESENT, SHAREDPOST), suppressions and unknown types, which
// make no row of their own.
func eventKind(typ string) (RowKind, bool) {
	switch typ {
	case symphony.EventInstantMessageCreated, symphony.EventRoomCreated, symphony.EventRoomUpdated,
		symphony.EventRoomDeactivated, symphony.EventRoomReactivated:
		return RowRoomEvent, true
	case symphony.EventUserJoinedRoom, symphony.EventUserLeftRoom, symphony.EventRoomMemberPromotedToOwner,
		symphony.EventRoomMemberDemotedFromOwner, symphony.EventUserRequestedToJoinRoom:
		return RowMembership, true
	case symphony.EventConnectionRequested, symphony.EventConnectionAccepted:
		return RowConnection, true
	case symphony.EventSymphonyElementsAction:
		return RowFormAction, true
	case symphony.EventGenericSystemEvent:
		return RowSystem, true
	}
	return 0, false
}

// eventKey is the dedupe key of an event row. Event ids alone are not
// unique (simultaneous actions share one), so the key also names the
// stream, the initiator, the affected users and the message ids the event
// carries; a redelivery of the same event gives the same key.
func eventKey(ev *symphony.V4Event, stream string) string {
	var b strings.Builder
	b.Grow(96)
	b.WriteString(eventPrefix)
	b.WriteString(ev.Type)
	b.WriteByte('|')
	b.WriteString(ev.ID)
	b.WriteByte('|')
	b.WriteString(stream)
	b.WriteString("|i")
	if ev.Initiator != nil && ev.Initiator.User != nil {
		b.WriteString(strconv.FormatInt(ev.Initiator.User.UserID, 10))
	}
	b.WriteString("|a")
	for i, u := range affectedUsers(ev) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(u, 10))
	}
	b.WriteString("|m")
	b.WriteString(symphony.CanonicalID(ev.MessageID))
	if p := ev.Payload; p != nil {
		if f := p.SymphonyElementsAction; f != nil {
			b.WriteByte(',')
			b.WriteString(symphony.CanonicalID(f.FormMessageID))
			b.WriteString("|f")
			b.WriteString(f.FormID)
		}
		if g := p.GenericSystemEvent; g != nil {
			b.WriteString("|s")
			b.WriteString(g.SourceSystem)
			b.WriteByte('/')
			b.WriteString(g.EventSubtype)
		}
	}
	return b.String()
}

// affectedUsers returns the sorted ids of the users an event is about,
// other than its initiator.
func affectedUsers(ev *symphony.V4Event) []int64 {
	p := ev.Payload
	if p == nil {
		return nil
	}
	var us []*symphony.V4User
	switch {
	case p.UserJoinedRoom != nil:
		us = append(us, p.UserJoinedRoom.AffectedUser)
	case p.UserLeftRoom != nil:
		us = append(us, p.UserLeftRoom.AffectedUser)
	case p.RoomMemberPromotedToOwner != nil:
		us = append(us, p.RoomMemberPromotedToOwner.AffectedUser)
	case p.RoomMemberDemotedFromOwner != nil:
		us = append(us, p.RoomMemberDemotedFromOwner.AffectedUser)
	case p.UserRequestedToJoinRoom != nil:
		us = append(us, p.UserRequestedToJoinRoom.AffectedUsers...)
	case p.ConnectionRequested != nil:
		us = append(us, p.ConnectionRequested.ToUser)
	case p.ConnectionAccepted != nil:
		us = append(us, p.ConnectionAccepted.FromUser)
	case p.InstantMessageCreated != nil && p.InstantMessageCreated.Stream != nil:
		us = append(us, p.InstantMessageCreated.Stream.Members...)
	}
	ids := make([]int64, 0, len(us))
	for _, u := range us {
		if u != nil {
			ids = append(ids, u.UserID)
		}
	}
	slices.Sort(ids)
	return ids
}

// messageID reports whether a canonical id can be a message's: not empty,
// and not shaped like the key of an event, a gap or a pending message.
func messageID(id string) bool {
	return id != "" && id[0] != eventPrefix[0] && id[0] != '~'
}

// pendingKey is the key of the row of a message being sent.
func pendingKey(localID string) string { return pendingPrefix + localID }

// gapKey is the key of a gap row.
func gapKey(g Gap) string {
	return gapPrefix + strconv.FormatInt(g.From, 10) + ":" + strconv.FormatInt(g.To, 10)
}
