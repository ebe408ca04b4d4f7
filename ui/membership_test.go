package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/symphony"
)

// joined is a USERJOINEDROOM item of user id (named name) in stream.
func joined(stream string, id int64, name string, ts int64) engine.Item {
	u := &symphony.V4User{UserID: id, DisplayName: name}
	return engine.Item{StreamID: stream, Event: symphony.V4Event{
		ID: fmt.Sprintf("j%d-%d", id, ts), Timestamp: ts, Type: symphony.EventUserJoinedRoom,
		Initiator: &symphony.V4Initiator{User: u},
		Payload: &symphony.V4Payload{UserJoinedRoom: &symphony.V4UserJoinedRoom{
			Stream: &symphony.V4Stream{StreamID: stream}, AffectedUser: u}},
	}}
}

// leftRoom is a USERLEFTROOM item of user id in stream.
func leftRoom(stream string, id int64, name string, ts int64) engine.Item {
	u := &symphony.V4User{UserID: id, DisplayName: name}
	return engine.Item{StreamID: stream, Event: symphony.V4Event{
		ID: fmt.Sprintf("l%d-%d", id, ts), Timestamp: ts, Type: symphony.EventUserLeftRoom,
		Initiator: &symphony.V4Initiator{User: u},
		Payload: &symphony.V4Payload{UserLeftRoom: &symphony.V4UserLeftRoom{
			Stream: &symphony.V4Stream{StreamID: stream}, AffectedUser: u}},
	}}
}

func TestMembershipRowsCollapseAndToggle(t *testing.T) {
	m := newTestModel(t, 100, 30)
	update(m, batch(
		live(message("roomA", "a1", 2, base+1000, "before the crowd")),
		joined("roomA", 11, "Ana", base+2000),
		joined("roomA", 12, "Ben", base+3000),
		joined("roomA", 13, "Cleo", base+4000),
		joined("roomA", 14, "Dan", base+5000),
		leftRoom("roomA", 15, "Eve", base+6000),
		live(message("roomA", "a2", 2, base+7000, "after the crowd")),
		joined("roomA", 16, "Fay", base+8000),
	))
	openByKeys(t, m, "roomA")
	out := screen(m)
	if !strings.Contains(out, "Ana, Ben and 2 others joined; Eve left") {
		t.Errorf("the run is not summarised:\n%s", out)
	}
	for _, name := range []string{"Ana joined", "Ben joined", "Dan joined"} {
		if strings.Contains(out, name) {
			t.Errorf("%q shows on its own:\n%s", name, out)
		}
	}
	if !strings.Contains(out, "Fay joined") {
		t.Errorf("a lone membership row is not shown as it is:\n%s", out)
	}
	// A new join extends the run at the bottom? No: a message is between;
	// one arriving right after Fay joins her run.
	update(m, batch(joined("roomA", 17, "Gus", base+9000)))
	if out := screen(m); !strings.Contains(out, "Fay and Gus joined") || strings.Contains(out, "Fay joined") {
		t.Errorf("the run did not grow:\n%s", out)
	}

	// m hides them all, and j/k skip them.
	press(m, "m")
	out = screen(m)
	if strings.Contains(out, "joined") || !strings.Contains(out, "after the crowd") {
		t.Errorf("membership rows still shown:\n%s", out)
	}
	press(m, "k")
	if got := selectedText(m); got != "after the crowd" {
		t.Errorf("k selected %q, want the newest message", got)
	}
	press(m, "k")
	if got := selectedText(m); got != "before the crowd" {
		t.Errorf("k skipped to %q", got)
	}
	press(m, "esc", "m")
	if !strings.Contains(screen(m), "Ana, Ben and 2 others joined") {
		t.Errorf("m did not show them again:\n%s", screen(m))
	}
}

func TestNameList(t *testing.T) {
	for names, want := range map[string]string{
		"A":       "A",
		"A B":     "A and B",
		"A B C":   "A, B and C",
		"A B C D": "A, B and 2 others",
	} {
		if got := nameList(strings.Fields(names)); got != want {
			t.Errorf("nameList(%s) = %q, want %q", names, got, want)
		}
	}
}
