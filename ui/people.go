package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/symphony"
)

// People is what the room info and members overlay, the profile and the
// presence marks ask the pod; *symphony.Client has all of it. It only
// reads, but for CreateIM: tutti never sets anyone's presence, its own
// account's included.
type People interface {
	RoomInfo(ctx context.Context, roomID string) (symphony.V3RoomDetail, error)
	RoomMembers(ctx context.Context, roomID string) ([]symphony.MemberInfo, error)
	UsersByID(ctx context.Context, ids []int64, local bool) ([]symphony.UserV2, error)
	Presence(ctx context.Context, userID int64) (symphony.V2Presence, error)
	CreateIM(ctx context.Context, userIDs []int64) (string, error)
	SearchUsers(ctx context.Context, query string, local bool, skip, limit int) (symphony.UserSearchResults, error)
	CreateRoom(ctx context.Context, attrs symphony.V3RoomAttributes) (symphony.V3RoomDetail, error)
	AddRoomMember(ctx context.Context, roomID string, userID int64) error
}

// peopleState is the people overlay (a room's info and members, or a
// profile) and the presence marks known so far.
type peopleState struct {
	view     peopleView
	presence presenceCache
}

// peopleKind says what the people overlay shows.
type peopleKind int

const (
	// peopleRoom: a room's info and members, or an IM's participants.
	peopleRoom peopleKind = iota
	// peopleProfile: one user's profile.
	peopleProfile
)

// peopleView is the people overlay: plain sanitised lines wrapped as the
// help's are, with a cursor on its member lines.
type peopleView struct {
	kind    peopleKind
	stream  string // the stream of a room overlay
	user    int64  // the user of a profile
	title   string
	lines   []string
	heads   []bool
	hangs   []int
	page    wrapped
	off     int
	members []int64 // the members listed, in the order shown
	first   int     // the index in lines of the first member's line
	cur     int     // the member under the cursor
	loading bool
	// back is the room overlay a profile was opened from: closing the
	// profile shows it again.
	back *peopleView
	// src is what a room overlay was laid out from: it is laid out again
	// when its members' presence comes.
	src *roomInfoMsg
}

// add appends a line, continuation lines hung two cells in.
func (v *peopleView) add(line string, head bool) {
	v.lines = append(v.lines, line)
	v.heads = append(v.heads, head)
	v.hangs = append(v.hangs, indentOf(line)+2)
	v.page = wrapped{}
}

// roomInfoMsg is a room's info, members and their user records, or an
// IM's participants' records, fetched for the people overlay.
type roomInfoMsg struct {
	stream  string
	detail  *symphony.V3RoomDetail // nil for an IM or MIM
	members []symphony.MemberInfo
	users   []symphony.UserV2
	err     error
}

// profileMsg is a user's record and presence, fetched for a profile.
type profileMsg struct {
	user     int64
	record   *symphony.UserV2 // nil when the pod does not know the user
	presence string           // "" when unknown
	err      error
}

// imCreatedMsg is the IM (or MIM) the profile's chat key, or the
// picker, asked the pod for: with users, the reader excepted.
type imCreatedMsg struct {
	users []int64
	id    string
	err   error
}

// presenceMsg is the presence of the users asked for; those whose
// presence could not be read are left out.
type presenceMsg struct {
	cats map[int64]string
	err  error
}

// peopleDo returns the People of the model, or says that there are none.
func (m *Model) peopleDo() People {
	if m.deps.People == nil {
		m.notify("no pod to ask about people here", false)
	}
	return m.deps.People
}

// roomInfoStream is the stream the room info key acts on: the one under
// the cursor in the list, else the focused pane's.
func (m *Model) roomInfoStream() *stream {
	if m.base() == modeList && m.cursorID != "" {
		return m.streams[m.cursorID]
	}
	return m.streams[m.open]
}

// openRoomInfo opens the people overlay on the room info and members of
// the open stream (the participants of an IM or MIM) and fetches them.
func (m *Model) openRoomInfo() tea.Cmd {
	s := m.roomInfoStream()
	if s == nil || s.kind.special() {
		m.notify("room info: open a room or a conversation first", false)
		return nil
	}
	p := m.peopleDo()
	if p == nil {
		return nil
	}
	ctx, id := m.ctx, s.id
	room := s.kind != KindIM
	var ids []int64
	if !room {
		ids = m.names.StreamMembers(id)
	}
	v := peopleView{kind: peopleRoom, stream: id, title: s.name, loading: true}
	v.add("fetching the room's info and members…", false)
	m.showPeople(v)
	return func() tea.Msg {
		out := roomInfoMsg{stream: id}
		if room {
			d, err := p.RoomInfo(ctx, id)
			if err != nil {
				out.err = fmt.Errorf("room info: %w", err)
				return out
			}
			out.detail = &d
			if out.members, err = p.RoomMembers(ctx, id); err != nil {
				out.err = fmt.Errorf("room members: %w", err)
				return out
			}
			for _, mi := range out.members {
				ids = append(ids, mi.ID)
			}
		} else {
			for _, u := range ids {
				out.members = append(out.members, symphony.MemberInfo{ID: u})
			}
		}
		if len(ids) > 0 {
			users, err := p.UsersByID(ctx, ids, false)
			if err != nil {
				out.err = fmt.Errorf("look up the members: %w", err)
			}
			out.users = users
		}
		return out
	}
}

// showPeople opens the people overlay on v.
func (m *Model) showPeople(v peopleView) {
	m.people.view = v
	m.cover(modePeople)
}

// handlePeopleMsg takes what a people fetch brought back, when the overlay
// still waits for it, and the presence marks.
func (m *Model) handlePeopleMsg(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case roomInfoMsg:
		m.names.LookedUp(msg.users...)
		v := &m.people.view
		if m.mode != modePeople || v.kind != peopleRoom || v.stream != msg.stream || !v.loading {
			return nil
		}
		m.people.view = m.roomView(msg)
		return m.membersPresence(msg.members)
	case profileMsg:
		if msg.record != nil {
			m.names.LookedUp(*msg.record)
		}
		if msg.presence != "" && m.people.presence.set(msg.user, msg.presence) {
			m.presenceChanged()
		}
		v := &m.people.view
		if m.mode != modePeople || v.kind != peopleProfile || v.user != msg.user || !v.loading {
			return nil
		}
		back := v.back
		m.people.view = m.profileView(msg)
		m.people.view.back = back
	case imCreatedMsg:
		if msg.err != nil {
			m.notifyFailure("chat not started", msg.err)
			return nil
		}
		m.openIM(msg)
	case presenceMsg:
		m.people.presence.busy = false
		changed := false
		for id, c := range msg.cats {
			changed = m.people.presence.set(id, c) || changed
		}
		if v := &m.people.view; changed && v.src != nil {
			cur, off := v.cur, v.off
			*v = m.roomView(*v.src)
			v.cur, v.off = cur, off
		}
		if changed {
			m.presenceChanged()
		}
		if msg.err != nil {
			// In the log only: a mark missing is no news for the status bar.
			m.record(msg.err.Error(), true)
		}
	}
	return nil
}

// roomView lays out a room's info and members, or an IM's participants.
func (m *Model) roomView(msg roomInfoMsg) peopleView {
	s := m.streams[msg.stream]
	v := peopleView{kind: peopleRoom, stream: msg.stream, src: &msg}
	if s != nil {
		v.title = s.name
	}
	if msg.err != nil && msg.detail == nil {
		v.add("could not fetch the room's info: "+sanitize.Line(msg.err.Error()), false)
		return v
	}
	users := map[int64]symphony.UserV2{}
	for _, u := range msg.users {
		users[u.ID] = u
	}
	if d := msg.detail; d != nil && d.RoomAttributes != nil {
		a := d.RoomAttributes
		v.title = sanitize.Name(a.Name)
		v.add("Name: "+sanitize.Line(a.Name), false)
		if a.Description != "" {
			v.add("Description: "+sanitize.Line(a.Description), false)
		}
		if len(a.Keywords) > 0 {
			kw := make([]string, len(a.Keywords))
			for i, k := range a.Keywords {
				kw[i] = sanitize.Line(k.Key) + ": " + sanitize.Line(k.Value)
			}
			v.add("Keywords: "+strings.Join(kw, ", "), false)
		}
		v.add("Flags: "+roomFlags(a, s != nil && s.external), false)
		if si := d.RoomSystemInfo; si != nil && si.CreationDate > 0 {
			line := "Created: " + time.UnixMilli(si.CreationDate).In(m.loc).Format("Monday 2 January 2006 15:04")
			if si.CreatedByUserID != 0 {
				line += " by " + m.personName(si.CreatedByUserID)
			}
			v.add(line, false)
		}
		v.add("", false)
	}
	ms := slices.Clone(msg.members)
	slices.SortStableFunc(ms, func(a, b symphony.MemberInfo) int {
		if a.Owner != b.Owner {
			if a.Owner {
				return -1
			}
			return 1
		}
		return strings.Compare(strings.ToLower(m.personName(a.ID)), strings.ToLower(m.personName(b.ID)))
	})
	what := "Members"
	if msg.detail == nil {
		what = "Participants"
	}
	head := fmt.Sprintf("%s (%d)", what, len(ms))
	if msg.detail != nil {
		head += ", owners marked ★"
	}
	v.add(head, true)
	v.first = len(v.lines)
	for _, mi := range ms {
		mark := "  "
		if mi.Owner {
			mark = "★ "
		}
		line := "  " + mark + m.presenceGlyph(mi.ID) + m.personName(mi.ID)
		if mi.ID == m.deps.Me {
			line += " (you)"
		}
		if u, ok := users[mi.ID]; ok {
			if extra := joinNonEmpty(", ", u.Title, u.Company); extra != "" {
				line += " · " + sanitize.Line(extra)
			}
		}
		v.add(line, false)
		v.members = append(v.members, mi.ID)
	}
	if len(ms) == 0 {
		v.add("  none known", false)
	}
	if msg.err != nil {
		v.add("", false)
		v.add("names may be missing: "+sanitize.Line(msg.err.Error()), false)
	}
	return v
}

// roomFlags lists a room's flags: public or private, and read-only,
// external, cross-pod when they are set.
func roomFlags(a *symphony.V3RoomAttributes, external bool) string {
	flags := []string{"private"}
	if a.Public {
		flags[0] = "public"
	}
	if a.ReadOnly {
		flags = append(flags, "read-only")
	}
	if external {
		flags = append(flags, "external")
	}
	if a.CrossPod {
		flags = append(flags, "cross-pod")
	}
	return strings.Join(flags, " · ")
}

// joinNonEmpty joins the parts that are not empty.
func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// personName returns a user's name as the directory knows it (sanitised),
// else "user" and the id.
func (m *Model) personName(id int64) string {
	if n, ok := m.names.Name(id); ok {
		return n
	}
	return fmt.Sprintf("user %d", id)
}

// openAuthorProfile opens the profile of the selected message's author
// (with none selected, the newest message's, which gets selected).
func (m *Model) openAuthorProfile() tea.Cmd {
	s := m.streams[m.open]
	if s == nil {
		return nil
	}
	i := m.actionRow(s)
	if i < 0 {
		m.notify("profile: select a message first", false)
		return nil
	}
	r := s.tl.At(i)
	if r.Message == nil || r.Message.User == nil || r.Message.User.UserID == 0 {
		m.notify("profile: this row has no author", false)
		return nil
	}
	return m.openProfile(r.Message.User.UserID, nil)
}

// openProfile opens the profile of user id and fetches it with the user's
// presence; back is the overlay to show again when it closes.
func (m *Model) openProfile(id int64, back *peopleView) tea.Cmd {
	p := m.peopleDo()
	if p == nil {
		return nil
	}
	v := peopleView{kind: peopleProfile, user: id, title: m.personName(id), loading: true, back: back}
	v.add("fetching the profile…", false)
	m.showPeople(v)
	ctx := m.ctx
	return func() tea.Msg {
		out := profileMsg{user: id}
		users, err := p.UsersByID(ctx, []int64{id}, false)
		if err != nil {
			out.err = fmt.Errorf("look up the user: %w", err)
			return out
		}
		for i := range users {
			if users[i].ID == id {
				out.record = &users[i]
			}
		}
		pr, err := p.Presence(ctx, id)
		if err != nil {
			out.err = fmt.Errorf("presence: %w", err)
		}
		out.presence = pr.Category
		return out
	}
}

// profileView lays out a user's profile.
func (m *Model) profileView(msg profileMsg) peopleView {
	v := peopleView{kind: peopleProfile, user: msg.user, title: m.personName(msg.user)}
	if u := msg.record; u != nil {
		name := names.DisplayName(u.DisplayName, u.FirstName, u.LastName, u.Username)
		v.title = sanitize.Name(name)
		v.add(sanitize.Line(name), true)
		for _, f := range [][2]string{
			{"Title", u.Title}, {"Company", u.Company}, {"Department", u.Department},
			{"Location", u.Location}, {"E-mail", u.EmailAddress},
		} {
			if f[1] != "" {
				v.add(f[0]+": "+sanitize.Line(f[1]), false)
			}
		}
	} else if msg.err == nil {
		v.add("the pod does not know this user", false)
	}
	if msg.presence != "" {
		v.add("Presence: "+presenceGlyphOf(msg.presence)+presenceWord(msg.presence), false)
	}
	if msg.err != nil {
		v.add(sanitize.Line(msg.err.Error()), false)
	}
	if msg.user != m.deps.Me {
		v.add("", false)
		v.add(firstKey(m.keys.People.Chat)+": start an IM", false)
		v.add(firstKey(m.keys.People.Connect)+": ask to connect (a user of another pod)", false)
	}
	return v
}

// startIM asks the pod for the IM with user id, which opens when it comes.
func (m *Model) startIM(id int64) tea.Cmd {
	if id == 0 {
		return nil
	}
	if id == m.deps.Me {
		m.notify("that is you: no IM with yourself", false)
		return nil
	}
	p := m.peopleDo()
	if p == nil {
		return nil
	}
	ctx := m.ctx
	m.notify("starting an IM with "+m.personName(id)+"…", false)
	return func() tea.Msg {
		sid, err := p.CreateIM(ctx, []int64{id})
		if err != nil {
			err = fmt.Errorf("create IM: %w", err)
		}
		return imCreatedMsg{users: []int64{id}, id: symphony.CanonicalID(sid), err: err}
	}
}

// openIM opens the IM the pod gave, adding it to the list when it is new,
// and closes the people overlay.
func (m *Model) openIM(msg imCreatedMsg) {
	s := m.streams[msg.id]
	if s == nil {
		me := m.deps.Me
		typ := symphony.StreamIM
		if len(msg.users) > 1 {
			typ = symphony.StreamMIM
		}
		members := []*symphony.V4User{{UserID: me}}
		for _, u := range msg.users {
			members = append(members, &symphony.V4User{UserID: u})
		}
		m.names.LearnStream(&symphony.V4Stream{StreamID: msg.id, StreamType: typ, Members: members})
		name := m.names.Title(msg.id)
		if name == "" {
			name = m.peopleNames(msg.users)
		}
		s = m.newStream(msg.id, name, KindIM)
		s.readTs = m.started
		s.last = m.now().UnixMilli()
		m.streams[msg.id] = s
		m.sortStreams()
	}
	if m.mode == modePeople {
		m.people.view = peopleView{}
		m.uncover()
	}
	m.endTyping()
	m.openStream(msg.id)
	m.mode = modeTimeline
	what := "IM"
	if len(msg.users) > 1 {
		what = "MIM"
	}
	m.notify(what+" with "+m.peopleNames(msg.users)+" open", false)
}

// handlePeopleKey moves among the members, opens a profile, starts an IM
// or closes the overlay (back to the members a profile came from).
func (m *Model) handlePeopleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys.People
	v := &m.people.view
	switch {
	case key.Matches(msg, k.Close):
		if v.back != nil {
			m.people.view = *v.back
			return nil
		}
		m.people.view = peopleView{}
		m.uncover()
	case key.Matches(msg, k.Down):
		v.move(1)
	case key.Matches(msg, k.Up):
		v.move(-1)
	case key.Matches(msg, k.Top):
		v.move(-len(v.members))
		v.off = 0
	case key.Matches(msg, k.Bottom):
		v.move(len(v.members))
		v.off = scrollEnd
	case key.Matches(msg, k.Profile):
		if v.kind == peopleRoom && len(v.members) > 0 {
			back := *v
			return m.openProfile(v.members[v.cur], &back)
		}
	case key.Matches(msg, k.Chat):
		return m.startIM(v.subject())
	case key.Matches(msg, k.Connect):
		return m.askToConnect(v.subject(), m.personName(v.subject()))
	case key.Matches(msg, k.AddMember):
		if v.kind == peopleRoom && v.src != nil && v.src.detail != nil {
			m.openPicker(pickMembers, v.stream, true)
		} else {
			m.notify("add members: open a room's info ("+firstKey(m.keys.Normal.RoomInfo)+")", false)
		}
	}
	return nil
}

// move moves the cursor among the members by d, or scrolls a page without
// members.
func (v *peopleView) move(d int) {
	if len(v.members) == 0 {
		v.off = max(0, v.off+d)
		return
	}
	v.cur = max(0, min(len(v.members)-1, v.cur+d))
}

// subject is the user the chat key acts on: the profile's, or the member
// under the cursor.
func (v *peopleView) subject() int64 {
	if v.kind == peopleProfile {
		return v.user
	}
	if v.cur < len(v.members) {
		return v.members[v.cur]
	}
	return 0
}

// preparePeople lays out the people overlay over the timeline area of
// w×h, keeping the member under the cursor on screen.
func (m *Model) preparePeople(w, h int) {
	st := &m.styles
	v := &m.people.view
	k := m.keys.People
	hint := firstKey(k.Close) + " close"
	if v.kind == peopleRoom && v.src != nil && v.src.detail != nil {
		hint = firstKey(k.AddMember) + " add · " + hint
	}
	if len(v.members) > 0 {
		hint = firstKey(k.Down) + "/" + firstKey(k.Up) + " move · " + firstKey(k.Profile) + " profile · " + firstKey(k.Chat) + " IM · " + hint
	} else if v.kind == peopleProfile {
		hint = firstKey(k.Chat) + " IM · " + hint
	}
	what := "room info"
	if v.kind == peopleProfile {
		what = "profile"
	}
	title := " " + what + ": " + v.title + " · " + hint
	lines := append(m.swLines[:0], st.title+truncate(title, w)+st.reset)
	rows := max(0, h-1)
	v.page.fit(v.lines, v.hangs, w, rows, &v.off)
	sel := -1
	if len(v.members) > 0 {
		sel = v.first + v.cur
		first, last := -1, -1
		for r, from := range v.page.from {
			if from == sel {
				if first < 0 {
					first = r
				}
				last = r
			}
		}
		if first >= 0 && first < v.off {
			v.off = first
		}
		if last >= 0 && last >= v.off+rows {
			v.off = last - rows + 1
		}
	}
	v.off = max(0, min(v.off, len(v.page.rows)-rows))
	for i := v.off; i < len(v.page.rows) && len(lines) < h; i++ {
		l := truncate(v.page.rows[i], w)
		switch from := v.page.from[i]; {
		case from == sel:
			l = st.selected + pad(l, w) + st.reset
		case v.heads[from]:
			l = st.section + l + st.reset
		}
		lines = append(lines, l)
	}
	m.swLines = lines
	m.overlay = lines
}
