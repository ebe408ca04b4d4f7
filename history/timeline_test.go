package history

import (
	"slices"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

// mustCheck fails the test when the timeline breaks an invariant.
func mustCheck(t *testing.T, tl *Timeline) {
	t.Helper()
	if err := tl.check(); err != nil {
		t.Fatal(err)
	}
}

// keysOf returns the keys of the rows.
func keysOf(rows []Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Key
	}
	return out
}

func TestApplyLiveMessages(t *testing.T) {
	tl := NewTimeline(testStream, Options{})
	steps := []struct {
		name string
		ev   symphony.V4Event
		want Change
	}{
		{"first", sentEvent(msg("BBB", 100, "b")), Inserted},
		{"redelivered", sentEvent(msg("BBB", 100, "b")), Unchanged},
		{"same ms, smaller id", sentEvent(msg("AAA", 100, "a")), Inserted},
		{"older", sentEvent(msg("ZZZ", 50, "z")), Inserted},
		{"newest", sentEvent(msg("CCC", 200, "c")), Inserted},
		{"other stream", func() symphony.V4Event {
			m := msg("DDD", 300, "d")
			m.Stream = &symphony.V4Stream{StreamID: "b3RoZXI"}
			return sentEvent(m)
		}(), Unchanged},
		{"unknown type", symphony.V4Event{ID: "x", Type: "PRESENCE", Timestamp: 5}, Unchanged},
		{"no payload", symphony.V4Event{ID: "y", Type: symphony.EventMessageSent, Timestamp: 5}, Unchanged},
	}
	for _, s := range steps {
		if got := tl.ApplyLive(s.ev); got != s.want {
			t.Errorf("%s: %v, want %v", s.name, got, s.want)
		}
		mustCheck(t, tl)
	}
	if got, want := keysOf(tl.Rows()), []string{"ZZZ", "AAA", "BBB", "CCC"}; !slices.Equal(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}
	r := tl.At(1)
	if r.Kind != RowMessage || r.Event == nil || r.Event.ID != "evAAA" || r.Recovered || r.Edited || text(r) != "a" {
		t.Errorf("row 1: %+v", r)
	}
	if tl.Len() != 4 {
		t.Errorf("Len %d", tl.Len())
	}
	if o, ok := tl.Oldest(); !ok || o != 50 {
		t.Errorf("Oldest %d %v", o, ok)
	}
	if n, ok := tl.Newest(); !ok || n != 200 {
		t.Errorf("Newest %d %v", n, ok)
	}
}

func TestCanonicalIDsDedupe(t *testing.T) {
	tl := NewTimeline("XlU3OH9eVMzq+yss7M/xyn///oxwgbtGbQ==", Options{})
	if tl.StreamID() != "XlU3OH9eVMzq-yss7M_xyn___oxwgbtGbQ" {
		t.Fatalf("stream id %s", tl.StreamID())
	}
	m := msg("RUkxW4x40aB74g0UWpaMw3___ozLPsapdA", 10, "x")
	m.Stream = &symphony.V4Stream{StreamID: "XlU3OH9eVMzq-yss7M_xyn___oxwgbtGbQ"}
	if tl.ApplyLive(sentEvent(m)) != Inserted {
		t.Fatal("not inserted")
	}
	std := m
	std.MessageID = "RUkxW4x40aB74g0UWpaMw3///ozLPsapdA=="
	std.Stream = &symphony.V4Stream{StreamID: "XlU3OH9eVMzq+yss7M/xyn///oxwgbtGbQ=="}
	if rows := tl.ApplyPage([]symphony.V4Message{std}); len(rows) != 0 {
		t.Errorf("the standard-alphabet id made a new row: %v", describe(rows))
	}
	if tl.ApplySuppressed("RUkxW4x40aB74g0UWpaMw3///ozLPsapdA==") != Updated {
		t.Error("suppression by the standard id missed")
	}
	if r, ok := tl.Lookup("RUkxW4x40aB74g0UWpaMw3///ozLPsapdA=="); !ok || !r.Suppressed || tl.Len() != 1 {
		t.Errorf("lookup: %+v %v, %d rows", r, ok, tl.Len())
	}
	mustCheck(t, tl)
}

func TestEdits(t *testing.T) {
	orig := msg("M1", 100, "first")
	e1 := edit("M2", 150, "second", "M1", "M1", 100)
	e2 := edit("M3", 170, "third", "M2", "M1", 100)
	other := msg("N1", 120, "between")
	tests := []struct {
		name  string
		apply func(tl *Timeline)
	}{
		{"in order, live", func(tl *Timeline) {
			for _, m := range []symphony.V4Message{orig, other, e1, e2} {
				tl.ApplyLive(sentEvent(m))
			}
		}},
		{"newest edit first", func(tl *Timeline) {
			for _, m := range []symphony.V4Message{e2, other, e1, orig} {
				tl.ApplyLive(sentEvent(m))
			}
		}},
		{"edits from history, original live", func(tl *Timeline) {
			tl.ApplyPage([]symphony.V4Message{e2, e1, other})
			tl.ApplyLive(sentEvent(orig))
		}},
		{"one page, shuffled, then live duplicates", func(tl *Timeline) {
			tl.ApplyPage([]symphony.V4Message{e1, orig, e2, other})
			for _, m := range []symphony.V4Message{orig, other, e1, e2} {
				tl.ApplyLive(sentEvent(m))
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tl := NewTimeline(testStream, Options{})
			tc.apply(tl)
			mustCheck(t, tl)
			rows := tl.Rows()
			if got := keysOf(rows); !slices.Equal(got, []string{"M1", "N1"}) {
				t.Fatalf("rows %v", describe(rows))
			}
			r := rows[0]
			if r.Timestamp != 100 || text(r) != "third" || !r.Edited || r.Message.ID != "M3" {
				t.Errorf("edited row %v", describe(rows[:1]))
			}
			if rows[1].Edited {
				t.Error("the other message is marked edited")
			}
			for _, id := range []string{"M1", "M2", "M3"} {
				if got, ok := tl.Lookup(id); !ok || got.Key != "M1" {
					t.Errorf("Lookup(%s) = %s %v", id, got.Key, ok)
				}
			}
		})
	}
}

func TestEditEventIsTheNewestLiveVersion(t *testing.T) {
	tl := NewTimeline(testStream, Options{})
	orig := msg("M1", 100, "first")
	e1 := edit("M2", 150, "second", "M1", "M1", 100)
	tl.ApplyPage([]symphony.V4Message{orig})
	if r := tl.At(0); !r.Recovered || r.Event != nil {
		t.Fatalf("from history: %+v", r)
	}
	if ch := tl.ApplyLive(sentEvent(e1)); ch != Updated {
		t.Errorf("edit: %v", ch)
	}
	if ch := tl.ApplyLive(sentEvent(orig)); ch != Unchanged {
		t.Errorf("older version on the feed after a newer one: %v", ch)
	}
	if r := tl.At(0); r.Recovered || r.Event == nil || r.Event.ID != "evM2" || text(r) != "second" {
		t.Errorf("row %v", describe(tl.Rows()))
	}
}

func TestEditWithoutInitialTimestamp(t *testing.T) {
	// An edit that names its first version without its timestamp is put
	// at its own time until the first version comes.
	tl := NewTimeline(testStream, Options{})
	e := edit("M2", 150, "second", "M1", "M1", 0)
	tl.ApplyLive(sentEvent(e))
	tl.ApplyLive(sentEvent(msg("N1", 120, "n")))
	if got := keysOf(tl.Rows()); !slices.Equal(got, []string{"N1", "M1"}) {
		t.Fatalf("rows %v", got)
	}
	if ch := tl.ApplyPage([]symphony.V4Message{msg("M1", 100, "first")}); len(ch) != 0 {
		t.Errorf("the first version made a row: %v", describe(ch))
	}
	mustCheck(t, tl)
	if got := keysOf(tl.Rows()); !slices.Equal(got, []string{"M1", "N1"}) {
		t.Fatalf("rows after the first version %v", got)
	}
	if r := tl.At(0); r.Timestamp != 100 || text(r) != "second" || !r.Edited {
		t.Errorf("row %v", describe(tl.Rows()[:1]))
	}
}

func TestSuppression(t *testing.T) {
	t.Run("after the message", func(t *testing.T) {
		tl := NewTimeline(testStream, Options{})
		m := msg("M1", 100, "secret")
		m.Data = `{"x":1}`
		tl.ApplyLive(sentEvent(m))
		if ch := tl.ApplyLive(suppressEvent("M1", 200)); ch != Updated {
			t.Errorf("suppress: %v", ch)
		}
		if ch := tl.ApplyLive(suppressEvent("M1", 200)); ch != Unchanged {
			t.Errorf("suppress again: %v", ch)
		}
		r := tl.At(0)
		if !r.Suppressed || r.Message.PML != "" || r.Message.Data != "" || r.Message.User == nil || r.Timestamp != 100 {
			t.Errorf("tombstone %+v", r.Message)
		}
		if strings.Contains(r.Event.Payload.MessageSent.Message.Message, "secret") {
			t.Error("the tombstone's event keeps the text")
		}
		if m.Message == "" {
			t.Error("the caller's message was modified")
		}
		if tl.ApplyLive(sentEvent(m)) != Unchanged || tl.At(0).Message.PML != "" {
			t.Error("a redelivery brought the text back")
		}
		mustCheck(t, tl)
	})
	t.Run("before the message", func(t *testing.T) {
		tl := NewTimeline(testStream, Options{})
		if ch := tl.ApplySuppressed("M1"); ch != Unchanged || tl.Len() != 0 {
			t.Errorf("suppressing an unknown message: %v, %d rows", ch, tl.Len())
		}
		tl.ApplyPage([]symphony.V4Message{msg("M1", 100, "secret")})
		if r := tl.At(0); !r.Suppressed || r.Message.PML != "" {
			t.Errorf("row %v", describe(tl.Rows()))
		}
		mustCheck(t, tl)
	})
	t.Run("an edited version", func(t *testing.T) {
		tl := NewTimeline(testStream, Options{})
		tl.ApplySuppressed("M2")
		tl.ApplyLive(sentEvent(msg("M1", 100, "first")))
		if tl.At(0).Suppressed {
			t.Fatal("suppressed before its version came")
		}
		tl.ApplyLive(sentEvent(edit("M3", 300, "third", "M2", "M1", 100)))
		tl.ApplyLive(sentEvent(edit("M2", 200, "second", "M1", "M1", 100)))
		if r := tl.At(0); !r.Suppressed || r.Message.ID != "M3" || r.Message.PML != "" || tl.Len() != 1 {
			t.Errorf("rows %v", describe(tl.Rows()))
		}
		mustCheck(t, tl)
	})
	t.Run("of another stream", func(t *testing.T) {
		tl := NewTimeline(testStream, Options{})
		tl.ApplyLive(sentEvent(msg("M1", 100, "x")))
		ev := suppressEvent("M1", 200)
		ev.Payload.MessageSuppressed.Stream.StreamID = "b3RoZXI"
		if tl.ApplyLive(ev) != Unchanged || tl.At(0).Suppressed {
			t.Error("a suppression of another stream applied")
		}
	})
}

func TestEventRows(t *testing.T) {
	tl := NewTimeline(testStream, Options{})
	stream := &symphony.V4Stream{StreamID: testStream, StreamType: symphony.StreamRoom}
	user := func(id int64) *symphony.V4User { return &symphony.V4User{UserID: id} }
	initiator := &symphony.V4Initiator{User: user(1)}
	created := symphony.V4Event{ID: "room1", Timestamp: 10, Type: symphony.EventRoomCreated, Initiator: initiator,
		Payload: &symphony.V4Payload{RoomCreated: &symphony.V4RoomCreated{Stream: stream}}}
	// Room creation: one event id for the creation and every join.
	join2, join3 := joinEvent("room1", 2, 10), joinEvent("room1", 3, 10)
	left := symphony.V4Event{ID: "l1", Timestamp: 20, Type: symphony.EventUserLeftRoom, Initiator: initiator,
		Payload: &symphony.V4Payload{UserLeftRoom: &symphony.V4UserLeftRoom{Stream: stream, AffectedUser: user(2)}}}
	promoted := symphony.V4Event{ID: "p1", Timestamp: 30, Type: symphony.EventRoomMemberPromotedToOwner, Initiator: initiator,
		Payload: &symphony.V4Payload{RoomMemberPromotedToOwner: &symphony.V4RoomMemberPromotedToOwner{Stream: stream, AffectedUser: user(3)}}}
	updated := symphony.V4Event{ID: "u1", Timestamp: 40, Type: symphony.EventRoomUpdated, Initiator: initiator,
		Payload: &symphony.V4Payload{RoomUpdated: &symphony.V4RoomUpdated{Stream: stream}}}
	form := symphony.V4Event{ID: "f1", Timestamp: 50, Type: symphony.EventSymphonyElementsAction, Initiator: &symphony.V4Initiator{User: user(2)},
		Payload: &symphony.V4Payload{SymphonyElementsAction: &symphony.V4SymphonyElementsAction{
			Stream: stream, FormMessageID: "xtZqqBNGwLDkLuvuQTyjH3///pQENvjudA==5454", FormID: "order"}}}
	form2 := form
	form2.Initiator = &symphony.V4Initiator{User: user(3)} // another user, same event id
	system := symphony.V4Event{ID: "s1", Type: symphony.EventGenericSystemEvent, Initiator: initiator,
		Payload: &symphony.V4Payload{GenericSystemEvent: &symphony.V4GenericSystemEvent{
			Stream: stream, EventTimestamp: 60, SourceSystem: "federation", EventSubtype: "x"}}}
	request := symphony.V4Event{ID: "r1", Timestamp: 70, Type: symphony.EventUserRequestedToJoinRoom, Initiator: &symphony.V4Initiator{User: user(9)},
		Payload: &symphony.V4Payload{UserRequestedToJoinRoom: &symphony.V4UserRequestedToJoinRoom{Stream: stream, AffectedUsers: []*symphony.V4User{user(3), user(1)}}}}
	connection := symphony.V4Event{ID: "c1", Timestamp: 80, Type: symphony.EventConnectionRequested, Initiator: initiator,
		Payload: &symphony.V4Payload{ConnectionRequested: &symphony.V4ConnectionRequested{ToUser: user(5)}}}
	events := []symphony.V4Event{created, join2, join3, left, promoted, updated, form, form2, system, request, connection}
	for _, ev := range events {
		if ch := tl.ApplyLive(ev); ch != Inserted {
			t.Errorf("%s %s: %v", ev.Type, ev.ID, ch)
		}
	}
	for _, ev := range events {
		if ch := tl.ApplyLive(ev); ch != Unchanged {
			t.Errorf("redelivered %s %s: %v", ev.Type, ev.ID, ch)
		}
	}
	mustCheck(t, tl)
	var kinds []string
	for _, r := range tl.Rows() {
		kinds = append(kinds, r.Kind.String())
		if r.Event == nil || r.Message != nil || r.Recovered {
			t.Errorf("event row %+v", r)
		}
	}
	want := []string{"room", "membership", "membership", "membership", "membership", "room", "form", "form", "system", "membership", "connection"}
	if !slices.Equal(kinds, want) {
		t.Errorf("kinds %v, want %v", kinds, want)
	}
	if r := tl.At(8); r.Timestamp != 60 {
		t.Errorf("system event at %d, want its eventTimestamp 60", r.Timestamp)
	}
	// A message at the same ms as an event comes after it.
	tl.ApplyLive(sentEvent(msg("AAA", 10, "hi")))
	if r := tl.At(3); r.Key != "AAA" {
		t.Errorf("rows %v", describe(tl.Rows()[:4]))
	}
	if _, ok := tl.Oldest(); !ok {
		t.Error("no oldest message")
	}
	if o, _ := tl.Oldest(); o != 10 {
		t.Errorf("Oldest %d", o)
	}
}

func TestConnectionsTimeline(t *testing.T) {
	// An empty stream id accepts every stream.
	tl := NewTimeline("", Options{})
	a, b := msg("A1", 1, "a"), msg("B1", 2, "b")
	b.Stream = &symphony.V4Stream{StreamID: "b3RoZXI"}
	tl.ApplyLive(sentEvent(a))
	tl.ApplyLive(sentEvent(b))
	accepted := symphony.V4Event{ID: "c2", Timestamp: 3, Type: symphony.EventConnectionAccepted,
		Initiator: &symphony.V4Initiator{User: &symphony.V4User{UserID: 5}},
		Payload:   &symphony.V4Payload{ConnectionAccepted: &symphony.V4ConnectionAccepted{FromUser: &symphony.V4User{UserID: 1}}}}
	tl.ApplyLive(accepted)
	if tl.Len() != 3 || tl.At(2).Kind != RowConnection {
		t.Errorf("rows %v", describe(tl.Rows()))
	}
}

func TestRepliesAndSharedPosts(t *testing.T) {
	tl := NewTimeline(testStream, Options{})
	reply := msg("R1", 10, "answer")
	reply.ParentMessageID = "P1"
	tl.ApplyLive(sentEvent(reply))
	if r, _ := tl.Lookup("R1"); r.Message.ParentID != "P1" {
		t.Errorf("reply lost its parent: %+v", r.Message)
	}
	post, shared := msg("S1", 20, ""), msg("O1", 5, "original")
	ev := symphony.V4Event{ID: "sp", Timestamp: 20, Type: symphony.EventSharedPost,
		Payload: &symphony.V4Payload{SharedPost: &symphony.V4SharedPost{Message: &post, SharedMessage: &shared}}}
	if tl.ApplyLive(ev) != Inserted {
		t.Fatal("shared post not inserted")
	}
	r, _ := tl.Lookup("S1")
	if r.Message.Shared() == nil || r.Message.Shared().ID != "O1" || post.SharedMessage != nil {
		t.Errorf("shared post %+v", r.Message)
	}
}

func TestApplyPage(t *testing.T) {
	tl := NewTimeline(testStream, Options{})
	tl.ApplyLive(sentEvent(msg("M5", 500, "live")))
	page := []symphony.V4Message{msg("M3", 300, "c"), msg("M1", 100, "a"), msg("M5", 500, "live"), msg("M2", 100, "b"), msg("M3", 300, "c")}
	rows := tl.ApplyPage(page)
	if got := keysOf(rows); !slices.Equal(got, []string{"M1", "M2", "M3"}) {
		t.Errorf("inserted %v", got)
	}
	for _, r := range rows {
		if !r.Recovered || r.Event != nil {
			t.Errorf("history row %+v", r)
		}
	}
	if r, _ := tl.Lookup("M5"); r.Recovered {
		t.Error("a live row marked recovered")
	}
	rows = tl.ApplyPage([]symphony.V4Message{msg("M4", 400, "d"), msg("M2", 100, "b"), msg("M0", 1, "z"), msg("M6", 600, "f")})
	if got := keysOf(rows); !slices.Equal(got, []string{"M0", "M4", "M6"}) {
		t.Errorf("inserted %v", got)
	}
	if got := keysOf(tl.Rows()); !slices.Equal(got, []string{"M0", "M1", "M2", "M3", "M4", "M5", "M6"}) {
		t.Errorf("rows %v", got)
	}
	if ch := tl.ApplyLive(sentEvent(msg("M3", 300, "c"))); ch != Updated {
		t.Errorf("first live delivery of a recovered row: %v", ch)
	}
	if r, _ := tl.Lookup("M3"); r.Recovered || r.Event == nil {
		t.Errorf("row %+v", r)
	}
	mustCheck(t, tl)
	if len(tl.ApplyPage(nil)) != 0 {
		t.Error("an empty page inserted rows")
	}
}

func TestPendingSentEcho(t *testing.T) {
	mine := msg("MINE", 1000, "hello")
	pending := msg("", 990, "hello (draft)")
	tests := []struct {
		name   string
		apply  func(tl *Timeline) []Change
		want   []Change
		failed string
	}{
		{"sent, then echo", func(tl *Timeline) []Change {
			tl.ApplyPending("l1", pending)
			return []Change{tl.ApplySent("l1", mine), tl.ApplyLive(sentEvent(mine))}
		}, []Change{Updated, Unchanged}, ""},
		{"echo, then sent", func(tl *Timeline) []Change {
			tl.ApplyPending("l1", pending)
			return []Change{tl.ApplyLive(sentEvent(mine)), tl.ApplySent("l1", mine)}
		}, []Change{Inserted, Updated}, ""},
		{"sent without pending, then echo", func(tl *Timeline) []Change {
			return []Change{tl.ApplySent("l1", mine), tl.ApplyLive(sentEvent(mine))}
		}, []Change{Inserted, Unchanged}, ""},
		{"failed, retried, sent", func(tl *Timeline) []Change {
			tl.ApplyPending("l1", pending)
			tl.ApplyFailed("l1", "503 from the agent")
			if r, _ := tl.Lookup(pendingKey("l1")); r.Failed != "503 from the agent" || !r.Pending {
				return []Change{Unchanged}
			}
			tl.ApplyPending("l1", pending)
			return []Change{tl.ApplySent("l1", mine), tl.ApplyLive(sentEvent(mine)), tl.ApplyLive(sentEvent(mine))}
		}, []Change{Updated, Unchanged, Unchanged}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tl := NewTimeline(testStream, Options{})
			tl.ApplyLive(sentEvent(msg("OTHER", 995, "x")))
			got := tc.apply(tl)
			if !slices.Equal(got, tc.want) {
				t.Errorf("changes %v, want %v", got, tc.want)
			}
			mustCheck(t, tl)
			rows := tl.Rows()
			if k := keysOf(rows); !slices.Equal(k, []string{"OTHER", "MINE"}) {
				t.Fatalf("rows %v", describe(rows))
			}
			r := rows[1]
			if r.Pending || r.Failed != "" || r.Recovered || r.Event == nil || text(r) != "hello" || r.Timestamp != 1000 {
				t.Errorf("row %v", describe(rows[1:]))
			}
		})
	}
}

func TestPendingRows(t *testing.T) {
	tl := NewTimeline(testStream, Options{})
	tl.ApplyLive(sentEvent(msg("A", 100, "a")))
	tl.ApplyPending("l1", msg("", 0, "no time"))
	tl.ApplyPending("l2", msg("", 150, "later"))
	mustCheck(t, tl)
	rows := tl.Rows()
	if len(rows) != 3 || !rows[1].Pending || rows[1].Timestamp != 100 || rows[2].Timestamp != 150 {
		t.Fatalf("rows %v", describe(rows))
	}
	if n, _ := tl.Newest(); n != 100 {
		t.Errorf("Newest %d counts pending rows", n)
	}
	tl.ApplyFailed("l2", "")
	if r := tl.At(2); r.Failed == "" {
		t.Error("failure without a reason not recorded")
	}
	tl.ApplyFailed("nope", "x")
	if !tl.DiscardPending("l2") || tl.DiscardPending("l2") || tl.Len() != 2 {
		t.Errorf("discard: %v", describe(tl.Rows()))
	}
	if tl.ApplySuppressed(pendingKey("l1")) != Unchanged {
		t.Error("a pending row was suppressed by its key")
	}
	if ch := tl.ApplyLive(sentEvent(msg(pendingKey("l1"), 5, "spoof"))); ch != Unchanged || tl.Len() != 2 {
		t.Errorf("a message with a key for id: %v, %v", ch, describe(tl.Rows()))
	}
	if ch := tl.ApplySent("l1", msg("", 0, "")); ch != Unchanged || !tl.At(1).Pending || tl.At(1).Failed == "" {
		t.Errorf("an answer without id: %v %v", ch, describe(tl.Rows()))
	}
	mustCheck(t, tl)
}

func TestGaps(t *testing.T) {
	tl := NewTimeline(testStream, Options{})
	tl.ApplyPage([]symphony.V4Message{msg("A", 100, "a"), msg("Z", 900, "z")})
	tl.AddGap(Gap{From: 100, To: 500})
	tl.AddGap(Gap{From: 100, To: 500})
	tl.AddGap(Gap{From: 800, To: 400}) // reversed, overlapping: merged
	mustCheck(t, tl)
	if g := tl.Gaps(); len(g) != 1 || g[0] != (Gap{From: 100, To: 800}) {
		t.Fatalf("gaps %v", g)
	}
	if got := keysOf(tl.Rows()); got[0] != "A" || !strings.HasPrefix(got[1], gapPrefix) || got[2] != "Z" {
		t.Fatalf("rows %v: the gap must follow the messages of its first ms", got)
	}
	// A partial fill leaves the rest of the range as a gap.
	rest := Gap{From: 300, To: 800}
	rows := tl.FillGap(Gap{From: 100, To: 800}, []symphony.V4Message{msg("A", 100, "a"), msg("B", 200, "b"), msg("C", 300, "c")}, &rest)
	if got := describe(rows); len(got) != 3 || rows[0].Key != "B" || rows[1].Key != "C" || rows[2].Kind != RowGap {
		t.Errorf("filled %v", got)
	}
	if g := tl.Gaps(); len(g) != 1 || g[0] != rest {
		t.Errorf("gaps %v", g)
	}
	mustCheck(t, tl)
	// Filling part of a gap keeps both ends.
	tl.FillGap(Gap{From: 400, To: 500}, []symphony.V4Message{msg("D", 450, "d")}, nil)
	if g := tl.Gaps(); len(g) != 2 || g[0] != (Gap{300, 400}) || g[1] != (Gap{500, 800}) {
		t.Errorf("gaps %v", g)
	}
	tl.FillGap(Gap{From: 0, To: 1000}, nil, nil)
	if g := tl.Gaps(); len(g) != 0 {
		t.Errorf("gaps after a complete fill %v", g)
	}
	if got := keysOf(tl.Rows()); !slices.Equal(got, []string{"A", "B", "C", "D", "Z"}) {
		t.Errorf("rows %v", got)
	}
	mustCheck(t, tl)
}

func TestEviction(t *testing.T) {
	tl := NewTimeline(testStream, Options{MaxRows: 3})
	for i, id := range []string{"A", "B", "C", "D", "E"} {
		tl.ApplyLive(sentEvent(msg(id, int64(100*(i+1)), id)))
		mustCheck(t, tl)
	}
	if got := keysOf(tl.Rows()); !slices.Equal(got, []string{"C", "D", "E"}) {
		t.Fatalf("rows %v", got)
	}
	// Evicted rows come back from a page (and push older ones out again).
	rows := tl.ApplyPage([]symphony.V4Message{msg("B", 200, "B")})
	if len(rows) != 0 {
		t.Errorf("a row older than the cap was reported inserted: %v", keysOf(rows))
	}
	big := NewTimeline(testStream, Options{MaxRows: 4})
	for i, id := range []string{"C", "D", "E"} {
		big.ApplyLive(sentEvent(msg(id, int64(300+100*i), id)))
	}
	rows = big.ApplyPage([]symphony.V4Message{msg("A", 100, "A"), msg("B", 200, "B")})
	if got := keysOf(rows); !slices.Equal(got, []string{"B"}) {
		t.Errorf("inserted %v", got)
	}
	if got := keysOf(big.Rows()); !slices.Equal(got, []string{"B", "C", "D", "E"}) {
		t.Errorf("rows %v", got)
	}
	// An edited message evicted and paged back is still one row.
	ed := NewTimeline(testStream, Options{MaxRows: 2})
	ed.ApplyLive(sentEvent(msg("M1", 100, "v1")))
	ed.ApplyLive(sentEvent(edit("M2", 150, "v2", "M1", "M1", 100)))
	ed.ApplyLive(sentEvent(msg("X", 200, "x")))
	ed.ApplyLive(sentEvent(msg("Y", 300, "y")))
	if _, ok := ed.Lookup("M2"); ok {
		t.Error("an evicted version is still known")
	}
	big2 := NewTimeline(testStream, Options{MaxRows: 3})
	big2.ApplyLive(sentEvent(msg("X", 200, "x")))
	big2.ApplyLive(sentEvent(msg("Y", 300, "y")))
	big2.ApplyPage([]symphony.V4Message{msg("M1", 100, "v1"), edit("M2", 150, "v2", "M1", "M1", 100)})
	if r := big2.At(0); r.Key != "M1" || text(r) != "v2" || big2.Len() != 3 {
		t.Errorf("rows %v", describe(big2.Rows()))
	}
	mustCheck(t, ed)
	mustCheck(t, big2)
}

func TestWatermark(t *testing.T) {
	tl := NewTimeline(testStream, Options{})
	if wm := tl.Watermark(); !wm.IsZero() || wm.Skip() != 0 {
		t.Errorf("empty watermark %+v", wm)
	}
	tl.ApplyLive(sentEvent(msg("B", 100, "b")))
	tl.ApplyPage([]symphony.V4Message{msg("A", 100, "a"), msg("Z", 50, "z")})
	tl.ApplyLive(joinEvent("j", 4, 500)) // events do not move it
	tl.ApplyPending("l", msg("", 600, "p"))
	wm := tl.Watermark()
	if wm.Timestamp != 100 || wm.Skip() != 2 || !slices.Contains(wm.IDs, "A") || !slices.Contains(wm.IDs, "B") {
		t.Errorf("watermark %+v", wm)
	}
	tl.ApplySuppressed("A")
	if wm := tl.Watermark(); wm.Skip() != 1 || wm.IDs[0] != "B" {
		t.Errorf("watermark with a suppressed message %+v", wm)
	}
	tl.ApplyLive(sentEvent(edit("E", 200, "e", "Z", "Z", 50)))
	if wm := tl.Watermark(); wm.Timestamp != 200 || !slices.Equal(wm.IDs, []string{"E"}) {
		t.Errorf("watermark after an edit %+v", wm)
	}
	// Many at one ms, and the same ids again after an eviction.
	many := NewTimeline(testStream, Options{MaxRows: 10})
	for i := range 100 {
		many.ApplyLive(sentEvent(msg(string(rune('A'+i%26))+string(rune('a'+i/26)), 7, "x")))
	}
	many.ApplyPage([]symphony.V4Message{msg("Aa", 7, "x"), msg("Ba", 7, "x")})
	if wm := many.Watermark(); wm.Skip() != 100 {
		t.Errorf("%d ids at the watermark, want 100", wm.Skip())
	}
}

func TestStrings(t *testing.T) {
	for k, want := range map[RowKind]string{RowMessage: "message", RowRoomEvent: "room", RowMembership: "membership",
		RowConnection: "connection", RowFormAction: "form", RowSystem: "system", RowGap: "gap", RowKind(42): "RowKind(42)"} {
		if k.String() != want {
			t.Errorf("%d: %s", int(k), k)
		}
	}
	for c, want := range map[Change]string{Unchanged: "unchanged", Inserted: "inserted", Updated: "updated", Change(9): "Change(9)"} {
		if c.String() != want {
			t.Errorf("%d: %s", int(c), c)
		}
	}
}
