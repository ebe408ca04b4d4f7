package simulator

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

func TestRecovererAnswers500(t *testing.T) {
	s := &Server{log: slog.New(slog.DiscardHandler)}
	h := s.recoverer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/pod/v2/sessioninfo", nil))
	var body symphony.ErrorBody
	if rec.Code != http.StatusInternalServerError || json.Unmarshal(rec.Body.Bytes(), &body) != nil || body.Code != 500 {
		t.Fatalf("panic answered %d %s", rec.Code, rec.Body)
	}

	// A deliberately aborted answer goes through.
	abort := s.recoverer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) }))
	defer func() {
		if v := recover(); v != http.ErrAbortHandler { //nolint:errorlint // a sentinel panic value
			t.Fatalf("recovered %v, want http.ErrAbortHandler", v)
		}
	}()
	abort.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
}

func TestCanonicalIDsAsMapKeys(t *testing.T) {
	st := newState(Options{}.withDefaults())
	id := "XlU3OH9eVMzq-yss7M_xyn___oxwgbtGbQ"
	st.streams[id] = &stream{id: id}
	for _, in := range []string{id, "XlU3OH9eVMzq+yss7M/xyn///oxwgbtGbQ==", "XlU3OH9eVMzq+yss7M/xyn///oxwgbtGbQ"} {
		if st.stream(in) == nil {
			t.Errorf("stream %q not found", in)
		}
	}
}

func TestStreamHistoryIsBounded(t *testing.T) {
	st := newState(Options{}.withDefaults())
	u := &user{id: 1, username: "u"}
	st.addUser(u)
	room := &stream{id: "r", kind: symphony.StreamRoom, members: map[int64]*member{1: {}}, active: true}
	st.streams[room.id] = room
	ts := time.Unix(1_700_000_000, 0)
	first := st.storeMessage(room, u, content{pml: emptyPresentationML, data: "{}"}, ts, messageOpts{})
	for i := range maxStreamHistory + maxStreamHistory/10 {
		st.storeMessage(room, u, content{pml: emptyPresentationML, data: "{}"}, ts.Add(time.Duration(i+1)*time.Millisecond), messageOpts{})
	}
	if len(room.msgs) != maxStreamHistory || len(st.messages) != maxStreamHistory {
		t.Fatalf("%d messages in the stream, %d stored", len(room.msgs), len(st.messages))
	}
	if st.messages[first.msg.MessageID] != nil || room.msgs[0].msg.Timestamp <= first.msg.Timestamp {
		t.Fatal("the oldest message was kept")
	}
}
