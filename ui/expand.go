package ui

import (
	"slices"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/render"
)

// bodyOptions are the render options of a message's body at width w:
// collapsed cards and lines past maxItemLines shown only when the reader
// expanded it.
func (m *Model) bodyOptions(w int, expanded bool) render.Options {
	o := render.Options{Width: w, Theme: m.styles.theme, Me: m.deps.Me, MaxLines: maxItemLines, Location: m.loc, Hyperlinks: m.links}
	if expanded {
		o.Expand, o.MaxLines = true, 0
	}
	return o
}

// toggleExpand expands the message the timeline's actions act on (the
// selected one; with none, the newest, which becomes selected): its
// collapsed and cropped expandable cards and its lines past maxItemLines.
// Again, it collapses it.
func (m *Model) toggleExpand(s *stream) {
	i, _ := m.pickActionRow(s)
	if i < 0 {
		m.notify("nothing to expand here", false)
		return
	}
	r := s.tl.At(i)
	switch {
	case s.expanded[r.Key]:
		delete(s.expanded, r.Key)
	case r.Kind != history.RowMessage || r.Message == nil || r.Suppressed:
		m.notify("only a message expands", false)
	case !m.collapses(s, r):
		m.notify("nothing is collapsed in this message", false)
	default:
		s.expanded[r.Key] = true
	}
}

// collapses reports whether message row r of s shows less than it holds:
// a collapsed or cropped card, or lines past maxItemLines.
func (m *Model) collapses(s *stream, r history.Row) bool {
	src := r.Message
	if sh := src.Shared(); sh != nil {
		src = sh
	}
	var doc *render.Document
	if c := s.cache[r.Key]; c != nil && c.key.msg == r.Message && c.doc != nil {
		doc = c.doc
	} else {
		doc = render.Parse(src.PML, src.Data)
	}
	w := max(1, m.pane().w-2) // the body's width in the focused pane

	return !slices.Equal(doc.Layout(m.bodyOptions(w, false)), doc.Layout(m.bodyOptions(w, true)))
}
