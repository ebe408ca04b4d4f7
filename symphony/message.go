package symphony

import "encoding/json"

// Original formats of V4Message.OriginalFormat.
const (
	FormatMessageMLv2 = "com.symphony.messageml.v2"
	FormatMarkdown    = "com.symphony.markdown"
)

// V4Message is a message as the agent delivers it: Message is PresentationML
// and Data is EntityJSON encoded as a JSON string.
type V4Message struct {
	MessageID          string             `json:"messageId,omitempty"`
	ParentMessageID    string             `json:"parentMessageId,omitempty"`
	Timestamp          int64              `json:"timestamp,omitempty"`
	Message            string             `json:"message,omitempty"`
	SharedMessage      *V4Message         `json:"sharedMessage,omitempty"`
	Data               string             `json:"data,omitempty"`
	Attachments        []V4AttachmentInfo `json:"attachments,omitempty"`
	User               *V4User            `json:"user,omitempty"`
	Stream             *V4Stream          `json:"stream,omitempty"`
	ExternalRecipients *bool              `json:"externalRecipients,omitempty"`
	Diagnostic         string             `json:"diagnostic,omitempty"`
	UserAgent          string             `json:"userAgent,omitempty"`
	OriginalFormat     string             `json:"originalFormat,omitempty"`
	Disclaimer         string             `json:"disclaimer,omitempty"`
	SID                string             `json:"sid,omitempty"`
	Replacing          string             `json:"replacing,omitempty"`
	ReplacedBy         string             `json:"replacedBy,omitempty"`
	InitialTimestamp   int64              `json:"initialTimestamp,omitempty"`
	InitialMessageID   string             `json:"initialMessageId,omitempty"`
	Silent             *FlexBool          `json:"silent,omitempty"`
}

// V4AttachmentInfo describes one attachment of a message.
type V4AttachmentInfo struct {
	ID     string            `json:"id"`
	Name   string            `json:"name"`
	Size   int64             `json:"size"`
	Images []V4ThumbnailInfo `json:"images"`
}

// V4ThumbnailInfo describes a thumbnail of an image attachment.
type V4ThumbnailInfo struct {
	ID        string `json:"id,omitempty"`
	Dimension string `json:"dimension,omitempty"`
}

// Entities decodes the message's EntityJSON leniently: an empty, null or
// invalid Data gives an empty map, never an error.
func (m *V4Message) Entities() map[string]json.RawMessage {
	return DecodeEntityJSON(m.Data)
}

// DecodeEntityJSON decodes an EntityJSON string leniently: "", "null",
// anything that is not a JSON object gives an empty, non-nil map.
func DecodeEntityJSON(data string) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	if data == "" {
		return out
	}
	if err := json.Unmarshal([]byte(data), &out); err != nil || out == nil {
		return map[string]json.RawMessage{}
	}
	return out
}
