package simulator_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/tutti-chat/tutti/internal/testio"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

const danaID int64 = 349026222342004 // the external user of the "empty" scenario

func scenarioCreateIM(actor int64, others ...int64) scenario.Action {
	return scenario.Action{Kind: scenario.CreateIM, Actor: actor, Members: others}
}

// wallOf returns the wall of a user.
func wallOf(t *testing.T, srv *simulator.Server, user int64) string {
	t.Helper()
	for _, st := range srv.Streams() {
		if st.Type == symphony.StreamPost && slices.Equal(st.Members, []int64{user}) {
			return st.ID
		}
	}
	t.Fatalf("no wall for %d", user)
	return ""
}

// TestEveryEventAndTheLedger applies one action of every kind and checks
// the events the service account receives, their shapes, and that the
// ledger holds exactly them.
func TestEveryEventAndTheLedger(t *testing.T) {
	var ledger testio.Buffer
	srv := start(t, simulator.Options{Ledger: &ledger})
	c := newClient(t, srv)
	feed := c.createFeed()

	room := &scenario.Room{
		ID: "cm9vbS1vbmUtdGVzdC1yb29tLWlkLTAx", Name: "Rates desk", Description: "Rates talk",
		Keywords: map[string]string{"region": "EMEA"}, Members: []int64{aliceID, bobID},
		Owners: []int64{aliceID}, Public: true,
	}
	renamed := *room
	renamed.Name = "Rates & FX desk"
	dm := "" // the IM of the bot and alice, created below
	steps := []struct {
		a    scenario.Action
		want []string // event types the bot receives
	}{
		{scenario.Action{Kind: scenario.CreateRoom, Actor: botID, Room: room},
			[]string{symphony.EventRoomCreated, symphony.EventUserJoinedRoom, symphony.EventUserJoinedRoom, symphony.EventRoomMemberPromotedToOwner}},
		{scenario.Action{Kind: scenario.SendMessage, Actor: aliceID, Stream: room.ID, Key: "m1",
			MessageML: "<messageML>Morning all</messageML>"}, []string{symphony.EventMessageSent}},
		{scenario.Action{Kind: scenario.SendMessage, Actor: bobID, Stream: room.ID, Key: "m2", Target: "m1",
			MessageML: "<messageML>Morning!</messageML>", Attachments: []scenario.Attachment{{Name: "deck.pdf", Size: 1234}}},
			[]string{symphony.EventMessageSent}},
		{scenario.Action{Kind: scenario.EditMessage, Actor: aliceID, Target: "m1", Key: "m1e",
			MessageML: "<messageML>Morning all, edited</messageML>"}, []string{symphony.EventMessageSent}},
		{scenario.Action{Kind: scenario.SuppressMessage, Actor: botID, Target: "m2"}, []string{symphony.EventMessageSuppressed}},
		{scenario.Action{Kind: scenario.UpdateRoom, Actor: botID, Stream: room.ID, Room: &renamed}, []string{symphony.EventRoomUpdated}},
		{scenario.Action{Kind: scenario.JoinRoom, Actor: aliceID, Stream: room.ID, User: carolID}, []string{symphony.EventUserJoinedRoom}},
		{scenario.Action{Kind: scenario.PromoteOwner, Actor: botID, Stream: room.ID, User: carolID}, []string{symphony.EventRoomMemberPromotedToOwner}},
		{scenario.Action{Kind: scenario.DemoteOwner, Actor: botID, Stream: room.ID, User: carolID}, []string{symphony.EventRoomMemberDemotedFromOwner}},
		{scenario.Action{Kind: scenario.LeaveRoom, Actor: bobID, Stream: room.ID}, []string{symphony.EventUserLeftRoom}},
		{scenario.Action{Kind: scenario.RequestToJoin, Actor: bobID, Stream: room.ID}, []string{symphony.EventUserRequestedToJoinRoom}},
		{scenario.Action{Kind: scenario.DeactivateRoom, Actor: botID, Stream: room.ID}, []string{symphony.EventRoomDeactivated}},
		{scenario.Action{Kind: scenario.ReactivateRoom, Actor: botID, Stream: room.ID}, []string{symphony.EventRoomReactivated}},
		{scenarioCreateIM(aliceID, carolID), nil}, // not the bot's
		{scenarioCreateIM(aliceID, botID), []string{symphony.EventInstantMessageCreated}},
		{scenario.Action{Kind: scenario.RequestConnection, Actor: danaID, User: botID}, []string{symphony.EventConnectionRequested}},
		{scenario.Action{Kind: scenario.AcceptConnection, Actor: botID, User: danaID}, []string{symphony.EventConnectionAccepted}},
		{scenario.Action{Kind: scenario.SendMessage, Actor: aliceID, Stream: wallOf(t, srv, aliceID), Key: "post",
			MessageML: "<messageML>My market view</messageML>"}, nil}, // alice's wall
		{scenario.Action{Kind: scenario.SharePost, Actor: botID, Stream: wallOf(t, srv, botID), Target: "post"},
			[]string{symphony.EventSharedPost}},
		{scenario.Action{Kind: scenario.SystemEvent, Actor: aliceID, Stream: room.ID, Subtype: "call.started",
			Source: "federation", Parameters: map[string]any{"callId": "c1"}}, []string{symphony.EventGenericSystemEvent}},
	}
	var want []string
	for i, step := range steps {
		if step.a.Kind == scenario.CreateIM && slices.Contains(step.a.Members, botID) {
			before := srv.Streams()
			if err := srv.Apply(step.a); err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
			for _, st := range srv.Streams() {
				if !slices.ContainsFunc(before, func(b simulator.StreamSummary) bool { return b.ID == st.ID }) {
					dm = st.ID
				}
			}
		} else if err := srv.Apply(step.a); err != nil {
			t.Fatalf("step %d (%v): %v", i, step.a.Kind, err)
		}
		want = append(want, step.want...)
	}
	// A form the bot sends, submitted by alice: only the bot receives it.
	form := `<messageML><form id="f1"><text-field name="q"/><button name="go">Go</button></form></messageML>`
	for _, a := range []scenario.Action{
		{Kind: scenario.SendMessage, Actor: botID, Stream: dm, Key: "form", MessageML: form},
		{Kind: scenario.SubmitForm, Actor: aliceID, Target: "form", FormID: "f1", FormValues: map[string]any{"action": "go", "q": "rates"}},
	} {
		if err := srv.Apply(a); err != nil {
			if a.Kind == scenario.SendMessage { // the converter may not know forms yet
				a.MessageML = `<div data-format="PresentationML" data-version="2.0"><form id="f1"><button name="go">Go</button></form></div>`
				err = srv.Apply(a)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	want = append(want, symphony.EventMessageSent, symphony.EventSymphonyElementsAction)

	events, _ := c.drain(feed, len(want))
	var types []string
	for _, ev := range events {
		types = append(types, ev.Type)
	}
	if !slices.Equal(types, want) {
		t.Fatalf("event types\n got %v\nwant %v", types, want)
	}
	seen := map[string]bool{}
	for _, ty := range types {
		seen[ty] = true
	}
	for _, ty := range symphony.EventTypes() {
		if !seen[ty] {
			t.Errorf("no %s event", ty)
		}
	}

	// Shapes.
	byType := map[string]symphony.V4Event{}
	for _, ev := range events {
		if _, ok := byType[ev.Type]; !ok {
			byType[ev.Type] = ev
		}
		if ev.ID == "" || ev.Timestamp == 0 || ev.Initiator == nil || ev.Initiator.User == nil || ev.Initiator.User.UserID == 0 {
			t.Errorf("%s: incomplete envelope %+v", ev.Type, ev)
		}
	}
	if events[0].ID != events[1].ID || events[0].ID != events[3].ID {
		t.Error("the events of a room creation do not share their event id")
	}
	rc := byType[symphony.EventRoomCreated].Payload.RoomCreated
	if rc.Stream.StreamID != room.ID || rc.RoomProperties.Name != room.Name || rc.RoomProperties.CreatorUser.UserID != botID ||
		len(rc.RoomProperties.Keywords) != 1 || rc.RoomProperties.Public == nil || !*rc.RoomProperties.Public {
		t.Errorf("ROOMCREATED %+v %+v", rc.Stream, rc.RoomProperties)
	}
	msgs := []*symphony.V4Message{}
	for _, ev := range events {
		if ev.Type == symphony.EventMessageSent {
			msgs = append(msgs, ev.Message())
		}
	}
	m1, m2, m1e := msgs[0], msgs[1], msgs[2]
	if m2.ParentMessageID != m1.MessageID || len(m2.Attachments) != 1 || m2.Attachments[0].Name != "deck.pdf" {
		t.Errorf("reply %+v", m2)
	}
	if m1e.Replacing != m1.MessageID || m1e.InitialMessageID != m1.MessageID || m1e.InitialTimestamp != m1.Timestamp {
		t.Errorf("edit %+v", m1e)
	}
	if m1.ExternalRecipients == nil || m1.Stream.RoomName != room.Name {
		t.Errorf("room message %+v %+v", m1, m1.Stream)
	}
	if stored, _ := srv.Message(m1.MessageID); stored.ReplacedBy != m1e.MessageID {
		t.Errorf("the edited message has replacedBy %q", stored.ReplacedBy)
	}
	sup := byType[symphony.EventMessageSuppressed]
	if sup.Payload.MessageSuppressed.MessageID != m2.MessageID || sup.MessageID == m2.MessageID || sup.Payload.MessageSuppressed.Stream.StreamID != room.ID {
		t.Errorf("MESSAGESUPPRESSED %+v %+v", sup, sup.Payload.MessageSuppressed)
	}
	if ru := byType[symphony.EventRoomUpdated].Payload.RoomUpdated; ru.NewRoomProperties.Name != renamed.Name || ru.Stream.RoomName != renamed.Name {
		t.Errorf("ROOMUPDATED %+v", ru.NewRoomProperties)
	}
	if rq := byType[symphony.EventUserRequestedToJoinRoom]; rq.Initiator.User.UserID != bobID || len(rq.Payload.UserRequestedToJoinRoom.AffectedUsers) != 2 {
		t.Errorf("USERREQUESTEDTOJOINROOM %+v", rq.Payload.UserRequestedToJoinRoom)
	}
	if left := byType[symphony.EventUserLeftRoom].Payload.UserLeftRoom; left.AffectedUser.UserID != bobID {
		t.Errorf("USERLEFTROOM %+v", left)
	}
	if imc := byType[symphony.EventInstantMessageCreated].Payload.InstantMessageCreated; imc.Stream.StreamType != symphony.StreamIM || len(imc.Stream.Members) != 2 {
		t.Errorf("INSTANTMESSAGECREATED %+v", imc.Stream)
	}
	cr := byType[symphony.EventConnectionRequested]
	if cr.Initiator.User.UserID != danaID || cr.Payload.ConnectionRequested.ToUser.UserID != botID {
		t.Errorf("CONNECTIONREQUESTED %+v", cr.Payload.ConnectionRequested)
	}
	ca := byType[symphony.EventConnectionAccepted]
	if ca.Initiator.User.UserID != botID || ca.Payload.ConnectionAccepted.FromUser.UserID != danaID {
		t.Errorf("CONNECTIONACCEPTED %+v", ca.Payload.ConnectionAccepted)
	}
	sp := byType[symphony.EventSharedPost].Payload.SharedPost
	if sp.Message.Stream.StreamType != symphony.StreamPost || sp.SharedMessage.Stream.StreamType != symphony.StreamPost ||
		sp.SharedMessage.User.UserID != aliceID || sp.Message.SharedMessage == nil {
		t.Errorf("SHAREDPOST %+v / %+v", sp.Message, sp.SharedMessage)
	}
	ge := byType[symphony.EventGenericSystemEvent].Payload.GenericSystemEvent
	if ge.EventSubtype != "call.started" || ge.SourceSystem != "federation" || ge.Stream.StreamID != room.ID || ge.Parameters["callId"] != "c1" {
		t.Errorf("GENERICSYSTEMEVENT %+v", ge)
	}
	ea := byType[symphony.EventSymphonyElementsAction].Payload.SymphonyElementsAction
	formID, _ := srv.MessageID("form")
	if ea.FormMessageID != formID || ea.FormID != "f1" || ea.FormValues["q"] != "rates" || ea.Stream.StreamID != dm {
		t.Errorf("SYMPHONYELEMENTSACTION %+v", ea)
	}

	// The suppressed message is gone from history; the others are there.
	var hist []symphony.V4Message
	c.callJSON(http.MethodGet, "/agent/v4/stream/"+room.ID+"/message?since=0", nil, &hist)
	ids := map[string]symphony.V4Message{}
	for _, m := range hist {
		ids[m.MessageID] = m
	}
	if len(hist) != 2 || ids[m1.MessageID].ReplacedBy != m1e.MessageID || ids[m1e.MessageID].Replacing != m1.MessageID {
		t.Errorf("room history: %+v", hist)
	}

	// The ledger holds exactly what the feed delivered, in order.
	recorded, err := simulator.ReadLedger(bytes.NewReader(ledger.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	gotJSON, _ := json.Marshal(events)
	wantJSON, _ := json.Marshal(recorded)
	if !bytes.Equal(gotJSON, wantJSON) {
		t.Fatalf("ledger (%d events) differs from the datafeed (%d events)", len(recorded), len(events))
	}
	if st := srv.State(); st.Ledger != len(events) {
		t.Fatalf("state ledger count %d, want %d", st.Ledger, len(events))
	}
}

func TestApplyErrors(t *testing.T) {
	srv := start(t, simulator.Options{})
	for _, a := range []scenario.Action{
		{Kind: scenario.SendMessage, Actor: 42, Stream: "x", MessageML: "<messageML>x</messageML>"},
		{Kind: scenario.SendMessage, Actor: aliceID, Stream: "nope", MessageML: "<messageML>x</messageML>"},
		{Kind: scenario.EditMessage, Actor: aliceID, Target: "missing", MessageML: "<messageML>x</messageML>"},
		{Kind: scenario.CreateRoom, Actor: aliceID},
		{Kind: scenario.AcceptConnection, Actor: aliceID, User: bobID},
		{Kind: scenario.Kind(99), Actor: aliceID},
	} {
		if err := srv.Apply(a); err == nil {
			t.Errorf("Apply(%+v) succeeded", a)
		}
	}
	// Posting in a stream one is not a member of is refused.
	if _, err := srv.Post(wallOf(t, srv, aliceID), bobID, "<messageML>x</messageML>"); err == nil {
		t.Error("bob posted on alice's wall")
	}
}
