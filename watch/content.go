package watch

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tutti-chat/tutti/render"
	"github.com/tutti-chat/tutti/symphony"
)

// content is what the rules read of a message once it is parsed: its
// text, the text in lower case (with the offsets of the text when they
// differ), its tags and the users it mentions.
type content struct {
	text     string
	lower    string
	offsets  []int // offsets[i]: the offset in text of byte i of lower; nil when they are the same
	tags     []render.Tag
	mentions []int64
}

// parseContent parses the message m as render reads it.
func parseContent(m *symphony.V4Message) *content {
	doc := render.Parse(m.Message, m.Data)
	c := &content{text: doc.PlainText(), tags: doc.Tags(), mentions: doc.MentionedUserIDs()}
	c.lower, c.offsets = lowerWithOffsets(c.text)
	return c
}

// lowerWithOffsets returns text in lower case, rune by rune as
// strings.ToLower does, and when a rune changes length, the offset in text
// of every byte of the result (and one past its end).
func lowerWithOffsets(text string) (string, []int) {
	lower := strings.ToLower(text)
	if len(lower) == len(text) && sameRuneLengths(text) {
		return lower, nil
	}
	var b strings.Builder
	offsets := make([]int, 0, len(text)+1)
	for i, r := range text {
		l := unicode.ToLower(r)
		for range utf8.RuneLen(l) {
			offsets = append(offsets, i)
		}
		b.WriteRune(l)
	}
	offsets = append(offsets, len(text))
	return b.String(), offsets
}

// sameRuneLengths reports whether lower-casing keeps the length of every
// rune of text.
func sameRuneLengths(text string) bool {
	for i := 0; i < len(text); {
		if text[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if utf8.RuneLen(unicode.ToLower(r)) != size {
			return false
		}
		i += size
	}
	return true
}

// span returns the span of text that bytes start to end of lower stand for.
func (c *content) span(start, end int) Span {
	if c.offsets == nil {
		return Span{start, end}
	}
	return Span{c.offsets[start], c.offsets[end]}
}

// hasTag reports whether the message has the tag value (a cashtag when
// cash), ignoring case.
func (c *content) hasTag(value string, cash bool) bool {
	for _, t := range c.tags {
		if t.Cash == cash && strings.EqualFold(t.Value, value) {
			return true
		}
	}
	return false
}

// phrase is a word or phrase of a rule, ready to search.
type phrase struct {
	text  string // lower case, each run of white space one space
	head  string // text up to its first space, searched for first
	start bool   // text starts with a word character: a match starts at a word's start
	end   bool   // text ends with a word character: a match ends at a word's end
	lit   []uint16
}

// newPhrase prepares the word or phrase w (not blank).
func newPhrase(w string) phrase {
	text := strings.Join(strings.Fields(strings.ToLower(w)), " ")
	head, _, _ := strings.Cut(text, " ")
	first, _ := utf8.DecodeRuneInString(text)
	last, _ := utf8.DecodeLastRuneInString(text)
	return phrase{text: text, head: head, start: wordRune(first), end: wordRune(last), lit: literalOf(text)}
}

// wordRune reports a character of a word: a letter, a mark, a digit or _.
func wordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// find calls found with the start and end in lower of every match of the
// phrase, in order, none overlapping; it stops when found returns false.
func (p *phrase) find(lower string, found func(start, end int) bool) {
	for i := 0; i <= len(lower); {
		k := strings.Index(lower[i:], p.head)
		if k < 0 {
			return
		}
		s := i + k
		if e, ok := p.matchAt(lower, s); ok {
			if !found(s, e) {
				return
			}
			i = max(e, s+1)
			continue
		}
		_, size := utf8.DecodeRuneInString(lower[s:])
		i = s + max(size, 1)
	}
}

// matchAt reports whether the phrase matches lower from s, its head being
// there, and where the match ends.
func (p *phrase) matchAt(lower string, s int) (int, bool) {
	if p.start && s > 0 {
		if r, _ := utf8.DecodeLastRuneInString(lower[:s]); wordRune(r) {
			return 0, false
		}
	}
	e := s + len(p.head)
	for rest := p.text[len(p.head):]; rest != ""; {
		if rest[0] == ' ' {
			n := spaceAt(lower[e:])
			if n == 0 {
				return 0, false
			}
			e += n
			rest = rest[1:]
			continue
		}
		next, _, _ := strings.Cut(rest, " ")
		if !strings.HasPrefix(lower[e:], next) {
			return 0, false
		}
		e += len(next)
		rest = rest[len(next):]
	}
	if p.end && e < len(lower) {
		if r, _ := utf8.DecodeRuneInString(lower[e:]); wordRune(r) {
			return 0, false
		}
	}
	return e, true
}

// spaceAt returns the length of the run of white space s starts with.
func spaceAt(s string) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !unicode.IsSpace(r) {
			break
		}
		n += size
	}
	return n
}
