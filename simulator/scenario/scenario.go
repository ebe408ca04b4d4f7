// Package scenario generates the company the simulator plays: its people,
// rooms and conversations, days of believable history, and a stream of live
// actions. It is deterministic for a given name and seed and knows nothing of
// HTTP or of the simulator's state: the simulator applies the actions.
package scenario

import "time"

// Person is one user of the simulated pod.
type Person struct {
	ID          int64
	Username    string
	FirstName   string
	LastName    string
	DisplayName string
	Email       string
	Title       string
	Company     string
	Department  string
	Location    string
	Bot         bool // a service account (accountType SYSTEM)
}

// Room is a chat room at the start of the scenario.
type Room struct {
	ID          string // canonical (URL-safe, unpadded base64) stream id
	Name        string
	Description string
	Keywords    map[string]string
	Creator     int64
	Created     time.Time
	Members     []int64 // includes owners
	Owners      []int64
	Public      bool
	ReadOnly    bool
	External    bool
	CrossPod    bool
	Active      bool
}

// Conversation is an IM (two members) or a MIM (three or more).
type Conversation struct {
	ID      string // canonical stream id
	Members []int64
	Created time.Time
}

// Company is the cast of a scenario: the pod as it stands before the first
// action of History. Rooms and conversations that History creates are not in
// it; the actions that create them carry their properties.
type Company struct {
	Name    string
	People  []Person
	Account int64 // the service account tutti logs in as; one of People
	Rooms   []Room
	IMs     []Conversation
	// Walls maps a person to the canonical id of their wall (POST stream).
	Walls map[int64]string
	// External are users of other pods, not in People: the counterparts in
	// the cross-pod room (its members from the start) and the people who ask
	// for connections later.
	External []Person
	// Signals are the pod's signals (signals.go).
	Signals []Signal
}

// Kind is what an Action does.
type Kind int

// The kinds of action, each mapping to the event the pod emits for it.
const (
	SendMessage       Kind = iota // MESSAGESENT (Reply when Target is set)
	EditMessage                   // MESSAGESENT with replacing/initialMessageId of Target
	SuppressMessage               // MESSAGESUPPRESSED of Target
	SharePost                     // SHAREDPOST of Target (a wall post) into Stream
	CreateIM                      // INSTANTMESSAGECREATED for Members
	CreateRoom                    // ROOMCREATED with Room
	UpdateRoom                    // ROOMUPDATED with Room's new properties
	DeactivateRoom                // ROOMDEACTIVATED
	ReactivateRoom                // ROOMREACTIVATED
	RequestToJoin                 // USERREQUESTEDTOJOINROOM by Actor
	JoinRoom                      // USERJOINEDROOM of User (added by Actor)
	LeaveRoom                     // USERLEFTROOM of User
	PromoteOwner                  // ROOMMEMBERPROMOTEDTOOWNER of User
	DemoteOwner                   // ROOMMEMBERDEMOTEDFROMOWNER of User
	RequestConnection             // CONNECTIONREQUESTED from Actor to User
	AcceptConnection              // CONNECTIONACCEPTED by Actor of User's request
	SubmitForm                    // SYMPHONYELEMENTSACTION on Target's form
	SystemEvent                   // GENERICSYSTEMEVENT
)

// Attachment is the metadata of a file attached to a message.
type Attachment struct {
	Name string
	Size int64
}

// Action is one thing that happens in the pod.
type Action struct {
	Kind   Kind
	Time   time.Time // when it happened; zero for live actions (the simulator uses now)
	Actor  int64     // who did it (the event's initiator)
	Stream string    // canonical stream id it happens in
	// Key names a message this action creates (SendMessage, EditMessage,
	// SharePost), so that later actions can refer to it as Target.
	Key    string
	Target string // Key of an earlier message (reply parent, edited, suppressed, shared, form)

	MessageML   string // SendMessage, EditMessage, SharePost: MessageML or PresentationML
	Data        string // EntityJSON sent with MessageML, when it needs one
	Attachments []Attachment

	User    int64   // affected user (join, leave, promote, demote, connection)
	Members []int64 // CreateIM
	Room    *Room   // CreateRoom, UpdateRoom: the room's properties after the action

	FormID     string         // SubmitForm
	FormValues map[string]any // SubmitForm

	Subtype    string         // SystemEvent: eventSubtype
	Source     string         // SystemEvent: sourceSystem
	Parameters map[string]any // SystemEvent
}
