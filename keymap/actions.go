package keymap

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
)

// Action is one binding of a KeyMap with its stable name.
type Action struct {
	Context Context
	// Name is "<context>.<verb>", e.g. "timeline.scroll-down".
	Name    string
	Binding *key.Binding
}

// Actions returns every binding of k with its name, in the order of the
// contexts, pointing into k.
func (k *KeyMap) Actions() []Action {
	g, n, s, t, c, w, i := &k.Global, &k.Normal, &k.StreamList, &k.Timeline, &k.Composer, &k.Switcher, &k.Inspector
	q, f := &k.Search, &k.ListFilter
	pp, pk, fm := &k.People, &k.Picker, &k.Form
	type entry struct {
		verb string
		b    *key.Binding
	}
	groups := []struct {
		ctx     Context
		entries []entry
	}{
		{Global, []entry{{"quit", &g.Quit}, {"switcher", &g.Switcher}, {"next-activity", &g.NextActivity}}},
		{Normal, []entry{
			{"quit", &n.Quit}, {"help", &n.Help}, {"log", &n.Log}, {"focus-next", &n.FocusNext}, {"focus-previous", &n.FocusPrev},
			{"split", &n.Split}, {"close-pane", &n.ClosePane}, {"zoom", &n.Zoom}, {"reconnect", &n.Reconnect},
			{"search-messages", &n.SearchAll},
			{"room-info", &n.RoomInfo},
			{"mark-all-read", &n.MarkAllRead}, {"mute", &n.Mute},
			{"new-chat", &n.NewChat}, {"create-room", &n.CreateRoom}, {"add-member", &n.AddMember},
			{"overview", &n.Overview},
		}},
		{StreamList, []entry{
			{"down", &s.Down}, {"up", &s.Up}, {"page-down", &s.PageDown}, {"page-up", &s.PageUp},
			{"top", &s.Top}, {"bottom", &s.Bottom}, {"open", &s.Open}, {"compose", &s.Compose},
			{"filter", &s.Filter}, {"leave", &s.Leave},
		}},
		{Timeline, []entry{
			{"scroll-down", &t.Down}, {"scroll-up", &t.Up}, {"page-down", &t.PageDown}, {"page-up", &t.PageUp},
			{"top", &t.Top}, {"bottom", &t.Bottom}, {"compose", &t.Compose}, {"search", &t.Search},
			{"next-match", &t.NextMatch}, {"previous-match", &t.PrevMatch},
			{"toggle-membership", &t.ToggleMembership}, {"copy", &t.Copy}, {"open-link", &t.OpenLink}, {"expand", &t.Expand},
			{"download", &t.Download}, {"open-attachment", &t.OpenAttachment},
			{"accept-connection", &t.AcceptConnection}, {"reject-connection", &t.RejectConnection},
			{"request-connection", &t.Connect},
			{"edit", &t.Edit}, {"reply", &t.Reply}, {"forward", &t.Forward},
			{"inspect", &t.Inspect}, {"leave", &t.Leave},
			{"profile", &t.Profile},
			{"jump-to-date", &t.JumpDate},
		}},
		{Composer, []entry{
			{"send", &c.Send}, {"newline", &c.Newline}, {"complete", &c.Complete},
			{"history-previous", &c.HistoryPrev}, {"history-next", &c.HistoryNext}, {"leave", &c.Leave},
		}},
		{Switcher, []entry{{"down", &w.Down}, {"up", &w.Up}, {"open", &w.Open}, {"close", &w.Close}}},
		{Inspector, []entry{
			{"scroll-down", &i.Down}, {"scroll-up", &i.Up}, {"page-down", &i.PageDown}, {"page-up", &i.PageUp},
			{"top", &i.Top}, {"bottom", &i.Bottom}, {"copy", &i.Copy}, {"close", &i.Close},
		}},
		{Search, []entry{{"accept", &q.Accept}, {"cancel", &q.Cancel}}},
		{ListFilter, []entry{{"down", &f.Down}, {"up", &f.Up}, {"open", &f.Open}, {"clear", &f.Clear}}},
		{People, []entry{
			{"down", &pp.Down}, {"up", &pp.Up}, {"top", &pp.Top}, {"bottom", &pp.Bottom},
			{"profile", &pp.Profile}, {"chat", &pp.Chat}, {"close", &pp.Close},
			{"connect", &pp.Connect}, {"add-member", &pp.AddMember},
		}},
		{Picker, []entry{{"down", &pk.Down}, {"up", &pk.Up}, {"choose", &pk.Choose}, {"done", &pk.Done}, {"close", &pk.Close}}},
		{Form, []entry{
			{"next", &fm.Next}, {"previous", &fm.Prev}, {"left", &fm.Left}, {"right", &fm.Right},
			{"toggle", &fm.Toggle}, {"press", &fm.Press}, {"newline", &fm.Newline}, {"close", &fm.Close},
		}},
	}
	var out []Action
	for _, grp := range groups {
		for _, e := range grp.entries {
			out = append(out, Action{Context: grp.ctx, Name: grp.ctx.String() + "." + e.verb, Binding: e.b})
		}
	}
	return out
}

// Override binds action to keys instead of its current keys. It fails,
// leaving k unchanged, when the action is unknown, keys is empty or holds
// a malformed key, or a key is already bound to another action that is
// active at the same time (of the same context or one of its layers).
func (k *KeyMap) Override(action string, keys []string) error {
	target, err := k.check(action, keys)
	if err != nil {
		return err
	}
	for _, other := range k.Actions() {
		if other.Name == action || !overlaps(target.Context, other.Context) {
			continue
		}
		for _, kk := range keys {
			if hasKey(other.Binding, kk) {
				return fmt.Errorf("keymap: %s: key %q is already bound to %s", action, kk, other.Name)
			}
		}
	}
	desc := target.Binding.Help().Desc
	*target.Binding = bind(desc, keys...)
	return nil
}

// Bind binds action to keys instead of its current keys, like Override,
// but without looking for conflicts: a set of overrides that swaps keys
// between actions is applied with Bind, then checked with Conflicts.
func (k *KeyMap) Bind(action string, keys []string) error {
	target, err := k.check(action, keys)
	if err != nil {
		return err
	}
	desc := target.Binding.Help().Desc
	*target.Binding = bind(desc, keys...)
	return nil
}

// check returns the action named action, after checking that keys are
// well formed.
func (k *KeyMap) check(action string, keys []string) (*Action, error) {
	actions := k.Actions()
	var target *Action
	for i := range actions {
		if actions[i].Name == action {
			target = &actions[i]
			break
		}
	}
	if target == nil {
		return nil, fmt.Errorf("keymap: unknown action %q", action)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("keymap: %s: no keys given", action)
	}
	for i, kk := range keys {
		if kk == "" || strings.ContainsAny(kk, " \t\n") {
			return nil, fmt.Errorf("keymap: %s: malformed key %q (write the space bar as \"space\")", action, kk)
		}
		for _, prev := range keys[:i] {
			if prev == kk {
				return nil, fmt.Errorf("keymap: %s: key %q given twice", action, kk)
			}
		}
	}
	return target, nil
}

// Conflict is a key bound to two actions that are active at the same time.
type Conflict struct {
	Key  string
	A, B string // action names, in the order of Actions
}

// Error words the conflict.
func (c Conflict) Error() string {
	return fmt.Sprintf("keymap: key %q is bound to both %s and %s", c.Key, c.A, c.B)
}

// Conflicts returns an error for every key bound to two actions that are
// active at the same time (a Conflict), and for every action without keys.
func (k KeyMap) Conflicts() []error {
	actions := k.Actions()
	var errs []error
	for i, a := range actions {
		if len(a.Binding.Keys()) == 0 {
			errs = append(errs, fmt.Errorf("keymap: %s has no keys", a.Name))
		}
		for _, b := range actions[i+1:] {
			if !overlaps(a.Context, b.Context) {
				continue
			}
			for _, kk := range a.Binding.Keys() {
				if hasKey(b.Binding, kk) {
					errs = append(errs, Conflict{Key: kk, A: a.Name, B: b.Name})
				}
			}
		}
	}
	return errs
}

// hasKey reports whether b is bound to k.
func hasKey(b *key.Binding, k string) bool {
	for _, kk := range b.Keys() {
		if kk == k {
			return true
		}
	}
	return false
}
