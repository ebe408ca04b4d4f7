package watch

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tutti-chat/tutti/internal/sanitize"
)

// A sketch holds the trigrams of letters and digits that a message's raw
// content can show: every three in a row of its PresentationML's text
// (tags skipped), of its tags' attributes and of its EntityJSON. A rule's
// word, regular expression or tag that makes a trigram the sketch lacks
// cannot be in the message, and the message need not be parsed for it.
//
// Only ASCII letters and digits count, letters in either case alike (and
// the three other runes that fold to one: K, ſ, İ), digits five codes for
// ten (0 as 5, 1 as 6…: a sketch may hold a trigram it did not see, never
// lack one it saw); anything else breaks a row, except what render may
// drop between two letters — tags, the *, _ and ` of markdown leftovers —
// which is skipped. So every row of the rendered text is a part of a row
// of the sketch: a sketch has what the text has, and more. An emoji
// shortcode (:one:) may become a keycap (1️⃣) right after the row before
// it, so a : adds every digit to that row.
//
// When the markup can show letters or digits that are not in the raw
// bytes, or join what the raw bytes keep apart, the sketch is open, and
// rules out nothing: elements render fills in (forms, cards, time
// elements, numbered lists, images, empty links and entities), character
// references other than the few that stand for punctuation, invisible
// characters (shown as ⟨U+200B⟩), escapes of letters in the EntityJSON,
// actions and media in it, and content past maxSketched.
type sketch struct {
	bits [sketchBits / 64]uint64
	open bool
}

// trigramSpace is the number of trigrams: three codes of five bits. A
// sketch hashes them into sketchBits bits.
const (
	trigramSpace = 1 << 15
	sketchBits   = 1 << 12
)

// maxSketched is the most PresentationML or EntityJSON a sketch reads;
// past it, the sketch is open.
const maxSketched = 64 << 10

// reset empties the sketch.
func (s *sketch) reset() {
	s.bits = [sketchBits / 64]uint64{}
	s.open = false
}

// bit returns the bit of a trigram in a sketch.
func bit(trigram uint32) uint16 { return uint16(trigram * 0x9e3779b1 >> (32 - 12)) }

// word returns the index in a sketch's bits of the word of bit b.
func word(b uint16) uint16 { return b >> 6 & (sketchBits/64 - 1) }

// set adds the trigram of bit b.
func (s *sketch) set(b uint16) { s.bits[word(b)] |= 1 << (b & 63) }

// has reports whether the sketch holds every trigram (bit) of lit, and
// always when it is open.
func (s *sketch) has(lit []uint16) bool {
	if s.open {
		return true
	}
	for _, b := range lit {
		if s.bits[word(b)]&(1<<(b&63)) == 0 {
			return false
		}
	}
	return true
}

// row is the last characters of a row being read, five bits each (their
// code), and how many there are so far.
type row struct {
	w uint32
	n int
}

// push adds the character of code c to the row and returns its last
// trigram's bit, ok when the row has three characters.
func (r *row) push(c byte) (uint16, bool) {
	r.w = (r.w<<5 | uint32(c)) & (trigramSpace - 1)
	r.n++
	return bit(r.w), r.n >= 3
}

// Codes of the bytes as the sketch reads them: 1 to 26 for letters
// (either case), 27 to 31 for digits (two digits a code), and the others.
const (
	codeBreak byte = 0  // ends a row
	codeSkip  byte = 32 // render may drop it: * _ `
	codeColon byte = 33 // may end an emoji shortcode
	codeAmp   byte = 34 // may start a character reference
	codeHigh  byte = 35 // starts a rune past ASCII
	codeLT    byte = 36 // may start a tag
	codeBack  byte = 37 // may start an escape of JSON
	codeLast  byte = 31 // the last code of a letter or digit
)

// byteCode is the code of each byte.
var byteCode = func() (t [256]byte) {
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c&31, c&31
	}
	for d := byte('0'); d <= '9'; d++ {
		t[d] = digitCode(d)
	}
	t['*'], t['_'], t['`'] = codeSkip, codeSkip, codeSkip
	t[':'], t['&'], t['<'], t['\\'] = codeColon, codeAmp, codeLT, codeBack
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = codeHigh
	}
	return t
}()

// digitCode is the code of an ASCII digit.
func digitCode(d byte) byte { return 27 + (d-'0')%5 }

// isLetter reports an ASCII letter.
func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// foldedLetter returns the ASCII letter a non-ASCII rune folds to (its
// lower case, or its case fold), 0 when none: K (Kelvin), ſ (long s) and
// İ (dotted capital I).
func foldedLetter(r rune) byte {
	switch r {
	case '\u212a':
		return 'k'
	case '\u017f':
		return 's'
	case '\u0130':
		return 'i'
	}
	return 0
}

// What scan reads.
const (
	scanPML  = iota // a message's PresentationML: text, tags, references, shortcodes
	scanAttr        // a tag's attributes: text and references
	scanData        // EntityJSON: text and escapes
)

// scan reads text into the sketch: rows of letters and digits, folded
// runes, breaks and skipped marks; what else it reads depends on mode. A
// character render would show otherwise opens the sketch.
func (s *sketch) scan(text string, mode int) {
	bits := &s.bits
	var w uint32 // the row's last codes
	n := 0       // how many codes the row has
	for i := 0; i < len(text); i++ {
		code := byteCode[text[i]]
		if code-1 < codeLast {
			w = (w<<5 | uint32(code)) & (trigramSpace - 1)
			if n++; n >= 3 {
				b := bit(w)
				bits[word(b)] |= 1 << (b & 63)
			}
			continue
		}
		switch code {
		case codeSkip:
		case codeLT:
			if mode == scanPML {
				next, isText := s.addTag(text, i)
				if s.open {
					return
				}
				if !isText {
					i = next - 1 // a tag does not break the row
					continue
				}
			}
			n = 0
		case codeColon:
			if mode == scanPML {
				s.keycaps(w, n)
			}
			n = 0
		case codeAmp:
			n = 0
			if mode != scanData && i+1 < len(text) && refChar(text[i+1]) {
				k := punctuationRef(text[i:])
				if k == 0 {
					s.open = true
					return
				}
				i += k - 1
			}
		case codeBack:
			switch {
			case mode != scanData:
				n = 0
			case i+1 < len(text) && text[i+1] == 'u':
				n = 0
				ru, ok := hex4(text[i+2:])
				if !ok || ru < utf8.RuneSelf && byteCode[ru]-1 < codeLast || foldedLetter(ru) != 0 || sanitize.Unsafe(ru) {
					s.open = true
					return
				}
				i += 5
			}
			// Any other escape is its character, or (\n, \t…) a white
			// space read as a letter, which only adds to the row.
		case codeHigh:
			ru, size := utf8.DecodeRuneInString(text[i:])
			i += size - 1
			switch l := foldedLetter(ru); {
			case l != 0:
				w = (w<<5 | uint32(l&31)) & (trigramSpace - 1)
				if n++; n >= 3 {
					s.set(bit(w))
				}
			case sanitize.Unsafe(ru):
				s.open = true
				return
			default:
				n = 0
			}
		default:
			n = 0
		}
	}
}

// keycaps adds what a row (its last codes w, n of them) makes followed
// by any digit: an emoji shortcode may show as a keycap, a digit, right
// after it.
func (s *sketch) keycaps(w uint32, n int) {
	if n < 2 {
		return
	}
	for d := byte('0'); d <= '4'; d++ {
		s.set(bit((w<<5 | uint32(digitCode(d))) & (trigramSpace - 1)))
	}
}

// refChar reports a byte that may follow the & of a character reference:
// a letter, a digit or #. An & followed by anything else is an & of the
// text.
func refChar(c byte) bool {
	return byteCode[c]-1 < codeLast || c == '#'
}

// punctuationRefs are the character references a sketch reads, each
// standing for punctuation or a space: the agent's escapes.
var punctuationRefs = []string{
	"&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&nbsp;",
	"&#38;", "&#60;", "&#62;", "&#34;", "&#39;", "&#160;",
	"&#x26;", "&#x3c;", "&#x3e;", "&#x22;", "&#x27;", "&#xa0;",
	"&#x3C;", "&#x3E;", "&#xA0;",
}

// punctuationRef returns the length of the punctuation reference text
// starts with; 0 when it starts with another.
func punctuationRef(text string) int {
	for _, ref := range punctuationRefs {
		if strings.HasPrefix(text, ref) {
			return len(ref)
		}
	}
	return 0
}

// addPML reads a message's PresentationML into the sketch; its EntityJSON
// opens it when it may have entities render shows text of their own for.
func (s *sketch) addPML(pml, data string) {
	if len(pml) > maxSketched || filledData(data) {
		s.open = true
		return
	}
	s.scan(pml, scanPML)
}

// plainTag reports a tag whose rendered text is its content and nothing
// else, as the sketch reads it; any other opens it.
func plainTag(name string) bool {
	switch name {
	case "div", "p", "span", "br", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
		"small", "mark", "a", "ul", "li", "h1", "h2", "h3", "h4", "h5", "h6",
		"blockquote", "hr", "code", "pre", "kbd", "samp", "tt",
		"table", "thead", "tbody", "tfoot", "tr", "td", "th":
		return true
	}
	return false
}

// filledDivClasses are classes of a div that render fills with text of
// its own.
var filledDivClasses = []string{"card", "ui-action", "group", "selector", "picker"}

// addTag reads the markup at pml[i] ('<'): a tag, a comment, or a < of
// the text (isText). It returns the index after it. Letters of a tag's
// attributes go into the sketch on their own rows, since render may show
// them (a link's address, a hint's title); tags render fills or drops
// open the sketch.
func (s *sketch) addTag(pml string, i int) (next int, isText bool) {
	j := i + 1
	if j >= len(pml) {
		return i, true
	}
	c := pml[j]
	switch {
	case c == '!' && strings.HasPrefix(pml[j:], "!--"):
		end := strings.Index(pml[j+3:], "-->")
		if end < 0 {
			s.open = true
			return len(pml), false
		}
		return j + 3 + end + 3, false
	case c == '!' || c == '?':
		end := strings.IndexByte(pml[j:], '>')
		if end < 0 {
			s.open = true
			return len(pml), false
		}
		return j + end + 1, false
	case c == '/':
		end := strings.IndexByte(pml[j:], '>')
		if end < 0 || j+1 >= len(pml) || !isLetter(pml[j+1]) {
			s.open = true
			return len(pml), false
		}
		return j + end + 1, false
	case !isLetter(c):
		return i, true
	}
	end := tagEnd(pml, j)
	if end < 0 {
		s.open = true
		return len(pml), false
	}
	inside := pml[j:end]
	k := 0
	for k < len(inside) && (isLetter(inside[k]) || inside[k] >= '0' && inside[k] <= '9') {
		k++
	}
	name := strings.ToLower(inside[:k])
	attrs := inside[k:]
	class := ""
	if name == "div" || name == "span" {
		class = attribute(attrs, "class")
	}
	if !plainTag(name) || name == "div" && class != "" && containsAny(class, filledDivClasses) ||
		name == "a" && emptyElement(pml, end, attrs, false) || strings.Contains(class, "entity") && emptyElement(pml, end, attrs, true) {
		s.open = true
		return len(pml), false
	}
	switch {
	case name == "a":
		// A link's text may be its address, "link" or "invalid link", and
		// its host may follow it.
		s.scan(" invalid link ", scanAttr)
		s.scan(attrs, scanAttr)
	case name == "span" && strings.Contains(class, "info-hint"):
		s.scan(attrs, scanAttr) // its title
	}
	return end + 1, false
}

// tagEnd returns the index of the > that ends the tag whose name starts
// at j, skipping quoted attribute values; -1 when there is none.
func tagEnd(pml string, j int) int {
	gt := strings.IndexByte(pml[j:], '>')
	if gt < 0 {
		return -1
	}
	if inside := pml[j : j+gt]; strings.Count(inside, `"`)%2 == 0 && strings.IndexByte(inside, '\'') < 0 {
		return j + gt // no > in a quoted value before it
	}
	var quote byte
	for k := j; k < len(pml); k++ {
		switch c := pml[k]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return k
		}
	}
	return -1
}

// attribute returns the value of the attribute name among the attributes
// of a tag, "" when there is none; the value is as written, without its
// quotes.
func attribute(attrs, name string) string {
	for k := 0; ; {
		at := strings.Index(attrs[k:], name)
		if at < 0 {
			return ""
		}
		k += at + len(name)
		before := attrs[k-len(name)-1]
		rest := skipSpace(attrs[k:])
		if before != ' ' && before != '\t' && before != '\n' && before != '\r' || !strings.HasPrefix(rest, "=") {
			continue
		}
		rest = skipSpace(rest[1:])
		if rest == "" {
			return ""
		}
		if q := rest[0]; q == '"' || q == '\'' {
			if end := strings.IndexByte(rest[1:], q); end >= 0 {
				return rest[1 : 1+end]
			}
			return rest[1:]
		}
		if end := strings.IndexAny(rest, " \t\r\n/>"); end >= 0 {
			return rest[:end]
		}
		return rest
	}
}

// emptyElement reports a tag written self-closing, or whose content is
// nothing but white space, or a shortcode: render fills such a link or
// entity in. For an entity, content that starts with a tag counts too:
// its text, which the sketch does not follow, may be empty or a
// shortcode.
func emptyElement(pml string, end int, attrs string, entity bool) bool {
	if strings.HasSuffix(strings.TrimSpace(attrs), "/") {
		return true
	}
	rest := skipSpace(pml[end+1:])
	return rest == "" || strings.HasPrefix(rest, "</") || strings.HasPrefix(rest, ":") || entity && strings.HasPrefix(rest, "<")
}

// skipSpace returns s without the white space it starts with.
func skipSpace(s string) string {
	for s != "" && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r') {
		s = s[1:]
	}
	return s
}

// containsAny reports whether s contains any of subs.
func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// filledEntities are EntityJSON types render shows text of its own for:
// an action's label, a media entity's description.
var filledEntities = []string{"fdc3.entity.action", "com.symphony.media"}

// filledData reports EntityJSON that may hold an entity render shows text
// of its own for: one of filledEntities, written plainly or with escapes
// (any \u, or a backslash before another character, which render's
// lenient reader drops).
func filledData(data string) bool {
	switch {
	case containsAny(data, filledEntities):
		return true
	case strings.IndexByte(data, '\\') < 0:
		return false
	case strings.Contains(data, `\u`):
		return true
	}
	return containsAny(strings.ReplaceAll(data, `\`, ""), filledEntities)
}

// addData reads a message's EntityJSON into the sketch, for its tags and
// the ids it mentions. A \u escape is read as the rune it stands for; one
// of a letter or a digit, or of a character render would show otherwise,
// opens the sketch; the backslash of another escape is skipped (\S is an
// S to render's lenient reader; \n only adds a letter).
func (s *sketch) addData(data string) {
	if len(data) > maxSketched {
		s.open = true
		return
	}
	s.scan(data, scanData)
}

// hex4 reads the four hexadecimal digits of a \u escape.
func hex4(s string) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[:4]) {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// literalOf returns the trigrams (their bits) of text's rows read as the
// sketch reads them, each once; nil when no row has three characters
// (text then rules nothing out).
func literalOf(text string) []uint16 {
	var out []uint16
	var r row
	add := func(code byte) {
		if b, ok := r.push(code); ok && !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	for i := 0; i < len(text); {
		code := byteCode[text[i]]
		switch {
		case code-1 < codeLast:
			add(code)
		case code == codeSkip:
		case code == codeHigh:
			ru, size := utf8.DecodeRuneInString(text[i:])
			if l := foldedLetter(ru); l != 0 {
				add(l & 31)
			} else {
				r.n = 0
			}
			i += size
			continue
		default:
			r.n = 0
		}
		i++
	}
	return out
}
