package cli

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/render"
	"github.com/tutti-chat/tutti/symphony"
)

// describe renders an item as one human line: time, stream, who, what.
func describe(d *names.Directory, it engine.Item) string {
	ev := &it.Event
	ts := time.UnixMilli(ev.Timestamp).Format("2006-01-02 15:04:05")
	where := d.StreamName(it.StreamID)
	if where == "" {
		where = "connections"
	}
	var who *symphony.V4User
	if ev.Initiator != nil {
		who = ev.Initiator.User
	}
	mark := ""
	if it.Recovered {
		mark = " ↺"
	}
	return fmt.Sprintf("%s  %s  %s%s", ts, where, what(d, ev, who), mark)
}

// what says what an event did.
func what(d *names.Directory, ev *symphony.V4Event, who *symphony.V4User) string {
	if m := ev.Message(); m != nil {
		return d.User(who) + ": " + messageLine(ev, m)
	}
	line := render.EventSummary(ev, d.User)
	if p := ev.Payload; p != nil && p.SymphonyElementsAction != nil {
		line += ": " + formValues(p.SymphonyElementsAction.FormValues)
	}
	return line
}

// messageLine is a message's text on one line, with its marks.
func messageLine(ev *symphony.V4Event, m *symphony.V4Message) string {
	var b strings.Builder
	switch {
	case m.Replacing != "":
		b.WriteString("✎ ")
	case m.ParentMessageID != "":
		b.WriteString("↪ ")
	}
	if ev.Type == symphony.EventSharedPost {
		b.WriteString("shared a post: ")
		if ev.Payload.SharedPost.SharedMessage != nil {
			m = ev.Payload.SharedPost.SharedMessage
		}
	}
	text := render.Parse(m.Message, m.Data).PlainText()
	b.WriteString(strings.Join(strings.Fields(strings.ReplaceAll(text, "\n", " ⏎ ")), " "))
	for _, a := range m.Attachments {
		fmt.Fprintf(&b, " [%s, %s]", sanitize.Line(a.Name), render.ByteSize(a.Size))
	}
	return b.String()
}

// formValues lists a form's answers as k=v pairs, sorted.
func formValues(v map[string]any) string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = sanitize.Line(fmt.Sprintf("%s=%v", k, v[k]))
	}
	return strings.Join(parts, ", ")
}
