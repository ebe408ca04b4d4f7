package keymap

import "charm.land/bubbles/v2/key"

// KeyMap is every binding of tutti, grouped by context.
type KeyMap struct {
	Global     GlobalKeys
	Normal     NormalKeys
	StreamList StreamListKeys
	Timeline   TimelineKeys
	Composer   ComposerKeys
	Switcher   SwitcherKeys
	Inspector  InspectorKeys
	Search     SearchKeys
	ListFilter ListFilterKeys
	People     PeopleKeys
	Picker     PickerKeys
	Form       FormKeys
}

// GlobalKeys apply everywhere, even while typing.
type GlobalKeys struct {
	Quit         key.Binding
	Switcher     key.Binding
	NextActivity key.Binding
}

// NormalKeys apply in the stream list and the timeline.
type NormalKeys struct {
	Quit      key.Binding
	Help      key.Binding
	Log       key.Binding
	FocusNext key.Binding
	FocusPrev key.Binding
	Split     key.Binding
	ClosePane key.Binding
	Zoom      key.Binding
	// SearchAll opens the switcher for a search across streams.
	SearchAll key.Binding
	Reconnect key.Binding
	// MarkAllRead clears every stream's counts; Mute mutes or unmutes the
	// stream under the list cursor or in the focused pane.
	MarkAllRead key.Binding
	Mute        key.Binding
	// NewChat picks people by name for an IM or MIM; CreateRoom asks for a
	// new room's name, description and visibility; AddMember picks people
	// to add to a room.
	NewChat    key.Binding
	CreateRoom key.Binding
	AddMember  key.Binding
	// Overview opens activity at a glance: the busiest streams, the pod's
	// last minute, the datafeed's health.
	Overview key.Binding
	// RoomInfo opens the room info and members overlay of the open stream
	// (the participants of an IM or MIM).
	RoomInfo key.Binding
}

// StreamListKeys apply when the stream list has the focus.
type StreamListKeys struct {
	Down     key.Binding
	Up       key.Binding
	PageDown key.Binding
	PageUp   key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Open     key.Binding
	Compose  key.Binding
	Filter   key.Binding
	Leave    key.Binding
}

// TimelineKeys apply when a timeline pane has the focus. Down and Up move
// the selected message, scrolling the pane to keep it visible; Copy, Open
// and Inspect act on it.
type TimelineKeys struct {
	Down             key.Binding
	Up               key.Binding
	PageDown         key.Binding
	PageUp           key.Binding
	Top              key.Binding
	Bottom           key.Binding
	Compose          key.Binding
	Search           key.Binding
	NextMatch        key.Binding
	PrevMatch        key.Binding
	ToggleMembership key.Binding
	Copy             key.Binding
	OpenLink         key.Binding
	// Download saves the selected message's attachments; OpenAttachment
	// opens a saved one (saving it first).
	Download       key.Binding
	OpenAttachment key.Binding
	// AcceptConnection and RejectConnection answer the selected
	// connection request.
	AcceptConnection key.Binding
	RejectConnection key.Binding
	Connect          key.Binding // asks the selected message's author to connect
	Expand           key.Binding
	Edit             key.Binding // one's own selected message, in the composer
	Reply            key.Binding // the composer, under a quote of the selected message
	Forward          key.Binding // the selected message, quoted, to a stream picked in the switcher
	Inspect          key.Binding
	Leave            key.Binding
	// JumpDate asks for a date and loads the stream's history from it.
	JumpDate key.Binding
	// Profile opens the profile of the selected message's author.
	Profile key.Binding
}

// ComposerKeys apply while typing a message.
type ComposerKeys struct {
	Send        key.Binding
	Newline     key.Binding
	Complete    key.Binding
	HistoryPrev key.Binding
	HistoryNext key.Binding
	Leave       key.Binding
}

// SwitcherKeys apply while the quick switcher is open.
type SwitcherKeys struct {
	Down  key.Binding
	Up    key.Binding
	Open  key.Binding
	Close key.Binding
}

// InspectorKeys apply while the event inspector is open.
type InspectorKeys struct {
	Down     key.Binding
	Up       key.Binding
	PageDown key.Binding
	PageUp   key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Copy     key.Binding
	Close    key.Binding
}

// SearchKeys apply while a search's query is typed: text edits the query.
type SearchKeys struct {
	Accept key.Binding
	Cancel key.Binding
}

// ListFilterKeys apply while the stream list's filter is typed: text
// edits the query.
type ListFilterKeys struct {
	Down  key.Binding
	Up    key.Binding
	Open  key.Binding
	Clear key.Binding
}

// PeopleKeys apply while the room info and members overlay or a profile
// is open: move among the members, open one's profile, start an IM.
type PeopleKeys struct {
	Down    key.Binding
	Up      key.Binding
	Top     key.Binding
	Bottom  key.Binding
	Profile key.Binding
	Chat    key.Binding
	Connect key.Binding
	// AddMember picks people to add to the room shown.
	AddMember key.Binding
	Close     key.Binding
}

// PickerKeys apply while people are picked by name (a new chat, members to
// add): text types the name, Choose adds the highlighted person to those
// picked (or takes them out), Done acts on them.
type PickerKeys struct {
	Down   key.Binding
	Up     key.Binding
	Choose key.Binding
	Done   key.Binding
	Close  key.Binding
}

// FormKeys apply while an Elements form is filled in: Next and Prev move
// among its fields and its buttons, Left and Right among a field's
// choices (or cycle a drop-down, or the buttons), Toggle checks or
// chooses, Press presses the button (or goes to the next field).
type FormKeys struct {
	Next    key.Binding
	Prev    key.Binding
	Left    key.Binding
	Right   key.Binding
	Toggle  key.Binding
	Press   key.Binding
	Newline key.Binding
	Close   key.Binding
}

// bind builds a binding whose help keys are derived from its keys.
func bind(desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKeys(keys), desc))
}

// Default returns tutti's default bindings: vim keys and arrows both.
func Default() KeyMap {
	return KeyMap{
		Global: GlobalKeys{
			// q is a Normal key: in the composer it is a letter.
			Quit: bind("quit", "ctrl+c"),
			// ctrl+k as in Slack and Discord. It shadows the textarea's
			// kill-to-end-of-line, which chat composers rarely need.
			Switcher: bind("switch stream", "ctrl+k"),
			// Global so that a mention can be reached while composing;
			// alt+a as in weechat and irssi. ctrl+n is the switcher's down.
			NextActivity: bind("next unread", "alt+a"),
		},
		Normal: NormalKeys{
			Quit:      bind("quit", "q"),
			Help:      bind("help", "?"),
			Log:       bind("log of notices and errors", "L"),
			FocusNext: bind("next pane", "tab"),
			FocusPrev: bind("previous pane", "shift+tab"),
			Split:     bind("split", "s"),
			// Not Global: in the composer ctrl+w deletes the previous word,
			// as in every readline, and a pane must not close on it.
			ClosePane: bind("close pane", "ctrl+w"),
			Zoom:      bind("zoom pane", "z"),
			SearchAll: bind("search every stream", "F"),
			Reconnect: bind("reconnect now", "R"),
			// I: information, of the room and who is in it.
			RoomInfo: bind("room info and members", "I"),
			// alt+r: "read", out of the way of a stray r; M mutes (m
			// toggles membership rows).
			MarkAllRead: bind("mark all read", "alt+r"),
			Mute:        bind("mute or unmute stream", "M"),
			// c: chat, as in the room info's c; + adds a room, as the
			// "+" beside Slack's channels; A adds people to one.
			NewChat:    bind("new chat (IM or MIM)", "c"),
			CreateRoom: bind("create a room", "+"),
			AddMember:  bind("add members to room", "A"),
			Overview:   bind("overview", "O"),
		},
		// Pages: ctrl+f/ctrl+b as in vim and less, next to pgdown/pgup
		// (inside tmux, ctrl+b is usually its prefix; pgup remains).
		StreamList: StreamListKeys{
			Down:     bind("down", "j", "down"),
			Up:       bind("up", "k", "up"),
			PageDown: bind("page down", "pgdown", "ctrl+f"),
			PageUp:   bind("page up", "pgup", "ctrl+b"),
			Top:      bind("first stream", "g", "home"),
			Bottom:   bind("last stream", "G", "end"),
			// enter opens the stream (the list's main action); i composes
			// in it directly.
			Open:    bind("open stream", "enter", "l"),
			Compose: bind("compose", "i"),
			Filter:  bind("filter", "/"),
			Leave:   bind("clear filter", "esc"),
		},
		Timeline: TimelineKeys{
			Down:     bind("down", "j", "down"),
			Up:       bind("up", "k", "up"),
			PageDown: bind("page down", "pgdown", "ctrl+f"),
			PageUp:   bind("page up", "pgup", "ctrl+b"),
			Top:      bind("oldest", "g", "home"),
			Bottom:   bind("newest", "G", "end"),
			// On a gap row, enter fills the gap instead of composing.
			Compose:          bind("compose", "i", "enter"),
			Search:           bind("search", "/"),
			NextMatch:        bind("next match", "n"),
			PrevMatch:        bind("previous match", "N"),
			ToggleMembership: bind("membership rows", "m"),
			Copy:             bind("copy message", "y"),
			OpenLink:         bind("open link", "o"),
			// d: download, as in mutt's save; D opens what was saved.
			Download:       bind("save attachments", "d"),
			OpenAttachment: bind("open attachment", "D"),
			// a accepts; X, shifted, rejects: not a key to hit by mistake.
			AcceptConnection: bind("accept connection", "a"),
			RejectConnection: bind("reject connection", "X"),
			Connect:          bind("ask author to connect", "C"), // C: connect
			Expand:           bind("expand or collapse", "x"),
			Edit:             bind("edit own message", "E"), // e inspects
			Reply:            bind("quote-reply", "r"),      // as in mail clients
			Forward:          bind("forward", "f"),
			Inspect:          bind("inspect event", "e"),
			Leave:            bind("back", "esc"),
			Profile:          bind("author's profile", "p"),
			JumpDate:         bind("jump to date", "J"),
		},
		Composer: ComposerKeys{
			Send: bind("send", "enter"),
			// ctrl+j as well: Windows Terminal takes alt+enter for full
			// screen, and ctrl+j (line feed) reaches every application.
			Newline:     bind("newline", "alt+enter", "ctrl+j"),
			Complete:    bind("complete", "tab"),
			HistoryPrev: bind("previous sent", "up"),
			HistoryNext: bind("next sent", "down"),
			Leave:       bind("leave composer", "esc"),
		},
		Switcher: SwitcherKeys{
			// No j/k: the switcher's input takes letters. ctrl+n and
			// ctrl+p as in fzf and gomuks.
			Down:  bind("down", "down", "ctrl+n"),
			Up:    bind("up", "up", "ctrl+p"),
			Open:  bind("open", "enter"),
			Close: bind("close", "esc"),
		},
		Inspector: InspectorKeys{
			Down:     bind("down", "j", "down"),
			Up:       bind("up", "k", "up"),
			PageDown: bind("page down", "pgdown", "ctrl+f"),
			PageUp:   bind("page up", "pgup", "ctrl+b"),
			Top:      bind("top", "g", "home"),
			Bottom:   bind("bottom", "G", "end"),
			Copy:     bind("copy JSON", "y"),
			Close:    bind("close", "esc", "q", "e"),
		},
		Search: SearchKeys{
			Accept: bind("keep the search", "enter"),
			Cancel: bind("cancel the search", "esc"),
		},
		// No j/k and no l: the filter's input takes letters.
		ListFilter: ListFilterKeys{
			Down:  bind("down", "down"),
			Up:    bind("up", "up"),
			Open:  bind("open stream", "enter"),
			Clear: bind("clear filter", "esc"),
		},
		People: PeopleKeys{
			Down:    bind("down", "j", "down"),
			Up:      bind("up", "k", "up"),
			Top:     bind("first member", "g", "home"),
			Bottom:  bind("last member", "G", "end"),
			Profile: bind("member's profile", "enter", "p"),
			Chat:    bind("start an IM", "c"),
			Connect: bind("ask to connect", "C"),
			// a: add, as the room's Normal key A.
			AddMember: bind("add members", "a"),
			Close:     bind("close", "esc", "q", "I"),
		},
		// No j/k: the picker's input takes letters.
		Picker: PickerKeys{
			Down:   bind("down", "down", "ctrl+n"),
			Up:     bind("up", "up", "ctrl+p"),
			Choose: bind("pick or unpick", "tab"),
			Done:   bind("done", "enter"),
			Close:  bind("cancel", "esc"),
		},
		// Letters are text in a form's fields: no j/k, and space toggles
		// only on a choice.
		Form: FormKeys{
			Next:    bind("next field", "tab", "down"),
			Prev:    bind("previous field", "shift+tab", "up"),
			Left:    bind("previous choice", "left"),
			Right:   bind("next choice", "right"),
			Toggle:  bind("check or choose", "space"),
			Press:   bind("press button", "enter"),
			Newline: bind("newline", "alt+enter", "ctrl+j"),
			Close:   bind("close", "esc"),
		},
	}
}
