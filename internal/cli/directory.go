package cli

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/render"
	"github.com/tutti-chat/tutti/symphony"
)

// directory names streams and users for humans: room names, the other
// members of IMs, display names. It learns from the pod at start and from
// every event after. Every name it returns is sanitised.
type directory struct {
	me int64
	// streams is the account's streams list as load read it.
	streams []symphony.StreamAttributes
	rooms   map[string]string  // canonical stream id → room name
	members map[string][]int64 // IM/MIM → members
	users   map[int64]string   // user id → display name
}

func newDirectory() *directory {
	return &directory{rooms: map[string]string{}, members: map[string][]int64{}, users: map[int64]string{}}
}

// load reads the account, its streams and the names of their members.
func (d *directory) load(ctx context.Context, c *symphony.Client) error {
	me, err := c.SessionInfo(ctx)
	if err != nil {
		return err
	}
	d.me = me.ID
	d.users[me.ID] = displayName(me.DisplayName, me.FirstName, me.LastName, me.Username)
	streams, err := c.AllStreams(ctx, symphony.StreamFilter{IncludeInactiveStreams: true})
	if err != nil {
		return err
	}
	d.streams = streams
	var ids []int64
	for _, s := range streams {
		id := symphony.CanonicalID(s.ID)
		if s.RoomAttributes != nil && s.RoomAttributes.Name != "" {
			d.rooms[id] = s.RoomAttributes.Name
		}
		if s.StreamAttributes != nil {
			d.members[id] = s.StreamAttributes.Members
			ids = append(ids, s.StreamAttributes.Members...)
		}
	}
	slices.Sort(ids)
	users, err := c.UsersByID(ctx, slices.Compact(ids), false)
	for _, u := range users {
		d.users[u.ID] = displayName(u.DisplayName, u.FirstName, u.LastName, u.Username)
	}
	return err
}

// learn takes the names an event carries.
func (d *directory) learn(ev *symphony.V4Event) {
	if ev.Initiator != nil {
		d.learnUser(ev.Initiator.User)
	}
	if st := ev.Stream(); st != nil {
		id := symphony.CanonicalID(st.StreamID)
		if st.RoomName != "" {
			d.rooms[id] = st.RoomName
		}
		if len(st.Members) > 0 {
			ms := make([]int64, 0, len(st.Members))
			for _, u := range st.Members {
				d.learnUser(u)
				if u != nil {
					ms = append(ms, u.UserID)
				}
			}
			d.members[id] = ms
		}
	}
	if m := ev.Message(); m != nil {
		d.learnUser(m.User)
	}
	if p := ev.Payload; p != nil {
		if r := p.RoomCreated; r != nil && r.Stream != nil && r.RoomProperties != nil {
			d.rooms[symphony.CanonicalID(r.Stream.StreamID)] = r.RoomProperties.Name
		}
		if r := p.RoomUpdated; r != nil && r.Stream != nil && r.NewRoomProperties != nil && r.NewRoomProperties.Name != "" {
			d.rooms[symphony.CanonicalID(r.Stream.StreamID)] = r.NewRoomProperties.Name
		}
		for _, u := range p.AffectedUsers() {
			d.learnUser(u)
		}
	}
}

func (d *directory) learnUser(u *symphony.V4User) {
	if u == nil || u.UserID == 0 {
		return
	}
	if n := displayName(u.DisplayName, u.FirstName, u.LastName, u.Username); n != "" {
		d.users[u.UserID] = n
	}
}

// displayName picks the best name a user record has.
func displayName(display, first, last, username string) string {
	switch {
	case display != "":
		return display
	case first != "" || last != "":
		return strings.TrimSpace(first + " " + last)
	}
	return username
}

// userName returns a user's sanitised name, or their id.
func (d *directory) userName(u *symphony.V4User) string {
	if u == nil {
		return "someone"
	}
	if n := d.users[u.UserID]; n != "" {
		return sanitize.Name(n)
	}
	if n := displayName(u.DisplayName, u.FirstName, u.LastName, u.Username); n != "" {
		return sanitize.Name(n)
	}
	return fmt.Sprintf("user %d", u.UserID)
}

// streamName returns a room's name, or for an IM the names of its other
// members, or "" for events outside streams.
func (d *directory) streamName(id string) string {
	if id == "" {
		return ""
	}
	if n, ok := d.rooms[id]; ok {
		return sanitize.Name(n)
	}
	var names []string
	for _, m := range d.members[id] {
		if m != d.me {
			names = append(names, d.userName(&symphony.V4User{UserID: m}))
		}
	}
	if len(names) > 0 {
		sort.Strings(names)
		return "IM " + strings.Join(names, ", ")
	}
	if len(id) > 8 {
		id = id[:8]
	}
	return "stream " + id
}

// describe renders an item as one human line: time, stream, who, what.
func (d *directory) describe(it engine.Item) string {
	ev := &it.Event
	ts := time.UnixMilli(ev.Timestamp).Format("2006-01-02 15:04:05")
	where := d.streamName(it.StreamID)
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
	return fmt.Sprintf("%s  %s  %s%s", ts, where, d.what(ev, who), mark)
}

// what says what an event did.
func (d *directory) what(ev *symphony.V4Event, who *symphony.V4User) string {
	if m := ev.Message(); m != nil {
		return d.userName(who) + ": " + d.messageLine(ev, m)
	}
	line := render.EventSummary(ev, d.userName)
	if p := ev.Payload; p != nil && p.SymphonyElementsAction != nil {
		line += ": " + formValues(p.SymphonyElementsAction.FormValues)
	}
	return line
}

// messageLine is a message's text on one line, with its marks.
func (d *directory) messageLine(ev *symphony.V4Event, m *symphony.V4Message) string {
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
