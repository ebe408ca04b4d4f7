package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/internal/tuiconfig"
	"github.com/tutti-chat/tutti/symphony"
)

// newSettingsModel returns a 120×30 model with settings set.
func newSettingsModel(t *testing.T, set tuiconfig.Settings) *Model {
	t.Helper()
	m := New(Deps{
		Items:    make(chan engine.Item),
		Pager:    history.NewPager(fakeFetcher{}, history.PagerOptions{}),
		Streams:  []StreamInfo{{ID: "roomA", Name: "Alpha", Type: symphony.StreamRoom}},
		Me:       me,
		Now:      func() time.Time { return time.UnixMilli(base + 3_600_000) },
		Location: time.UTC,
		Settings: &set,
	})
	update(m, tea.WindowSizeMsg{Width: 120, Height: 30})
	return m
}

func TestSettingsApply(t *testing.T) {
	set := tuiconfig.Defaults()
	set.TimeFormat = "3:04PM"
	set.Mouse = false
	set.Links = true
	set.HideMembership = true
	set.MaxRowsPerStream = 100
	if err := set.Keys.Override("normal.split", []string{"S"}); err != nil {
		t.Fatal(err)
	}
	m := newSettingsModel(t, set)
	var items []engine.Item
	for i := 0; i < 150; i++ {
		items = append(items, live(message("roomA", "m"+string(rune('a'+i/26))+string(rune('a'+i%26)), 2, base+int64(i)*1000, "hi")))
	}
	items = append(items, live(message("roomA", "link", 3, base+200_000, `see <a href="https://example.com/x">this</a>`)))
	update(m, batch(items...))
	update(m, batch(joined("roomA", 9, "Ivy", base+300_000)))
	openByKeys(t, m, "roomA")
	out := screen(m)
	if !strings.Contains(out, "9:03AM") {
		t.Errorf("the time format is not used:\n%s", out)
	}
	if strings.Contains(out, "Ivy joined") {
		t.Errorf("membership rows shown although hidden:\n%s", out)
	}
	if n := m.streams["roomA"].tl.Len(); n > 100 {
		t.Errorf("the stream keeps %d rows, cap 100", n)
	}
	v := m.View()
	if v.MouseMode != tea.MouseModeNone {
		t.Errorf("mouse mode %v with the mouse off", v.MouseMode)
	}
	if !strings.Contains(v.Content, "\x1b]8;;https://example.com/x") {
		t.Error("no OSC 8 hyperlink with links on")
	}
	press(m, "s")
	if len(m.panes) != 1 {
		t.Error("s still splits after it was rebound")
	}
	update(m, tea.KeyPressMsg{Code: 'S', Text: "S", Mod: tea.ModShift})
	if len(m.panes) != 2 {
		t.Error("S does not split")
	}
}

// brightRE matches an SGR sequence that sets a bright basic colour.
var brightRE = regexp.MustCompile(`\x1b\[[0-9;]*;?9[0-7]m`)

func TestThemes(t *testing.T) {
	for _, tc := range []struct {
		theme      tuiconfig.Theme
		want, not  string
		background bool
	}{
		{tuiconfig.ThemeMono, "", "38;", false},
		{tuiconfig.ThemeHighContrast, "bright colours", "38;5;", false},
		{tuiconfig.ThemeDark, "38;5;", "", true},
	} {
		set := tuiconfig.Defaults()
		set.Theme = tc.theme
		m := newSettingsModel(t, set)
		update(m, batch(live(message("roomA", "a1", 2, base+1000, `hi <span class="entity" data-entity-id="0">#tag</span>`))))
		if tc.background {
			// A fixed theme ignores the terminal's background.
			update(m, tea.BackgroundColorMsg{Color: ansi.IndexedColor(15)})
		}
		openByKeys(t, m, "roomA")
		v := m.View().Content
		if tc.theme == tuiconfig.ThemeHighContrast && !brightRE.MatchString(v) ||
			tc.theme != tuiconfig.ThemeHighContrast && tc.want != "" && !strings.Contains(v, tc.want) {
			t.Errorf("%s: frame lacks %q", tc.theme, tc.want)
		}
		if tc.not != "" && strings.Contains(v, tc.not) {
			t.Errorf("%s: frame holds %q", tc.theme, tc.not)
		}
		if tc.theme == tuiconfig.ThemeDark && m.styles.theme.Name() != "dark" {
			t.Errorf("dark theme turned light on a light background")
		}
	}
}
