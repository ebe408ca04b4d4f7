package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/symphony"
)

// request is the datafeed's CONNECTIONREQUESTED of from to to.
func request(id string, from, to int64, ts int64) engine.Item {
	return engine.Item{Event: symphony.V4Event{
		ID: id, Timestamp: ts, Type: symphony.EventConnectionRequested,
		Initiator: &symphony.V4Initiator{User: &symphony.V4User{UserID: from, DisplayName: "Dana Okafor"}},
		Payload:   &symphony.V4Payload{ConnectionRequested: &symphony.V4ConnectionRequested{ToUser: &symphony.V4User{UserID: to, DisplayName: "Someone"}}},
	}}
}

func TestAcceptAndRejectConnectionRequests(t *testing.T) {
	m := newTestModel(t, 120, 20)
	update(m, batch(request("r1", 7, me, base+1000)))
	openByKeys(t, m, connectionsID)
	if sc := screen(m); !strings.Contains(sc, "Dana Okafor asked Me to connect · pending: a accepts, X rejects") {
		t.Fatalf("the request's row:\n%s", sc)
	}
	var asked []string
	m.deps.AnswerConnection = func(_ context.Context, uid int64, accept bool) (string, error) {
		if accept {
			asked = append(asked, "accept")
			return symphony.ConnectionAccepted, nil
		}
		asked = append(asked, "reject")
		return "", errors.New("reject connection: 400 not pending")
	}
	s := m.streams[connectionsID]
	cmd := m.answerConnection(s, true)
	if cmd == nil {
		t.Fatalf("a on the request: %q", m.status.notice)
	}
	update(m, tea.FocusMsg{}) // lays the frame out again
	if sc := screen(m); !strings.Contains(sc, "to connect · answering…") {
		t.Errorf("while answering:\n%s", sc)
	}
	update(m, cmd())
	if sc := screen(m); !strings.Contains(sc, "to connect · accepted") || !strings.Contains(m.status.notice, "accepted the connection request of Dana Okafor") {
		t.Errorf("after accept (%q):\n%s", m.status.notice, sc)
	}
	// Answered already: nothing is asked again.
	if cmd := m.answerConnection(s, false); cmd != nil || !strings.Contains(m.status.notice, "was accepted already") {
		t.Errorf("reject after accept: %q", m.status.notice)
	}

	// A second request, rejected: the pod's error shows, the row stays
	// pending.
	update(m, batch(request("r2", 8, me, base+2000)))
	s.sel = selection{}
	update(m, m.answerConnection(s, false)())
	if !m.status.noticeBad || !strings.Contains(m.status.notice, "could not reject the connection request of") {
		t.Errorf("a failed reject: %q", m.status.notice)
	}
	if strings.Join(asked, " ") != "accept reject" {
		t.Errorf("asked %v", asked)
	}

	// The reader's own request is not theirs to answer.
	update(m, batch(request("r3", me, 9, base+3000)))
	s.sel = selection{}
	if cmd := m.answerConnection(s, true); cmd != nil || !strings.Contains(m.status.notice, "nothing to accept") {
		t.Errorf("accept one's own request: %q", m.status.notice)
	}
}

func TestConnectionAcceptedThroughTheDatafeedUpdatesTheRequest(t *testing.T) {
	m := newTestModel(t, 120, 20)
	update(m, batch(request("r1", 7, me, base+1000)))
	openByKeys(t, m, connectionsID)
	update(m, batch(engine.Item{Event: symphony.V4Event{
		ID: "a1", Timestamp: base + 2000, Type: symphony.EventConnectionAccepted,
		Initiator: &symphony.V4Initiator{User: &symphony.V4User{UserID: me, DisplayName: "Me"}},
		Payload:   &symphony.V4Payload{ConnectionAccepted: &symphony.V4ConnectionAccepted{FromUser: &symphony.V4User{UserID: 7, DisplayName: "Dana Okafor"}}},
	}}))
	if sc := screen(m); !strings.Contains(sc, "to connect · accepted") || !strings.Contains(sc, "accepted the connection request of Dana Okafor") {
		t.Errorf("after the datafeed's CONNECTIONACCEPTED:\n%s", sc)
	}
}

func TestRequestConnectionWithTheAuthor(t *testing.T) {
	m := newTestModel(t, 120, 20)
	update(m, batch(live(message("roomA", "m1", 7, base+1000, "hello from another pod"))))
	openByKeys(t, m, "roomA")
	s := m.streams["roomA"]
	var asked []int64
	m.deps.Connect = func(_ context.Context, uid int64) (string, error) {
		asked = append(asked, uid)
		return symphony.ConnectionPendingOutgoing, nil
	}
	cmd := m.requestConnection(s)
	if cmd == nil {
		t.Fatalf("C on a message: %q", m.status.notice)
	}
	update(m, cmd())
	if len(asked) != 1 || asked[0] != 7 || !strings.Contains(m.status.notice, "asked User 7 to connect: the request is pending, theirs to answer") {
		t.Errorf("asked %v, notice %q", asked, m.status.notice)
	}
	update(m, batch(live(message("roomA", "m2", me, base+2000, "mine"))))
	s.sel = selection{}
	if cmd := m.requestConnection(s); cmd != nil || !strings.Contains(m.status.notice, "your own message") {
		t.Errorf("C on one's own message: %q", m.status.notice)
	}
}

func TestAskToConnectFromAProfile(t *testing.T) {
	m := newTestModel(t, 120, 20)
	var asked []int64
	m.deps.Connect = func(_ context.Context, uid int64) (string, error) {
		asked = append(asked, uid)
		return symphony.ConnectionPendingOutgoing, nil
	}
	m.people.view = peopleView{kind: peopleProfile, user: 7}
	cmd := m.handlePeopleKey(tea.KeyPressMsg{Code: 'c', Text: "C", Mod: tea.ModShift})
	if cmd == nil {
		t.Fatalf("C in a profile: %q", m.status.notice)
	}
	update(m, cmd())
	if len(asked) != 1 || asked[0] != 7 || !strings.Contains(m.status.notice, "to connect: the request is pending") {
		t.Errorf("asked %v, notice %q", asked, m.status.notice)
	}
	m.people.view = peopleView{kind: peopleProfile, user: me}
	if cmd := m.handlePeopleKey(tea.KeyPressMsg{Code: 'c', Text: "C", Mod: tea.ModShift}); cmd != nil || !strings.Contains(m.status.notice, "that is you") {
		t.Errorf("C in one's own profile: %q", m.status.notice)
	}
}
