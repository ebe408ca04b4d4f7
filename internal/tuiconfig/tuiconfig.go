// Package tuiconfig reads the tui: section of tutti's config.yaml: the key
// overrides, theme, time format, bell, membership rows, mouse, links,
// history page size, rows kept per stream and the list's order of the
// terminal UI.
//
// Contract: Decode never fails half-way. It reports every problem of the
// section at once, each as `file:line: tui.key: message` with the line of
// the offending value, and a Settings is only returned when there are
// none. Unknown keys are errors too: a typo must not be silently ignored.
// The key map of the returned Settings has every override applied and no
// conflict (keymap.Override refuses keys bound twice in one context).
package tuiconfig

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/tutti-chat/tutti/internal/yamlnode"
	"github.com/tutti-chat/tutti/keymap"
	"github.com/tutti-chat/tutti/watch"
)

// Theme names a colour theme.
type Theme string

// The themes.
const (
	ThemeAuto         Theme = "auto" // dark or light, from the terminal's background
	ThemeDark         Theme = "dark"
	ThemeLight        Theme = "light"
	ThemeHighContrast Theme = "high-contrast"
	ThemeMono         Theme = "mono" // no colour, attributes only
)

// ListOrder says how the streams of a section of the list are ordered.
type ListOrder string

// The list orders.
const (
	ListOrderActivity ListOrder = "activity" // the most recently active first
	ListOrderName     ListOrder = "name"     // by name, case-insensitively
)

// Bell says what rings the terminal bell.
type Bell struct {
	Mention, IM, Chime bool
}

// Settings are the UI's settings, defaults filled in.
type Settings struct {
	Keys             keymap.KeyMap
	Theme            Theme
	TimeFormat       string // a Go time layout
	Bell             Bell
	HideMembership   bool
	Mouse            bool
	Links            bool // OSC 8 hyperlinks for http(s), mailto and symphony links
	HistoryPageSize  int
	MaxRowsPerStream int
	ListOrder        ListOrder
	// SystemEvents shows the pod's generic system events (such as
	// FEDERATION_LINK_STATE) in Activity; they are hidden by default.
	SystemEvents bool
	// DownloadDir is where attachments are saved, as configured ("~/"
	// allowed); "" means the XDG download directory ($XDG_DOWNLOAD_DIR,
	// else ~/Downloads), which the command resolves.
	DownloadDir string
	// Notify is when and how desktop notifications show (notify.go).
	Notify Notify
	// Watch are the rules of tui.watch (watch.go), each checked, in order.
	Watch []watch.Rule
}

// Defaults returns the settings of a config without a tui: section.
func Defaults() Settings {
	return Settings{
		Keys:       keymap.Default(),
		Theme:      ThemeAuto,
		TimeFormat: "15:04",
		Bell:       Bell{Mention: true, IM: true, Chime: true},
		Mouse:      true,
		// Off unless asked for: terminals that do not know OSC 8 (and
		// tmux before 3.4) show or drop it badly.
		Links:            false,
		HistoryPageSize:  100,
		MaxRowsPerStream: 20000,
		ListOrder:        ListOrderActivity,
		Notify:           defaultNotify(),
	}
}

// Limits of the numeric settings.
const (
	MinPageSize, MaxPageSize = 1, 500
	MinRows, MaxRows         = 100, 1_000_000
)

// Decode reads the tui: key of root, the top-level mapping of a config
// file (symphony.Config.Root) named file in messages. A nil root, or one
// without tui:, gives the defaults.
func Decode(file string, root *yaml.Node) (Settings, error) {
	s := Defaults()
	tui := yamlnode.Lookup(root, "tui")
	if yamlnode.IsNull(tui) {
		return s, nil
	}
	d := &decoder{yamlnode.Decoder{File: file}}
	if tui.Kind != yaml.MappingNode {
		d.Errorf(tui.Line, "tui", "want a mapping of settings, got %s", yamlnode.KindOf(tui))
		return Settings{}, d.Err()
	}
	known := []string{"keys", "theme", "timeFormat", "bell", "membershipRows", "mouse", "links", "historyPageSize", "maxRowsPerStream", "listOrder", "systemEvents", "downloadDir", "notify", "watch"}
	for i := 0; i+1 < len(tui.Content); i += 2 {
		k, v := tui.Content[i], tui.Content[i+1]
		path := yamlnode.JoinPath("tui", k.Value)
		switch k.Value {
		case "keys":
			d.keys(v, &s.Keys)
		case "theme":
			if t, ok := d.OneOf(v, path, "auto", "dark", "light", "high-contrast", "mono"); ok {
				s.Theme = Theme(t)
			}
		case "timeFormat":
			if f, ok := d.String(v, path); ok {
				if err := checkTimeFormat(f); err != nil {
					d.Errorf(v.Line, path, "%v", err)
				} else {
					s.TimeFormat = f
				}
			}
		case "bell":
			s.Bell = d.bell(v, path, s.Bell)
		case "membershipRows":
			if m, ok := d.OneOf(v, path, "shown", "hidden"); ok {
				s.HideMembership = m == "hidden"
			}
		case "mouse":
			if b, ok := d.Bool(v, path); ok {
				s.Mouse = b
			}
		case "links":
			if b, ok := d.Bool(v, path); ok {
				s.Links = b
			}
		case "historyPageSize":
			if n, ok := d.Int(v, path, MinPageSize, MaxPageSize); ok {
				s.HistoryPageSize = n
			}
		case "maxRowsPerStream":
			if n, ok := d.Int(v, path, MinRows, MaxRows); ok {
				s.MaxRowsPerStream = n
			}
		case "systemEvents":
			if v, ok := d.OneOf(v, path, "shown", "hidden"); ok {
				s.SystemEvents = v == "shown"
			}
		case "listOrder":
			if o, ok := d.OneOf(v, path, string(ListOrderActivity), string(ListOrderName)); ok {
				s.ListOrder = ListOrder(o)
			}
		case "downloadDir":
			if dir, ok := d.String(v, path); ok {
				dir = strings.TrimSpace(dir)
				if dir != "" && dir != "~" && !strings.HasPrefix(dir, "~/") && !filepath.IsAbs(dir) {
					d.Errorf(v.Line, path, "want an absolute directory or one under ~/, got %q", dir)
				} else {
					s.DownloadDir = dir
				}
			}
		case "notify":
			s.Notify = d.notify(v, path)
		case "watch":
			s.Watch = d.watchRules(v)
		default:
			d.Errorf(k.Line, path, "unknown setting; the tui: settings are %s", strings.Join(known, ", "))
		}
	}
	if err := d.ErrByLine(); err != nil { // the key conflicts and the watch rules are checked after reading
		return Settings{}, err
	}
	return s, nil
}

// checkTimeFormat accepts a Go time layout that shows at least the hour.
func checkTimeFormat(f string) error {
	t := time.Date(2006, 1, 2, 21, 4, 5, 0, time.UTC)
	out := t.Format(f)
	if !strings.Contains(out, "21") && !strings.Contains(out, "9") {
		return fmt.Errorf("want a Go time layout that shows the hour, such as \"15:04\" or \"3:04PM\", got %q", f)
	}
	return nil
}

// decoder reads the section, gathering its problems.
type decoder struct {
	yamlnode.Decoder
}

// bell reads a list of mention, im and chime, or never (or an empty list).
func (d *decoder) bell(n *yaml.Node, path string, def Bell) Bell {
	var items []*yaml.Node
	switch n.Kind {
	case yaml.SequenceNode:
		items = n.Content
	case yaml.ScalarNode:
		if n.Value == "never" || n.Value == "" {
			return Bell{}
		}
		items = []*yaml.Node{n}
	default:
		d.Errorf(n.Line, path, "want a list of mention, im and chime, or never, got %s", yamlnode.KindOf(n))
		return def
	}
	var b Bell
	for _, it := range items {
		v, ok := d.OneOf(it, path, "mention", "im", "chime")
		switch {
		case !ok:
			return def
		case v == "mention":
			b.Mention = true
		case v == "im":
			b.IM = true
		case v == "chime":
			b.Chime = true
		}
	}
	return b
}

// keys applies the key overrides: a mapping of action names to a key or a
// list of keys. All are bound first, then checked together, so that keys
// can be swapped between actions.
func (d *decoder) keys(n *yaml.Node, km *keymap.KeyMap) {
	if yamlnode.IsNull(n) || n.Kind == yaml.ScalarNode && n.Value == "" {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n.Line, "tui.keys", "want a mapping of action names to keys, got %s", yamlnode.KindOf(n))
		return
	}
	where := map[string]*yaml.Node{} // overridden actions → their value
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		path := yamlnode.JoinPath("tui.keys", k.Value)
		var keys []string
		switch v.Kind {
		case yaml.ScalarNode:
			keys = []string{v.Value}
		case yaml.SequenceNode:
			for _, it := range v.Content {
				if it.Kind != yaml.ScalarNode {
					d.Errorf(it.Line, path, "want a key such as \"j\" or \"ctrl+k\", got %s", yamlnode.KindOf(it))
					continue
				}
				keys = append(keys, it.Value)
			}
		default:
			d.Errorf(v.Line, path, "want a key or a list of keys, got %s", yamlnode.KindOf(v))
			continue
		}
		if err := km.Bind(k.Value, keys); err != nil {
			d.Errorf(v.Line, path, "%s", strings.TrimPrefix(err.Error(), "keymap: "))
			continue
		}
		where[k.Value] = v
	}
	for _, err := range km.Conflicts() {
		var c keymap.Conflict
		if !errors.As(err, &c) {
			continue
		}
		at, name := where[c.A], c.A
		if at == nil {
			at, name = where[c.B], c.B
		}
		if at == nil {
			continue // a conflict of the defaults is the key map's own test's business
		}
		d.Errorf(at.Line, yamlnode.JoinPath("tui.keys", name), "key %q is bound to both %s and %s, which are active at the same time", c.Key, c.A, c.B)
	}
}
