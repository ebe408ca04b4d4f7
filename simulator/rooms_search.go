package simulator

import (
	"cmp"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tutti-chat/tutti/symphony"
)

// Room search paging of the pod.
const (
	defaultRoomSearchLimit = 50
	maxRoomSearchLimit     = 100
)

// roomSearch is a room search: its criteria, checked, and its paging.
type roomSearch struct {
	crit        symphony.V2RoomSearchCriteria
	text        string          // the query, trimmed, in lower case
	fields      map[string]bool // where the query is looked for
	skip, limit int
}

// handleRoomSearch answers POST /pod/v3/room/search?skip=&limit=: the
// rooms in the caller's scope that match the criteria, a page of them, and
// per label how many matched through it.
func (s *Server) handleRoomSearch(w http.ResponseWriter, r *http.Request, c caller) {
	q, err := parseRoomSearch(w, r)
	if err != nil {
		writeErr(w, err)
		return
	}
	s.mu.Lock()
	out := s.st.searchRooms(c.id, q)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// parseRoomSearch reads and checks the paging (skip ≥ 0, limit 1..100,
// 50 when absent), the includeNonDiscoverable flag and the criteria of a
// room search, whose query is required.
func parseRoomSearch(w http.ResponseWriter, r *http.Request) (roomSearch, error) {
	skip, limit, err := querySkipLimit(r, defaultRoomSearchLimit)
	if err != nil {
		return roomSearch{}, err
	}
	if skip < 0 || limit < 1 || limit > maxRoomSearchLimit {
		return roomSearch{}, badRequest("Invalid paging: skip must be ≥ 0 and limit between 1 and %d", maxRoomSearchLimit)
	}
	// The flag reveals other non-discoverable rooms to those entitled to
	// see every room, which no user of the simulator is: only its value
	// is checked.
	if v := r.URL.Query().Get("includeNonDiscoverable"); v != "" {
		if _, err := strconv.ParseBool(v); err != nil {
			return roomSearch{}, badRequest("The parameter includeNonDiscoverable must be true or false")
		}
	}
	var raw json.RawMessage
	if err := decodeJSON(w, r, &raw, false); err != nil {
		return roomSearch{}, err
	}
	var present struct {
		Query *string `json:"query"`
	}
	q := roomSearch{skip: int(skip), limit: int(limit), fields: map[string]bool{}}
	if err := json.Unmarshal(raw, &q.crit); err != nil {
		return roomSearch{}, badRequest("Could not parse the request body: %s", jsonProblem(err))
	}
	if err := json.Unmarshal(raw, &present); err != nil || present.Query == nil {
		return roomSearch{}, badRequest("The search query is required")
	}
	switch q.crit.SortOrder {
	case "", symphony.RoomSortBasic, symphony.RoomSortRelevance:
	default:
		return roomSearch{}, badRequest("Invalid sort order %q: BASIC or RELEVANCE", q.crit.SortOrder)
	}
	fields := q.crit.SearchFields
	if len(fields) == 0 {
		fields = []string{symphony.RoomFieldName, symphony.RoomFieldDescription, symphony.RoomFieldKeywordsValue}
	}
	for _, f := range fields {
		switch f {
		case symphony.RoomFieldName, symphony.RoomFieldDescription, symphony.RoomFieldKeywordsKey, symphony.RoomFieldKeywordsValue:
			q.fields[f] = true
		default:
			return roomSearch{}, badRequest("Invalid search field %q", f)
		}
	}
	q.text = strings.ToLower(strings.TrimSpace(q.crit.Query))
	return q, nil
}

// searchRooms runs a room search for user u. Its scope is the pod's: every
// room of u, and the active rooms others may find (public or
// discoverable). The query matches, case aside, within the name, within a
// hashtag or cashtag of the description (not its plain words), within a
// keyword's key (when asked for) and within the value of a keyword whose
// key is one of the labels (of any keyword when the search fields name
// keyword values and no label is given). RELEVANCE (the default) ranks
// the rooms named as the query first, then those whose name starts with
// it, then the others whose name holds it, then the rest, each by name;
// BASIC keeps the order of creation.
func (s *state) searchRooms(u int64, q roomSearch) symphony.V3RoomSearchResults {
	type hit struct {
		st   *stream
		rank int
	}
	var hits []hit
	facets := make([]symphony.FacetedMatchCount, len(q.crit.Labels))
	for i, l := range q.crit.Labels {
		facets[i].Facet = l
	}
	for _, st := range s.streams {
		if st.kind != symphony.StreamRoom || !searchable(st, u) || !q.passes(st) {
			continue
		}
		rank, ok := q.rank(st)
		byLabel := q.labelMatches(st)
		if !ok && !slices.Contains(byLabel, true) {
			continue
		}
		if !ok {
			rank = 3
		}
		for i, m := range byLabel {
			if m {
				facets[i].Count++
			}
		}
		hits = append(hits, hit{st, rank})
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if q.crit.SortOrder == symphony.RoomSortBasic {
			return cmp.Or(a.st.created.Compare(b.st.created), strings.Compare(a.st.id, b.st.id))
		}
		return cmp.Or(cmp.Compare(a.rank, b.rank), strings.Compare(strings.ToLower(a.st.name), strings.ToLower(b.st.name)),
			strings.Compare(a.st.id, b.st.id))
	})
	out := symphony.V3RoomSearchResults{
		Count: int64(len(hits)), Skip: q.skip, Limit: q.limit, Query: &q.crit,
		Rooms: []symphony.V3RoomDetail{}, FacetedMatchCount: facets,
	}
	for i := q.skip; i < len(hits) && len(out.Rooms) < q.limit; i++ {
		out.Rooms = append(out.Rooms, roomDetail(hits[i].st))
	}
	return out
}

// searchable reports whether u may find the room: a room of theirs, or an
// active room open to search.
func searchable(st *stream, u int64) bool {
	return st.isMember(u) || st.active && (st.public || st.discoverable)
}

// passes reports whether the room meets the criteria besides the query.
func (q roomSearch) passes(st *stream) bool {
	c := q.crit
	switch {
	case c.Active != nil && st.active != *c.Active,
		c.Private != nil && st.public == *c.Private,
		c.Owner != nil && !st.isOwner(c.Owner.ID),
		c.Creator != nil && st.creator != c.Creator.ID,
		c.Member != nil && !st.isMember(c.Member.ID),
		c.SubType != "": // no room of the simulator has a sub-type
		return false
	}
	return true
}

// rank reports whether the query matches the room's name, description or
// keyword keys, and how well: 0 for the name itself, 1 for its start, 2
// within it, 3 elsewhere.
func (q roomSearch) rank(st *stream) (int, bool) {
	name := strings.ToLower(st.name)
	switch {
	case q.fields[symphony.RoomFieldName] && name == q.text:
		return 0, true
	case q.fields[symphony.RoomFieldName] && strings.HasPrefix(name, q.text):
		return 1, true
	case q.fields[symphony.RoomFieldName] && strings.Contains(name, q.text):
		return 2, true
	case q.fields[symphony.RoomFieldDescription] && q.inTags(st.description):
		return 3, true
	}
	if q.fields[symphony.RoomFieldKeywordsKey] {
		for _, k := range st.keywords {
			if strings.Contains(strings.ToLower(k.Key), q.text) {
				return 3, true
			}
		}
	}
	if q.fields[symphony.RoomFieldKeywordsValue] && len(q.crit.Labels) == 0 && len(q.crit.SearchFields) > 0 {
		for _, k := range st.keywords {
			if strings.Contains(strings.ToLower(k.Value), q.text) {
				return 3, true
			}
		}
	}
	return 0, false
}

// labelMatches reports, for each label, whether the query matches the
// value of one of the room's keywords of that key.
func (q roomSearch) labelMatches(st *stream) []bool {
	out := make([]bool, len(q.crit.Labels))
	if !q.fields[symphony.RoomFieldKeywordsValue] {
		return out
	}
	for i, l := range q.crit.Labels {
		for _, k := range st.keywords {
			if strings.EqualFold(k.Key, l) && strings.Contains(strings.ToLower(k.Value), q.text) {
				out[i] = true
			}
		}
	}
	return out
}

// roomTagPattern finds the hashtags and cashtags of a text.
var roomTagPattern = regexp.MustCompile(`[#$][\p{L}\p{N}_.\-]+`)

// inTags reports whether the query, its own # or $ aside, is within one of
// the hashtags or cashtags of text.
func (q roomSearch) inTags(text string) bool {
	want := strings.TrimLeft(q.text, "#$")
	for _, tag := range roomTagPattern.FindAllString(strings.ToLower(text), -1) {
		if strings.Contains(tag[1:], want) {
			return true
		}
	}
	return false
}
