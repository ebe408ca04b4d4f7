package tuiconfig

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tutti-chat/tutti/internal/yamlnode"
)

// Notify is when and how desktop notifications are shown (tui.notify).
type Notify struct {
	// Method is auto (the terminal's escape where it shows one, else
	// none), off, osc9, osc777 or command (notify-send, osascript).
	Method string
	// On is what notifies: mentions, IM and MIM messages, watch matches.
	Mention, IM, Watch bool
	// Quiet hours, minutes of the day from QuietFrom to QuietTo (across
	// midnight when QuietTo is earlier); none when equal.
	QuietFrom, QuietTo int
}

// defaultNotify notifies of mentions, IMs and watch matches through the
// terminal's own escape, where it has one.
func defaultNotify() Notify {
	return Notify{Method: "auto", Mention: true, IM: true, Watch: true}
}

// Quiet reports whether minute (of the day) is in the quiet hours.
func (n Notify) Quiet(minute int) bool {
	switch {
	case n.QuietFrom == n.QuietTo:
		return false
	case n.QuietFrom < n.QuietTo:
		return minute >= n.QuietFrom && minute < n.QuietTo
	}
	return minute >= n.QuietFrom || minute < n.QuietTo
}

// notify reads tui.notify: a mapping of method, on and quietHours.
func (d *decoder) notify(n *yaml.Node, path string) Notify {
	out := defaultNotify()
	if yamlnode.IsNull(n) {
		return out
	}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n.Line, path, "want a mapping of method, on and quietHours, got %s", yamlnode.KindOf(n))
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		p := yamlnode.JoinPath(path, k.Value)
		switch k.Value {
		case "method":
			if m, ok := d.OneOf(v, p, "auto", "off", "osc9", "osc777", "command"); ok {
				out.Method = m
			}
		case "on":
			out.Mention, out.IM, out.Watch = false, false, false
			items := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				items = v.Content
			}
			for _, it := range items {
				switch w, _ := d.OneOf(it, p, "mention", "im", "watch"); w {
				case "mention":
					out.Mention = true
				case "im":
					out.IM = true
				case "watch":
					out.Watch = true
				}
			}
		case "quietHours":
			if s, ok := d.String(v, p); ok {
				from, to, err := parseHours(s)
				if err != nil {
					d.Errorf(v.Line, p, "%v", err)
				} else {
					out.QuietFrom, out.QuietTo = from, to
				}
			}
		default:
			d.Errorf(k.Line, p, "unknown setting; tui.notify takes method, on and quietHours")
		}
	}
	return out
}

// parseHours reads "22:00-07:30" as minutes of the day; "" is none.
func parseHours(s string) (from, to int, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, 0, nil
	}
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return 0, 0, fmt.Errorf("want quiet hours as HH:MM-HH:MM, such as 22:00-07:00, got %q", s)
	}
	if from, err = parseClock(a); err == nil {
		to, err = parseClock(b)
	}
	if err != nil {
		return 0, 0, fmt.Errorf("want quiet hours as HH:MM-HH:MM, such as 22:00-07:00, got %q: %v", s, err)
	}
	return from, to, nil
}

// parseClock reads HH:MM as minutes of the day.
func parseClock(s string) (int, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, fmt.Errorf("%q is not a time of day", strings.TrimSpace(s))
	}
	return hh*60 + mm, nil
}
