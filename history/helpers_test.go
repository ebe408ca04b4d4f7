package history

import (
	"fmt"
	"strings"

	"github.com/tutti-chat/tutti/symphony"
)

const testStream = "c3RyZWFtLW9uZQ"

// msg returns a message of the test stream.
func msg(id string, ts int64, text string) symphony.V4Message {
	return symphony.V4Message{
		MessageID: id, Timestamp: ts, Message: "<div data-format=\"PresentationML\">" + text + "</div>",
		Stream: &symphony.V4Stream{StreamID: testStream, StreamType: symphony.StreamRoom},
		User:   &symphony.V4User{UserID: 7},
	}
}

// edit returns version id of the message first sent as initial at
// initialTS, replacing the version replacing.
func edit(id string, ts int64, text, replacing, initial string, initialTS int64) symphony.V4Message {
	m := msg(id, ts, text)
	m.Replacing, m.InitialMessageID, m.InitialTimestamp = replacing, initial, initialTS
	return m
}

// sentEvent returns the MESSAGESENT event of m.
func sentEvent(m symphony.V4Message) symphony.V4Event {
	c := m
	return symphony.V4Event{
		ID: "ev" + symphony.CanonicalID(m.MessageID), MessageID: m.MessageID, Timestamp: m.Timestamp, Type: symphony.EventMessageSent,
		Initiator: &symphony.V4Initiator{User: m.User},
		Payload:   &symphony.V4Payload{MessageSent: &symphony.V4MessageSent{Message: &c}},
	}
}

// suppressEvent returns the MESSAGESUPPRESSED event of message id.
func suppressEvent(id string, ts int64) symphony.V4Event {
	return symphony.V4Event{
		ID: "sup" + id, MessageID: "other" + id, Timestamp: ts, Type: symphony.EventMessageSuppressed,
		Payload: &symphony.V4Payload{MessageSuppressed: &symphony.V4MessageSuppressed{
			MessageID: id, Stream: &symphony.V4Stream{StreamID: testStream},
		}},
	}
}

// joinEvent returns a USERJOINEDROOM event of the test stream.
func joinEvent(evID string, user int64, ts int64) symphony.V4Event {
	return symphony.V4Event{
		ID: evID, Timestamp: ts, Type: symphony.EventUserJoinedRoom,
		Initiator: &symphony.V4Initiator{User: &symphony.V4User{UserID: 1}},
		Payload: &symphony.V4Payload{UserJoinedRoom: &symphony.V4UserJoinedRoom{
			Stream: &symphony.V4Stream{StreamID: testStream}, AffectedUser: &symphony.V4User{UserID: user},
		}},
	}
}

// text returns the text of a message row, "" for others.
func text(r Row) string {
	if r.Message == nil {
		return ""
	}
	s := strings.TrimPrefix(r.Message.PML, "<div data-format=\"PresentationML\">")
	return strings.TrimSuffix(s, "</div>")
}

// describe renders rows in one comparable line each.
func describe(rows []Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		flags := ""
		for _, f := range []struct {
			on bool
			c  string
		}{{r.Edited, "E"}, {r.Suppressed, "S"}, {r.Pending, "P"}, {r.Recovered, "R"}, {r.Failed != "", "F"}} {
			if f.on {
				flags += f.c
			}
		}
		ver, ev := "", ""
		if r.Message != nil {
			ver = symphony.CanonicalID(r.Message.ID)
		}
		if r.Event != nil {
			ev = r.Event.ID
		}
		gap := ""
		if r.Gap != nil {
			gap = fmt.Sprintf("%d-%d", r.Gap.From, r.Gap.To)
		}
		out[i] = fmt.Sprintf("%d %s %s ver=%s text=%q [%s] ev=%s%s", r.Timestamp, r.Kind, r.Key, ver, text(r), flags, ev, gap)
	}
	return out
}

// check verifies the invariants of a timeline.
func (t *Timeline) check() error {
	keys := map[string]bool{}
	gaps := 0
	for i, e := range t.rows {
		r := e.row
		switch {
		case !e.placed:
			return fmt.Errorf("row %d (%s) not marked placed", i, r.Key)
		case t.ids[r.Key] != e:
			return fmt.Errorf("row %d (%s) not registered under its key", i, r.Key)
		case keys[r.Key]:
			return fmt.Errorf("key %s twice", r.Key)
		case i > 0 && compareEntries(t.rows[i-1], e) >= 0:
			return fmt.Errorf("rows %d and %d out of order: %s@%d, %s@%d", i-1, i, t.rows[i-1].row.Key, t.rows[i-1].row.Timestamp, r.Key, r.Timestamp)
		}
		keys[r.Key] = true
		for _, v := range e.versions {
			if t.ids[v] != e {
				return fmt.Errorf("version %s of %s not registered", v, r.Key)
			}
		}
		switch r.Kind {
		case RowGap:
			gaps++
			if r.Gap == nil || r.Gap.From != r.Timestamp || r.Gap.From > r.Gap.To {
				return fmt.Errorf("bad gap row %s", r.Key)
			}
		case RowMessage:
			if r.Message == nil {
				return fmt.Errorf("message row %s without a message", r.Key)
			}
			if r.Suppressed && (r.Message.PML != "" || r.Message.Data != "") {
				return fmt.Errorf("tombstone %s keeps its content", r.Key)
			}
			if !r.Pending && r.Edited != (symphony.CanonicalID(r.Message.ID) != r.Key) {
				return fmt.Errorf("row %s: edited %v but shows version %s", r.Key, r.Edited, r.Message.ID)
			}
			if r.Failed != "" && !r.Pending {
				return fmt.Errorf("row %s failed but not pending", r.Key)
			}
		}
	}
	for k, e := range t.ids {
		if !e.placed {
			return fmt.Errorf("key %s registered to a row not in the timeline", k)
		}
	}
	if gaps != len(t.gaps) {
		return fmt.Errorf("%d gap rows, %d gaps listed", gaps, len(t.gaps))
	}
	if t.opts.MaxRows > 0 && len(t.rows) > t.opts.MaxRows {
		return fmt.Errorf("%d rows, max %d", len(t.rows), t.opts.MaxRows)
	}
	return nil
}
