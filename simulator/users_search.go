package simulator

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tutti-chat/tutti/symphony"
)

// defaultUserSearchLimit is the page of a user search that names no limit,
// as the API documents.
const defaultUserSearchLimit = 50

// Account types a user search filter may name.
var searchAccountTypes = []string{"NORMAL", "SYSTEM", "SDL"}

// handleUserSearch answers POST /pod/v1/user/search?skip=&limit=&local=: the
// users whose display name, first or last name, username or e-mail address
// has a word starting with each word of the query, case-insensitively, and
// who meet every filter set; with local=true the pod's own users only,
// otherwise the users of other pods it knows too. Users come ordered by
// display name, then id; 204 when none matches.
func (s *Server) handleUserSearch(w http.ResponseWriter, r *http.Request, _ caller) {
	skip, limit, err := querySkipLimit(r, 0)
	if err != nil {
		writeErr(w, err)
		return
	}
	if skip < 0 || limit < 0 {
		writeError(w, http.StatusBadRequest, "The skip and limit parameters must not be negative")
		return
	}
	if limit == 0 {
		limit = defaultUserSearchLimit
	}
	local := strings.EqualFold(r.URL.Query().Get("local"), "true")
	var q symphony.UserSearchQuery
	if err := decodeJSON(w, r, &q, false); err != nil {
		writeErr(w, err)
		return
	}
	terms := strings.Fields(strings.ToLower(q.Query))
	if len(terms) == 0 {
		writeError(w, http.StatusBadRequest, "The search query is required")
		return
	}
	if q.Filters != nil {
		for _, t := range q.Filters.AccountTypes {
			if !slices.Contains(searchAccountTypes, strings.ToUpper(t)) {
				writeError(w, http.StatusBadRequest, "Invalid account type "+t+": one of NORMAL, SYSTEM or SDL")
				return
			}
		}
	}
	s.mu.Lock()
	var found []symphony.UserV2
	for _, u := range s.st.users {
		if local && u.external {
			continue
		}
		rec := u.v2()
		if matchesUserQuery(rec, terms) && matchesUserFilter(q.Filters, rec) {
			found = append(found, rec)
		}
	}
	s.mu.Unlock()
	if len(found) == 0 {
		writeNoContent(w)
		return
	}
	slices.SortFunc(found, func(a, b symphony.UserV2) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.DisplayName), strings.ToLower(b.DisplayName)), cmp.Compare(a.ID, b.ID))
	})
	page := found[min(int64(len(found)), skip):]
	page = page[:min(int64(len(page)), limit)]
	writeJSON(w, http.StatusOK, symphony.UserSearchResults{
		Count: int64(len(found)), Skip: skip, Limit: limit, SearchQuery: &q,
		Users: append([]symphony.UserV2{}, page...),
	})
}

// matchesUserQuery reports whether every term (lower-cased) starts a word
// of one of the user's names, username or e-mail address.
func matchesUserQuery(u symphony.UserV2, terms []string) bool {
	fields := []string{
		strings.ToLower(u.DisplayName), strings.ToLower(u.FirstName), strings.ToLower(u.LastName),
		strings.ToLower(u.Username), strings.ToLower(u.EmailAddress),
	}
	for _, t := range terms {
		if !slices.ContainsFunc(fields, func(f string) bool { return startsWord(f, t) }) {
			return false
		}
	}
	return true
}

// matchesUserFilter reports whether the record meets every criterion f
// sets, compared case-insensitively: title, company, location and function
// (the job function) as a whole, the account type among those listed.
// Market coverage, responsibility and instrument are attributes no record
// of the simulator carries: a filter on them matches nobody.
func matchesUserFilter(f *symphony.UserSearchFilter, u symphony.UserV2) bool {
	if f == nil {
		return true
	}
	same := func(want, got string) bool {
		want = strings.TrimSpace(want)
		return want == "" || strings.EqualFold(want, strings.TrimSpace(got))
	}
	switch {
	case !same(f.Title, u.Title), !same(f.Company, u.Company), !same(f.Location, u.Location),
		!same(f.Function, u.JobFunction), !same(f.MarketCoverage, ""), !same(f.Responsibility, ""),
		!same(f.Instrument, ""):
		return false
	case len(f.AccountTypes) > 0:
		return slices.ContainsFunc(f.AccountTypes, func(t string) bool { return strings.EqualFold(t, u.AccountType) })
	}
	return true
}

// startsWord reports whether term occurs in s at the start of a word: at
// the start of s or after a character that is neither a letter nor a digit
// ("dup" in "bob.dupont@tutti.example", "tutti.ex" too).
func startsWord(s, term string) bool {
	for i := 0; i+len(term) <= len(s); {
		j := strings.Index(s[i:], term)
		if j < 0 {
			return false
		}
		at := i + j
		if at == 0 {
			return true
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:at])
		if !unicode.IsLetter(prev) && !unicode.IsDigit(prev) {
			return true
		}
		_, size := utf8.DecodeRuneInString(s[at:])
		i = at + size
	}
	return false
}
