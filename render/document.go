package render

import (
	"slices"
	"time"
)

// Document is a parsed message, ready to be laid out at any width. It is
// immutable and safe for concurrent use.
type Document struct {
	blocks    []block
	links     []Link
	oscs      []string   // per link: the URL for an OSC 8 hyperlink, "" for none
	mentioned []int64    // user ids, in order of first appearance
	tags      []Tag      // hashtags and cashtags, in order of first appearance (tags.go)
	times     []timeElem // time elements, formatted at layout
	chime     bool
	failed    bool // parsing panicked: lays out as one warning line
	size      int  // bytes of PresentationML, to size layout buffers
}

// Link is a link of the message.
type Link struct {
	// Text is the link's visible text, sanitised.
	Text string
	// URL is the target as the message gives it, sanitised (it may still
	// be anything: check Safe before opening it).
	URL string
	// Host is the host of an http(s) URL or the address of a mailto URL,
	// "" otherwise.
	Host string
	// Safe reports an http, https, mailto or symphony URL: the only ones
	// hyperlinked, and the only ones a client should offer to open.
	Safe bool
	// Image reports a link to an image (an <img> of the message or a
	// media entity) rather than an <a>.
	Image bool
}

// Options say how to lay a Document out. The zero value is not useful:
// Width must be set.
type Options struct {
	// Width is the number of terminal cells available. Every line is at
	// most this wide. Values below 1 are taken as 1.
	Width int
	// Theme styles the output; the zero Theme is NoColorTheme.
	Theme Theme
	// Plain drops every escape sequence: no styles, no hyperlinks.
	Plain bool
	// Hyperlinks wraps links to safe URLs in OSC 8 hyperlinks. Leave it off
	// for terminals that do not handle them.
	Hyperlinks bool
	// Me is the reader's user id: mentions of it are highlighted.
	Me int64
	// MaxLines, when positive, collapses a longer message to its first
	// MaxLines-1 lines and a line "… N more lines".
	MaxLines int
	// Expand shows the bodies of collapsed and cropped expandable cards.
	Expand bool
	// Now, when set, lets time elements say "today" and "yesterday".
	Now time.Time
	// Location is the time zone of time elements; nil means time.Local.
	Location *time.Location
}

// Parse reads a message: PresentationML, as V4Message.message holds it,
// and EntityJSON, as V4Message.data holds it ("" when there is none). It
// never fails: whatever it is given, the result lays out as something,
// and a panic inside the package gives a Document that lays out as
// "message could not be displayed".
func Parse(presentationML, entityJSON string) (d *Document) {
	defer func() {
		if recover() != nil {
			d = &Document{failed: true}
		}
	}()
	return parse(presentationML, entityJSON)
}

// parse is Parse without the recovery, for tests that must see panics.
func parse(presentationML, entityJSON string) *Document {
	if len(entityJSON) > MaxInputBytes {
		entityJSON = "" // not worth reading
	}
	return build(parseTree(presentationML), entityJSON)
}

// Links returns the links of the message, in document order. The slice is
// the caller's.
func (d *Document) Links() []Link {
	return slices.Clone(d.links)
}

// MentionedUserIDs returns the ids of the users the message mentions, each
// once, in order of first mention. The slice is the caller's.
func (d *Document) MentionedUserIDs() []int64 {
	return slices.Clone(d.mentioned)
}

// Mentions reports whether the message mentions the user me.
func (d *Document) Mentions(me int64) bool {
	return me != 0 && slices.Contains(d.mentioned, me)
}

// Chime reports whether the message is a chime (<audio>): the client
// should ring the terminal bell.
func (d *Document) Chime() bool {
	return d.chime
}

// Failed reports whether the message could not be parsed and lays out as
// a warning line.
func (d *Document) Failed() bool {
	return d.failed
}
