package symphony

// UserID names a user in a request body: room membership calls, room
// search criteria (the pod's UserId).
type UserID struct {
	ID int64 `json:"id"`
}

// SuccessResponse is the answer of the room membership calls: a
// human-readable message in Format TEXT (or XML).
type SuccessResponse struct {
	Format  string `json:"format,omitempty"`
	Message string `json:"message,omitempty"`
}

// RoomUpdate is the body of a room update (V3RoomAttributes): only the
// attributes set are sent, and the pod changes only those. Keywords, when
// set, replace the room's keywords (an empty slice removes them all);
// PinnedMessageID set to "" unpins the pinned message.
type RoomUpdate struct {
	Name             *string    `json:"name,omitempty"`
	Keywords         *[]RoomTag `json:"keywords,omitempty"`
	Description      *string    `json:"description,omitempty"`
	MembersCanInvite *bool      `json:"membersCanInvite,omitempty"`
	Discoverable     *bool      `json:"discoverable,omitempty"`
	Public           *bool      `json:"public,omitempty"`
	ReadOnly         *bool      `json:"readOnly,omitempty"`
	CopyProtected    *bool      `json:"copyProtected,omitempty"`
	CrossPod         *bool      `json:"crossPod,omitempty"`
	ViewHistory      *bool      `json:"viewHistory,omitempty"`
	MultiLateralRoom *bool      `json:"multiLateralRoom,omitempty"`
	ScheduledMeeting *bool      `json:"scheduledMeeting,omitempty"`
	SubType          *string    `json:"subType,omitempty"`
	PinnedMessageID  *string    `json:"pinnedMessageId,omitempty"`
	GroupChat        *bool      `json:"groupChat,omitempty"`
}

// Sort orders of V2RoomSearchCriteria.SortOrder.
const (
	RoomSortBasic     = "BASIC"
	RoomSortRelevance = "RELEVANCE"
)

// Fields a room search may look in (V2RoomSearchCriteria.SearchFields).
const (
	RoomFieldName          = "name"
	RoomFieldDescription   = "description"
	RoomFieldKeywordsKey   = "keywords_key"
	RoomFieldKeywordsValue = "keywords_value"
)

// V2RoomSearchCriteria is the body of a room search. Query is required by
// the pod ("" matches every room in the search's scope); the other
// criteria restrict the results when set.
type V2RoomSearchCriteria struct {
	Query        string   `json:"query"`
	Labels       []string `json:"labels,omitempty"`
	SearchFields []string `json:"searchFields,omitempty"`
	Active       *bool    `json:"active,omitempty"`
	Private      *bool    `json:"private,omitempty"`
	Owner        *UserID  `json:"owner,omitempty"`
	Creator      *UserID  `json:"creator,omitempty"`
	Member       *UserID  `json:"member,omitempty"`
	SortOrder    string   `json:"sortOrder,omitempty"`
	SubType      string   `json:"subType,omitempty"`
}

// V3RoomSearchResults is the answer of a room search: Count rooms matched
// in all, the page of them asked for, and per label how many matched
// through it.
type V3RoomSearchResults struct {
	Count             int64                 `json:"count"`
	Skip              int                   `json:"skip"`
	Limit             int                   `json:"limit"`
	Query             *V2RoomSearchCriteria `json:"query,omitempty"`
	Rooms             []V3RoomDetail        `json:"rooms"`
	FacetedMatchCount []FacetedMatchCount   `json:"facetedMatchCount"`
}

// FacetedMatchCount is how many rooms a search criterion (a label) matched.
type FacetedMatchCount struct {
	Facet string `json:"facet,omitempty"`
	Count int    `json:"count"`
}

// RoomDetail is a room as the v1 room calls (setActive) return it.
type RoomDetail struct {
	RoomAttributes          *RoomAttributes          `json:"roomAttributes,omitempty"`
	RoomSystemInfo          *RoomSystemInfo          `json:"roomSystemInfo,omitempty"`
	ImmutableRoomAttributes *ImmutableRoomAttributes `json:"immutableRoomAttributes,omitempty"`
}

// RoomAttributes are a room's changeable attributes in a RoomDetail.
type RoomAttributes struct {
	Name             string `json:"name,omitempty"`
	Description      string `json:"description,omitempty"`
	MembersCanInvite bool   `json:"membersCanInvite"`
	Discoverable     bool   `json:"discoverable"`
}

// ImmutableRoomAttributes are the attributes a room keeps from its
// creation, in a RoomDetail.
type ImmutableRoomAttributes struct {
	Public        bool `json:"public"`
	ReadOnly      bool `json:"readOnly"`
	CopyProtected bool `json:"copyProtected"`
}
