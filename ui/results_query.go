package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/symphony"
)

// findField returns what a field word of a search across streams sets:
// "from", "to", "author" or "type"; "" for a word that is no field.
func findField(word string) string {
	switch strings.ToLower(word) {
	case "from", "since", "after":
		return "from"
	case "to", "until", "before":
		return "to"
	case "by", "author":
		return "author"
	case "in", "type":
		return "type"
	}
	return ""
}

// findType returns the stream type a search names (in:…).
func findType(v string) (string, bool) {
	switch strings.ToLower(v) {
	case "chat":
		return symphony.SearchChat, true
	case "im":
		return symphony.SearchIM, true
	case "mim":
		return symphony.SearchMIM, true
	case "room", "rooms":
		return symphony.SearchRoom, true
	case "post", "posts":
		return symphony.SearchPost, true
	}
	return "", false
}

// parseFind reads a search across streams typed in the switcher: an
// optional "search", then $TICKER, #tag, @name (a mention of that person),
// by:name (their messages), from:DATE and to:DATE (YYYY-MM-DD, today,
// yesterday; to: includes the day), in:room|im|mim|chat|post, and words,
// which search the text of the focused pane's conversation only (the API
// searches text within one stream). It returns the query and its label,
// the query as typed, sanitised.
func (m *Model) parseFind(text string) (symphony.MessageSearchQuery, string, error) {
	var q symphony.MessageSearchQuery
	words := strings.Fields(trimFindPrefix(text))
	var plain []string
	once := func(what string, set *string, v string) error {
		if *set != "" && !strings.EqualFold(*set, v) {
			return fmt.Errorf("one %s per search", what)
		}
		*set = v
		return nil
	}
	for i := 0; i < len(words); i++ {
		w := words[i]
		var err error
		switch {
		case len(w) > 1 && w[0] == '$':
			err = once("$TICKER", &q.Cashtag, w[1:])
		case len(w) > 1 && w[0] == '#':
			err = once("#tag", &q.Hashtag, w[1:])
		case len(w) > 1 && w[0] == '@':
			var id int64
			id, i, err = m.findPerson(words, i, w[1:])
			if err == nil && q.Mention != 0 && q.Mention != id {
				err = errors.New("one @name per search")
			}
			q.Mention = id
		default:
			field, v, ok := strings.Cut(w, ":")
			what := findField(field)
			if !ok || v == "" || what == "" {
				plain = append(plain, w)
				continue
			}
			switch what {
			case "from":
				q.FromDate, err = m.findDate(v, false)
			case "to":
				q.ToDate, err = m.findDate(v, true)
			case "author":
				q.Author, i, err = m.findPerson(words, i, strings.TrimPrefix(v, "@"))
			case "type":
				t, known := findType(v)
				if !known {
					err = fmt.Errorf("in:%s: say in:room, in:im, in:mim, in:chat or in:post", sanitize.Line(v))
				}
				q.StreamType = t
			}
		}
		if err != nil {
			return q, "", err
		}
	}
	if len(plain) > 0 {
		s := m.streams[m.open]
		if s == nil || s.kind.special() {
			return q, "", errors.New("words search the text of one conversation: open it first, or search $TICKER, #tag, @name, by:name or from:date in every stream")
		}
		q.Text, q.StreamID = strings.Join(plain, " "), s.id
	}
	if q.IsZero() {
		return q, "", errors.New("nothing to search: type $TICKER, #tag, @name, by:name, from:date or words")
	}
	label := sanitize.Line(strings.Join(words, " "))
	if q.StreamID != "" {
		label += " in " + m.streams[q.StreamID].name
	}
	return q, label, nil
}

// findDate reads a date of a search, YYYY-MM-DD, today or yesterday, in the
// timeline's time zone: its first instant, or with end the first instant
// of the next day (toDate excludes it).
func (m *Model) findDate(v string, end bool) (int64, error) {
	now := m.now().In(m.loc)
	var day time.Time
	switch strings.ToLower(v) {
	case "today":
		day = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, m.loc)
	case "yesterday":
		day = time.Date(now.Year(), now.Month(), now.Day()-1, 0, 0, 0, 0, m.loc)
	default:
		t, err := time.ParseInLocation("2006-01-02", v, m.loc)
		if err != nil {
			return 0, fmt.Errorf("%s is not a date: say YYYY-MM-DD, today or yesterday", sanitize.Line(v))
		}
		day = t
	}
	if end {
		day = day.AddDate(0, 0, 1)
	}
	return day.UnixMilli(), nil
}

// findPerson resolves the person a search names, first the word at
// words[i] (name, without its @ or by:), then as many of the next plain
// words as still name someone ("@Ana Lopez"). It returns the user id and
// the index of the last word used.
func (m *Model) findPerson(words []string, i int, name string) (int64, int, error) {
	if name == "" {
		return 0, i, errors.New("say whose messages: by:name or @name")
	}
	ids := m.peopleNamed(name)
	for j := i + 1; j < len(words) && len(ids) != 1; j++ {
		w := words[j]
		if strings.ContainsRune("$#@", rune(w[0])) || strings.Contains(w, ":") {
			break
		}
		more := m.peopleNamed(name + " " + w)
		if len(more) == 0 {
			break
		}
		name, ids, i = name+" "+w, more, j
	}
	switch len(ids) {
	case 0:
		return 0, i, fmt.Errorf("nobody called %s is known yet", sanitize.Line(name))
	case 1:
		return ids[0], i, nil
	}
	var names []string
	for _, id := range ids[:min(3, len(ids))] {
		n, _ := m.names.Name(id)
		names = append(names, n)
	}
	return 0, i, fmt.Errorf("%s is %s…: type more of the name", sanitize.Line(name), strings.Join(names, " or "))
}

// peopleNamed returns the ids of the people whose name has a word that
// starts with name (case-insensitive), ordered by id; one whose whole name
// is name alone, when there is one.
func (m *Model) peopleNamed(name string) []int64 {
	q := strings.ToLower(name)
	var ids []int64
	for id, n := range m.names.Users() {
		lower := strings.ToLower(n)
		if lower == q {
			return []int64{id}
		}
		if wordPrefix(lower, q) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}
