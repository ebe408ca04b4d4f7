package ui

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/symphony"
)

// Bounds of the people picker.
const (
	// pickPause is how long typing must pause before the pod is searched:
	// one search per pause, not per key, on an account whose rate limit a
	// bot may share.
	pickPause = 300 * time.Millisecond
	// pickMinQuery is the shortest name the pod is searched for.
	pickMinQuery = 2
	// pickPodLimit is how many users one pod search asks for.
	pickPodLimit = 25
	// maxPicked is how many people one pick may hold: a MIM has at most
	// 15 members besides the reader (the pod's own limit is close).
	maxPicked = 15
)

// pickPurpose says what the picked people are for.
type pickPurpose int

const (
	// pickChat: an IM with one person, a MIM with several.
	pickChat pickPurpose = iota
	// pickMembers: members to add to a room.
	pickMembers
)

// pickerState is the people picker (modePicker): a name typed, the people
// it finds in the directory of names at once and on the pod after a pause,
// and those picked so far.
type pickerState struct {
	purpose pickPurpose
	room    string // pickMembers: the room's stream id
	// fromRoomInfo: the picker was opened from the room's info, which
	// opens again once the members are added.
	fromRoomInfo bool
	query        []rune
	gen          int // the query's generation: a search answers one
	hits         []pickHit
	cursor, off  int
	picked       []pickHit
	// The pod's last answer: the users found for podQuery, or why not.
	podQuery  string
	podUsers  []symphony.UserV2
	podErr    string
	searching bool
}

// pickHit is a person the picker offers.
type pickHit struct {
	id     int64
	name   string
	detail string // title and company, when the pod said them
}

// pickSearchDue is sent a pause after the query of generation gen was
// typed: if it is still the query, the pod is searched for it.
type pickSearchDue struct{ gen int }

// pickFoundMsg is the pod's answer to a user search.
type pickFoundMsg struct {
	gen   int
	query string
	users []symphony.UserV2
	err   error
}

// openPicker shows the people picker for purpose (and room, for members).
func (m *Model) openPicker(purpose pickPurpose, room string, fromRoomInfo bool) {
	if m.mode == modePeople {
		m.people.view = peopleView{}
		m.uncover()
	}
	m.endTyping()
	m.pick = pickerState{purpose: purpose, room: room, fromRoomInfo: fromRoomInfo}
	m.cover(modePicker)
	m.rankPicker()
}

// closePicker hides the picker, nothing done.
func (m *Model) closePicker() {
	m.pick = pickerState{}
	m.uncover()
}

// handlePickerKey moves among the people found, picks and unpicks them,
// acts on the pick or cancels; any other key edits the name.
func (m *Model) handlePickerKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys.Picker
	p := &m.pick
	switch {
	case key.Matches(msg, k.Close):
		m.closePicker()
		return nil
	case key.Matches(msg, k.Down):
		p.cursor = max(0, min(len(p.hits)-1, p.cursor+1))
		return nil
	case key.Matches(msg, k.Up):
		p.cursor = max(0, p.cursor-1)
		return nil
	case key.Matches(msg, k.Choose):
		m.togglePicked()
		return nil
	case key.Matches(msg, k.Done):
		return m.pickDone()
	}
	var ok bool
	if p.query, ok = editQuery(p.query, msg); !ok {
		return nil
	}
	p.gen++
	p.cursor, p.off = 0, 0
	m.rankPicker()
	if m.deps.People == nil || len([]rune(strings.TrimSpace(string(p.query)))) < pickMinQuery {
		return nil
	}
	gen := p.gen
	return tea.Tick(pickPause, func(time.Time) tea.Msg { return pickSearchDue{gen: gen} })
}

// handlePickerMsg takes the pause after typing, and the pod's answer.
func (m *Model) handlePickerMsg(msg tea.Msg) tea.Cmd {
	p := &m.pick
	if m.mode != modePicker {
		return nil
	}
	switch msg := msg.(type) {
	case pickSearchDue:
		if msg.gen != p.gen || m.deps.People == nil {
			return nil
		}
		q := strings.TrimSpace(string(p.query))
		p.searching = true
		ctx, pp, gen := m.ctx, m.deps.People, p.gen
		return func() tea.Msg {
			res, err := pp.SearchUsers(ctx, q, false, 0, pickPodLimit)
			if err != nil {
				err = fmt.Errorf("search users for %q: %w", q, err)
			}
			return pickFoundMsg{gen: gen, query: q, users: res.Users, err: err}
		}
	case pickFoundMsg:
		if msg.gen != p.gen {
			return nil // typed on since: its own search comes
		}
		p.searching = false
		p.podQuery, p.podUsers, p.podErr = msg.query, msg.users, ""
		if msg.err != nil {
			p.podErr = sanitize.Line(msg.err.Error())
		}
		for i := range msg.users {
			u := &msg.users[i]
			if n := names.DisplayName(u.DisplayName, u.FirstName, u.LastName, u.Username); n != "" {
				m.names.LookedUp(*u)
			}
		}
		m.rankPicker()
	}
	return nil
}

// rankPicker lists the people the query finds: those of the directory of
// names (the people of one's conversations) by fuzzy score at once, then
// those the pod found for it that the directory did not; never the reader.
// With no query, the people picked.
func (m *Model) rankPicker() {
	p := &m.pick
	q := strings.TrimSpace(string(p.query))
	p.hits = p.hits[:0]
	if q == "" {
		p.hits = append(p.hits, p.picked...)
		p.cursor = max(0, min(p.cursor, len(p.hits)-1))
		return
	}
	type scored struct {
		hit   pickHit
		score int
	}
	var local []scored
	for id, name := range m.names.Users() {
		if id == m.deps.Me {
			continue
		}
		if sc, ok := fuzzyScore(q, name); ok {
			local = append(local, scored{pickHit{id: id, name: name}, sc})
		}
	}
	slices.SortFunc(local, func(a, b scored) int {
		if a.score != b.score {
			return cmp.Compare(b.score, a.score)
		}
		return cmp.Or(strings.Compare(a.hit.name, b.hit.name), cmp.Compare(a.hit.id, b.hit.id))
	})
	details := map[int64]string{}
	if p.podQuery == q {
		for _, u := range p.podUsers {
			details[u.ID] = userDetail(u)
		}
	}
	seen := map[int64]bool{}
	for _, s := range local {
		s.hit.detail = details[s.hit.id]
		p.hits = append(p.hits, s.hit)
		seen[s.hit.id] = true
	}
	if p.podQuery == q {
		for _, u := range p.podUsers {
			if u.ID == m.deps.Me || seen[u.ID] {
				continue
			}
			seen[u.ID] = true
			name := sanitize.Name(names.DisplayName(u.DisplayName, u.FirstName, u.LastName, u.Username))
			if name == "" {
				name = fmt.Sprintf("user %d", u.ID)
			}
			p.hits = append(p.hits, pickHit{id: u.ID, name: name, detail: details[u.ID]})
		}
	}
	p.cursor = max(0, min(p.cursor, len(p.hits)-1))
}

// userDetail is a user's title and company, as one line: "Trader, Acme".
func userDetail(u symphony.UserV2) string {
	var parts []string
	for _, s := range []string{u.Title, u.Company} {
		if s = sanitize.Line(strings.TrimSpace(s)); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// togglePicked adds the person under the cursor to those picked, or takes
// them out.
func (m *Model) togglePicked() {
	p := &m.pick
	if p.cursor >= len(p.hits) {
		return
	}
	h := p.hits[p.cursor]
	if i := slices.IndexFunc(p.picked, func(x pickHit) bool { return x.id == h.id }); i >= 0 {
		p.picked = slices.Delete(p.picked, i, i+1)
		if len(p.query) == 0 {
			m.rankPicker()
		}
		return
	}
	if len(p.picked) >= maxPicked {
		m.notify(fmt.Sprintf("%d people picked already: that is as many as one pick takes", maxPicked), true)
		return
	}
	p.picked = append(p.picked, h)
	// Ready for the next name.
	p.query, p.podQuery, p.podUsers = p.query[:0], "", nil
	p.gen++
	m.rankPicker()
}

// pickedIDs returns the people the pick acts on: those picked, else the
// person under the cursor.
func (p *pickerState) pickedIDs() []pickHit {
	if len(p.picked) > 0 {
		return slices.Clone(p.picked)
	}
	if p.cursor < len(p.hits) {
		return []pickHit{p.hits[p.cursor]}
	}
	return nil
}

// pickDone acts on the pick: a new chat, or members added to the room.
func (m *Model) pickDone() tea.Cmd {
	p := m.pick
	who := p.pickedIDs()
	if len(who) == 0 {
		m.notify("no one picked: type a name", false)
		return nil
	}
	m.closePicker()
	ids := make([]int64, len(who))
	for i, h := range who {
		ids[i] = h.id
	}
	if p.purpose == pickMembers {
		return m.addMembers(p.room, ids, p.fromRoomInfo)
	}
	return m.startChat(ids)
}

// preparePicker lays out the picker over the timeline area, w×h: what it
// is for and the name typed, those picked, the people found, and where
// the pod's search is.
func (m *Model) preparePicker(w, h int) {
	st := &m.styles
	p := &m.pick
	k := m.keys.Picker
	prompt := " ✉ new chat with: "
	if p.purpose == pickMembers {
		prompt = " + add to " + m.streamName(p.room) + ": "
	}
	lines := append(m.swLines[:0], pad(st.title+truncate(prompt+sanitize.Line(string(p.query)), max(0, w-1))+"\x1b[7m \x1b[27m"+st.reset, w))
	if len(p.picked) > 0 {
		ns := make([]string, len(p.picked))
		for i, h := range p.picked {
			ns[i] = h.name
		}
		lines = append(lines, truncate("   picked: "+strings.Join(ns, ", "), w))
	}
	var status string
	q := strings.TrimSpace(string(p.query))
	switch {
	case q == "" && len(p.picked) == 0:
		status = "type a name: the people of your conversations at once, the pod's directory after a pause"
	case p.podErr != "" && p.podQuery == q:
		status = p.podErr
	case p.searching || len([]rune(q)) >= pickMinQuery && p.podQuery != q && m.deps.People != nil:
		status = "searching the pod's directory…"
	case len(p.hits) == 0 && q != "":
		status = "no one matches “" + sanitize.Line(q) + "”"
	}
	rows := max(0, h-len(lines)-1)
	if status != "" {
		rows--
	}
	if p.cursor < p.off {
		p.off = p.cursor
	}
	if p.cursor >= p.off+rows {
		p.off = p.cursor - rows + 1
	}
	p.off = max(0, min(p.off, len(p.hits)-rows))
	for i := p.off; i < len(p.hits) && i < p.off+rows; i++ {
		hit := p.hits[i]
		mark := "  "
		if slices.ContainsFunc(p.picked, func(x pickHit) bool { return x.id == hit.id }) {
			mark = "✓ "
		}
		line := " " + mark + m.presenceGlyph(hit.id) + hit.name
		if hit.detail != "" {
			line += st.dim + " · " + hit.detail + st.reset
		}
		line = truncate(line, w)
		if i == p.cursor {
			line = st.selected + pad(ansi.Strip(line), w) + st.reset
		}
		lines = append(lines, line)
	}
	if status != "" && len(lines) < h {
		lines = append(lines, st.dim+truncate("   "+status, w)+st.reset)
	}
	if len(lines) < h {
		verb := "start the chat"
		if p.purpose == pickMembers {
			verb = "add"
		}
		hint := "   " + firstKey(k.Down) + "/" + firstKey(k.Up) + " move · " + firstKey(k.Choose) + " pick another · " +
			firstKey(k.Done) + " " + verb + " · " + firstKey(k.Close) + " cancel"
		lines = append(lines, st.dim+truncate(hint, w)+st.reset)
	}
	m.swLines = lines
	m.overlay = lines
}

// streamName is the name of stream id as the list shows it.
func (m *Model) streamName(id string) string {
	if s := m.streams[id]; s != nil {
		return s.name
	}
	return "stream " + id[:min(8, len(id))]
}

// startChat asks the pod for the IM with one person or the MIM with
// several, which opens when it comes.
func (m *Model) startChat(ids []int64) tea.Cmd {
	if len(ids) == 1 {
		return m.startIM(ids[0])
	}
	p := m.peopleDo()
	if p == nil {
		return nil
	}
	ctx := m.ctx
	m.notify("starting a chat with "+m.peopleNames(ids)+"…", false)
	return func() tea.Msg {
		sid, err := p.CreateIM(ctx, ids)
		if err != nil {
			err = fmt.Errorf("create MIM: %w", err)
		}
		return imCreatedMsg{users: ids, id: symphony.CanonicalID(sid), err: err}
	}
}

// peopleNames is the names of ids, joined: "Ana Silva, Ben Ng and Cy Oh".
func (m *Model) peopleNames(ids []int64) string {
	ns := make([]string, len(ids))
	for i, id := range ids {
		ns[i] = m.personName(id)
	}
	if len(ns) < 2 {
		return strings.Join(ns, "")
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}

// membersAddedMsg is what adding members to a room came to: those added,
// and the first refusal.
type membersAddedMsg struct {
	room         string
	added        []int64
	failed       int64
	err          error
	fromRoomInfo bool
}

// addMembers adds ids to the room one by one, stopping at the pod's first
// refusal (only owners add members: the others are refused the same way).
func (m *Model) addMembers(room string, ids []int64, fromRoomInfo bool) tea.Cmd {
	p := m.peopleDo()
	if p == nil {
		return nil
	}
	ctx := m.ctx
	m.notify("adding "+m.peopleNames(ids)+" to "+m.streamName(room)+"…", false)
	return func() tea.Msg {
		out := membersAddedMsg{room: room, fromRoomInfo: fromRoomInfo}
		for _, id := range ids {
			if err := p.AddRoomMember(ctx, room, id); err != nil {
				out.failed, out.err = id, fmt.Errorf("add member: %w", err)
				break
			}
			out.added = append(out.added, id)
		}
		return out
	}
}

// handleMembersAdded says what adding members came to, and shows the
// room's members again when the add started from them.
func (m *Model) handleMembersAdded(msg membersAddedMsg) tea.Cmd {
	name := m.streamName(msg.room)
	switch {
	case msg.err != nil && len(msg.added) > 0:
		m.notifyFailure("added "+m.peopleNames(msg.added)+" to "+name+"; "+m.personName(msg.failed)+" not", msg.err)
	case msg.err != nil:
		m.notifyFailure(m.personName(msg.failed)+" not added to "+name, msg.err)
	default:
		m.notify("added "+m.peopleNames(msg.added)+" to "+name, false)
	}
	if msg.fromRoomInfo && len(msg.added) > 0 && m.mode.quits() {
		if s := m.streams[msg.room]; s != nil {
			m.openStream(s.id)
			return m.openRoomInfo()
		}
	}
	return nil
}

// askAddMembers opens the picker for members to add to the room the
// room-info key would show: the one under the list's cursor, else the
// focused pane's.
func (m *Model) askAddMembers() {
	s := m.roomInfoStream()
	if s == nil || s.kind != KindRoom {
		m.notify("add members: open a room first (an IM's members are fixed; start a new chat with "+firstKey(m.keys.Normal.NewChat)+")", false)
		return
	}
	if s.inactive {
		m.notify(s.name+" is deactivated: no one can be added", true)
		return
	}
	m.openPicker(pickMembers, s.id, false)
}

// createRoomTimeout bounds the creation of a room.
const createRoomTimeout = 30 * time.Second

// roomCreatedMsg is the room the pod created, or why not.
type roomCreatedMsg struct {
	detail symphony.V3RoomDetail
	err    error
}

// askRoomName asks for a new room's name, then its description and
// whether it is public, then creates it.
func (m *Model) askRoomName() {
	if m.deps.People == nil {
		m.notify("no pod to create a room on here", false)
		return
	}
	m.ask(promptState{label: "new room's name", help: "what the room is called (required)", verb: "next",
		answer: func(m *Model, name string) tea.Cmd {
			name = strings.TrimSpace(name)
			if name == "" {
				m.notify("no room created: it needs a name", false)
				return nil
			}
			m.ask(promptState{label: "description of " + name, help: "optional: enter leaves it empty", verb: "next",
				answer: func(m *Model, desc string) tea.Cmd {
					m.ask(promptState{label: "public? y/N", help: "y: anyone in the pod can find and join it; n: members by invitation only", verb: "create",
						answer: func(m *Model, yn string) tea.Cmd {
							switch strings.ToLower(strings.TrimSpace(yn)) {
							case "y", "yes":
								return m.createRoom(name, strings.TrimSpace(desc), true)
							case "", "n", "no":
								return m.createRoom(name, strings.TrimSpace(desc), false)
							}
							m.notify("no room created: answer y or n", true)
							return nil
						}})
					return nil
				}})
			return nil
		}})
}

// createRoom asks the pod to create a room of which the reader is the
// owner; it opens when it comes.
func (m *Model) createRoom(name, desc string, public bool) tea.Cmd {
	p := m.peopleDo()
	if p == nil {
		return nil
	}
	ctx := m.ctx
	m.notify("creating the room "+name+"…", false)
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, createRoomTimeout)
		defer cancel()
		// A public room is one anyone of the pod finds, joins and reads
		// back; a private one is found by invitation, its history open
		// to its members.
		d, err := p.CreateRoom(ctx, symphony.V3RoomAttributes{Name: name, Description: desc, Public: public,
			Discoverable: public, MembersCanInvite: public, ViewHistory: true})
		if err != nil {
			err = fmt.Errorf("create room %q: %w", name, err)
		}
		return roomCreatedMsg{detail: d, err: err}
	}
}

// handleRoomCreated opens the room created, adding it to the list when
// the datafeed has not yet.
func (m *Model) handleRoomCreated(msg roomCreatedMsg) {
	if msg.err != nil {
		m.notifyFailure("room not created", msg.err)
		return
	}
	info := msg.detail.RoomSystemInfo
	if info == nil || info.ID == "" {
		m.notify("create room: the pod's answer has no room id", true)
		return
	}
	id := symphony.CanonicalID(info.ID)
	name := ""
	if a := msg.detail.RoomAttributes; a != nil {
		name = a.Name
	}
	s := m.streams[id]
	if s == nil {
		m.names.LearnStream(&symphony.V4Stream{StreamID: id, StreamType: symphony.StreamRoom, RoomName: name,
			Members: []*symphony.V4User{{UserID: m.deps.Me}}})
		s = m.newStream(id, name, KindRoom)
		s.readTs = m.started
		s.last = m.now().UnixMilli()
		m.streams[id] = s
		m.sortStreams()
	}
	m.endTyping()
	m.openStream(id)
	m.mode = modeTimeline
	m.notify("room "+s.name+" created, you own it: "+firstKey(m.keys.Normal.AddMember)+" adds members", false)
}
