package scenario

import "strconv"

// kindNames are the names of the kinds, as in the code.
var kindNames = [...]string{
	SendMessage:       "SendMessage",
	EditMessage:       "EditMessage",
	SuppressMessage:   "SuppressMessage",
	SharePost:         "SharePost",
	CreateIM:          "CreateIM",
	CreateRoom:        "CreateRoom",
	UpdateRoom:        "UpdateRoom",
	DeactivateRoom:    "DeactivateRoom",
	ReactivateRoom:    "ReactivateRoom",
	RequestToJoin:     "RequestToJoin",
	JoinRoom:          "JoinRoom",
	LeaveRoom:         "LeaveRoom",
	PromoteOwner:      "PromoteOwner",
	DemoteOwner:       "DemoteOwner",
	RequestConnection: "RequestConnection",
	AcceptConnection:  "AcceptConnection",
	SubmitForm:        "SubmitForm",
	SystemEvent:       "SystemEvent",
}

// Kinds returns every kind of action, in order.
func Kinds() []Kind {
	out := make([]Kind, len(kindNames))
	for i := range out {
		out[i] = Kind(i)
	}
	return out
}

// String returns the kind's name, such as "SendMessage".
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}
