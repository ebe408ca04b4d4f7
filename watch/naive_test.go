package watch

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/render"
	"github.com/tutti-chat/tutti/symphony"
)

// naiveMatch says whether ev matches r, and where its words and regular
// expression matched, written plainly from the rule's documentation: no
// sketch, the message parsed every time, words compared rune by rune.
func naiveMatch(r Rule, ev *symphony.V4Event, dir *names.Directory) (bool, []Span) {
	if r.Disabled {
		return false, nil
	}
	r = r.Clean()
	st := ev.Stream()
	sid := ""
	if st != nil {
		sid = symphony.CanonicalID(st.StreamID)
	}
	if len(r.Types) > 0 && !slices.Contains(r.Types, ev.Type) {
		return false, nil
	}
	if len(r.StreamTypes) > 0 {
		typ := ""
		if st != nil {
			typ = st.StreamType
		}
		if typ == "" && sid != "" {
			typ = dir.StreamType(sid)
		}
		ok := false
		for _, t := range r.StreamTypes {
			ok = ok || t == typ || t == "CHAT" && (typ == "IM" || typ == "MIM")
		}
		if !ok || typ == "" {
			return false, nil
		}
	}
	if len(r.Streams) > 0 {
		if sid == "" {
			return false, nil
		}
		name, known := dir.Room(sid)
		if !known {
			if st != nil && st.RoomName != "" {
				name = st.RoomName
			} else {
				name = dir.Title(sid)
			}
		}
		ok := false
		for _, s := range r.Streams {
			ok = ok || symphony.CanonicalID(s) == sid || name != "" && strings.EqualFold(s, name)
		}
		if !ok {
			return false, nil
		}
	}
	msg := ev.Message()
	var author *symphony.V4User
	if msg != nil {
		author = msg.User
		if ev.Type == symphony.EventSharedPost && ev.Payload.SharedPost.SharedMessage != nil {
			msg = ev.Payload.SharedPost.SharedMessage
		}
	}
	if author == nil && ev.Initiator != nil {
		author = ev.Initiator.User
	}
	if len(r.Authors) > 0 {
		if author == nil || author.UserID == 0 || !naivePerson(r.Authors, author.UserID, dir.User(author), dir) {
			return false, nil
		}
	}
	var doc *render.Document
	if msg != nil {
		doc = render.Parse(msg.Message, msg.Data)
	}
	if len(r.Mentions) > 0 {
		ok := false
		if msg != nil {
			for _, id := range doc.MentionedUserIDs() {
				name, _ := dir.Name(id)
				ok = ok || naivePerson(r.Mentions, id, name, dir)
			}
		} else {
			for _, u := range ev.Payload.AffectedUsers() {
				ok = ok || u != nil && u.UserID != 0 && naivePerson(r.Mentions, u.UserID, dir.User(u), dir)
			}
		}
		if !ok {
			return false, nil
		}
	}
	if len(r.Cashtags)+len(r.Hashtags) > 0 || len(r.Words) > 0 || r.Regex != "" {
		if msg == nil {
			return false, nil
		}
	}
	if r.AllTags {
		for _, t := range r.Cashtags {
			if !naiveTags([]string{t}, doc, true) {
				return false, nil
			}
		}
		for _, t := range r.Hashtags {
			if !naiveTags([]string{t}, doc, false) {
				return false, nil
			}
		}
	} else if !naiveTags(r.Cashtags, doc, true) || !naiveTags(r.Hashtags, doc, false) {
		return false, nil
	}
	var spans []Span
	if len(r.Words) > 0 {
		text := doc.PlainText()
		for _, w := range r.Words {
			spans = append(spans, naiveFind(text, w)...)
		}
		if len(spans) == 0 {
			return false, nil
		}
	}
	if r.Regex != "" {
		found := regexp.MustCompile(r.Regex).FindAllStringIndex(doc.PlainText(), -1)
		if len(found) == 0 {
			return false, nil
		}
		for _, f := range found {
			spans = append(spans, Span{f[0], f[1]})
		}
	}
	return true, naiveMerge(spans)
}

// naivePerson reports whether the user id, called name, is one of list.
func naivePerson(list []string, id int64, name string, dir *names.Directory) bool {
	for _, p := range list {
		if u, ok := dir.UserByEmail(p); strings.Contains(p, "@") && ok && u.ID == id {
			return true
		}
		if p == itoa(id) || !strings.Contains(p, "@") && name != "" && strings.EqualFold(p, name) {
			return true
		}
	}
	return false
}

// naiveTags reports whether the document has one of tags.
func naiveTags(tags []string, doc *render.Document, cash bool) bool {
	if len(tags) == 0 {
		return true
	}
	for _, t := range doc.Tags() {
		for _, want := range tags {
			if t.Cash == cash && strings.EqualFold(t.Value, want) {
				return true
			}
		}
	}
	return false
}

// naiveFind returns the spans of text where the phrase w matches: each
// rune compared in lower case, white space of w matching any run of white
// space, a word character at either end of w needing a word's edge in the
// text; from the left, none overlapping.
func naiveFind(text, w string) []Span {
	want := []rune(strings.Join(strings.Fields(w), " "))
	type pos struct {
		r   rune
		off int
	}
	var runes []pos
	for off, r := range text {
		runes = append(runes, pos{unicode.ToLower(r), off})
	}
	runes = append(runes, pos{-1, len(text)})
	isWord := func(r rune) bool {
		return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
	}
	var out []Span
	for i := 0; i < len(runes)-1; {
		j, ok := i, true
		for k := 0; k < len(want) && ok; k++ {
			if want[k] == ' ' {
				if !unicode.IsSpace(runes[j].r) {
					ok = false
					break
				}
				for runes[j].r >= 0 && unicode.IsSpace(runes[j].r) {
					j++
				}
				continue
			}
			if runes[j].r != unicode.ToLower(want[k]) {
				ok = false
				break
			}
			j++
		}
		if ok && isWord(want[0]) && i > 0 && isWord(runes[i-1].r) {
			ok = false
		}
		if ok && isWord(want[len(want)-1]) && runes[j].r >= 0 && isWord(runes[j].r) {
			ok = false
		}
		if ok {
			out = append(out, Span{runes[i].off, runes[j].off})
			i = max(j, i+1)
			continue
		}
		i++
	}
	return out
}

// naiveMerge sorts spans and joins those that overlap or touch.
func naiveMerge(spans []Span) []Span {
	slices.SortFunc(spans, func(a, b Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	var out []Span
	for _, s := range spans {
		if len(out) > 0 && s.Start <= out[len(out)-1].End {
			out[len(out)-1].End = max(out[len(out)-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// itoa writes an id.
func itoa(id int64) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + id%10)
		id /= 10
		if id == 0 {
			return string(b[i:])
		}
	}
}
