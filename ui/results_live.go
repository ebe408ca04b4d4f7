package ui

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/tutti-chat/tutti/render"
	"github.com/tutti-chat/tutti/symphony"
)

// liveResult adds a message the datafeed brings to the results of the
// search across streams when it meets the search's query, as the pod
// would have found it, and names the results again with their count.
func (m *Model) liveResult(ev *symphony.V4Event) {
	s := m.streams[resultsID]
	msg := ev.Message()
	if s == nil || msg == nil || m.found.err != "" || !meetsQuery(m.found.query, msg) {
		return
	}
	s.tl.ApplyLive(*ev)
	s.last = max(s.last, ev.Timestamp)
	m.nameResults()
}

// meetsQuery reports whether a message meets every criterion of a message
// search, as the pod reads them: tags, tickers and mentions from its
// EntityJSON (case-insensitive), its author, stream, stream type, time
// (FromDate inclusive, ToDate exclusive) and text.
func meetsQuery(q symphony.MessageSearchQuery, msg *symphony.V4Message) bool {
	st := msg.Stream
	switch {
	case q.Signal != "":
		return false
	case q.FromDate != 0 && msg.Timestamp < q.FromDate, q.ToDate != 0 && msg.Timestamp >= q.ToDate:
		return false
	case q.Author != 0 && (msg.User == nil || msg.User.UserID != q.Author):
		return false
	case q.StreamID != "" && (st == nil || symphony.CanonicalID(st.StreamID) != symphony.CanonicalID(q.StreamID)):
		return false
	case q.StreamType != "" && (st == nil || !typeMeets(q.StreamType, st.StreamType)):
		return false
	case q.Text != "" && !strings.Contains(strings.ToLower(render.Parse(msg.Message, msg.Data).PlainText()), strings.ToLower(q.Text)):
		return false
	}
	return (q.Hashtag == "" || hasEntity(msg.Data, "org.symphonyoss.taxonomy", "org.symphonyoss.taxonomy.hashtag", q.Hashtag)) &&
		(q.Cashtag == "" || hasEntity(msg.Data, "org.symphonyoss.fin.security", "org.symphonyoss.fin.security.id.ticker", q.Cashtag)) &&
		(q.Mention == 0 || hasEntity(msg.Data, "com.symphony.user.mention", "com.symphony.user.userId", strconv.FormatInt(q.Mention, 10)))
}

// typeMeets reports whether a stream of type typ is of the search's stream
// type want (CHAT: IMs and MIMs).
func typeMeets(want, typ string) bool {
	if strings.EqualFold(want, symphony.SearchChat) {
		return typ == symphony.StreamIM || typ == symphony.StreamMIM
	}
	return strings.EqualFold(want, typ)
}

// hasEntity reports whether EntityJSON data names value (case-insensitive)
// under an entity of type typ, as an id of type idType.
func hasEntity(data, typ, idType, value string) bool {
	if !strings.Contains(data, typ) {
		return false
	}
	for _, raw := range symphony.DecodeEntityJSON(data) {
		var ent struct {
			Type string `json:"type"`
			ID   []struct {
				Type  string          `json:"type"`
				Value json.RawMessage `json:"value"`
			} `json:"id"`
		}
		if json.Unmarshal(raw, &ent) != nil || ent.Type != typ {
			continue
		}
		for _, id := range ent.ID {
			if id.Type == idType && strings.EqualFold(strings.Trim(string(id.Value), `"`), value) {
				return true
			}
		}
	}
	return false
}
