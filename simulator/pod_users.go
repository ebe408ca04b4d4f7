package simulator

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/tutti-chat/tutti/symphony"
)

// maxUserSearch is the number of items a user search accepts.
const maxUserSearch = 100

// userSearch is the query of a user search: one list of at most 100 ids,
// e-mail addresses or usernames.
type userSearch struct {
	field      string // uid, email or username
	items      []string
	local      bool
	activeOnly bool // active=false: inactive users only
}

// parseUserSearch reads and checks the query of a user search.
func parseUserSearch(r *http.Request) (userSearch, error) {
	q := r.URL.Query()
	var us userSearch
	var list string
	n := 0
	for _, f := range []string{"uid", "email", "username"} {
		if v := q.Get(f); v != "" {
			us.field, list = f, v
			n++
		}
	}
	switch {
	case n == 0:
		return userSearch{}, badRequest("One of the uid, email or username lists is required")
	case n > 1:
		return userSearch{}, badRequest("Only one of the uid, email or username lists may be given")
	}
	for it := range strings.SplitSeq(list, ",") {
		if it = strings.TrimSpace(it); it != "" {
			us.items = append(us.items, it)
		}
	}
	if len(us.items) > maxUserSearch {
		return userSearch{}, badRequest("Search lists may contain up to 100 elements")
	}
	us.local = strings.EqualFold(q.Get("local"), "true")
	us.activeOnly = q.Has("active") && !strings.EqualFold(q.Get("active"), "true")
	return us, nil
}

// run answers the search with find, which looks a user up by id, lower-cased
// e-mail address or username; malformed items are reported as the pod does.
func (us userSearch) run(find func(field, item string, id int64) (symphony.UserV2, bool)) symphony.V2UserList {
	out := symphony.V2UserList{Users: []symphony.UserV2{}}
	seen := map[int64]bool{}
	for _, it := range us.items {
		var id int64
		switch us.field {
		case "uid":
			var err error
			if id, err = strconv.ParseInt(it, 10, 64); err != nil {
				out.Errors = append(out.Errors, symphony.UserError{Error: "invalid.format", ID: symphony.FlexString(it)})
				continue
			}
		case "email":
			if !strings.Contains(it, "@") {
				out.Errors = append(out.Errors, symphony.UserError{Error: "invalid.format", Email: it})
				continue
			}
		}
		u, ok := find(us.field, strings.ToLower(it), id)
		// Every user answered is active: active=false finds nobody.
		if !ok || seen[u.ID] || us.activeOnly {
			continue
		}
		seen[u.ID] = true
		out.Users = append(out.Users, u)
	}
	return out
}

// writeUsers answers a user search, 204 when nothing matches.
func writeUsers(w http.ResponseWriter, out symphony.V2UserList) {
	if len(out.Users) == 0 && len(out.Errors) == 0 {
		writeNoContent(w)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// handleUsers answers GET /pod/v3/users?uid=|email=|username=[&local=]:
// exactly one list of at most 100 items; 204 when nothing matches.
func (s *Server) handleUsers(w http.ResponseWriter, r *http.Request, _ caller) {
	us, err := parseUserSearch(r)
	if err != nil {
		writeErr(w, err)
		return
	}
	s.mu.Lock()
	out := us.run(func(field, item string, id int64) (symphony.UserV2, bool) {
		var u *user
		switch field {
		case "uid":
			u = s.st.users[id]
		case "email":
			u = s.st.byEmail[item]
		case "username":
			u = s.st.userByName(item)
		}
		if u == nil || (us.local && u.external) {
			return symphony.UserV2{}, false
		}
		return u.v2(), true
	})
	s.mu.Unlock()
	writeUsers(w, out)
}

// handleConnections answers GET /pod/v1/connection/list?status=&userIds=.
// Without status only pending connections are listed; users of the pod are
// implicitly connected (ACCEPTED) and listed only when named in userIds.
func (s *Server) handleConnections(w http.ResponseWriter, r *http.Request, c caller) {
	status := strings.ToUpper(strings.TrimSpace(r.URL.Query().Get("status")))
	switch status {
	case "", symphony.ConnectionPendingIncoming, symphony.ConnectionPendingOutgoing,
		symphony.ConnectionAccepted, symphony.ConnectionRejected, symphony.ConnectionAll:
	default:
		writeError(w, http.StatusBadRequest, "Invalid connection status "+strconv.Quote(status))
		return
	}
	var filter []int64
	if v := r.URL.Query().Get("userIds"); v != "" {
		for it := range strings.SplitSeq(v, ",") {
			it = strings.TrimSpace(it)
			if it == "" {
				continue
			}
			id, err := strconv.ParseInt(it, 10, 64)
			if err != nil {
				writeError(w, http.StatusBadRequest, "Invalid user id "+strconv.Quote(it))
				return
			}
			filter = append(filter, id)
		}
	}
	wanted := func(st string) bool {
		switch status {
		case "":
			return st == symphony.ConnectionPendingIncoming || st == symphony.ConnectionPendingOutgoing
		case symphony.ConnectionAll:
			return true
		default:
			return st == status
		}
	}
	out := []symphony.UserConnection{}
	s.mu.Lock()
	explicit := map[int64]bool{}
	for _, cn := range s.st.connections {
		var other int64
		var st string
		switch c.id {
		case cn.from:
			other, st = cn.to, cn.status
			if st == connPending {
				st = symphony.ConnectionPendingOutgoing
			}
		case cn.to:
			other, st = cn.from, cn.status
			if st == connPending {
				st = symphony.ConnectionPendingIncoming
			}
		default:
			continue
		}
		explicit[other] = true
		if !wanted(st) || (filter != nil && !slices.Contains(filter, other)) {
			continue
		}
		out = append(out, symphony.UserConnection{
			UserID: other, Status: st, FirstRequestedAt: cn.firstRequestedAt.UnixMilli(),
			UpdatedAt: cn.updatedAt.UnixMilli(), RequestCounter: cn.counter,
		})
	}
	if wanted(symphony.ConnectionAccepted) && status != "" {
		for _, id := range filter {
			if u := s.st.users[id]; u != nil && !u.external && id != c.id && !explicit[id] {
				explicit[id] = true
				out = append(out, symphony.UserConnection{UserID: id, Status: symphony.ConnectionAccepted})
			}
		}
	}
	s.mu.Unlock()
	slices.SortFunc(out, func(a, b symphony.UserConnection) int { return cmp.Compare(a.UserID, b.UserID) })
	writeJSON(w, http.StatusOK, out)
}

// handleUser answers GET /pod/v2/user?uid=|email=|username=[&local=]: one
// user, 204 when none matches. A username search needs local=true, as the
// API documents.
func (s *Server) handleUser(w http.ResponseWriter, r *http.Request, _ caller) {
	q := r.URL.Query()
	local := strings.EqualFold(q.Get("local"), "true")
	var u *user
	s.mu.Lock()
	switch {
	case q.Get("uid") != "":
		id, err := strconv.ParseInt(q.Get("uid"), 10, 64)
		if err != nil {
			s.mu.Unlock()
			writeError(w, http.StatusBadRequest, "Invalid uid: "+q.Get("uid"))
			return
		}
		u = s.st.users[id]
	case q.Get("email") != "":
		u = s.st.byEmail[strings.ToLower(q.Get("email"))]
	case q.Get("username") != "":
		if !local {
			s.mu.Unlock()
			writeError(w, http.StatusBadRequest, "A username search requires local=true")
			return
		}
		u = s.st.userByName(q.Get("username"))
	default:
		s.mu.Unlock()
		writeError(w, http.StatusBadRequest, "One of uid, email or username is required")
		return
	}
	if u == nil || (local && u.external) {
		s.mu.Unlock()
		writeNoContent(w)
		return
	}
	out := u.v2()
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}
