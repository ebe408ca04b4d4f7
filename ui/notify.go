package ui

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/internal/tuiconfig"
	"github.com/tutti-chat/tutti/render"
	"github.com/tutti-chat/tutti/symphony"
)

// Bell chooses what rings the terminal bell. The zero value rings it for
// all three; BellNever for nothing.
type Bell uint8

// What may ring the bell.
const (
	BellMention Bell = 1 << iota // a message that mentions the reader
	BellIM                       // a message in an IM or MIM
	BellChime                    // a chime, anywhere
	BellNever                    // nothing: the bell never rings
)

// bellOf turns the bell settings into a Bell.
func bellOf(b tuiconfig.Bell) Bell {
	var out Bell
	if b.Mention {
		out |= BellMention
	}
	if b.IM {
		out |= BellIM
	}
	if b.Chime {
		out |= BellChime
	}
	if out == 0 {
		out = BellNever
	}
	return out
}

// bellGap is the least time between two bells, so a burst rings once.
const bellGap = 3 * time.Second

// rings reports whether the policy b rings for a message with these traits.
func (b Bell) rings(mention, im, chime bool) bool {
	if b&BellNever != 0 {
		return false
	}
	if b == 0 {
		b = BellMention | BellIM | BellChime
	}
	return mention && b&BellMention != 0 || im && b&BellIM != 0 || chime && b&BellChime != 0
}

// isChime reports whether a message is a chime; it parses only messages
// that carry an audio element.
func isChime(msg *symphony.V4Message) bool {
	return strings.Contains(msg.Message, "<audio") && render.Parse(msg.Message, msg.Data).Chime()
}

// bellCmd returns the command that rings the bell once if a message of the
// last batch asked for it and the last bell is far enough behind. Nothing
// of a message's text ever goes with it.
func (m *Model) bellCmd() tea.Cmd {
	if !m.bellDue {
		return nil
	}
	m.bellDue = false
	now := m.now()
	if m.desk.dnd || m.desk.set.Quiet(minuteOfDay(now.In(m.loc))) {
		return nil
	}
	if !m.lastBell.IsZero() && now.Sub(m.lastBell) < bellGap {
		return nil
	}
	m.lastBell = now
	return tea.Raw("\a")
}
