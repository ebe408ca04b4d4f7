package messageml

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tutti-chat/tutti/internal/emoji"
)

// maxMentionWords is how many words a display name after "@" may have.
const maxMentionWords = 5

// inline writes one line of text with its inline markup.
func (c *composer) inline(s string) {
	ln := &line{s: s}
	for k := range ln.failed {
		ln.failed[k] = len(s) + 1
	}
	start := 0 // of the text not yet written
	for i := 0; i < len(s); {
		n := c.token(ln, i, start)
		if n < 0 {
			// Not a token: step over the character (a whole run of
			// backticks or stars, so that its tail is not read anew).
			i += literalRun(s, i)
			continue
		}
		start, i = n, n
	}
	writeEscaped(&c.b, s[start:], false)
}

// Delimiters of emphasis, indexes of line.failed.
const (
	delimBold = iota
	delimStar
	delimUnderscore
	delimCount
)

// line is a line being read for inline markup.
type line struct {
	s string
	// failed[d] is the least position from which a search for a closing
	// delimiter d found none: the closers do not depend on where the
	// search starts, so a search from further on cannot find one either.
	// It keeps a line full of unmatched openers linear.
	failed [delimCount]int
}

// literalRun is how many bytes at s[i] to step over as text.
func literalRun(s string, i int) int {
	if ch := s[i]; ch == '`' || ch == '*' || ch == '_' {
		n := 1
		for i+n < len(s) && s[i+n] == ch {
			n++
		}
		return n
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return size
}

// token writes the token at s[i], after the pending text s[start:i], and
// returns where it ends; -1 when there is none there, and nothing written.
func (c *composer) token(ln *line, i, start int) int {
	s := ln.s
	var (
		end  int
		emit func()
	)
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if i == 0 {
		prev = ' '
	}
	switch s[i] {
	case '`':
		if c.depth == 0 { // the agent refuses <code> in <b> and <i>
			end, emit = c.codeSpan(s, i)
		}
	case '*':
		end, emit = c.star(ln, i)
	case '_':
		end, emit = c.underscore(ln, i, prev)
	case 'h':
		end, emit = c.link(s, i, prev)
	case ':':
		end, emit = c.emoji(s, i, prev)
	case '@':
		end, emit = c.mention(s, i, prev)
	case '#':
		end, emit = c.hashtag(s, i, prev)
	case '$':
		end, emit = c.cashtag(s, i, prev)
	}
	if emit == nil {
		return -1
	}
	writeEscaped(&c.b, s[start:i], false)
	emit()
	return end
}

// codeSpan matches `code`: a run of backticks closed by a run as long.
func (c *composer) codeSpan(s string, i int) (int, func()) {
	n := literalRun(s, i)
	for j := i + n; j < len(s); {
		k := strings.IndexByte(s[j:], '`')
		if k < 0 {
			break
		}
		j += k
		m := literalRun(s, j)
		if m == n && j > i+n {
			body := s[i+n : j]
			return j + m, func() {
				c.b.WriteString("<code>")
				writeEscaped(&c.b, body, false)
				c.b.WriteString("</code>")
			}
		}
		j += m
	}
	return 0, nil
}

// star matches **bold** and *italic*.
func (c *composer) star(ln *line, i int) (int, func()) {
	s := ln.s
	switch {
	case strings.HasPrefix(s[i:], "***"):
		return 0, nil
	case strings.HasPrefix(s[i:], "**"):
		if end, ok := ln.closing(i+2, delimBold); ok {
			return end + 2, c.wrap("b", s[i+2:end])
		}
	default:
		if end, ok := ln.closing(i+1, delimStar); ok {
			return end + 1, c.wrap("i", s[i+1:end])
		}
	}
	return 0, nil
}

// underscore matches _italic_, not an underscore inside a word.
func (c *composer) underscore(ln *line, i int, prev rune) (int, func()) {
	if isWordRune(prev) {
		return 0, nil
	}
	if end, ok := ln.closing(i+1, delimUnderscore); ok {
		return end + 1, c.wrap("i", ln.s[i+1:end])
	}
	return 0, nil
}

// delimiters are the strings of the emphasis delimiters.
var delimiters = [delimCount]string{delimBold: "**", delimStar: "*", delimUnderscore: "_"}

// closing finds the delimiter d closing a span whose content starts at
// from: the content is not empty and does not start or end with a space,
// the closing delimiter is not part of a longer run of its character, and
// an underscore is not followed by a word character (snake_case).
func (ln *line) closing(from int, d int) (int, bool) {
	s, delim := ln.s, delimiters[d]
	if from >= len(s) || s[from] == ' ' || s[from] == '\t' || s[from] == delim[0] || from >= ln.failed[d] {
		return 0, false
	}
	for j := from + 1; j < len(s); {
		k := strings.Index(s[j:], delim)
		if k < 0 {
			break
		}
		j += k
		run := literalRun(s, j)
		next, _ := utf8.DecodeRuneInString(s[j+run:])
		if s[j-1] != ' ' && s[j-1] != '\t' && run == len(delim) &&
			!(d == delimUnderscore && j+run < len(s) && isWordRune(next)) {
			return j, true
		}
		j += run
	}
	ln.failed[d] = min(ln.failed[d], from)
	return 0, false
}

// wrap returns the writer of <tag>content</tag>, content read for markup.
func (c *composer) wrap(tag, content string) func() {
	return func() {
		c.b.WriteString("<" + tag + ">")
		c.depth++
		c.inline(content)
		c.depth--
		c.b.WriteString("</" + tag + ">")
	}
}

// urlTrailing are characters that end a sentence rather than a URL.
const urlTrailing = ".,;:!?'\"*_"

// link matches an http(s) URL.
func (c *composer) link(s string, i int, prev rune) (int, func()) {
	rest := s[i:]
	if isWordRune(prev) || !(strings.HasPrefix(rest, "http://") || strings.HasPrefix(rest, "https://")) {
		return 0, nil
	}
	end := strings.IndexFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("<>\"`", r) })
	if end < 0 {
		end = len(rest)
	}
	url := rest[:end]
	for len(url) > 0 {
		last := url[len(url)-1]
		if strings.IndexByte(urlTrailing, last) >= 0 ||
			last == ')' && strings.Count(url, "(") < strings.Count(url, ")") {
			url = url[:len(url)-1]
			continue
		}
		break
	}
	scheme, _, _ := strings.Cut(url, "://")
	if len(url) <= len(scheme)+3 || !isJavaURI(url) {
		return 0, nil
	}
	return i + len(url), func() {
		c.b.WriteString(`<a href="`)
		writeEscaped(&c.b, url, true)
		c.b.WriteString(`">`)
		writeEscaped(&c.b, url, false)
		c.b.WriteString("</a>")
	}
}

// emoji matches :shortcode: known to the emoji table.
func (c *composer) emoji(s string, i int, prev rune) (int, func()) {
	if isAlnum(prev) || c.entities >= MaxEntities {
		return 0, nil
	}
	k := strings.IndexByte(s[i+1:], ':')
	if k <= 0 {
		return 0, nil
	}
	code := s[i+1 : i+1+k]
	if !isShortcode(code) {
		return 0, nil
	}
	if _, ok := emoji.Table().Lookup(code); !ok {
		return 0, nil
	}
	return c.entity(i+k+2, `<emoji shortcode="`+code+`"/>`)
}

// mention matches "@name" that the directory knows: the longest run of up
// to maxMentionWords words it knows. An "@" inside a word, as in an e-mail
// address, is not a mention.
func (c *composer) mention(s string, i int, prev rune) (int, func()) {
	if c.dir == nil || isWordRune(prev) || strings.ContainsRune(".+-", prev) || c.entities >= MaxEntities {
		return 0, nil
	}
	// ends[w] is where the (w+1)-word candidate ends.
	var ends []int
	for j := i + 1; len(ends) < maxMentionWords; {
		w := strings.IndexFunc(s[j:], func(r rune) bool { return !isNameRune(r) })
		if w < 0 {
			w = len(s) - j
		}
		if w == 0 {
			break
		}
		j += w
		ends = append(ends, j)
		if j >= len(s) || s[j] != ' ' {
			break
		}
		j++
	}
	for w := len(ends) - 1; w >= 0; w-- {
	candidates:
		for end := ends[w]; end > i+1; {
			user, ok := c.dir.UserByName(s[i+1 : end])
			if ok {
				if _, known := c.dir.UserByID(user.ID); known {
					return c.entity(end, `<mention uid="`+strconv.FormatInt(user.ID, 10)+`"/>`)
				}
			}
			// Try again without a possessive or trailing punctuation
			// ("@ana's", "@ana." at the end of a sentence).
			switch name := s[i+1 : end]; {
			case strings.HasSuffix(name, "'s"):
				end -= 2
			case strings.ContainsRune(".-'", rune(name[len(name)-1])):
				end--
			default:
				break candidates
			}
		}
	}
	return 0, nil
}

// hashtag matches #tag: letters, digits, "_" and inner "-", with at least
// one letter ("#1" in "item #1" is not a topic).
func (c *composer) hashtag(s string, i int, prev rune) (int, func()) {
	if isWordRune(prev) || c.entities >= MaxEntities {
		return 0, nil
	}
	end := i + 1
	letter := false
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !(isWordRune(r) || r == '-') {
			break
		}
		letter = letter || unicode.IsLetter(r)
		end += size
	}
	for end > i+1 && s[end-1] == '-' {
		end--
	}
	tag := s[i+1 : end]
	if !letter || !isHashtag(tag) {
		return 0, nil
	}
	return c.entity(end, `<hash tag="`+tag+`"/>`)
}

// cashtag matches $TICKER: an ASCII letter, then ASCII letters and digits,
// not followed by another word character.
func (c *composer) cashtag(s string, i int, prev rune) (int, func()) {
	if isWordRune(prev) || c.entities >= MaxEntities || i+1 >= len(s) || !isASCIILetter(s[i+1]) {
		return 0, nil
	}
	end := i + 1
	for end < len(s) && (isASCIILetter(s[end]) || s[end] >= '0' && s[end] <= '9') {
		end++
	}
	if next, _ := utf8.DecodeRuneInString(s[end:]); end < len(s) && isWordRune(next) {
		return 0, nil
	}
	return c.entity(end, `<cash tag="`+s[i+1:end]+`"/>`)
}

// entity returns the writer of an entity tag (whose attribute values need
// no escaping), counting it.
func (c *composer) entity(end int, tag string) (int, func()) {
	return end, func() {
		c.entities++
		c.b.WriteString(tag)
	}
}

// isAlnum reports whether r is a letter or a digit.
func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isWordRune reports whether r is part of a word: a letter, digit or "_".
func isWordRune(r rune) bool { return isAlnum(r) || r == '_' }

// isNameRune reports whether r may be part of a user name after "@".
func isNameRune(r rune) bool { return isWordRune(r) || strings.ContainsRune(".-'", r) }

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
