package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/messageml"
)

// composerMaxLines is how tall the composer grows before its text scrolls.
const composerMaxLines = 5

// composerPrompt starts every line of the composer.
const composerPrompt = "┃ "

// composerShown reports whether the composer is under the open pane: while
// it has the focus, or while the open stream has a draft.
func (m *Model) composerShown() bool {
	return m.mode == modeComposer || m.drafts[m.open] != ""
}

// composerHeight is how many lines the composer takes under a pane of
// height h at width w.
func (m *Model) composerHeight(w, h int) int {
	if !m.composerShown() {
		return 0
	}
	rows, _ := m.ed.layout(w-ansi.StringWidth(composerPrompt), false)
	n := min(composerMaxLines, len(rows))
	if m.comp.cycle.active(&m.ed, m.open) {
		n++ // the line of completion candidates
	}
	if m.actionLabel() != "" {
		n++ // the line of the edit, reply or forward
	}
	// At least one line while it has the focus, taken from the timeline
	// of a short pane; otherwise the timeline keeps two.
	if m.mode == modeComposer {
		return max(min(1, h-1), min(n, h-2))
	}
	return max(0, min(n, h-2))
}

// startCompose gives the composer the focus for the open stream, unless
// the stream is one of the read-only ones or nothing can be sent at all
// (Deps.Send is nil: a replay): it says so up front rather than take a
// text it cannot send.
func (m *Model) startCompose() {
	s := m.streams[m.open]
	if s == nil {
		return
	}
	if s.kind.special() {
		m.notify(s.name+" is read-only: open a room or a conversation to write", false)
		return
	}
	if m.deps.Send == nil {
		m.notify(m.readOnlyReason(), false)
		return
	}
	m.mode = modeComposer
}

// readOnlyReason words why nothing can be sent when Deps.Send is nil: a
// replay (Deps.Badge is "REPLAY") or a UI started without sending.
func (m *Model) readOnlyReason() string {
	if strings.EqualFold(m.badge, "REPLAY") {
		return "this is a replay: read-only"
	}
	return "sending is not available: read-only"
}

// leaveCompose gives the keys back to the timeline; the draft stays.
func (m *Model) leaveCompose() {
	m.mode = modeTimeline
}

// loadDraft puts the draft of stream id into the composer.
func (m *Model) loadDraft(id string) {
	m.ed.SetValue(m.drafts[id])
}

// saveDraft keeps what the composer holds as the draft of the open stream.
func (m *Model) saveDraft() {
	if v := m.ed.Value(); v != "" {
		m.drafts[m.open] = v
		return
	}
	delete(m.drafts, m.open)
}

// handleComposerKey routes a key press while the composer has the focus:
// the keys of a completion being cycled through (cycleKey), Send, Newline,
// Leave, Complete and the history keys of the key map, editing keys, and
// text, so that letters such as q, j or g are text here. It returns the
// command that sends, if any.
func (m *Model) handleComposerKey(msg tea.KeyPressMsg) tea.Cmd {
	c := m.keys.Composer
	e := &m.ed
	if m.cycleKey(msg) {
		m.saveDraft()
		return nil
	}
	switch {
	case key.Matches(msg, c.Send):
		return m.sendAndRemember()
	case key.Matches(msg, c.Newline):
		e.Insert("\n")
	case key.Matches(msg, c.Leave):
		m.leaveAction()
		m.leaveCompose()
	case key.Matches(msg, c.Complete):
		m.complete() // never text
	case key.Matches(msg, c.HistoryPrev):
		if !e.Up() {
			m.recallPrevious()
		}
	case key.Matches(msg, c.HistoryNext):
		if !e.Down() {
			m.recallNext()
		}
	default:
		switch msg.String() {
		case "backspace", "ctrl+h":
			e.Backspace()
		case "delete", "ctrl+d":
			e.Delete()
		case "ctrl+w", "alt+backspace":
			e.DeleteWordLeft()
		case "ctrl+u":
			e.DeleteToLineStart()
		case "left", "ctrl+b":
			e.Left()
		case "right", "ctrl+f":
			e.Right()
		case "home", "ctrl+a":
			e.Home()
		case "end", "ctrl+e":
			e.End()
		case "up":
			e.Up()
		case "down":
			e.Down()
		default:
			if msg.Text != "" {
				e.Insert(msg.Text)
			}
		}
	}
	m.saveDraft()
	return nil
}

// handlePaste inserts pasted text into the composer when it has the focus.
func (m *Model) handlePaste(msg tea.PasteMsg) {
	if m.mode != modeComposer {
		return
	}
	if n := len(m.ed.text) + utf8.RuneCountInString(msg.Content); n > maxDraftRunes {
		m.notify(fmt.Sprintf("not pasted: the draft would be %d characters, more than %d (a message holds %d at most)",
			n, maxDraftRunes, messageml.MaxTextLength), true)
		return
	}
	m.ed.Insert(msg.Content)
	m.saveDraft()
}

// maxDraftRunes is the longest text the composer takes: twice what a
// Symphony message may hold (messageml.MaxTextLength), so that a text a
// little too long can still be pasted and trimmed, but not a file of
// megabytes. A longer draft in a state file is not restored.
const maxDraftRunes = 2 * messageml.MaxTextLength

// prepareComposer appends to dst the composer laid out at width w and
// height h, scrolled so that the cursor shows, under the line of
// completion candidates while they are cycled through.
func (m *Model) prepareComposer(dst []string, w, h int) []string {
	if h <= 0 {
		return dst
	}
	start := len(dst)
	if m.actionLabel() != "" && h > 1 {
		dst = append(dst, m.actionLine(w))
	}
	if line, ok := m.completionLine(w); ok && h-(len(dst)-start) > 1 {
		dst = append(dst, line)
	}
	eh := h - (len(dst) - start) // the editor's height
	st := &m.styles
	pw := ansi.StringWidth(composerPrompt)
	prompt := st.dim + composerPrompt + st.reset
	if m.mode == modeComposer {
		prompt = st.title + composerPrompt + st.reset
	}
	if len(m.ed.text) == 0 && m.mode != modeComposer {
		dst = append(dst, prompt)
	} else if len(m.ed.text) == 0 {
		k := m.keys.Composer
		hint := "message · " + firstKey(k.Send) + " send · " + firstKey(k.Newline) + " newline · " + firstKey(k.Leave) + " leave"
		dst = append(dst, prompt+"\x1b[7m \x1b[27m"+st.dim+ansi.Truncate(hint, max(0, w-pw-1), "…")+st.reset)
	} else {
		rows, cur := m.ed.layout(w-pw, m.mode == modeComposer)
		first := max(0, min(cur-eh+1, len(rows)-eh))
		for _, r := range rows[first:min(len(rows), first+eh)] {
			dst = append(dst, prompt+r)
		}
	}
	for len(dst)-start < h {
		dst = append(dst, prompt)
	}
	return dst
}
