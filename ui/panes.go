package ui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// maxPanes is how many timeline panes the split view holds at most.
const maxPanes = 4

// minPaneH is the least height of a pane: its title and three lines.
const minPaneH = 4

// sideBySideW is the least width of the timeline area at which two panes
// sit side by side rather than one above the other.
const sideBySideW = 2*56 + 1

// pane is one timeline pane of the split view: the stream it shows and, as
// prepared for the frame, where it is and what it shows. Scroll positions
// belong to the streams, so a stream keeps its place when it moves between
// panes; one stream is shown in one pane at most.
type pane struct {
	stream string

	x, y, w, h int      // in the timeline area; h counts the title line
	tlH        int      // the height of its timeline, without title and composer
	padded     bool     // lines are padded to w: another pane is to the right
	title      string   // the first line
	lines      []string // the h-1 lines under the title
	atTop      bool     // its timeline shows the oldest row loaded
}

// line returns line r of the pane, the title being line 0.
func (p *pane) line(r int) string {
	if r == 0 {
		return p.title
	}
	if r-1 < len(p.lines) {
		return p.lines[r-1]
	}
	return ""
}

// pane returns the focused pane.
func (m *Model) pane() *pane { return m.panes[m.cur] }

// shown reports whether stream id is in one of the panes.
func (m *Model) shown(id string) bool {
	return m.paneOf(id) >= 0
}

// onScreen reports whether stream id is in a pane that the last frame
// showed: not one hidden by a zoom, nor any while the list fills a narrow
// terminal.
func (m *Model) onScreen(id string) bool {
	if !m.layout.timeline {
		return false
	}
	for _, p := range m.visible {
		if p.stream == id {
			return true
		}
	}
	return false
}

// paneOf returns the index of the pane that shows stream id, or -1.
func (m *Model) paneOf(id string) int {
	return slices.IndexFunc(m.panes, func(p *pane) bool { return p.stream == id })
}

// focusPane gives the focus to pane i, keeping the draft of the pane that
// loses it.
func (m *Model) focusPane(i int) {
	m.mode = modeTimeline
	if i == m.cur {
		return
	}
	m.cur = i
	m.open = m.panes[i].stream
	m.loadDraft(m.open)
	if s := m.streams[m.open]; s != nil {
		s.unread, s.mentions = 0, 0
	}
}

// cycleFocus moves the focus d steps (±1) round the stream list and the
// panes; a zoomed pane is the only pane in the round.
func (m *Model) cycleFocus(d int) {
	n := len(m.panes)
	if m.zoomed {
		n = 1
	}
	// Position 0 is the list, 1…n the panes.
	pos := 0
	if m.mode != modeList {
		pos = 1 + m.cur
		if m.zoomed {
			pos = 1
		}
	}
	pos = ((pos+d)%(n+1) + n + 1) % (n + 1)
	if pos == 0 {
		m.mode = modeList
		return
	}
	if !m.zoomed {
		m.focusPane(pos - 1)
	}
	m.mode = modeTimeline
}

// split adds a pane after the focused one and focuses it. It shows the
// next stream with unread items that no pane shows, else the most recently
// active such stream.
func (m *Model) split() {
	if len(m.panes) >= maxPanes {
		m.notify("four panes at most: close one with "+firstKey(m.keys.Normal.ClosePane), false)
		return
	}
	if !m.roomFor(len(m.panes) + 1) {
		m.notify("no room for another pane at this terminal size", false)
		return
	}
	id := m.nextActivity()
	if id == "" || m.shown(id) {
		// The most recently active stream no pane shows, whatever the
		// list's filter hides.
		id = ""
		for o, s := range m.streams {
			if m.shown(o) {
				continue
			}
			if b := m.streams[id]; id == "" || s.last > b.last || s.last == b.last && o < id {
				id = o
			}
		}
	}
	if id == "" {
		m.notify("every stream is already in a pane", false)
		return
	}
	m.zoomed = false
	m.enterStream(m.streams[id])
	m.panes = slices.Insert(m.panes, m.cur+1, &pane{stream: id})
	m.focusPane(m.cur + 1)
}

// roomFor reports whether n panes fit in the timeline area.
func (m *Model) roomFor(n int) bool {
	w, h := m.areaSize()
	cols := 1
	if w >= sideBySideW {
		cols = 2
	}
	rows := (n + cols - 1) / cols
	return h/rows >= minPaneH
}

// areaSize returns the size of the timeline area with the current window.
func (m *Model) areaSize() (w, h int) {
	l := m.layout
	if l.tlW > 0 {
		return l.tlW, l.paneH
	}
	return max(1, m.width), max(1, m.height-1)
}

// closePane closes the focused pane; the last one stays.
func (m *Model) closePane() {
	if len(m.panes) == 1 {
		m.notify("the last pane stays open", false)
		return
	}
	if m.mode == modeComposer {
		m.leaveCompose()
	}
	if s := m.streams[m.panes[m.cur].stream]; s != nil {
		m.leaveStream(s)
	}
	m.panes = slices.Delete(m.panes, m.cur, m.cur+1)
	m.zoomed = false
	next := max(0, m.cur-1)
	m.cur = -1 // so that focusPane switches
	m.focusPane(next)
}

// toggleZoom shows the focused pane alone, or all panes again.
func (m *Model) toggleZoom() {
	if len(m.panes) == 1 {
		m.zoomed = false
		m.notify("one pane only: split with "+firstKey(m.keys.Normal.Split)+" first", false)
		return
	}
	m.zoomed = !m.zoomed
}

// placePanes decides where the visible panes go in a timeline area of w×h:
// one pane fills it; two sit side by side when the area is wide enough,
// else one above the other; three and four fill a grid, the third spanning
// the width when there are three. m.visible lists them in drawing order.
func (m *Model) placePanes(w, h int) {
	m.visible = m.visible[:0]
	if m.zoomed || len(m.panes) == 1 {
		p := m.pane()
		p.x, p.y, p.w, p.h, p.padded = 0, 0, w, h, false
		m.visible = append(m.visible, p)
		return
	}
	n := len(m.panes)
	cols := 1
	if w >= sideBySideW {
		cols = 2
	}
	rows := (n + cols - 1) / cols
	leftW := (w - 1) / 2
	for i, p := range m.panes {
		r, c := i/cols, i%cols
		p.y = r * h / rows
		p.h = (r+1)*h/rows - p.y
		p.x, p.w, p.padded = 0, w, false
		if cols == 2 && (r < rows-1 || n%2 == 0) {
			if c == 0 {
				p.w, p.padded = leftW, true
			} else {
				p.x, p.w = leftW+1, w-leftW-1
			}
		}
		m.visible = append(m.visible, p)
	}
}

// paneAt returns the visible pane at cell (x, y) of the timeline area, or
// -1.
func (m *Model) paneAt(x, y int) int {
	for _, p := range m.visible {
		if x >= p.x && x < p.x+p.w && y >= p.y && y < p.y+p.h {
			return slices.Index(m.panes, p)
		}
	}
	return -1
}

// padLines pads every line of p to its width, so that the pane to its
// right starts in the same column on every row.
func padLines(lines []string, w int) {
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw < w {
			lines[i] = l + strings.Repeat(" ", w-lw)
		}
	}
}
