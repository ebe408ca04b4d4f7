package ui

import (
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/internal/tuiconfig"
	"github.com/tutti-chat/tutti/render"
)

// styles are the SGR prefixes of the chrome, built once per theme so that
// no style is computed while a frame is laid out. Each prefix is written in
// front of a run of text and reset after it.
type styles struct {
	reset    string
	dim      string
	bold     string
	title    string
	section  string
	selected string // the list row under the cursor, list focused
	current  string // the list row of the open stream, list not focused
	unread   string
	mention  string
	live     string
	warn     string
	tag      string // a marker in the list, such as "ext"
	bad      string
	status   string // the status bar's background
	authors  []string
	theme    render.Theme
	gen      int // bumped on every change of theme; item caches compare it
}

// newStyles builds the styles of a theme; dark is the terminal's
// background as it reported it, used by the auto theme. noColor
// (Deps.NoColor, NO_COLOR) makes every theme mono, as render.DefaultTheme
// does.
func newStyles(theme tuiconfig.Theme, noColor, dark bool, gen int) styles {
	switch theme {
	case tuiconfig.ThemeDark:
		dark = true
	case tuiconfig.ThemeLight:
		dark = false
	}
	noColor = noColor || theme == tuiconfig.ThemeMono
	s := styles{reset: ansi.ResetStyle, theme: render.LightTheme(), gen: gen}
	switch {
	case noColor:
		s.theme = render.NoColorTheme()
	case theme == tuiconfig.ThemeHighContrast:
		s.theme = render.NewTheme(render.HighContrastPalette())
	case dark:
		s.theme = render.DarkTheme()
	}
	st := func(a ansi.Style) string { return a.String() }
	fg := func(c int) ansi.Style {
		if noColor {
			return ansi.Style{}
		}
		return ansi.Style{}.ForegroundColor(ansi.IndexedColor(c))
	}
	s.dim = st(ansi.Style{}.Faint())
	s.bold = st(ansi.Style{}.Bold())
	s.section = st(fg(244).Bold())
	s.selected = st(ansi.Style{}.Reverse(true))
	s.current = st(ansi.Style{}.Bold().Underline(true))
	s.unread = st(ansi.Style{}.Bold())
	s.mention = st(fg(203).Bold().Reverse(noColor))
	s.live = st(fg(71))
	s.warn = st(fg(178))
	s.tag = st(fg(178))
	if noColor {
		s.status = st(ansi.Style{}.Reverse(true))
		s.title = st(ansi.Style{}.Bold().Underline(true))
		s.authors = []string{st(ansi.Style{}.Bold())}
		return s
	}
	if theme == tuiconfig.ThemeHighContrast {
		return highContrast(s)
	}
	bg, title := 236, 252
	if !dark {
		bg, title = 254, 236
	}
	s.status = st(ansi.Style{}.BackgroundColor(ansi.IndexedColor(bg)))
	s.live = st(ansi.Style{}.BackgroundColor(ansi.IndexedColor(bg)).ForegroundColor(ansi.IndexedColor(71)))
	s.warn = st(ansi.Style{}.BackgroundColor(ansi.IndexedColor(bg)).ForegroundColor(ansi.IndexedColor(178)))
	s.bad = st(ansi.Style{}.BackgroundColor(ansi.IndexedColor(bg)).ForegroundColor(ansi.IndexedColor(160)).Bold())
	s.title = st(fg(title).Bold())
	// Author colours readable on either background.
	palette := []int{33, 37, 70, 136, 166, 125, 61, 30, 172, 97, 64, 160}
	if dark {
		palette = []int{75, 80, 114, 179, 209, 176, 141, 73, 215, 146, 150, 203}
	}
	for _, c := range palette {
		s.authors = append(s.authors, st(fg(c).Bold()))
	}
	return s
}

// highContrast completes s with the terminal's own bright colours, bold,
// and no faint text.
func highContrast(s styles) styles {
	st := func(a ansi.Style) string { return a.String() }
	bright := func(c ansi.BasicColor) ansi.Style { return ansi.Style{}.ForegroundColor(c).Bold() }
	s.dim = st(ansi.Style{}.Italic(true))
	s.section = st(bright(ansi.BrightWhite).Underline(true))
	s.mention = st(bright(ansi.BrightYellow).Reverse(true))
	s.tag = st(bright(ansi.BrightYellow))
	s.status = st(ansi.Style{}.Reverse(true))
	s.live = st(ansi.Style{}.Reverse(true).Bold())
	s.warn = st(ansi.Style{}.Reverse(true).ForegroundColor(ansi.BrightYellow))
	s.bad = st(ansi.Style{}.Reverse(true).ForegroundColor(ansi.BrightRed).Bold())
	s.title = st(bright(ansi.BrightWhite).Underline(true))
	s.authors = nil
	for _, c := range []ansi.BasicColor{ansi.BrightCyan, ansi.BrightGreen, ansi.BrightYellow, ansi.BrightMagenta, ansi.BrightBlue, ansi.BrightRed} {
		s.authors = append(s.authors, st(bright(c)))
	}
	return s
}

// author returns the stable colour prefix of a user.
func (s *styles) author(id int64) string {
	h := uint64(id) * 0x9E3779B97F4A7C15
	return s.authors[(h>>32)%uint64(len(s.authors))]
}
