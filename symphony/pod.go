package symphony

// UserV2 is a user record of the pod (session info, user search).
type UserV2 struct {
	ID                int64          `json:"id"`
	EmailAddress      string         `json:"emailAddress,omitempty"`
	FirstName         string         `json:"firstName,omitempty"`
	LastName          string         `json:"lastName,omitempty"`
	DisplayName       string         `json:"displayName,omitempty"`
	Title             string         `json:"title,omitempty"`
	Company           string         `json:"company,omitempty"`
	Username          string         `json:"username,omitempty"`
	Location          string         `json:"location,omitempty"`
	AccountType       string         `json:"accountType,omitempty"`
	Avatars           []Avatar       `json:"avatars,omitempty"`
	WorkPhoneNumber   string         `json:"workPhoneNumber,omitempty"`
	MobilePhoneNumber string         `json:"mobilePhoneNumber,omitempty"`
	JobFunction       string         `json:"jobFunction,omitempty"`
	Department        string         `json:"department,omitempty"`
	Division          string         `json:"division,omitempty"`
	Roles             []string       `json:"roles,omitempty"`
	UserMetadata      map[string]any `json:"userMetadata,omitempty"`
}

// Avatar is one size of a user's picture.
type Avatar struct {
	Size string `json:"size,omitempty"`
	URL  string `json:"url,omitempty"`
}

// V2UserList is the answer of a user search.
type V2UserList struct {
	Users  []UserV2    `json:"users"`
	Errors []UserError `json:"errors,omitempty"`
}

// UserError is one failed criterion of a user search.
type UserError struct {
	Error string     `json:"error,omitempty"`
	Email string     `json:"email,omitempty"`
	ID    FlexString `json:"id,omitempty"`
}

// StreamType names a stream's type: IM, MIM, ROOM or POST.
type StreamType struct {
	Type string `json:"type"`
}

// StreamFilter is the body of a streams list call.
type StreamFilter struct {
	StreamTypes            []StreamType `json:"streamTypes,omitempty"`
	IncludeInactiveStreams bool         `json:"includeInactiveStreams,omitempty"`
}

// StreamAttributes is one stream of the streams list.
type StreamAttributes struct {
	ID               string                                `json:"id"`
	CrossPod         bool                                  `json:"crossPod"`
	Active           bool                                  `json:"active"`
	StreamType       StreamType                            `json:"streamType"`
	StreamAttributes *ConversationSpecificStreamAttributes `json:"streamAttributes,omitempty"`
	RoomAttributes   *RoomSpecificStreamAttributes         `json:"roomAttributes,omitempty"`
}

// ConversationSpecificStreamAttributes are the members of an IM, MIM or wall.
type ConversationSpecificStreamAttributes struct {
	Members []int64 `json:"members,omitempty"`
}

// RoomSpecificStreamAttributes carry a room's name in a streams list.
type RoomSpecificStreamAttributes struct {
	Name string `json:"name,omitempty"`
}

// V2StreamAttributes is the answer of stream info v2.
type V2StreamAttributes struct {
	ID               string                                `json:"id"`
	CrossPod         bool                                  `json:"crossPod"`
	Origin           string                                `json:"origin,omitempty"`
	Active           bool                                  `json:"active"`
	LastMessageDate  int64                                 `json:"lastMessageDate,omitempty"`
	StreamType       StreamType                            `json:"streamType"`
	StreamAttributes *ConversationSpecificStreamAttributes `json:"streamAttributes,omitempty"`
	RoomAttributes   *V2RoomSpecificStreamAttributes       `json:"roomAttributes,omitempty"`
}

// V2RoomSpecificStreamAttributes carry a room's name and groups.
type V2RoomSpecificStreamAttributes struct {
	Name   string      `json:"name,omitempty"`
	Groups []GroupItem `json:"groups,omitempty"`
}

// GroupItem is a group (SDL) added to a room.
type GroupItem struct {
	ID      int64 `json:"id,omitempty"`
	AddedBy int64 `json:"addedBy,omitempty"`
}

// RoomTag is a room keyword.
type RoomTag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// V3RoomDetail is the answer of room info v3.
type V3RoomDetail struct {
	RoomAttributes *V3RoomAttributes `json:"roomAttributes,omitempty"`
	RoomSystemInfo *RoomSystemInfo   `json:"roomSystemInfo,omitempty"`
	Groups         []GroupItem       `json:"groups,omitempty"`
}

// V3RoomAttributes are a room's properties.
type V3RoomAttributes struct {
	Name             string    `json:"name,omitempty"`
	Keywords         []RoomTag `json:"keywords,omitempty"`
	Description      string    `json:"description,omitempty"`
	MembersCanInvite bool      `json:"membersCanInvite"`
	Discoverable     bool      `json:"discoverable"`
	Public           bool      `json:"public"`
	ReadOnly         bool      `json:"readOnly"`
	CopyProtected    bool      `json:"copyProtected"`
	CrossPod         bool      `json:"crossPod"`
	ViewHistory      bool      `json:"viewHistory"`
	MultiLateralRoom bool      `json:"multiLateralRoom"`
	ScheduledMeeting bool      `json:"scheduledMeeting"`
	SubType          string    `json:"subType,omitempty"`
	PinnedMessageID  string    `json:"pinnedMessageId,omitempty"`
	GroupChat        bool      `json:"groupChat"`
}

// RoomSystemInfo is a room's system information.
type RoomSystemInfo struct {
	ID              string `json:"id"`
	CreationDate    int64  `json:"creationDate,omitempty"`
	CreatedByUserID int64  `json:"createdByUserId,omitempty"`
	Active          bool   `json:"active"`
}

// MemberInfo is one member of a room's membership list.
type MemberInfo struct {
	ID                 int64   `json:"id"`
	Owner              bool    `json:"owner"`
	JoinDate           int64   `json:"joinDate,omitempty"`
	AddedThroughGroups []int64 `json:"addedThroughGroups,omitempty"`
}

// UserConnection is the connection between the caller and another user.
type UserConnection struct {
	UserID           int64  `json:"userId"`
	Status           string `json:"status"`
	FirstRequestedAt int64  `json:"firstRequestedAt,omitempty"`
	UpdatedAt        int64  `json:"updatedAt,omitempty"`
	RequestCounter   int32  `json:"requestCounter,omitempty"`
}

// Connection statuses of UserConnection.Status.
const (
	ConnectionPendingIncoming = "PENDING_INCOMING"
	ConnectionPendingOutgoing = "PENDING_OUTGOING"
	ConnectionAccepted        = "ACCEPTED"
	ConnectionRejected        = "REJECTED"
	ConnectionAll             = "ALL"
)

// StreamID is the answer of IM creation: {"id": "..."}.
type StreamID struct {
	ID string `json:"id"`
}

// V1IMDetail is the answer of IM info; its JSON keys are capitalised.
type V1IMDetail struct {
	V1IMAttributes *V1IMAttributes `json:"V1IMAttributes,omitempty"`
	IMSystemInfo   *IMSystemInfo   `json:"IMSystemInfo,omitempty"`
}

// V1IMAttributes are an IM's attributes.
type V1IMAttributes struct {
	PinnedMessageID string `json:"pinnedMessageId,omitempty"`
}

// IMSystemInfo is an IM's system information.
type IMSystemInfo struct {
	ID           string `json:"id"`
	CreationDate int64  `json:"creationDate,omitempty"`
	Active       bool   `json:"active"`
}

// Token is the answer of a login: Name is the header to send Token in.
type Token struct {
	Name               string `json:"name"`
	Token              string `json:"token"`
	AuthorizationToken string `json:"authorizationToken,omitempty"`
}

// AuthenticateRequest is the body of a public-key login.
type AuthenticateRequest struct {
	Token string `json:"token"`
}

// ErrorBody is the error body of the pod (Error) and the agent (V2Error).
type ErrorBody struct {
	Code    int            `json:"code"`
	Message string         `json:"message"`
	Details map[string]any `json:"details,omitempty"`
}
