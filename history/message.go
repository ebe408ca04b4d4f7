package history

import "github.com/tutti-chat/tutti/symphony"

// Message is a message as a timeline keeps it: what tutti shows of a
// version of a message, in about a third of the wire record
// (symphony.V4Message) that it is made from. The wire record's other
// fields (sid, user agent, original format, disclaimer, edit links) are
// not kept: a row's Event still holds them for messages that came from the
// datafeed, and a message known only from history can be fetched again by
// its ID (symphony.Client.Message), as the inspector does. Treat it as
// read-only: timelines share it.
type Message struct {
	// ID is the canonical id of this version.
	ID        string
	Timestamp int64
	// PML is the PresentationML of the message; Data its EntityJSON.
	PML, Data string
	User      *symphony.V4User
	Stream    *symphony.V4Stream
	// ParentID is the id of the message this one replies to, as given.
	ParentID string
	more     *messageMore // what few messages have
}

// messageMore is what only some messages have.
type messageMore struct {
	attachments []symphony.V4AttachmentInfo
	shared      *Message
}

// Attachments returns the message's attachments.
func (m *Message) Attachments() []symphony.V4AttachmentInfo {
	if m.more == nil {
		return nil
	}
	return m.more.attachments
}

// Shared returns the post a SHAREDPOST message shares, or nil.
func (m *Message) Shared() *Message {
	if m.more == nil {
		return nil
	}
	return m.more.shared
}

// newMessage returns the compact record of a wire message.
func newMessage(m *symphony.V4Message) *Message {
	return compactMessage(m, symphony.CanonicalID(m.MessageID))
}

// compactMessage returns the compact record of m, whose canonical id is id.
func compactMessage(m *symphony.V4Message, id string) *Message {
	c := &Message{
		ID: id, Timestamp: m.Timestamp, PML: m.Message, Data: m.Data,
		User: m.User, Stream: m.Stream, ParentID: m.ParentMessageID,
	}
	if len(m.Attachments) > 0 || m.SharedMessage != nil {
		c.more = &messageMore{attachments: m.Attachments}
		if s := m.SharedMessage; s != nil {
			c.more.shared = newMessage(s)
		}
	}
	return c
}

// stripped returns a copy of m without its content: what a tombstone
// shows (author, stream, time, ids).
func (m *Message) stripped() *Message {
	c := *m
	c.PML, c.Data, c.more = "", "", nil
	return &c
}
