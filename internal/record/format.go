package record

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// FormatVersion is the version of the format this package writes; Read
// accepts it and every earlier one.
const FormatVersion = 1

// Kind says what an entry holds.
type Kind string

// Kinds of entries.
const (
	// KindHeader is the first line of a recording (Header).
	KindHeader Kind = "header"
	// KindSession is the session user: a UserV2 object.
	KindSession Kind = "session"
	// KindStreams is a page of the streams list: an array of
	// StreamAttributes; Query has its skip, limit and filter.
	KindStreams Kind = "streams"
	// KindUsers are users looked up: an array of UserV2.
	KindUsers Kind = "users"
	// KindStreamInfo is a stream's info v2: a V2StreamAttributes object.
	KindStreamInfo Kind = "streamInfo"
	// KindRoomInfo is a room's info v3: a V3RoomDetail object.
	KindRoomInfo Kind = "roomInfo"
	// KindRoomMembers is a room's members: an array of MemberInfo.
	KindRoomMembers Kind = "roomMembers"
	// KindDatafeed is a datafeed batch: an array of V4Event; Feed is "v2"
	// or "v1".
	KindDatafeed Kind = "datafeed"
	// KindHistory is a history page: an array of V4Message; Stream and
	// Query say which.
	KindHistory Kind = "history"
)

// Header is the first line of a recording.
type Header struct {
	Kind     Kind      `json:"kind"`   // KindHeader
	Format   int       `json:"format"` // FormatVersion when written
	Tutti    string    `json:"tutti"`  // the version of tutti that recorded
	Start    time.Time `json:"start"`  // when the recording started
	Redacted bool      `json:"redacted,omitempty"`
}

// Query is what was asked for a page: the history's since, until, skip and
// limit, or the streams list's skip, limit and filter.
type Query struct {
	Since  int64                  `json:"since,omitempty"`
	Until  int64                  `json:"until,omitempty"`
	Skip   int                    `json:"skip,omitempty"`
	Limit  int                    `json:"limit,omitempty"`
	Filter *symphony.StreamFilter `json:"filter,omitempty"`
}

// Entry is one answer of a recording.
type Entry struct {
	Kind Kind      `json:"kind"`
	At   time.Time `json:"at"` // when the answer was received
	// Stream is the canonical id of the stream of a history page, a stream
	// or room info, or room members.
	Stream string `json:"stream,omitempty"`
	// Feed is the datafeed version of a batch: "v2" or "v1".
	Feed  string `json:"feed,omitempty"`
	Query *Query `json:"query,omitempty"`
	// Body is the answer as received (see the kinds).
	Body json.RawMessage `json:"body"`
}

// Recording is a recording read back.
type Recording struct {
	Header  Header
	Entries []Entry
	// CutLine is the number of the last line when it was cut short (its
	// writer stopped mid-line) and is not replayed; 0 when none was.
	CutLine int
}

// decode decodes the entry's body into v, as the client decodes answers.
func (e *Entry) decode(v any) error {
	if err := symphony.DecodeJSON(e.Body, v); err != nil {
		return fmt.Errorf("decode the %s entry of %s: %w", e.Kind, e.At.Format(time.RFC3339Nano), err)
	}
	return nil
}

// Events decodes the events of a datafeed batch.
func (e *Entry) Events() ([]symphony.V4Event, error) {
	var out []symphony.V4Event
	return out, e.decode(&out)
}

// Messages decodes the messages of a history page.
func (e *Entry) Messages() ([]symphony.V4Message, error) {
	var out []symphony.V4Message
	return out, e.decode(&out)
}

// User decodes the session user.
func (e *Entry) User() (symphony.UserV2, error) {
	var out symphony.UserV2
	return out, e.decode(&out)
}

// Users decodes the users looked up.
func (e *Entry) Users() ([]symphony.UserV2, error) {
	var out []symphony.UserV2
	return out, e.decode(&out)
}

// Streams decodes a page of the streams list.
func (e *Entry) Streams() ([]symphony.StreamAttributes, error) {
	var out []symphony.StreamAttributes
	return out, e.decode(&out)
}

// StreamInfo decodes a stream's info.
func (e *Entry) StreamInfo() (symphony.V2StreamAttributes, error) {
	var out symphony.V2StreamAttributes
	return out, e.decode(&out)
}

// RoomInfo decodes a room's info.
func (e *Entry) RoomInfo() (symphony.V3RoomDetail, error) {
	var out symphony.V3RoomDetail
	return out, e.decode(&out)
}

// RoomMembers decodes a room's members.
func (e *Entry) RoomMembers() ([]symphony.MemberInfo, error) {
	var out []symphony.MemberInfo
	return out, e.decode(&out)
}

// End returns when the last answer of the recording was received, or its
// start when it holds none.
func (r *Recording) End() time.Time {
	end := r.Header.Start
	for i := range r.Entries {
		if r.Entries[i].At.After(end) {
			end = r.Entries[i].At
		}
	}
	return end
}
