package ui

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/internal/emoji"
	"github.com/tutti-chat/tutti/internal/sanitize"
	"github.com/tutti-chat/tutti/symphony"
)

// Bounds of completion.
const (
	maxCandidates  = 50      // candidates offered for one token
	maxTags        = 500     // hashtags, and cashtags, remembered
	maxTagRunes    = 64      // longer tags are not remembered
	maxTagData     = 1 << 16 // EntityJSON larger than this is not read for tags
	maxTokenRunes  = 64      // a word of a token longer than this is not completed
	maxRecentRows  = 200     // rows of the open stream read for recent writers
	maxMentionWord = 5       // words of a name after "@", as messageml reads them
	minEmojiQuery  = 2       // characters after ":" before emoji are offered
)

// The EntityJSON types and id types of hashtags and cashtags.
const (
	hashtagEntity = "org.symphonyoss.taxonomy"
	hashtagID     = "org.symphonyoss.taxonomy.hashtag"
	cashtagEntity = "org.symphonyoss.fin.security"
	cashtagID     = "org.symphonyoss.fin.security.id.ticker"
)

// completion is the composer's completion: the tags seen in messages, and
// the candidates being cycled through.
type completion struct {
	hashtags tagSet
	cashtags tagSet
	cycle    cycle
}

// cycle is a completion with several candidates, the current one in the
// editor from start to the cursor. It lasts while the editor holds what it
// inserted, in the stream it was made in.
type cycle struct {
	stream string
	start  int      // rune index of the token's sign in the editor
	orig   string   // the token as typed
	cands  []string // what each candidate inserts
	suffix string   // inserted after the candidate: " ", or "" before a space
	i      int      // the current candidate
}

// active reports whether the cycle still holds what e shows in stream.
func (c *cycle) active(e *editor, stream string) bool {
	if len(c.cands) < 2 || c.stream != stream {
		return false
	}
	ins := []rune(c.cands[c.i] + c.suffix)
	end := c.start + len(ins)
	return e.cursor == end && end <= len(e.text) && slices.Equal(e.text[c.start:end], ins)
}

// step replaces the current candidate with the one d places further,
// wrapping around.
func (c *cycle) step(e *editor, d int) {
	n := len(c.cands)
	c.i = ((c.i+d)%n + n) % n
	e.replace(c.start, e.cursor, c.cands[c.i]+c.suffix)
}

// restore puts the token as typed back and ends the cycle.
func (c *cycle) restore(e *editor) {
	e.replace(c.start, e.cursor, c.orig)
	*c = cycle{}
}

// replace replaces the runes from start to end with s and puts the cursor
// after it.
func (e *editor) replace(start, end int, s string) {
	rs := []rune(s)
	e.text = slices.Concat(e.text[:start], rs, e.text[end:])
	e.cursor = start + len(rs)
}

// cycleKey handles a key pressed while completion candidates are cycled
// through: Composer.Complete and shift+tab move to the next and previous
// candidate, Composer.Leave restores the token as typed, and
// Composer.Send accepts the candidate without sending. Any other key
// accepts the candidate and is not handled here. It reports whether it
// handled the key.
func (m *Model) cycleKey(msg tea.KeyPressMsg) bool {
	c := &m.comp.cycle
	if !c.active(&m.ed, m.open) {
		*c = cycle{}
		return false
	}
	k := m.keys.Composer
	switch {
	case key.Matches(msg, k.Complete):
		c.step(&m.ed, 1)
	case msg.String() == "shift+tab":
		c.step(&m.ed, -1)
	case key.Matches(msg, k.Leave):
		c.restore(&m.ed)
	case key.Matches(msg, k.Send):
		*c = cycle{}
	default:
		*c = cycle{}
		return false
	}
	return true
}

// complete completes the token that ends at the cursor: with one
// candidate it inserts it, with several it inserts the first and starts a
// cycle through them. Without a token or a candidate it does nothing.
func (m *Model) complete() {
	e := &m.ed
	if start, typed, ok := attachToken(e.text, e.cursor); ok {
		m.completeWith(start, pathCandidates(typed), "")
		return
	}
	tok, ok := tokenAt(e.text, e.cursor)
	if !ok {
		return
	}
	var cands []string
	switch tok.sign {
	case '@':
		cands = m.userCandidates(tok.query)
	case '#':
		cands = m.comp.hashtags.candidates('#', tok.query)
	case '$':
		cands = m.comp.cashtags.candidates('$', tok.query)
	case ':':
		cands = emojiCandidates(tok.query)
	}
	suffix := " "
	if e.cursor < len(e.text) && unicode.IsSpace(e.text[e.cursor]) {
		suffix = ""
	}
	m.completeWith(tok.start, cands, suffix)
}

// completeWith replaces the editor's text from start to the cursor with
// the first of cands and suffix, and starts a cycle through them when
// there are several; with none it does nothing.
func (m *Model) completeWith(start int, cands []string, suffix string) {
	if len(cands) == 0 {
		return
	}
	e := &m.ed
	orig := string(e.text[start:e.cursor])
	e.replace(start, e.cursor, cands[0]+suffix)
	m.comp.cycle = cycle{}
	if len(cands) > 1 {
		m.comp.cycle = cycle{stream: m.open, start: start, orig: orig, cands: cands, suffix: suffix}
	}
}

// token is what completion completes: a sign and the text after it up to
// the cursor.
type token struct {
	start int  // rune index of the sign
	sign  rune // '@', '#', '$' or ':'
	query string
}

// tokenAt finds the token that ends at cursor in text. A token starts at
// the beginning of the text or after a character that is not part of a
// word, so that "a@b.com" or "10:30" hold none; an "@" token may hold up
// to maxMentionWord words separated by single spaces, as names do.
func tokenAt(text []rune, cursor int) (token, bool) {
	if cursor == 0 || cursor > len(text) || unicode.IsSpace(text[cursor-1]) {
		return token{}, false
	}
	// A sign with one word: #tag, $TICKER, :shortcode, @name.
	j := cursor
	for j > 0 && cursor-j < maxTokenRunes && isTokenRune(text[j-1]) {
		j--
	}
	if j > 0 && startsToken(text, j-1) {
		t := token{start: j - 1, sign: text[j-1], query: string(text[j:cursor])}
		if validQuery(t) {
			return t, true
		}
		return token{}, false
	}
	// A name of several words after "@".
	j = cursor
	for words := 0; words < maxMentionWord; words++ {
		k := j
		for k > 0 && j-k < maxTokenRunes && isNameRune(text[k-1]) {
			k--
		}
		if k == j || k == 0 {
			break
		}
		if text[k-1] == '@' {
			t := token{start: k - 1, sign: '@', query: string(text[k:cursor])}
			if startsToken(text, k-1) {
				return t, true
			}
			break
		}
		if text[k-1] != ' ' {
			break
		}
		j = k - 1
	}
	return token{}, false
}

// startsToken reports whether text[i] is a sign that starts a token: it
// comes first or after a character that is not part of a word, and an "@"
// not after ".", "+" or "-" (an e-mail address).
func startsToken(text []rune, i int) bool {
	sign := text[i]
	if !strings.ContainsRune("@#$:", sign) {
		return false
	}
	if i == 0 {
		return true
	}
	prev := text[i-1]
	return !isWordChar(prev) && !(sign == '@' && strings.ContainsRune(".+-", prev))
}

// validQuery reports whether t's query can complete to something of its
// kind.
func validQuery(t token) bool {
	q := t.query
	switch t.sign {
	case '@':
		return strings.IndexFunc(q, func(r rune) bool { return !isNameRune(r) }) < 0
	case '#':
		return strings.IndexFunc(q, func(r rune) bool { return !isWordChar(r) && r != '-' }) < 0
	case '$':
		return strings.IndexFunc(q, func(r rune) bool { return !isASCIIAlnum(r) }) < 0
	case ':':
		return len(q) >= minEmojiQuery && isShortcode(q)
	}
	return false
}

// isWordChar reports whether r is part of a word as messageml reads
// tokens: a letter, digit or "_" (isWordRune with "_").
func isWordChar(r rune) bool { return isWordRune(r) || r == '_' }

// isNameRune reports whether r may be part of a name after "@", as
// messageml.FromComposer reads them.
func isNameRune(r rune) bool { return isWordChar(r) || strings.ContainsRune(".-'", r) }

// isTokenRune reports whether r may be part of a one-word token.
func isTokenRune(r rune) bool { return isNameRune(r) || r == '+' }

// isASCIIAlnum reports whether r is an ASCII letter or digit.
func isASCIIAlnum(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// isShortcode reports whether s may be (part of) an emoji shortcode.
func isShortcode(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !isASCIIAlnum(r) && r != '_' && r != '+' && r != '-' }) < 0
}

// userCandidates returns "@Name" for the users whose display name has a
// word starting with query, ignoring case: the users who wrote last in the
// open stream first, most recent first, then by name. Only names that
// messageml.FromComposer turns back into a mention are offered, each once;
// the reader is left out.
func (m *Model) userCandidates(query string) []string {
	q := strings.ToLower(query)
	recent := m.recentWriters()
	type cand struct {
		name, lower string
		rank        int // in recent, len(recent) for the others
	}
	var cands []cand
	for id, name := range m.names.Users() {
		if id == m.deps.Me || !mentionable(name) {
			continue
		}
		lower := strings.ToLower(name)
		if !wordPrefix(lower, q) {
			continue
		}
		rank, ok := recent[id]
		if !ok {
			rank = len(recent)
		}
		cands = append(cands, cand{name, lower, rank})
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		return strings.Compare(a.lower+"\x00"+a.name, b.lower+"\x00"+b.name)
	})
	var out []string
	seen := map[string]bool{}
	for _, c := range cands {
		if len(out) == maxCandidates {
			break
		}
		if !seen[c.lower] {
			seen[c.lower] = true
			out = append(out, "@"+c.name)
		}
	}
	return out
}

// recentWriters ranks the authors of the newest messages of the open
// stream, 0 for the most recent, reading at most maxRecentRows rows.
func (m *Model) recentWriters() map[int64]int {
	out := map[int64]int{}
	s := m.streams[m.open]
	if s == nil || s.kind.special() {
		return out
	}
	for i := s.tl.Len() - 1; i >= max(0, s.tl.Len()-maxRecentRows); i-- {
		if msg := s.tl.At(i).Message; msg != nil && msg.User != nil {
			if _, ok := out[msg.User.UserID]; !ok {
				out[msg.User.UserID] = len(out)
			}
		}
	}
	return out
}

// mentionable reports whether "@"+name is read back as a mention of name:
// up to maxMentionWord words of name characters, separated by single
// spaces.
func mentionable(name string) bool {
	words := strings.Split(name, " ")
	if name == "" || len(words) > maxMentionWord {
		return false
	}
	for _, w := range words {
		if w == "" || strings.IndexFunc(w, func(r rune) bool { return !isNameRune(r) }) >= 0 {
			return false
		}
	}
	return true
}

// wordPrefix reports whether a word of s starts with q; a word starts
// after any character that is not a letter or a digit.
func wordPrefix(s, q string) bool {
	prev := ' '
	for i, r := range s {
		if !isWordRune(prev) && strings.HasPrefix(s[i:], q) {
			return true
		}
		prev = r
	}
	return false
}

// emojiCandidates returns ":shortcode:" for the shortcodes that start with
// query, then for those that contain it.
func emojiCandidates(query string) []string {
	q := strings.ToLower(query)
	t := emoji.Table()
	codes := t.Shortcodes(q)
	if len(codes) < maxCandidates {
		for _, c := range t.Shortcodes("") {
			if len(codes) == maxCandidates {
				break
			}
			if strings.Contains(c, q) && !strings.HasPrefix(c, q) {
				codes = append(codes, c)
			}
		}
	}
	out := make([]string, 0, min(len(codes), maxCandidates))
	for _, c := range codes[:min(len(codes), maxCandidates)] {
		out = append(out, ":"+c+":")
	}
	return out
}

// tagSet is a bounded set of the hashtags or cashtags seen in messages,
// by lower-case tag; past maxTags the one seen longest ago goes.
type tagSet struct {
	tags map[string]seenTag
	seq  uint64
}

// seenTag is a tag as last seen, and when.
type seenTag struct {
	tag string
	seq uint64
}

// add records tag as seen now.
func (s *tagSet) add(tag string) {
	if s.tags == nil {
		s.tags = map[string]seenTag{}
	}
	k := strings.ToLower(tag)
	if _, ok := s.tags[k]; !ok && len(s.tags) >= maxTags {
		oldest, seq := "", s.seq+1
		for k, t := range s.tags {
			if t.seq < seq {
				oldest, seq = k, t.seq
			}
		}
		delete(s.tags, oldest)
	}
	s.seq++
	s.tags[k] = seenTag{tag: tag, seq: s.seq}
}

// candidates returns sign+tag for the tags that start with query,
// ignoring case, in alphabetical order.
func (s *tagSet) candidates(sign rune, query string) []string {
	q := strings.ToLower(query)
	var keys []string
	for k := range s.tags {
		if strings.HasPrefix(k, q) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	out := make([]string, 0, min(len(keys), maxCandidates))
	for _, k := range keys[:min(len(keys), maxCandidates)] {
		out = append(out, string(sign)+s.tags[k].tag)
	}
	return out
}

// learnTags records the hashtags and cashtags of a message's EntityJSON.
// Data that names neither is not decoded, nor data past maxTagData; only
// tags that the composer reads back as tags are kept.
func (c *completion) learnTags(data string) {
	if len(data) > maxTagData || !strings.Contains(data, hashtagEntity) && !strings.Contains(data, cashtagEntity) {
		return
	}
	for _, raw := range symphony.DecodeEntityJSON(data) {
		var ent struct {
			Type string `json:"type"`
			ID   []struct {
				Type  string `json:"type"`
				Value string `json:"value"`
			} `json:"id"`
		}
		if json.Unmarshal(raw, &ent) != nil {
			continue
		}
		for _, id := range ent.ID {
			switch {
			case ent.Type == hashtagEntity && id.Type == hashtagID && isHashtag(id.Value):
				c.hashtags.add(id.Value)
			case ent.Type == cashtagEntity && id.Type == cashtagID && isCashtag(id.Value):
				c.cashtags.add(id.Value)
			}
		}
	}
}

// isHashtag reports whether "#"+tag is read back as the hashtag tag:
// letters, digits, "_" and "-", at least one letter, not ending with "-".
func isHashtag(tag string) bool {
	letter := false
	for _, r := range tag {
		if !isWordChar(r) && r != '-' {
			return false
		}
		letter = letter || unicode.IsLetter(r)
	}
	return letter && len([]rune(tag)) <= maxTagRunes && !strings.HasSuffix(tag, "-")
}

// isCashtag reports whether "$"+tag is read back as the cashtag tag: an
// ASCII letter, then ASCII letters and digits.
func isCashtag(tag string) bool {
	return tag != "" && len(tag) <= maxTagRunes && tag[0] < 0x80 && unicode.IsLetter(rune(tag[0])) &&
		strings.IndexFunc(tag, func(r rune) bool { return !isASCIIAlnum(r) }) < 0
}

// candidateLabel is how a candidate shows in the line of candidates: an
// emoji shortcode with its emoji before it ("🎉 :tada:"), the others as
// they are.
func candidateLabel(cand string) string {
	if code, ok := strings.CutPrefix(cand, ":"); ok && strings.HasSuffix(code, ":") && len(code) > 1 {
		if glyph, ok := emoji.Table().Lookup(strings.TrimSuffix(code, ":")); ok {
			return sanitize.Line(glyph + " " + cand)
		}
	}
	return sanitize.Line(cand)
}

// completionLine is the line of candidates shown above the composer while
// they are cycled through, the current one highlighted, at most w cells
// wide; ok is false when there is no cycle.
func (m *Model) completionLine(w int) (line string, ok bool) {
	c := &m.comp.cycle
	if !c.active(&m.ed, m.open) {
		return "", false
	}
	st := &m.styles
	const indent, gap = "  ", "  "
	items := make([]string, len(c.cands))
	widths := make([]int, len(c.cands))
	for i, s := range c.cands {
		items[i] = candidateLabel(s)
		widths[i] = ansi.StringWidth(items[i])
	}
	// Start as far left as lets the current candidate show whole.
	start := 0
	for ; start < c.i; start++ {
		used := len(indent)
		if start > 0 {
			used += len("… ")
		}
		for i := start; i <= c.i; i++ {
			used += widths[i] + len(gap)
		}
		if used-len(gap) <= w {
			break
		}
	}
	var b strings.Builder
	b.WriteString(indent)
	if start > 0 {
		b.WriteString(st.dim + "… " + st.reset)
	}
	for i := start; i < len(items); i++ {
		if i > start {
			b.WriteString(gap)
		}
		if i == c.i {
			b.WriteString(st.selected + items[i] + st.reset)
		} else {
			b.WriteString(st.dim + items[i] + st.reset)
		}
	}
	return truncate(b.String(), w), true
}
