package simulator

import (
	"encoding/json"
	"html"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tutti-chat/tutti/symphony"
)

// Message search paging of the agent.
const (
	defaultSearchLimit = 50
	maxSearchLimit     = 500
)

// Entity types of EntityJSON that a search reads.
const (
	hashtagEntity = "org.symphonyoss.taxonomy"
	hashtagID     = "org.symphonyoss.taxonomy.hashtag"
	cashtagEntity = "org.symphonyoss.fin.security"
	cashtagID     = "org.symphonyoss.fin.security.id.ticker"
	mentionEntity = "com.symphony.user.mention"
	userIDType    = "com.symphony.user.userId"
)

// searchPage is the paging of a search: skip, limit and the direction.
type searchPage struct {
	skip, limit int
	asc         bool
}

// parseSearchPage reads skip, limit and sortDir as the agent does: limit
// 1..500 (0 or none: 50), sortDir ASC or DESC (none: DESC).
func parseSearchPage(r *http.Request) (searchPage, error) {
	skip, limit, err := agentSkipLimit(r, defaultSearchLimit, maxSearchLimit)
	if err != nil {
		return searchPage{}, err
	}
	p := searchPage{skip: skip, limit: limit}
	switch strings.ToUpper(strings.TrimSpace(r.URL.Query().Get("sortDir"))) {
	case "", "DESC":
	case "ASC":
		p.asc = true
	default:
		return searchPage{}, badRequest("The sortDir parameter must be ASC or DESC")
	}
	return p, nil
}

// parseSearchString reads the query parameter of GET /agent/v1/message/search:
// field:value pairs joined by AND, fields case-insensitive.
func parseSearchString(s string) (symphony.MessageSearchQuery, error) {
	var q symphony.MessageSearchQuery
	if strings.TrimSpace(s) == "" {
		return q, badRequest("The query parameter is required")
	}
	for _, part := range andPattern.Split(strings.TrimSpace(s), -1) {
		field, value, ok := strings.Cut(part, ":")
		value = strings.TrimSpace(value)
		if !ok || value == "" {
			return q, badRequest("Invalid query %q: expected field:value", part)
		}
		var err error
		switch strings.ToLower(strings.TrimSpace(field)) {
		case "text":
			q.Text = value
		case "streamid":
			q.StreamID = value
		case "streamtype":
			q.StreamType = value
		case "author":
			q.Author, err = strconv.ParseInt(value, 10, 64)
		case "hashtag":
			q.Hashtag = value
		case "cashtag":
			q.Cashtag = value
		case "mention":
			q.Mention, err = strconv.ParseInt(value, 10, 64)
		case "signal":
			q.Signal = value
		case "fromdate":
			q.FromDate, err = strconv.ParseInt(value, 10, 64)
		case "todate":
			q.ToDate, err = strconv.ParseInt(value, 10, 64)
		default:
			return q, badRequest("Unsupported search field %q", field)
		}
		if err != nil {
			return q, badRequest("Invalid value for search field %s: %q is not an integer", field, value)
		}
	}
	return q, nil
}

// handleSearchGet answers GET /agent/v1/message/search?query=…
func (s *Server) handleSearchGet(w http.ResponseWriter, r *http.Request, c caller) {
	q, err := parseSearchString(r.URL.Query().Get("query"))
	if err != nil {
		writeErr(w, err)
		return
	}
	s.answerSearch(w, r, c, q)
}

// handleSearchPost answers POST /agent/v1/message/search with a
// MessageSearchQuery body.
func (s *Server) handleSearchPost(w http.ResponseWriter, r *http.Request, c caller) {
	var q symphony.MessageSearchQuery
	if err := decodeJSON(w, r, &q, false); err != nil {
		writeErr(w, err)
		return
	}
	s.answerSearch(w, r, c, q)
}

// answerSearch answers a search: its page of the messages that meet q, 204
// when there is none.
func (s *Server) answerSearch(w http.ResponseWriter, r *http.Request, c caller, q symphony.MessageSearchQuery) {
	p, err := parseSearchPage(r)
	if err != nil {
		writeErr(w, err)
		return
	}
	m, err := compileSearch(q)
	if err != nil {
		writeErr(w, err)
		return
	}
	s.mu.Lock()
	out, err := s.st.search(c.id, m, p)
	s.mu.Unlock()
	writeMessages(w, out, err)
}

// searchMatcher is a checked search query: what a message must meet.
type searchMatcher struct {
	q     symphony.MessageSearchQuery
	types map[string]bool // the stream types searched; nil for all
	text  string          // lower-cased
}

// compileSearch checks a query as the agent does: at least one criterion,
// text only with a streamId, signal only with the dates, a known stream
// type.
func compileSearch(q symphony.MessageSearchQuery) (searchMatcher, error) {
	m := searchMatcher{q: q, text: strings.ToLower(strings.TrimSpace(q.Text))}
	q.Hashtag = strings.TrimPrefix(strings.TrimSpace(q.Hashtag), "#")
	q.Cashtag = strings.TrimPrefix(strings.TrimSpace(q.Cashtag), "$")
	m.q = q
	switch {
	case q.IsZero():
		return m, badRequest("The search query must have at least one criterion")
	case m.text != "" && q.StreamID == "":
		return m, badRequest("A text search requires a streamId")
	case q.Signal != "" && (q.Text != "" || q.StreamID != "" || q.StreamType != "" || q.Author != 0 ||
		q.Hashtag != "" || q.Cashtag != "" || q.Mention != 0):
		return m, badRequest("A signal query can only be combined with fromDate, toDate, skip and limit")
	}
	switch strings.ToUpper(strings.TrimSpace(q.StreamType)) {
	case "":
	case symphony.SearchChat:
		m.types = map[string]bool{symphony.StreamIM: true, symphony.StreamMIM: true}
	case symphony.SearchIM:
		m.types = map[string]bool{symphony.StreamIM: true}
	case symphony.SearchMIM:
		m.types = map[string]bool{symphony.StreamMIM: true}
	case symphony.SearchRoom, "CHATROOM":
		m.types = map[string]bool{symphony.StreamRoom: true}
	case symphony.SearchPost:
		m.types = map[string]bool{symphony.StreamPost: true}
	default:
		return m, badRequest("Invalid streamType %q: one of CHAT, IM, MIM, ROOM, POST", q.StreamType)
	}
	return m, nil
}

// search returns the page p of the messages of the streams u is a member
// of that meet m, newest first (oldest first when p.asc). Suppressed
// messages are not found; a signal query finds the signal's matches
// (signalSearch).
func (s *state) search(u int64, m searchMatcher, p searchPage) ([]symphony.V4Message, error) {
	if m.q.Signal != "" {
		return s.signalSearch(u, m, p)
	}
	if m.q.StreamID != "" {
		st := s.stream(m.q.StreamID)
		if st == nil {
			return nil, badRequest("The stream %s does not exist", m.q.StreamID)
		}
		if !st.isMember(u) {
			return nil, forbidden()
		}
	}
	var hits []*message
	for _, st := range s.streams {
		if !st.isMember(u) || m.types != nil && !m.types[st.kind] ||
			m.q.StreamID != "" && st.id != symphony.CanonicalID(m.q.StreamID) {
			continue
		}
		for _, msg := range st.msgs {
			if !msg.suppressed && st.sees(u, msg) && m.matches(msg) {
				hits = append(hits, msg)
			}
		}
	}
	sortFound(hits, p.asc)
	if p.skip >= len(hits) {
		return nil, nil
	}
	hits = hits[p.skip:]
	if len(hits) > p.limit {
		hits = hits[:p.limit]
	}
	out := make([]symphony.V4Message, len(hits))
	for i, msg := range hits {
		out[i] = historyMessage(msg)
	}
	return out, nil
}

// sortFound orders messages newest first, or oldest first when asc.
func sortFound(msgs []*message, asc bool) {
	slices.SortFunc(msgs, func(a, b *message) int {
		if asc {
			return compareMessages(a, b)
		}
		return compareMessages(b, a)
	})
}

// matches reports whether a message meets every criterion of m.
func (m searchMatcher) matches(msg *message) bool {
	q := &m.q
	ts := msg.msg.Timestamp
	switch {
	case q.FromDate != 0 && ts < q.FromDate, q.ToDate != 0 && ts >= q.ToDate:
		return false
	case q.Author != 0 && (msg.msg.User == nil || msg.msg.User.UserID != q.Author):
		return false
	case m.text != "" && !strings.Contains(strings.ToLower(messageText(msg.msg.Message)), m.text):
		return false
	}
	if q.Hashtag == "" && q.Cashtag == "" && q.Mention == 0 {
		return true
	}
	e := messageEntities(msg.msg.Data)
	return (q.Hashtag == "" || e.has(hashtagEntity, hashtagID, q.Hashtag)) &&
		(q.Cashtag == "" || e.has(cashtagEntity, cashtagID, q.Cashtag)) &&
		(q.Mention == 0 || e.has(mentionEntity, userIDType, strconv.FormatInt(q.Mention, 10)))
}

// entities are the (entity type, id type, value) of a message's
// EntityJSON, values lower-cased.
type entities map[[3]string]bool

// has reports whether the message names the value (case-insensitive).
func (e entities) has(typ, idType, value string) bool {
	return e[[3]string{typ, idType, strings.ToLower(value)}]
}

// messageEntities reads the entities of an EntityJSON string: every
// {"type":…,"id":[{"type":…,"value":…}]} at its top level. Values that are
// numbers (user ids) are kept as their decimal text.
func messageEntities(data string) entities {
	out := entities{}
	for _, raw := range symphony.DecodeEntityJSON(data) {
		var ent struct {
			Type string `json:"type"`
			ID   []struct {
				Type  string          `json:"type"`
				Value json.RawMessage `json:"value"`
			} `json:"id"`
		}
		if json.Unmarshal(raw, &ent) != nil {
			continue
		}
		for _, id := range ent.ID {
			v := strings.Trim(string(id.Value), `"`)
			out[[3]string{ent.Type, id.Type, strings.ToLower(v)}] = true
		}
	}
	return out
}

// andPattern matches the operator between the field:value pairs of a
// search query string.
var andPattern = regexp.MustCompile(`\s+(?i:AND)\s+`)

// tagPattern matches a markup tag of PresentationML.
var tagPattern = regexp.MustCompile(`<[^>]*>`)

// messageText is the text of a PresentationML body, without its markup.
func messageText(pml string) string {
	return html.UnescapeString(tagPattern.ReplaceAllString(pml, " "))
}
