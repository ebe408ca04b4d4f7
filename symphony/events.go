package symphony

// Event types of V4Event.Type, as the agent sends them.
const (
	EventMessageSent                = "MESSAGESENT"
	EventMessageSuppressed          = "MESSAGESUPPRESSED"
	EventSymphonyElementsAction     = "SYMPHONYELEMENTSACTION"
	EventSharedPost                 = "SHAREDPOST"
	EventInstantMessageCreated      = "INSTANTMESSAGECREATED"
	EventRoomCreated                = "ROOMCREATED"
	EventRoomUpdated                = "ROOMUPDATED"
	EventRoomDeactivated            = "ROOMDEACTIVATED"
	EventRoomReactivated            = "ROOMREACTIVATED"
	EventUserRequestedToJoinRoom    = "USERREQUESTEDTOJOINROOM"
	EventUserJoinedRoom             = "USERJOINEDROOM"
	EventUserLeftRoom               = "USERLEFTROOM"
	EventRoomMemberPromotedToOwner  = "ROOMMEMBERPROMOTEDTOOWNER"
	EventRoomMemberDemotedFromOwner = "ROOMMEMBERDEMOTEDFROMOWNER"
	EventConnectionRequested        = "CONNECTIONREQUESTED"
	EventConnectionAccepted         = "CONNECTIONACCEPTED"
	EventGenericSystemEvent         = "GENERICSYSTEMEVENT"
)

// EventTypes lists every event type of the public agent API, in the order of
// the specification.
func EventTypes() []string {
	return []string{
		EventMessageSent, EventSharedPost, EventInstantMessageCreated,
		EventRoomCreated, EventRoomUpdated, EventRoomDeactivated, EventRoomReactivated,
		EventUserJoinedRoom, EventUserLeftRoom, EventRoomMemberPromotedToOwner,
		EventRoomMemberDemotedFromOwner, EventConnectionRequested, EventConnectionAccepted,
		EventMessageSuppressed, EventSymphonyElementsAction, EventUserRequestedToJoinRoom,
		EventGenericSystemEvent,
	}
}

// Stream types of V4Stream.StreamType and StreamType.Type.
const (
	StreamIM   = "IM"
	StreamMIM  = "MIM"
	StreamRoom = "ROOM"
	StreamPost = "POST"
)

// V4Event is one real-time event of a datafeed.
type V4Event struct {
	ID         string       `json:"id,omitempty"`
	MessageID  string       `json:"messageId,omitempty"`
	Timestamp  int64        `json:"timestamp,omitempty"`
	Type       string       `json:"type,omitempty"`
	Diagnostic string       `json:"diagnostic,omitempty"`
	Initiator  *V4Initiator `json:"initiator,omitempty"`
	Payload    *V4Payload   `json:"payload,omitempty"`
}

// V4Initiator is who caused an event; currently always a user.
type V4Initiator struct {
	User *V4User `json:"user,omitempty"`
}

// V4User is a user as events carry it; any field may be missing.
type V4User struct {
	UserID      int64  `json:"userId,omitempty"`
	FirstName   string `json:"firstName,omitempty"`
	LastName    string `json:"lastName,omitempty"`
	DisplayName string `json:"displayName,omitempty"`
	Email       string `json:"email,omitempty"`
	Username    string `json:"username,omitempty"`
}

// V4Stream is a stream as events carry it.
type V4Stream struct {
	StreamID           string    `json:"streamId,omitempty"`
	StreamType         string    `json:"streamType,omitempty"`
	RoomName           string    `json:"roomName,omitempty"`
	Members            []*V4User `json:"members,omitempty"`
	External           *bool     `json:"external,omitempty"`
	CrossPod           *bool     `json:"crossPod,omitempty"`
	RecipientTenantIDs []int32   `json:"recipientTenantIds,omitempty"`
}

// V4RoomProperties are a room's properties in ROOMCREATED and ROOMUPDATED.
type V4RoomProperties struct {
	Name             string           `json:"name,omitempty"`
	Description      string           `json:"description,omitempty"`
	CreatorUser      *V4User          `json:"creatorUser,omitempty"`
	CreatedDate      int64            `json:"createdDate,omitempty"`
	External         *bool            `json:"external,omitempty"`
	CrossPod         *bool            `json:"crossPod,omitempty"`
	Public           *bool            `json:"public,omitempty"`
	CopyProtected    *bool            `json:"copyProtected,omitempty"`
	ReadOnly         *bool            `json:"readOnly,omitempty"`
	Discoverable     *bool            `json:"discoverable,omitempty"`
	MembersCanInvite *bool            `json:"membersCanInvite,omitempty"`
	Keywords         []V4KeyValuePair `json:"keywords,omitempty"`
	CanViewHistory   *bool            `json:"canViewHistory,omitempty"`
}

// V4KeyValuePair is a room keyword.
type V4KeyValuePair struct {
	Key   string `json:"key,omitempty"`
	Value string `json:"value,omitempty"`
}

// V4Payload holds exactly one member, named after the event type.
type V4Payload struct {
	MessageSent                *V4MessageSent                `json:"messageSent,omitempty"`
	SharedPost                 *V4SharedPost                 `json:"sharedPost,omitempty"`
	InstantMessageCreated      *V4InstantMessageCreated      `json:"instantMessageCreated,omitempty"`
	RoomCreated                *V4RoomCreated                `json:"roomCreated,omitempty"`
	RoomUpdated                *V4RoomUpdated                `json:"roomUpdated,omitempty"`
	RoomDeactivated            *V4RoomDeactivated            `json:"roomDeactivated,omitempty"`
	RoomReactivated            *V4RoomReactivated            `json:"roomReactivated,omitempty"`
	UserJoinedRoom             *V4UserJoinedRoom             `json:"userJoinedRoom,omitempty"`
	UserLeftRoom               *V4UserLeftRoom               `json:"userLeftRoom,omitempty"`
	RoomMemberPromotedToOwner  *V4RoomMemberPromotedToOwner  `json:"roomMemberPromotedToOwner,omitempty"`
	RoomMemberDemotedFromOwner *V4RoomMemberDemotedFromOwner `json:"roomMemberDemotedFromOwner,omitempty"`
	ConnectionRequested        *V4ConnectionRequested        `json:"connectionRequested,omitempty"`
	ConnectionAccepted         *V4ConnectionAccepted         `json:"connectionAccepted,omitempty"`
	MessageSuppressed          *V4MessageSuppressed          `json:"messageSuppressed,omitempty"`
	SymphonyElementsAction     *V4SymphonyElementsAction     `json:"symphonyElementsAction,omitempty"`
	UserRequestedToJoinRoom    *V4UserRequestedToJoinRoom    `json:"userRequestedToJoinRoom,omitempty"`
	GenericSystemEvent         *V4GenericSystemEvent         `json:"genericSystemEvent,omitempty"`
}

// V4MessageSent is the payload of MESSAGESENT.
type V4MessageSent struct {
	Message *V4Message `json:"message,omitempty"`
}

// V4SharedPost is the payload of SHAREDPOST.
type V4SharedPost struct {
	Message       *V4Message `json:"message,omitempty"`
	SharedMessage *V4Message `json:"sharedMessage,omitempty"`
}

// V4InstantMessageCreated is the payload of INSTANTMESSAGECREATED.
type V4InstantMessageCreated struct {
	Stream *V4Stream `json:"stream,omitempty"`
}

// V4RoomCreated is the payload of ROOMCREATED.
type V4RoomCreated struct {
	Stream         *V4Stream         `json:"stream,omitempty"`
	RoomProperties *V4RoomProperties `json:"roomProperties,omitempty"`
}

// V4RoomUpdated is the payload of ROOMUPDATED.
type V4RoomUpdated struct {
	Stream            *V4Stream         `json:"stream,omitempty"`
	NewRoomProperties *V4RoomProperties `json:"newRoomProperties,omitempty"`
}

// V4RoomDeactivated is the payload of ROOMDEACTIVATED.
type V4RoomDeactivated struct {
	Stream *V4Stream `json:"stream,omitempty"`
}

// V4RoomReactivated is the payload of ROOMREACTIVATED.
type V4RoomReactivated struct {
	Stream *V4Stream `json:"stream,omitempty"`
}

// V4UserJoinedRoom is the payload of USERJOINEDROOM.
type V4UserJoinedRoom struct {
	Stream       *V4Stream `json:"stream,omitempty"`
	AffectedUser *V4User   `json:"affectedUser,omitempty"`
}

// V4UserLeftRoom is the payload of USERLEFTROOM.
type V4UserLeftRoom struct {
	Stream       *V4Stream `json:"stream,omitempty"`
	AffectedUser *V4User   `json:"affectedUser,omitempty"`
}

// V4RoomMemberPromotedToOwner is the payload of ROOMMEMBERPROMOTEDTOOWNER.
type V4RoomMemberPromotedToOwner struct {
	Stream       *V4Stream `json:"stream,omitempty"`
	AffectedUser *V4User   `json:"affectedUser,omitempty"`
}

// V4RoomMemberDemotedFromOwner is the payload of ROOMMEMBERDEMOTEDFROMOWNER.
type V4RoomMemberDemotedFromOwner struct {
	Stream       *V4Stream `json:"stream,omitempty"`
	AffectedUser *V4User   `json:"affectedUser,omitempty"`
}

// V4ConnectionRequested is the payload of CONNECTIONREQUESTED; the initiator
// is the requester.
type V4ConnectionRequested struct {
	ToUser *V4User `json:"toUser,omitempty"`
}

// V4ConnectionAccepted is the payload of CONNECTIONACCEPTED; the initiator
// is the accepter and FromUser the original requester.
type V4ConnectionAccepted struct {
	FromUser *V4User `json:"fromUser,omitempty"`
}

// V4MessageSuppressed is the payload of MESSAGESUPPRESSED; MessageID is the
// suppressed message.
type V4MessageSuppressed struct {
	MessageID string    `json:"messageId,omitempty"`
	Stream    *V4Stream `json:"stream,omitempty"`
}

// V4SymphonyElementsAction is the payload of SYMPHONYELEMENTSACTION.
type V4SymphonyElementsAction struct {
	Stream        *V4Stream      `json:"stream,omitempty"`
	FormMessageID string         `json:"formMessageId,omitempty"`
	FormID        string         `json:"formId,omitempty"`
	FormValues    map[string]any `json:"formValues,omitempty"`
}

// V4UserRequestedToJoinRoom is the payload of USERREQUESTEDTOJOINROOM;
// AffectedUsers are the room owners.
type V4UserRequestedToJoinRoom struct {
	Stream        *V4Stream `json:"stream,omitempty"`
	AffectedUsers []*V4User `json:"affectedUsers,omitempty"`
}

// V4GenericSystemEvent is the payload of GENERICSYSTEMEVENT.
type V4GenericSystemEvent struct {
	Stream         *V4Stream      `json:"stream,omitempty"`
	EventTimestamp int64          `json:"eventTimestamp,omitempty"`
	SourceSystem   string         `json:"sourceSystem,omitempty"`
	EventSubtype   string         `json:"eventSubtype,omitempty"`
	Parameters     map[string]any `json:"parameters,omitempty"`
}

// V5EventList is the answer of a datafeed v2 read.
type V5EventList struct {
	Events []V4Event `json:"events"`
	AckID  string    `json:"ackId"`
}

// V5Datafeed is a datafeed v2.
type V5Datafeed struct {
	ID        string `json:"id"`
	CreatedAt int64  `json:"createdAt,omitempty"`
	Type      string `json:"type,omitempty"`
}

// V5DatafeedCreateBody is the optional body of a datafeed v2 creation.
type V5DatafeedCreateBody struct {
	Tag              string `json:"tag,omitempty"`
	IncludeInvisible bool   `json:"includeInvisible,omitempty"`
}

// AckID is the body of a datafeed v2 read. UpdatePresence is a pointer since
// the agent's default, when it is absent, is true.
type AckID struct {
	AckID          string `json:"ackId"`
	UpdatePresence *bool  `json:"updatePresence,omitempty"`
}

// Datafeed is a datafeed v1.
type Datafeed struct {
	ID string `json:"id"`
}

// Stream returns the stream an event belongs to, or nil for events outside
// any stream (connection events).
func (e *V4Event) Stream() *V4Stream {
	p := e.Payload
	if p == nil {
		return nil
	}
	switch {
	case p.MessageSent != nil && p.MessageSent.Message != nil:
		return p.MessageSent.Message.Stream
	case p.SharedPost != nil && p.SharedPost.Message != nil:
		return p.SharedPost.Message.Stream
	case p.InstantMessageCreated != nil:
		return p.InstantMessageCreated.Stream
	case p.RoomCreated != nil:
		return p.RoomCreated.Stream
	case p.RoomUpdated != nil:
		return p.RoomUpdated.Stream
	case p.RoomDeactivated != nil:
		return p.RoomDeactivated.Stream
	case p.RoomReactivated != nil:
		return p.RoomReactivated.Stream
	case p.UserJoinedRoom != nil:
		return p.UserJoinedRoom.Stream
	case p.UserLeftRoom != nil:
		return p.UserLeftRoom.Stream
	case p.RoomMemberPromotedToOwner != nil:
		return p.RoomMemberPromotedToOwner.Stream
	case p.RoomMemberDemotedFromOwner != nil:
		return p.RoomMemberDemotedFromOwner.Stream
	case p.MessageSuppressed != nil:
		return p.MessageSuppressed.Stream
	case p.SymphonyElementsAction != nil:
		return p.SymphonyElementsAction.Stream
	case p.UserRequestedToJoinRoom != nil:
		return p.UserRequestedToJoinRoom.Stream
	case p.GenericSystemEvent != nil:
		return p.GenericSystemEvent.Stream
	}
	return nil
}

// Message returns the message an event carries (MESSAGESENT, SHAREDPOST), or
// nil.
func (e *V4Event) Message() *V4Message {
	if e.Payload == nil {
		return nil
	}
	if m := e.Payload.MessageSent; m != nil {
		return m.Message
	}
	if s := e.Payload.SharedPost; s != nil {
		return s.Message
	}
	return nil
}

// KnownType reports whether the event's type is one of the public API's.
func (e *V4Event) KnownType() bool {
	for _, t := range EventTypes() {
		if t == e.Type {
			return true
		}
	}
	return false
}

// AffectedUsers returns the users an event's payload acts on: the joined,
// left, promoted or demoted member, the other side of a connection, the
// owners asked by a join request, the members of a new IM.
func (p *V4Payload) AffectedUsers() []*V4User {
	if p == nil {
		return nil
	}
	switch {
	case p.UserJoinedRoom != nil:
		return []*V4User{p.UserJoinedRoom.AffectedUser}
	case p.UserLeftRoom != nil:
		return []*V4User{p.UserLeftRoom.AffectedUser}
	case p.RoomMemberPromotedToOwner != nil:
		return []*V4User{p.RoomMemberPromotedToOwner.AffectedUser}
	case p.RoomMemberDemotedFromOwner != nil:
		return []*V4User{p.RoomMemberDemotedFromOwner.AffectedUser}
	case p.ConnectionRequested != nil:
		return []*V4User{p.ConnectionRequested.ToUser}
	case p.ConnectionAccepted != nil:
		return []*V4User{p.ConnectionAccepted.FromUser}
	case p.UserRequestedToJoinRoom != nil:
		return p.UserRequestedToJoinRoom.AffectedUsers
	case p.InstantMessageCreated != nil && p.InstantMessageCreated.Stream != nil:
		return p.InstantMessageCreated.Stream.Members
	}
	return nil
}
