package watch

import (
	"strings"

	"github.com/tutti-chat/tutti/symphony"
)

// typeBit returns the bit of an event type (upper case) in a rule's type
// mask: 1 << its index in symphony.EventTypes; 0 for an unknown type.
func typeBit(t string) uint32 {
	switch t {
	case symphony.EventMessageSent:
		return 1 << 0
	case symphony.EventSharedPost:
		return 1 << 1
	case symphony.EventInstantMessageCreated:
		return 1 << 2
	case symphony.EventRoomCreated:
		return 1 << 3
	case symphony.EventRoomUpdated:
		return 1 << 4
	case symphony.EventRoomDeactivated:
		return 1 << 5
	case symphony.EventRoomReactivated:
		return 1 << 6
	case symphony.EventUserJoinedRoom:
		return 1 << 7
	case symphony.EventUserLeftRoom:
		return 1 << 8
	case symphony.EventRoomMemberPromotedToOwner:
		return 1 << 9
	case symphony.EventRoomMemberDemotedFromOwner:
		return 1 << 10
	case symphony.EventConnectionRequested:
		return 1 << 11
	case symphony.EventConnectionAccepted:
		return 1 << 12
	case symphony.EventMessageSuppressed:
		return 1 << 13
	case symphony.EventSymphonyElementsAction:
		return 1 << 14
	case symphony.EventUserRequestedToJoinRoom:
		return 1 << 15
	case symphony.EventGenericSystemEvent:
		return 1 << 16
	}
	return 0
}

// The bits of the stream types in a rule's stream type mask.
const (
	bitRoom uint8 = 1 << iota
	bitIM
	bitMIM
	bitPost
)

// streamTypeBits returns the bits a rule's stream type stands for (CHAT:
// IM and MIM), ignoring case; 0 for an unknown one.
func streamTypeBits(t string) uint8 {
	switch strings.ToUpper(strings.TrimSpace(t)) {
	case symphony.StreamRoom:
		return bitRoom
	case symphony.StreamIM:
		return bitIM
	case symphony.StreamMIM:
		return bitMIM
	case symphony.StreamPost:
		return bitPost
	case StreamChat:
		return bitIM | bitMIM
	}
	return 0
}
