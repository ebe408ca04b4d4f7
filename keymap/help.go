package keymap

import (
	"strings"

	"charm.land/bubbles/v2/key"
)

// keySymbols are how help shows some keys.
var keySymbols = map[string]string{
	"up":    "↑",
	"down":  "↓",
	"left":  "←",
	"right": "→",
}

// helpKeys is the help label of a binding: its keys joined by "/".
func helpKeys(keys []string) string {
	labels := make([]string, len(keys))
	for i, k := range keys {
		if s, ok := keySymbols[k]; ok {
			k = s
		}
		labels[i] = k
	}
	return strings.Join(labels, "/")
}

// Bindings returns the bindings of ctx alone, without its layers, in
// the order of Actions.
func (k KeyMap) Bindings(ctx Context) []key.Binding {
	var out []key.Binding
	for _, a := range k.Actions() {
		if a.Context == ctx {
			out = append(out, *a.Binding)
		}
	}
	return out
}

// ShortHelp returns the few bindings the status bar shows for ctx, most
// used first: a narrow bar drops them from the end.
func (k KeyMap) ShortHelp(ctx Context) []key.Binding {
	switch ctx {
	case Global:
		return []key.Binding{k.Global.Switcher, k.Global.NextActivity, k.Global.Quit}
	case Normal:
		return []key.Binding{k.Global.Switcher, k.Normal.FocusNext, k.Normal.Help, k.Normal.Quit}
	case StreamList:
		return []key.Binding{k.StreamList.Down, k.StreamList.Up, k.StreamList.Open, k.StreamList.Filter, k.Normal.FocusNext, k.Normal.Help, k.Normal.Quit}
	case Timeline:
		return []key.Binding{k.Timeline.Down, k.Timeline.Up, k.Timeline.Compose, k.Timeline.Search, k.Normal.Split, k.Normal.Help, k.Normal.Quit}
	case Composer:
		return []key.Binding{k.Composer.Send, k.Composer.Newline, k.Composer.Complete, k.Composer.Leave, k.Global.Quit}
	case Switcher:
		return []key.Binding{k.Switcher.Down, k.Switcher.Up, k.Switcher.Open, k.Switcher.Close}
	case Inspector:
		return []key.Binding{k.Inspector.Down, k.Inspector.Up, k.Inspector.Copy, k.Inspector.Close}
	case Search:
		return []key.Binding{k.Search.Accept, k.Search.Cancel}
	case ListFilter:
		return []key.Binding{k.ListFilter.Down, k.ListFilter.Up, k.ListFilter.Open, k.ListFilter.Clear}
	case People:
		return []key.Binding{k.People.Down, k.People.Up, k.People.Profile, k.People.Chat, k.People.Close}
	case Picker:
		return []key.Binding{k.Picker.Down, k.Picker.Up, k.Picker.Choose, k.Picker.Done, k.Picker.Close}
	case Form:
		return []key.Binding{k.Form.Next, k.Form.Toggle, k.Form.Press, k.Form.Close}
	}
	return nil
}

// FullHelp returns every binding active in ctx, one column per layer: the
// context's own bindings first, Global's last.
func (k KeyMap) FullHelp(ctx Context) [][]key.Binding {
	var cols [][]key.Binding
	for _, l := range ctx.Layers() {
		if b := k.Bindings(l); len(b) > 0 {
			cols = append(cols, b)
		}
	}
	return cols
}

// Help returns the help of ctx, a help.KeyMap of charm.land/bubbles/v2/help
// (which this package does not import: it depends on Bubble Tea, which only
// the ui package may).
func (k KeyMap) Help(ctx Context) ContextHelp {
	return ContextHelp{keys: k, ctx: ctx}
}

// ContextHelp is the help of one context, in the shape help.Model renders.
type ContextHelp struct {
	keys KeyMap
	ctx  Context
}

// ShortHelp returns the bindings of the short help line.
func (h ContextHelp) ShortHelp() []key.Binding { return h.keys.ShortHelp(h.ctx) }

// FullHelp returns the columns of the full help.
func (h ContextHelp) FullHelp() [][]key.Binding { return h.keys.FullHelp(h.ctx) }

// MarkdownTable returns the key table of the README: one row per action,
// with its context, keys, name and description.
func (k KeyMap) MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| Context | Keys | Action | Description |\n")
	b.WriteString("|---|---|---|---|\n")
	for _, a := range k.Actions() {
		keys := make([]string, len(a.Binding.Keys()))
		for i, kk := range a.Binding.Keys() {
			keys[i] = "`" + strings.ReplaceAll(kk, "|", `\|`) + "`"
		}
		b.WriteString("| " + a.Context.Title() + " | " + strings.Join(keys, ", ") + " | `" + a.Name + "` | " + a.Binding.Help().Desc + " |\n")
	}
	return b.String()
}
