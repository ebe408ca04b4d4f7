package simulator

import (
	"cmp"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/tutti-chat/tutti/symphony"
)

// defaultFollowPage is the page of a followers or following list that
// names no limit.
const defaultFollowPage = 100

// followGraph is who follows whom: by followed user, each follower with
// the sequence number of their follow, which orders the lists and makes
// their cursors.
type followGraph struct {
	followers map[int64]map[int64]int64
	seq       int64
}

// follow has each of followers follow uid, keeping the order of those
// following already.
func (g *followGraph) follow(uid int64, followers []int64) {
	if g.followers == nil {
		g.followers = map[int64]map[int64]int64{}
	}
	if g.followers[uid] == nil {
		g.followers[uid] = map[int64]int64{}
	}
	for _, f := range followers {
		if _, ok := g.followers[uid][f]; !ok {
			g.seq++
			g.followers[uid][f] = g.seq
		}
	}
}

// unfollow has each of followers stop following uid.
func (g *followGraph) unfollow(uid int64, followers []int64) {
	for _, f := range followers {
		delete(g.followers[uid], f)
	}
}

// followEdge is one follow in a list: the other user and the follow's
// sequence number.
type followEdge struct {
	user int64
	seq  int64
}

// followersOf returns who follows uid, in the order they followed.
func (g *followGraph) followersOf(uid int64) []followEdge {
	var out []followEdge
	for f, seq := range g.followers[uid] {
		out = append(out, followEdge{f, seq})
	}
	slices.SortFunc(out, func(a, b followEdge) int { return cmp.Compare(a.seq, b.seq) })
	return out
}

// followedBy returns whom uid follows, in the order uid followed them.
func (g *followGraph) followedBy(uid int64) []followEdge {
	var out []followEdge
	for followed, fs := range g.followers {
		if seq, ok := fs[uid]; ok {
			out = append(out, followEdge{followed, seq})
		}
	}
	slices.SortFunc(out, func(a, b followEdge) int { return cmp.Compare(a.seq, b.seq) })
	return out
}

// followRequest reads the user of the path and the followers of the body
// of a follow or unfollow: all users the pod knows, none of them the user.
func (s *Server) followRequest(w http.ResponseWriter, r *http.Request) (int64, []int64, error) {
	uid, err := pathUserID(r, "uid")
	if err != nil {
		return 0, nil, err
	}
	var body symphony.FollowersList
	if err := decodeJSON(w, r, &body, false); err != nil {
		return 0, nil, err
	}
	if len(body.Followers) == 0 {
		return 0, nil, badRequest("The list of followers is empty")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.users[uid] == nil {
		return 0, nil, badRequest("User %d cannot be located", uid)
	}
	for _, f := range body.Followers {
		switch {
		case s.st.users[f] == nil:
			return 0, nil, badRequest("User %d cannot be located", f)
		case f == uid:
			return 0, nil, badRequest("User %d cannot follow themselves", uid)
		}
	}
	return uid, body.Followers, nil
}

// handleFollow answers POST /pod/v1/user/{uid}/follow: the users the body
// lists follow uid from now on (those following already stay as they are).
// The datafeed has no event for it.
func (s *Server) handleFollow(w http.ResponseWriter, r *http.Request, _ caller) {
	s.changeFollows(w, r, (*followGraph).follow, "User(s) successfully added in the list of followers")
}

// handleUnfollow answers POST /pod/v1/user/{uid}/unfollow: the users the
// body lists no longer follow uid.
func (s *Server) handleUnfollow(w http.ResponseWriter, r *http.Request, _ caller) {
	s.changeFollows(w, r, (*followGraph).unfollow, "User(s) successfully removed from the list of followers")
}

// changeFollows answers a follow or unfollow: once followRequest has
// checked the call, change applies it to the follow graph, and the answer
// says what was done.
func (s *Server) changeFollows(w http.ResponseWriter, r *http.Request, change func(g *followGraph, uid int64, followers []int64), done string) {
	uid, followers, err := s.followRequest(w, r)
	if err != nil {
		writeErr(w, err)
		return
	}
	s.mu.Lock()
	change(&s.st.follows, uid, followers)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, textSuccess(done))
}

// handleFollowers answers GET /pod/v1/user/{uid}/followers.
func (s *Server) handleFollowers(w http.ResponseWriter, r *http.Request, _ caller) {
	s.followList(w, r, "followers", (*followGraph).followersOf)
}

// handleFollowing answers GET /pod/v1/user/{uid}/following.
func (s *Server) handleFollowing(w http.ResponseWriter, r *http.Request, _ caller) {
	s.followList(w, r, "following", (*followGraph).followedBy)
}

// followList answers a page of a followers or following list (which names
// it), in the order of the follows: limit of them (100 by default), after
// or before the follow a cursor of an earlier page points to. The answer
// counts the whole list and carries the cursors of the page's ends, and
// the link of the next page and of the previous one when there is one.
func (s *Server) followList(w http.ResponseWriter, r *http.Request, which string, list func(*followGraph, int64) []followEdge) {
	uid, err := pathUserID(r, "uid")
	if err != nil {
		writeErr(w, err)
		return
	}
	limit, _, err := queryInt(r, "limit", defaultFollowPage)
	if err == nil && limit < 1 {
		err = badRequest("The limit must be positive")
	}
	q := r.URL.Query()
	before, after := q.Get("before"), q.Get("after")
	var at int64
	switch {
	case err != nil:
	case before != "" && after != "":
		err = badRequest("Only one of the before and after cursors may be given")
	case before != "" || after != "":
		at, err = parseFollowCursor(before + after)
	}
	if err != nil {
		writeErr(w, err)
		return
	}
	s.mu.Lock()
	known := s.st.users[uid] != nil
	all := list(&s.st.follows, uid)
	s.mu.Unlock()
	if !known {
		writeError(w, http.StatusBadRequest, "User "+formatInt(uid)+" cannot be located")
		return
	}
	var start, end int
	switch {
	case after != "":
		start, _ = slices.BinarySearchFunc(all, at+1, func(e followEdge, seq int64) int { return cmp.Compare(e.seq, seq) })
		end = min(len(all), start+int(limit))
	case before != "":
		end, _ = slices.BinarySearchFunc(all, at, func(e followEdge, seq int64) int { return cmp.Compare(e.seq, seq) })
		start = max(0, end-int(limit))
	default:
		end = min(len(all), int(limit))
	}
	page := all[start:end]
	ids := make([]int64, len(page))
	for i, e := range page {
		ids[i] = e.user
	}
	pg := &symphony.Pagination{}
	if len(page) > 0 {
		pg.Cursors.Before = followCursor(page[0].seq)
		pg.Cursors.After = followCursor(page[len(page)-1].seq)
	}
	link := func(cursor, value string) string {
		v := url.Values{"limit": {strconv.FormatInt(limit, 10)}, cursor: {value}}
		return s.url + "/pod/v1/user/" + formatInt(uid) + "/" + which + "?" + v.Encode()
	}
	if end < len(all) && len(page) > 0 {
		pg.Next = link("after", pg.Cursors.After)
	}
	if start > 0 && len(page) > 0 {
		pg.Previous = link("before", pg.Cursors.Before)
	}
	if which == "followers" {
		writeJSON(w, http.StatusOK, symphony.FollowersListResponse{Count: int64(len(all)), Followers: ids, Pagination: pg})
		return
	}
	writeJSON(w, http.StatusOK, symphony.FollowingListResponse{Count: int64(len(all)), Following: ids, Pagination: pg})
}

// followCursor is the opaque cursor of a follow: its sequence number,
// URL-safe base64.
func followCursor(seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(seq, 10)))
}

// parseFollowCursor reads a cursor of followCursor.
func parseFollowCursor(c string) (int64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, badRequest("Invalid cursor %q", c)
	}
	seq, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil {
		return 0, badRequest("Invalid cursor %q", c)
	}
	return seq, nil
}
