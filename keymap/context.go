package keymap

// Context is where a binding applies.
type Context int

// The contexts, in the order help and the key table list them.
const (
	// Global bindings apply everywhere, even while typing.
	Global Context = iota
	// Normal bindings apply wherever the focus is not on a text input: the
	// stream list and the timeline. The issue lists quit, help, focus,
	// split, close and zoom as plain keys (q, ?, tab, s …); they cannot be
	// Global, because the composer and the switcher need those keys for
	// text and completion, so they live in this layer instead.
	Normal
	// StreamList bindings apply when the stream list has the focus.
	StreamList
	// Timeline bindings apply when a timeline pane has the focus.
	Timeline
	// Composer bindings apply while typing a message.
	Composer
	// Switcher bindings apply while the quick switcher is open.
	Switcher
	// Inspector bindings apply while the event inspector is open.
	Inspector
	// Search bindings apply while a search's query is typed.
	Search
	// ListFilter bindings apply while the stream list's filter is typed.
	ListFilter
	// People bindings apply while the room info and members overlay or a
	// profile is open.
	People
	// Picker bindings apply while people are picked by name: for a new
	// chat or to add to a room. Text types the name.
	Picker
	// Form bindings apply while an Elements form is filled in: text types
	// into its text fields.
	Form
)

// Contexts lists every context, in order.
func Contexts() []Context {
	return []Context{Global, Normal, StreamList, Timeline, Composer, Switcher, Inspector, Search, ListFilter, People, Picker, Form}
}

// String returns the context's name as used in action names.
func (c Context) String() string {
	switch c {
	case Global:
		return "global"
	case Normal:
		return "normal"
	case StreamList:
		return "stream-list"
	case Timeline:
		return "timeline"
	case Composer:
		return "composer"
	case Switcher:
		return "switcher"
	case Inspector:
		return "inspector"
	case Search:
		return "search"
	case ListFilter:
		return "list-filter"
	case People:
		return "people"
	case Picker:
		return "picker"
	case Form:
		return "form"
	}
	return "unknown"
}

// Title returns the context's name for people, as help and the README use it.
func (c Context) Title() string {
	switch c {
	case Global:
		return "Global"
	case Normal:
		return "Stream list and timeline"
	case StreamList:
		return "Stream list"
	case Timeline:
		return "Timeline"
	case Composer:
		return "Composer"
	case Switcher:
		return "Switcher"
	case Inspector:
		return "Inspector"
	case Search:
		return "Search"
	case ListFilter:
		return "List filter"
	case People:
		return "Room info, members and profile"
	case Picker:
		return "People picker"
	case Form:
		return "Form"
	}
	return "Unknown"
}

// Layers returns the contexts whose bindings are also active in c, c first
// and Global last.
func (c Context) Layers() []Context {
	switch c {
	case Global:
		return []Context{Global}
	case Normal:
		return []Context{Normal, Global}
	case StreamList, Timeline:
		return []Context{c, Normal, Global}
	}
	return []Context{c, Global}
}

// overlaps reports whether a key may not be bound in both a and b: one is a
// layer of the other.
func overlaps(a, b Context) bool {
	for _, l := range a.Layers() {
		if l == b {
			return true
		}
	}
	for _, l := range b.Layers() {
		if l == a {
			return true
		}
	}
	return false
}
