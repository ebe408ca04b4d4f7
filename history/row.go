package history

import (
	"strconv"

	"github.com/tutti-chat/tutti/symphony"
)

// RowKind is what a row of a timeline shows.
type RowKind int

// Kinds of rows.
const (
	// RowMessage is a message (MESSAGESENT, SHAREDPOST, a history message,
	// or our own message while it is being sent).
	RowMessage RowKind = iota
	// RowRoomEvent is a room or conversation created, updated, deactivated
	// or reactivated.
	RowRoomEvent
	// RowMembership is a user who joined, left, was promoted or demoted, or
	// asked to join.
	RowMembership
	// RowConnection is a connection requested or accepted.
	RowConnection
	// RowFormAction is a submitted Elements form.
	RowFormAction
	// RowSystem is a generic system event.
	RowSystem
	// RowGap marks a time range whose messages may be missing.
	RowGap
)

var rowKindNames = [...]string{
	RowMessage:    "message",
	RowRoomEvent:  "room",
	RowMembership: "membership",
	RowConnection: "connection",
	RowFormAction: "form",
	RowSystem:     "system",
	RowGap:        "gap",
}

// String returns the kind's name, such as "message" or "membership".
func (k RowKind) String() string {
	if k >= 0 && int(k) < len(rowKindNames) {
		return rowKindNames[k]
	}
	return "RowKind(" + strconv.Itoa(int(k)) + ")"
}

// Row is one item of a timeline. Message and Event are shared with the
// timeline, not copied: treat them as read-only.
type Row struct {
	// Key identifies the row: the canonical id of the first version for a
	// message, a key built from the type, event id, stream, users and
	// message ids for an event, a local key for a pending message or a gap.
	Key       string
	Kind      RowKind
	Timestamp int64 // ms since the epoch; a message's is its first version's
	// Message is the newest version of a message (nil for events and gaps),
	// as the timeline keeps it. For a suppressed message it is a copy
	// without content.
	Message *Message
	// Event is the datafeed event behind the row: for a message, the event
	// that carried the newest version seen on the datafeed; nil for rows
	// known only from history, pending messages and gaps.
	Event      *symphony.V4Event
	Edited     bool   // a newer version replaced the first one's content
	Suppressed bool   // tombstone: the message was removed
	Pending    bool   // our own message, not confirmed by the agent yet
	Failed     string // why a pending message could not be sent; "" if it did not fail
	Recovered  bool   // known only from history pages, never seen on the datafeed
	Gap        *Gap   // RowGap only
}

// Gap is a time range, in ms, inclusive at both ends, whose messages may be
// missing from a timeline.
type Gap struct{ From, To int64 }

// Change is what a verb did to a timeline.
type Change int

// Changes.
const (
	// Unchanged: nothing visible changed (a duplicate, the echo of a message
	// already confirmed, an older version, an event of another stream, an
	// unknown event type). Row.Event may still have been set.
	Unchanged Change = iota
	// Inserted: a new row.
	Inserted
	// Updated: an existing row changed (a newer version, a suppression, the
	// confirmation of a pending message, a first datafeed delivery of a row
	// known only from history).
	Updated
)

// String returns "unchanged", "inserted" or "updated".
func (c Change) String() string {
	switch c {
	case Unchanged:
		return "unchanged"
	case Inserted:
		return "inserted"
	case Updated:
		return "updated"
	}
	return "Change(" + strconv.Itoa(int(c)) + ")"
}
