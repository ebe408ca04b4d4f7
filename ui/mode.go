package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/tutti-chat/tutti/keymap"
)

// mode says what takes the keys. The model holds exactly one (Model.mode),
// set only by the functions that open and close things, so that no two
// parts of the screen can both believe they have the keys; key routing,
// the help's context, the status bar's hint, whether q quits and whether
// the mouse may act all derive from it.
type mode int

const (
	// modeTimeline: the focused pane's timeline.
	modeTimeline mode = iota
	// modeList: the stream list.
	modeList
	// modeComposer: the composer under the focused pane; keys are text.
	modeComposer
	// modeFilter: the stream list's filter query; keys are text.
	modeFilter
	// modeSearch: a search query under the focused pane; keys are text.
	modeSearch
	// modeSwitcher: the quick switcher over the timeline area; keys are
	// text.
	modeSwitcher
	// modeText: the help or the notices over the timeline area.
	modeText
	// modeInspector: the inspector over the timeline area.
	modeInspector
	// modePrompt: a question under the focused pane (prompt.go), such as
	// the date to jump to; keys are text.
	modePrompt
	// modePeople: a room's info and members, or a profile, over the
	// timeline area (people.go).
	modePeople
	// modePicker: people picked by name over the timeline area, for a
	// new chat or a room's new members (picker.go); keys are text.
	modePicker
	// modeForm: an Elements form filled in over the timeline area
	// (form.go); keys are text in its fields.
	modeForm
)

// modes lists every mode, for tests and tables.
func modes() []mode {
	return []mode{modeTimeline, modeList, modeComposer, modeFilter, modeSearch, modeSwitcher, modeText, modeInspector, modePrompt, modePeople, modePicker, modeForm}
}

// String names the mode, for test failures and the debug log.
func (d mode) String() string {
	return [...]string{"timeline", "list", "composer", "filter", "search", "switcher", "text", "inspector", "prompt", "people", "picker", "form"}[d]
}

// covers reports whether the mode covers the timeline area (an overlay):
// closing it gives the keys back to what had them before.
func (d mode) covers() bool {
	return d == modeSwitcher || d == modeText || d == modeInspector || d == modePeople || d == modePicker || d == modeForm
}

// typing reports whether keys are text in this mode: letters are typed,
// not actions.
func (d mode) typing() bool {
	return d == modeComposer || d == modeFilter || d == modeSearch || d == modeSwitcher || d == modePrompt || d == modePicker || d == modeForm
}

// quits reports whether the plain quit key (q) quits in this mode: only
// where it is neither text nor the close key of an overlay.
func (d mode) quits() bool { return d == modeTimeline || d == modeList }

// context returns the key map context of the mode: whose bindings act, and
// what the help shows first. The text overlay scrolls with the timeline's
// keys.
func (d mode) context() keymap.Context {
	switch d {
	case modeList:
		return keymap.StreamList
	case modeComposer:
		return keymap.Composer
	case modeFilter:
		return keymap.ListFilter
	case modeSearch, modePrompt:
		return keymap.Search
	case modeSwitcher:
		return keymap.Switcher
	case modeInspector:
		return keymap.Inspector
	case modePeople:
		return keymap.People
	case modePicker:
		return keymap.Picker
	case modeForm:
		return keymap.Form
	}
	return keymap.Timeline
}

// base returns the part of the screen under the mode: the list for its
// filter, the timeline for a search, and for an overlay what had the keys
// when it opened (Model.under). It is one of modeList, modeTimeline and
// modeComposer.
func (m *Model) base() mode {
	switch m.mode {
	case modeFilter:
		return modeList
	case modeSearch, modePrompt:
		return modeTimeline
	case modeSwitcher, modeText, modeInspector, modePeople, modePicker, modeForm:
		return m.under
	}
	return m.mode
}

// cover opens overlay d over what has the keys now, which gets them back
// when it closes (uncover). Typing a search or a filter ends; its query
// stays.
func (m *Model) cover(d mode) {
	if !m.mode.covers() {
		m.under = m.base()
	}
	m.mode = d
}

// uncover closes the overlay, if one is open, and gives the keys back to
// what had them when it opened.
func (m *Model) uncover() {
	if m.mode.covers() {
		m.mode = m.under
	}
}

// pointerFree reports whether the mouse may act at row y: not on the
// status bar, and not while an overlay covers the timeline area (it would
// change what the overlay's keys act on).
func (m *Model) pointerFree(y int) bool {
	return y >= 0 && y < m.layout.paneH && !m.mode.covers()
}

// hint is the status bar's key hint for the mode, from the live key map,
// so that a rebinding shows there too: where the keys go, then the most
// used bindings.
func (m *Model) hint() string {
	if m.mode == modeText {
		o := &m.overlayText
		return o.title + ": " + firstKey(m.keys.Timeline.Down) + "/" + firstKey(m.keys.Timeline.Up) + " scroll · " + firstKey(o.close) + " close"
	}
	if m.mode == modePrompt {
		return m.promptHint()
	}
	ctx := m.mode.context()
	var parts []string
	switch m.mode {
	case modeFilter, modeSwitcher:
		parts = append(parts, "type to filter")
	case modePicker:
		parts = append(parts, "type a name")
	case modeForm:
		parts = append(parts, "type in its fields")
	case modeSearch:
		parts = append(parts, "type to search")
	}
	bs := m.keys.ShortHelp(ctx)
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		// A move down and up make one entry: "j/k move".
		if b.Help().Desc == "down" && i+1 < len(bs) && bs[i+1].Help().Desc == "up" {
			parts = append(parts, firstKey(b)+"/"+firstKey(bs[i+1])+" move")
			i++
			continue
		}
		parts = append(parts, firstKey(b)+" "+b.Help().Desc)
	}
	return strings.ToLower(ctx.Title()) + ": " + strings.Join(parts, " · ")
}

// firstKey returns the first key of a binding, "?" when it has none.
func firstKey(b key.Binding) string {
	if ks := b.Keys(); len(ks) > 0 {
		return ks[0]
	}
	return "?"
}
