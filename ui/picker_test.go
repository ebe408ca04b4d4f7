package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// strangers returns n users of the reader's pod (of its company) the
// reader shares no conversation with (the directory does not know them),
// people rather than accounts.
func (pm *podModel) strangers(t *testing.T, n int) []symphony.UserV2 {
	t.Helper()
	var out []symphony.UserV2
	company := ""
	for _, u := range pm.srv.Users() {
		if u.ID == pm.srv.AccountID() {
			company = u.Company
		}
	}
	for _, u := range pm.srv.Users() {
		if _, known := pm.Model.names.Name(u.ID); known || u.ID == pm.srv.AccountID() || u.AccountType != "NORMAL" || u.LastName == "" || u.Company != company {
			continue
		}
		out = append(out, u)
		if len(out) == n {
			return out
		}
	}
	t.Fatalf("the pod has fewer than %d users outside the reader's conversations", n)
	return nil
}

// typeName types s into the picker; the pause each key schedules is not
// waited for (searchPod stands for it).
func typeName(m *Model, s string) {
	for _, r := range s {
		update(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// searchPod runs the picker's pod search as the pause after typing would.
func searchPod(t *testing.T, m *Model) {
	t.Helper()
	runPeople(t, m, update(m, pickSearchDue{gen: m.pick.gen}))
	if m.pick.searching {
		t.Fatal("the pod search did not come back")
	}
}

// pickerHas reports whether the picker offers the user of id.
func pickerHas(m *Model, id int64) bool {
	return slices.ContainsFunc(m.pick.hits, func(h pickHit) bool { return h.id == id })
}

// TestNewChatFindsPeopleOnThePodAndStartsAMIM: c opens the picker; a name
// typed finds, after the pause, people of the pod the reader has never
// talked to, with their title; tab picks one and clears the name for the
// next; enter with two picked creates the MIM, which opens in the list
// with both as members.
func TestNewChatFindsPeopleOnThePodAndStartsAMIM(t *testing.T) {
	pm := newPodModel(t, 140, 40)
	m := pm.Model
	who := pm.strangers(t, 2)
	press(m, "c")
	if m.mode != modePicker {
		t.Fatalf("c opened %v, want the picker", m.mode)
	}
	if !strings.Contains(screen(m), "new chat with:") {
		t.Fatalf("the picker's title:\n%s", screen(m))
	}
	typeName(m, who[0].LastName)
	if pickerHas(m, who[0].ID) {
		t.Fatal("a stranger offered before the pod was searched")
	}
	if update(m, pickSearchDue{gen: m.pick.gen - 1}) != nil {
		t.Error("the pause after an earlier key searched the pod: one search per pause, for the name as it is")
	}
	if !strings.Contains(screen(m), "searching the pod's directory") {
		t.Errorf("no sign of the search under way:\n%s", screen(m))
	}
	searchPod(t, m)
	if !pickerHas(m, who[0].ID) {
		t.Fatalf("the pod's search for %q did not offer %s: %+v", who[0].LastName, who[0].DisplayName, m.pick.hits)
	}
	if who[0].Title != "" && !strings.Contains(screen(m), who[0].Title) {
		t.Errorf("the hit lacks the title %q:\n%s", who[0].Title, screen(m))
	}
	for m.pick.hits[m.pick.cursor].id != who[0].ID {
		update(m, keyDown)
	}
	update(m, keyTab)
	if len(m.pick.picked) != 1 || len(m.pick.query) != 0 {
		t.Fatalf("tab: picked %+v, query %q", m.pick.picked, string(m.pick.query))
	}
	typeName(m, who[1].LastName)
	searchPod(t, m)
	for i := 0; m.pick.hits[m.pick.cursor].id != who[1].ID && i < len(m.pick.hits); i++ {
		update(m, keyDown)
	}
	update(m, keyTab)
	if !strings.Contains(screen(m), "picked: "+sanitizedName(who[0])+", "+sanitizedName(who[1])) {
		t.Errorf("the picked line:\n%s", screen(m))
	}
	runPeople(t, m, pressKey(m, "enter"))
	if m.mode != modeTimeline {
		t.Fatalf("after the MIM was created: %v, want its timeline", m.mode)
	}
	s := m.streams[m.open]
	if s == nil || s.kind != KindIM {
		t.Fatalf("the open stream is %+v, want the new MIM", s)
	}
	members := m.names.StreamMembers(s.id)
	for _, u := range who {
		if !slices.Contains(members, u.ID) {
			t.Errorf("the MIM's members %v lack %d", members, u.ID)
		}
	}
	info, err := pm.c.StreamInfo(context.Background(), s.id)
	if err != nil || info.StreamType.Type != symphony.StreamMIM {
		t.Errorf("the pod's view of the new stream: %+v, %v", info, err)
	}
}

// sanitizedName is a user's name as the picker shows it.
func sanitizedName(u symphony.UserV2) string {
	return u.DisplayName
}

// TestCreateRoomThenAddAMember: + asks a name, a description and whether
// the room is public, creates it and opens it; A picks a member, adds them
// (the pod lists them), and says so.
func TestCreateRoomThenAddAMember(t *testing.T) {
	pm := newPodModel(t, 140, 40)
	m := pm.Model
	who := pm.strangers(t, 1)[0]
	pressKey(m, "+")
	if m.mode != modePrompt || !strings.Contains(screen(m), "new room's name") {
		t.Fatalf("+ did not ask for the room's name: %v\n%s", m.mode, screen(m))
	}
	typeText(m, "Desk drills")
	pressKey(m, "enter")
	if !strings.Contains(screen(m), "description of Desk drills") {
		t.Fatalf("no description asked:\n%s", screen(m))
	}
	typeText(m, "Fire drills of the desk")
	pressKey(m, "enter")
	typeText(m, "y")
	runPeople(t, m, pressKey(m, "enter"))
	s := m.streams[m.open]
	if s == nil || s.name != "Desk drills" || s.kind != KindRoom {
		t.Fatalf("the open stream after the room was created: %v (notice %q)", s.name, m.status.notice)
	}
	d, err := pm.c.RoomInfo(context.Background(), s.id)
	if err != nil {
		t.Fatal(err)
	}
	if a := d.RoomAttributes; a == nil || a.Description != "Fire drills of the desk" || !a.Public {
		t.Errorf("the room the pod made: %+v", a)
	}

	pressKey(m, "A")
	if m.mode != modePicker || !strings.Contains(screen(m), "add to Desk drills:") {
		t.Fatalf("A did not open the picker for the room: %v\n%s", m.mode, screen(m))
	}
	typeName(m, who.LastName)
	searchPod(t, m)
	for i := 0; m.pick.hits[m.pick.cursor].id != who.ID && i < len(m.pick.hits); i++ {
		update(m, keyDown)
	}
	runPeople(t, m, pressKey(m, "enter"))
	if !strings.Contains(m.status.notice, "added "+who.DisplayName+" to Desk drills") {
		t.Errorf("the notice after adding: %q", m.status.notice)
	}
	members, err := pm.c.RoomMembers(context.Background(), s.id)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(members, func(mi symphony.MemberInfo) bool { return mi.ID == who.ID }) {
		t.Errorf("the pod's members of the room lack %d: %+v", who.ID, members)
	}
}

// TestAddMemberRefusedSaysWhy: a user of another pod cannot join a room
// that is not cross-pod; the pod refuses, and the notice names who was
// not added and why.
func TestAddMemberRefusedSaysWhy(t *testing.T) {
	pm := newPodModel(t, 140, 40)
	m := pm.Model
	company := ""
	var outsider symphony.UserV2
	for _, u := range pm.srv.Users() {
		if u.ID == pm.srv.AccountID() {
			company = u.Company
		}
	}
	for _, u := range pm.srv.Users() {
		if _, known := m.names.Name(u.ID); !known && u.Company != company && u.AccountType == "NORMAL" && u.LastName != "" {
			outsider = u
			break
		}
	}
	if outsider.ID == 0 {
		t.Fatal("the pod knows no user of another pod")
	}
	r := &scenario.Room{ID: "b25lLXBvZC1yb29tLWlkLTAwMDAwMA", Name: "One pod", Members: []int64{pm.srv.AccountID()}}
	if err := pm.srv.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: pm.srv.AccountID(), Room: r}); err != nil {
		t.Fatal(err)
	}
	room := symphony.CanonicalID(r.ID)
	m.streams[room] = m.newStream(room, r.Name, KindRoom)
	m.sortStreams()
	openByKeys(t, m, room)
	pressKey(m, "A")
	typeName(m, outsider.LastName)
	searchPod(t, m)
	for i := 0; m.pick.hits[m.pick.cursor].id != outsider.ID && i < len(m.pick.hits); i++ {
		update(m, keyDown)
	}
	runPeople(t, m, pressKey(m, "enter"))
	// The pod's reason comes right after what failed, the chain of calls
	// only in the log.
	if !m.status.noticeBad || !strings.HasPrefix(m.status.notice, outsider.DisplayName+" not added to One pod: The user") ||
		!strings.Contains(m.status.notice, "another pod") || !strings.HasSuffix(m.status.notice, "(400)") {
		t.Errorf("the notice after a refused add: %q", m.status.notice)
	}
	if last := m.log[len(m.log)-1].text; !strings.Contains(last, "add room member: 400 Bad Request: The user") {
		t.Errorf("the log lacks the whole error: %q", last)
	}
}

// TestPickerEscAndEmptyEnter: esc cancels with nothing done; enter with no
// one found says so.
func TestPickerEscAndEmptyEnter(t *testing.T) {
	pm := newPodModel(t, 140, 40)
	m := pm.Model
	press(m, "c")
	if cmd := pressKey(m, "enter"); cmd != nil || m.mode != modePicker || !strings.Contains(m.status.notice, "no one picked") {
		t.Errorf("enter with no one: %v, %q", m.mode, m.status.notice)
	}
	update(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.mode != modeTimeline && m.mode != modeList {
		t.Errorf("esc left %v", m.mode)
	}
}
