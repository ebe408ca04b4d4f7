package keymap

import (
	"regexp"
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

func TestDefaultHasNoConflicts(t *testing.T) {
	for _, err := range Default().Conflicts() {
		t.Error(err)
	}
}

var actionName = regexp.MustCompile(`^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$`)

func TestEveryActionHasKeysHelpAndAName(t *testing.T) {
	km := Default()
	seen := map[string]bool{}
	for _, a := range km.Actions() {
		if !actionName.MatchString(a.Name) || !strings.HasPrefix(a.Name, a.Context.String()+".") {
			t.Errorf("action name %q is not <context>.<kebab-case>", a.Name)
		}
		if seen[a.Name] {
			t.Errorf("action %q twice", a.Name)
		}
		seen[a.Name] = true
		if len(a.Binding.Keys()) == 0 || !a.Binding.Enabled() {
			t.Errorf("%s has no keys", a.Name)
		}
		if h := a.Binding.Help(); h.Key == "" || h.Desc == "" {
			t.Errorf("%s has help %+v", a.Name, h)
		}
	}
	for _, c := range Contexts() {
		if len(km.Bindings(c)) == 0 || len(km.ShortHelp(c)) == 0 || len(km.FullHelp(c)) == 0 {
			t.Errorf("context %s has no bindings or help", c)
		}
		if c.String() == "unknown" || c.Title() == "Unknown" {
			t.Errorf("context %d has no name", c)
		}
	}
}

func TestFullHelpCoversEveryLayer(t *testing.T) {
	km := Default()
	cols := km.Help(Timeline).FullHelp()
	if len(cols) != 3 {
		t.Fatalf("timeline help has %d columns, want its own, normal and global", len(cols))
	}
	n := 0
	for _, c := range cols {
		n += len(c)
	}
	want := len(km.Bindings(Timeline)) + len(km.Bindings(Normal)) + len(km.Bindings(Global))
	if n != want {
		t.Errorf("timeline help lists %d bindings, want %d", n, want)
	}
	if got := km.Help(Composer).ShortHelp(); len(got) == 0 || got[0].Help().Desc != "send" {
		t.Errorf("composer short help = %v", got)
	}
}

func TestOverride(t *testing.T) {
	km := Default()
	if err := km.Override("timeline.scroll-down", []string{"ctrl+e", "down"}); err != nil {
		t.Fatal(err)
	}
	if got := km.Timeline.Down.Keys(); strings.Join(got, ",") != "ctrl+e,down" {
		t.Errorf("keys = %v", got)
	}
	if h := km.Timeline.Down.Help(); h.Key != "ctrl+e/↓" || h.Desc != "down" {
		t.Errorf("help = %+v", h)
	}
	if !key.Matches(tea.KeyPressMsg{Code: 'e', Mod: tea.ModCtrl}, km.Timeline.Down) {
		t.Error("ctrl+e does not scroll down")
	}
	if key.Matches(tea.KeyPressMsg{Code: 'j', Text: "j"}, km.Timeline.Down) {
		t.Error("j still scrolls down")
	}
	// A key may be reused in a context that is never active with it.
	if err := km.Override("switcher.down", []string{"down", "tab"}); err != nil {
		t.Errorf("switcher tab: %v", err)
	}
	if errs := km.Conflicts(); len(errs) != 0 {
		t.Errorf("conflicts after valid overrides: %v", errs)
	}
}

func TestOverrideErrors(t *testing.T) {
	cases := []struct {
		action string
		keys   []string
		want   []string
	}{
		{"timeline.fly", []string{"f"}, []string{`unknown action "timeline.fly"`}},
		{"timeline.search", nil, []string{"timeline.search", "no keys"}},
		{"timeline.search", []string{" "}, []string{"malformed", "space"}},
		{"timeline.search", []string{"x", "x"}, []string{"twice"}},
		// Same context.
		{"timeline.search", []string{"n"}, []string{"timeline.search", `"n"`, "timeline.next-match"}},
		// A layer below.
		{"timeline.search", []string{"ctrl+k"}, []string{"timeline.search", "global.switcher"}},
		{"stream-list.filter", []string{"?"}, []string{"stream-list.filter", "normal.help"}},
		// A layer above: Global keys apply in every context.
		{"global.quit", []string{"enter"}, []string{"global.quit", "stream-list.open"}},
		{"normal.zoom", []string{"y"}, []string{"normal.zoom", "timeline.copy"}},
	}
	for _, c := range cases {
		km := Default()
		before := km.Timeline.Search.Keys()
		err := km.Override(c.action, c.keys)
		if err == nil {
			t.Errorf("Override(%q, %q) succeeded", c.action, c.keys)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Override(%q, %q) = %q, want it to mention %s", c.action, c.keys, err, w)
			}
		}
		if strings.Join(km.Timeline.Search.Keys(), ",") != strings.Join(before, ",") {
			t.Errorf("failed Override(%q) changed the map", c.action)
		}
	}
}

func TestConflictsReportsBoth(t *testing.T) {
	km := Default()
	km.Normal.Zoom = key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "zoom pane"))
	km.Composer.Leave = key.NewBinding()
	errs := km.Conflicts()
	if len(errs) != 2 {
		t.Fatalf("conflicts = %v, want 2", errs)
	}
	if msg := errs[0].Error(); !strings.Contains(msg, `"y"`) || !strings.Contains(msg, "normal.zoom") || !strings.Contains(msg, "timeline.copy") {
		t.Errorf("conflict = %q", msg)
	}
	if msg := errs[1].Error(); !strings.Contains(msg, "composer.leave has no keys") {
		t.Errorf("conflict = %q", msg)
	}
}

func TestMarkdownTableListsEveryAction(t *testing.T) {
	km := Default()
	table := km.MarkdownTable()
	lines := strings.Split(strings.TrimSuffix(table, "\n"), "\n")
	actions := km.Actions()
	if len(lines) != len(actions)+2 {
		t.Fatalf("table has %d lines for %d actions:\n%s", len(lines), len(actions), table)
	}
	for i, a := range actions {
		row := lines[i+2]
		if !strings.Contains(row, "`"+a.Name+"`") || !strings.HasPrefix(row, "| "+a.Context.Title()+" |") {
			t.Errorf("row %q does not describe %s", row, a.Name)
		}
		for _, k := range a.Binding.Keys() {
			if !strings.Contains(row, "`"+k+"`") {
				t.Errorf("row %q lacks key %s", row, k)
			}
		}
	}
	if err := km.Override("normal.zoom", []string{"Z"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(km.MarkdownTable(), "| `Z` | `normal.zoom` |") {
		t.Error("table does not follow an override")
	}
}

func TestKeyPressesMatch(t *testing.T) {
	km := Default()
	cases := []struct {
		name string
		msg  tea.KeyPressMsg
		want key.Binding
	}{
		{"j", tea.KeyPressMsg{Code: 'j', Text: "j"}, km.Timeline.Down},
		{"down", tea.KeyPressMsg{Code: tea.KeyDown}, km.Timeline.Down},
		{"k", tea.KeyPressMsg{Code: 'k', Text: "k"}, km.StreamList.Up},
		{"G", tea.KeyPressMsg{Code: 'g', ShiftedCode: 'G', Text: "G", Mod: tea.ModShift}, km.Timeline.Bottom},
		{"ctrl+k", tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl}, km.Global.Switcher},
		{"alt+enter", tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt}, km.Composer.Newline},
		{"ctrl+j", tea.KeyPressMsg{Code: 'j', Mod: tea.ModCtrl}, km.Composer.Newline},
		{"enter", tea.KeyPressMsg{Code: tea.KeyEnter}, km.Composer.Send},
		{"shift+tab", tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}, km.Normal.FocusPrev},
		{"tab", tea.KeyPressMsg{Code: tea.KeyTab}, km.Normal.FocusNext},
		{"?", tea.KeyPressMsg{Code: '?', Text: "?"}, km.Normal.Help},
		{"alt+a", tea.KeyPressMsg{Code: 'a', Mod: tea.ModAlt}, km.Global.NextActivity},
		{"pgdown", tea.KeyPressMsg{Code: tea.KeyPgDown}, km.Timeline.PageDown},
		{"esc", tea.KeyPressMsg{Code: tea.KeyEscape}, km.Composer.Leave},
	}
	for _, c := range cases {
		if got := c.msg.String(); got != c.name {
			t.Errorf("%s: the message reads %q", c.name, got)
		}
		if !key.Matches(c.msg, c.want) {
			t.Errorf("%s does not match %v", c.name, c.want.Keys())
		}
	}
	// Exactly one binding per active layer set matches: no shadowing.
	for _, ctx := range []Context{StreamList, Timeline, Composer} {
		for _, c := range cases {
			n := 0
			for _, l := range ctx.Layers() {
				for _, b := range km.Bindings(l) {
					if key.Matches(c.msg, b) {
						n++
					}
				}
			}
			if n > 1 {
				t.Errorf("%s matches %d bindings in %s", c.name, n, ctx)
			}
		}
	}
}

// ContextHelp is what help.Model renders.
var _ help.KeyMap = ContextHelp{}
