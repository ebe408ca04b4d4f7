package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// podModel is a model of the simulator's service account, with the
// streams, names and people of the pod, and a clock the test moves.
type podModel struct {
	*Model
	c     *symphony.Client
	srv   *simulator.Server
	clock *time.Time
	list  []symphony.StreamAttributes
}

// newPodModel starts a quiet pod and a model of its account at w×h; its
// history is not loaded.
func newPodModel(t *testing.T, w, h int) *podModel {
	t.Helper()
	srv := simtest.Start(t, simulator.Options{NoLive: true})
	c := simtest.Client(t, srv, nil)
	ctx := context.Background()
	list, err := c.AllStreams(ctx, symphony.StreamFilter{})
	if err != nil {
		t.Fatal(err)
	}
	d := names.New()
	d.SetMe(srv.AccountID())
	d.LearnStreams(list)
	users, err := c.UsersByID(ctx, append(d.Members(), srv.AccountID()), false)
	if err != nil {
		t.Fatal(err)
	}
	d.LookedUp(users...)
	var streams []StreamInfo
	for _, s := range list {
		streams = append(streams, StreamInfo{ID: symphony.CanonicalID(s.ID), Name: d.Title(s.ID), Type: s.StreamType.Type})
	}
	now := time.Now()
	pm := &podModel{c: c, srv: srv, clock: &now, list: list}
	pm.Model = New(Deps{
		Context: ctx, Items: make(chan engine.Item), Pager: history.NewPager(fakeFetcher{}, history.PagerOptions{}),
		Streams: streams, Names: d, Me: srv.AccountID(), Host: "simulator", Location: time.UTC,
		Now: func() time.Time { return *pm.clock }, Send: failingSend, People: c,
	})
	update(pm.Model, tea.WindowSizeMsg{Width: w, Height: h})
	return pm
}

// firstOf returns the first stream of the pod of type typ.
func (pm *podModel) firstOf(t *testing.T, typ string) symphony.StreamAttributes {
	t.Helper()
	for _, s := range pm.list {
		if s.StreamType.Type == typ {
			return s
		}
	}
	t.Fatalf("the pod has no %s", typ)
	return symphony.StreamAttributes{}
}

// runPeople runs cmd, as Bubble Tea would, and applies its message and the
// messages of the commands that follows, but for batches (ticks, saves).
func runPeople(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	for i := 0; cmd != nil && i < 5; i++ {
		msg := cmd()
		if _, ok := msg.(tea.BatchMsg); ok || msg == nil {
			return
		}
		cmd = update(m, msg)
	}
}

// pressKey presses a shifted letter or a named key as a terminal sends it.
func pressKey(m *Model, k string) tea.Cmd {
	switch k {
	case "esc":
		return update(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	case "enter":
		return update(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	}
	r := rune(k[0])
	if r >= 'A' && r <= 'Z' {
		return update(m, tea.KeyPressMsg{Code: r + 'a' - 'A', Text: k, Mod: tea.ModShift})
	}
	return update(m, tea.KeyPressMsg{Code: r, Text: k})
}

// TestRoomInfoAndMembersFromThePod opens a room, asks for its info with
// I, and reads its name, description, flags, creation date and members,
// owners marked, as the pod gives them; a member's profile opens with
// enter, esc goes back to the members, c starts an IM with the member and
// opens it.
func TestRoomInfoAndMembersFromThePod(t *testing.T) {
	pm := newPodModel(t, 140, 40)
	m := pm.Model
	room := pm.firstOf(t, symphony.StreamRoom)
	id := symphony.CanonicalID(room.ID)
	ctx := context.Background()
	detail, err := pm.c.RoomInfo(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	members, err := pm.c.RoomMembers(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	openByKeys(t, m, id)
	runPeople(t, m, pressKey(m, "I"))
	if m.mode != modePeople {
		t.Fatalf("I opened %v, want the people overlay", m.mode)
	}
	got := screen(m)
	a := detail.RoomAttributes
	for _, want := range []string{"room info: " + a.Name, "Name: " + a.Name, "Flags: ", "Created: "} {
		if !strings.Contains(got, want) {
			t.Errorf("the room info lacks %q:\n%s", want, got)
		}
	}
	if a.Description != "" && !strings.Contains(got, "Description: "+a.Description[:min(20, len(a.Description))]) {
		t.Errorf("the room info lacks the description %q:\n%s", a.Description, got)
	}
	if !strings.Contains(got, "Members (") {
		t.Errorf("no members heading:\n%s", got)
	}
	owners := 0
	var other int64
	for _, mi := range members {
		n, _ := m.names.Name(mi.ID)
		line := screenLine(got[strings.Index(got, "Members ("):], n)
		if line == "" {
			t.Errorf("member %d (%s) not listed:\n%s", mi.ID, n, got)
			continue
		}
		if mi.Owner {
			owners++
			if !strings.Contains(line, "★") {
				t.Errorf("owner %s not marked: %q", n, line)
			}
		}
		if mi.ID != pm.srv.AccountID() && other == 0 {
			other = mi.ID
		}
	}
	if owners == 0 || other == 0 {
		t.Fatalf("the room needs an owner and another member: %+v", members)
	}
	// The members' presence comes after them, each beside its member.
	pres, err := pm.c.Presence(ctx, other)
	if err != nil {
		t.Fatal(err)
	}
	on, _ := m.names.Name(other)
	got = screen(m)
	if line := screenLine(got[strings.Index(got, "Members ("):], on); !strings.Contains(line, presenceGlyphOf(pres.Category)+on) {
		t.Errorf("member %s without their presence %s: %q", on, pres.Category, line)
	}
	// The cursor down to the other member, then the profile.
	for i := 0; i < len(members) && m.people.view.subject() != other; i++ {
		pressKey(m, "j")
	}
	runPeople(t, m, pressKey(m, "enter"))
	users, err := pm.c.UsersByID(ctx, []int64{other}, false)
	if err != nil || len(users) != 1 {
		t.Fatalf("look up %d: %v %v", other, users, err)
	}
	u := users[0]
	got = screen(m)
	for _, want := range []string{"profile: ", u.DisplayName, "Title: " + u.Title, "Company: " + u.Company,
		"E-mail: " + u.EmailAddress, "Presence: "} {
		if !strings.Contains(got, want) {
			t.Errorf("the profile lacks %q:\n%s", want, got)
		}
	}
	pressKey(m, "esc")
	if m.mode != modePeople || m.people.view.kind != peopleRoom || !strings.Contains(screen(m), "Members (") {
		t.Fatalf("esc in a member's profile went to %v, not back to the members:\n%s", m.mode, screen(m))
	}
	runPeople(t, m, pressKey(m, "c"))
	if m.mode != modeTimeline || m.open == id {
		t.Fatalf("c left mode %v on %q, want the IM open", m.mode, m.open)
	}
	im, err := pm.c.CreateIM(ctx, []int64{other})
	if err != nil || symphony.CanonicalID(im) != m.open {
		t.Fatalf("the IM opened is %q, the pod's IM with %d is %q (%v)", m.open, other, im, err)
	}
	if s := m.streams[m.open]; s == nil || s.kind != KindIM {
		t.Fatalf("the IM is not in the list as an IM: %+v", s)
	}
}

// screenLine returns the first line of s that contains sub.
func screenLine(s, sub string) string {
	for l := range strings.SplitSeq(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

// TestProfileOfTheSelectedAuthor opens the profile of the selected
// message's author with p: their name, title, company, department,
// location, e-mail and presence as the pod gives them.
func TestProfileOfTheSelectedAuthor(t *testing.T) {
	pm := newPodModel(t, 140, 40)
	m := pm.Model
	room := pm.firstOf(t, symphony.StreamRoom)
	id := symphony.CanonicalID(room.ID)
	ctx := context.Background()
	members, err := pm.c.RoomMembers(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var author symphony.UserV2
	for _, mi := range members {
		if mi.ID == pm.srv.AccountID() {
			continue
		}
		us, err := pm.c.UsersByID(ctx, []int64{mi.ID}, false)
		if err != nil || len(us) != 1 {
			t.Fatal(us, err)
		}
		author = us[0]
		break
	}
	msg := message(id, "p1", author.ID, pm.clock.UnixMilli()-1000, "who am I")
	update(m, batch(live(msg)))
	openByKeys(t, m, id)
	pressKey(m, "k")
	runPeople(t, m, pressKey(m, "p"))
	if m.mode != modePeople || m.people.view.kind != peopleProfile {
		t.Fatalf("p opened %v", m.mode)
	}
	pres, err := pm.c.Presence(ctx, author.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := screen(m)
	for _, want := range []string{
		author.DisplayName, "Title: " + author.Title, "Company: " + author.Company,
		"Department: " + author.Department, "Location: " + author.Location, "E-mail: " + author.EmailAddress,
		"Presence: " + presenceGlyphOf(pres.Category) + presenceWord(pres.Category), "c: start an IM",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the profile lacks %q:\n%s", want, got)
		}
	}
	pressKey(m, "esc")
	if m.mode != modeTimeline {
		t.Errorf("esc closed the profile to %v, want the timeline", m.mode)
	}
}

// TestIMParticipantsAndPresenceMarks: the participants of an IM in its
// room info; the IMs on screen get their peer's presence mark in the list,
// read again only after a minute.
func TestIMParticipantsAndPresenceMarks(t *testing.T) {
	pm := newPodModel(t, 140, 40)
	m := pm.Model
	im := pm.firstOf(t, symphony.StreamIM)
	id := symphony.CanonicalID(im.ID)
	peer := m.imPeer(m.streams[id])
	if peer == 0 {
		t.Fatalf("no peer known for the IM %s", id)
	}
	name, _ := m.names.Name(peer)
	row := func() string { _ = screen(m); return ansi.Strip(m.streams[id].row) }
	if r := row(); !strings.Contains(r, name) || strings.ContainsAny(r, "●◐○◌") {
		t.Fatalf("the IM's row before any presence was read: %q", r)
	}
	cmd := update(m, tickMsg(*pm.clock))
	if !m.people.presence.busy {
		t.Fatal("the tick started no presence read for the IMs on screen")
	}
	_ = cmd // the batch holds the next tick; run the read itself
	m.people.presence.busy = false
	runPeople(t, m, m.presenceCmdIfDue())
	pres, err := pm.c.Presence(context.Background(), peer)
	if err != nil {
		t.Fatal(err)
	}
	mark := strings.TrimSpace(presenceGlyphOf(pres.Category))
	if r := row(); !strings.Contains(r, name+" "+mark) {
		t.Errorf("the IM's row lacks its peer's mark %q: %q", mark, r)
	}
	if m.presenceCmdIfDue() != nil {
		t.Error("presence read again before a minute passed")
	}
	*pm.clock = pm.clock.Add(presenceEvery)
	if m.presenceCmdIfDue() == nil {
		t.Error("presence not read again after a minute")
	}

	openByKeys(t, m, id)
	runPeople(t, m, pressKey(m, "I"))
	got := screen(m)
	if !strings.Contains(got, "Participants (2)") || screenLine(got, name) == "" || !strings.Contains(got, "(you)") {
		t.Errorf("the IM's participants:\n%s", got)
	}
}

// noPeople is a pod that answers nothing about people.
type noPeople struct{}

func (noPeople) SearchUsers(context.Context, string, bool, int, int) (symphony.UserSearchResults, error) {
	return symphony.UserSearchResults{}, errors.New("no pod")
}
func (noPeople) CreateRoom(context.Context, symphony.V3RoomAttributes) (symphony.V3RoomDetail, error) {
	return symphony.V3RoomDetail{}, errors.New("no pod")
}
func (noPeople) AddRoomMember(context.Context, string, int64) error { return errors.New("no pod") }
func (noPeople) RoomInfo(context.Context, string) (symphony.V3RoomDetail, error) {
	return symphony.V3RoomDetail{}, errors.New("no pod")
}
func (noPeople) RoomMembers(context.Context, string) ([]symphony.MemberInfo, error) {
	return nil, errors.New("no pod")
}
func (noPeople) UsersByID(context.Context, []int64, bool) ([]symphony.UserV2, error) {
	return nil, errors.New("no pod")
}
func (noPeople) Presence(context.Context, int64) (symphony.V2Presence, error) {
	return symphony.V2Presence{}, errors.New("no pod")
}
func (noPeople) CreateIM(context.Context, []int64) (string, error) { return "", errors.New("no pod") }
