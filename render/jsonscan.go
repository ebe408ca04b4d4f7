package render

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A small, lenient JSON reader for EntityJSON. The renderer needs a few
// fields of a few entities of a message; decoding the whole object with
// encoding/json cost more than parsing the PresentationML. These functions
// walk the text in place, allocate only for strings with escapes, and
// answer "not found" on malformed input instead of failing. Nothing here
// recurses on the input's nesting, so hostile depth cannot exhaust the
// stack.

// jsonSpace skips whitespace from i.
func jsonSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
		i++
	}
	return i
}

// jsonStringEnd returns the index after the string starting at s[i]
// (which is '"'), or -1 when it does not end.
func jsonStringEnd(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// jsonValueEnd returns the index after the value starting at s[i], or -1
// when it is malformed or does not end.
func jsonValueEnd(s string, i int) int {
	i = jsonSpace(s, i)
	if i >= len(s) {
		return -1
	}
	switch s[i] {
	case '"':
		return jsonStringEnd(s, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(s); j++ {
			switch s[j] {
			case '"':
				end := jsonStringEnd(s, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(s) && !strings.ContainsRune(",}] \n\t\r", rune(s[j])) {
		j++
	}
	if j == i {
		return -1
	}
	return j
}

// jsonMembers calls fn with the raw key (quotes included) and the raw
// value of each member of the object s, until fn returns false. It stops
// silently at the first malformed member.
func jsonMembers(s string, fn func(key, val string) bool) {
	i := jsonSpace(s, 0)
	if i >= len(s) || s[i] != '{' {
		return
	}
	i++
	for {
		i = jsonSpace(s, i)
		if i >= len(s) || s[i] != '"' {
			return
		}
		kend := jsonStringEnd(s, i)
		if kend < 0 {
			return
		}
		key := s[i:kend]
		i = jsonSpace(s, kend)
		if i >= len(s) || s[i] != ':' {
			return
		}
		vstart := jsonSpace(s, i+1)
		vend := jsonValueEnd(s, vstart)
		if vend < 0 {
			return
		}
		if !fn(key, s[vstart:vend]) {
			return
		}
		i = jsonSpace(s, vend)
		if i >= len(s) || s[i] != ',' {
			return
		}
		i++
	}
}

// jsonElements calls fn with each raw element of the array s, until fn
// returns false.
func jsonElements(s string, fn func(val string) bool) {
	i := jsonSpace(s, 0)
	if i >= len(s) || s[i] != '[' {
		return
	}
	i++
	for {
		i = jsonSpace(s, i)
		if i >= len(s) || s[i] == ']' {
			return
		}
		end := jsonValueEnd(s, i)
		if end < 0 {
			return
		}
		if !fn(s[i:end]) {
			return
		}
		i = jsonSpace(s, end)
		if i >= len(s) || s[i] != ',' {
			return
		}
		i++
	}
}

// jsonKeyIs reports whether the raw key (with its quotes) is name.
func jsonKeyIs(key, name string) bool {
	if len(key) == len(name)+2 && key[1:len(key)-1] == name {
		return true
	}
	if strings.IndexByte(key, '\\') < 0 {
		return false
	}
	s, ok := jsonText(key)
	return ok && s == name
}

// jsonText returns the text of a raw JSON string, or of a raw number (ids
// come as either); ok is false for anything else.
func jsonText(raw string) (string, bool) {
	if raw == "" {
		return "", false
	}
	if raw[0] != '"' {
		if raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9' {
			return raw, true
		}
		return "", false
	}
	if len(raw) < 2 || raw[len(raw)-1] != '"' {
		return "", false
	}
	body := raw[1 : len(raw)-1]
	if strings.IndexByte(body, '\\') < 0 {
		return body, true
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 == len(body) {
			b.WriteByte(c)
			continue
		}
		i++
		switch body[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'u':
			r, n := jsonRune(body[i+1:])
			if n == 0 {
				b.WriteRune(utf8.RuneError)
				continue
			}
			b.WriteRune(r)
			i += n
		default:
			b.WriteByte(body[i])
		}
	}
	return b.String(), true
}

// jsonRune decodes the hex digits after \u, joining a surrogate pair, and
// returns the rune and how many bytes it used.
func jsonRune(s string) (rune, int) {
	if len(s) < 4 {
		return 0, 0
	}
	v, err := strconv.ParseUint(s[:4], 16, 32)
	if err != nil {
		return 0, 0
	}
	r := rune(v)
	if utf16.IsSurrogate(r) && len(s) >= 10 && s[4] == '\\' && s[5] == 'u' {
		if v2, err := strconv.ParseUint(s[6:10], 16, 32); err == nil {
			if pair := utf16.DecodeRune(r, rune(v2)); pair != utf8.RuneError {
				return pair, 10
			}
		}
	}
	if utf16.IsSurrogate(r) {
		return utf8.RuneError, 4
	}
	return r, 4
}

// jsonField returns the text of the string (or number) member name of the
// object s.
func jsonField(s, name string) string {
	var out string
	jsonMembers(s, func(key, val string) bool {
		if jsonKeyIs(key, name) {
			out, _ = jsonText(val)
			return false
		}
		return true
	})
	return out
}
