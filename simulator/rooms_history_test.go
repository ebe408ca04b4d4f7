package simulator_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// TestRoomWithoutViewHistory: in a room whose new members cannot view its
// history (viewHistory false), a member added later reads only what was
// sent since: in the history, by id, in a search and in the stream's
// files; the members from before read everything, and in a room that
// shows its history, so does the newcomer.
func TestRoomWithoutViewHistory(t *testing.T) {
	clock := &fakeClock{t: time.Now().Truncate(time.Second)}
	srv := start(t, simulator.Options{Clock: clock.Now})
	bot := newClient(t, srv)
	carol := loginUser(t, srv, "carol", nil)

	for _, viewHistory := range []bool{false, true} {
		room := bot.createRoom(symphony.V3RoomAttributes{Name: fmt.Sprintf("Deal team %v", viewHistory), ViewHistory: viewHistory}).RoomSystemInfo.ID
		before, err := srv.Post(room, botID, "<messageML>terms before carol joined</messageML>")
		if err != nil {
			t.Fatal(err)
		}
		bot.unvalidated().sendFile(room, "terms.txt", []byte("draft\n"))
		clock.Advance(time.Minute)
		bot.mustMembership(room, "add", carolID)
		clock.Advance(time.Minute)
		after, err := srv.Post(room, botID, "<messageML>terms after carol joined</messageML>")
		if err != nil {
			t.Fatal(err)
		}

		history := func(c *client) []string {
			var msgs []symphony.V4Message
			c.callJSON(http.MethodGet, "/agent/v4/stream/"+room+"/message?since=0", nil, &msgs)
			var ids []string
			for _, m := range msgs {
				ids = append(ids, m.MessageID)
			}
			return ids
		}
		if got := history(bot); len(got) != 3 {
			t.Errorf("viewHistory %v: the creator reads %d messages, want 3", viewHistory, len(got))
		}
		got := history(carol)
		status, _, _ := carol.call(http.MethodGet, "/agent/v1/message/"+before.MessageID, nil)
		var found []symphony.V4Message
		carol.callJSON(http.MethodGet, "/agent/v1/message/search?"+url.Values{"query": {"text:terms AND streamId:" + room}}.Encode(), nil, &found)
		files := carol.listAttachments(room, "")
		if viewHistory {
			if len(got) != 3 || status != http.StatusOK || len(found) != 2 || len(files) != 1 {
				t.Errorf("a room that shows its history: carol reads %d messages, the old one %d, finds %d, lists %d files",
					len(got), status, len(found), len(files))
			}
			continue
		}
		if len(got) != 1 || got[0] != after.MessageID {
			t.Errorf("carol's history: %v, want only %s", got, after.MessageID)
		}
		if status != http.StatusForbidden {
			t.Errorf("carol reads the message from before she joined: %d", status)
		}
		if len(found) != 1 || found[0].MessageID != after.MessageID {
			t.Errorf("carol's search finds %d messages", len(found))
		}
		if len(files) != 0 {
			t.Errorf("carol lists the file sent before she joined: %v", attachmentNames(files))
		}
	}
}
