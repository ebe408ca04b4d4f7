package watch

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/symphony"
)

// Span is a part of a message's text: bytes Start to End.
type Span struct{ Start, End int }

// Hit is a rule an event matched.
type Hit struct {
	// Rule is the rule, as the Matcher holds it: do not change it.
	Rule *Rule
	// Text is the message's text, render's PlainText of the message (of
	// the post shared, for a shared post), when the rule read the
	// message; "" otherwise.
	Text string
	// Spans are where the rule's words and regular expression matched in
	// Text, in order, none overlapping; nil when it has neither.
	Spans []Span
}

// maxSpans bounds the spans of a hit.
const maxSpans = 64

// Matcher checks events against rules. It is not safe for concurrent use.
type Matcher struct {
	rules  []compiled
	dir    *names.Directory
	ev     eventView   // the event being matched
	people peopleIndex // the ids of the people mentioned by name
	alts   [][]uint16  // scratch: the trigrams of a mention's ids
}

// compiled is a rule ready to match.
type compiled struct {
	rule        *Rule
	types       uint32 // bits of the event types; 0: any
	streamTypes uint8  // bits of the stream types; 0: any
	streams     []who  // stream ids (canonical) or names
	authors     []who
	mentions    []who
	cashtags    []string
	hashtags    []string
	allTags     bool
	words       []phrase
	re          *regexp.Regexp
	reFilter    regexFilter // what the text must hold for re to match
	// needs are what the sketch must hold for the rule to match a
	// message.
	needs []need
	// The people of mentions: the trigrams of the ids given, the names
	// (lower case), whether an e-mail address is among them.
	mentionIDs   [][]uint16
	mentionNames []string
	mentionEmail bool
}

// need is what the sketch of a message must hold for a rule to match it:
// any of alts, each every trigram (bit) of it; in the message's
// EntityJSON (inData) or its PresentationML.
type need struct {
	alts   [][]uint16
	inData bool
}

// who is a person or a stream of a rule: an id, or a name (or an e-mail
// address) resolved when an event is matched.
type who struct {
	id    int64  // a user id; 0 for a name
	sid   string // the canonical stream id the value would be
	name  string
	email bool
}

// New returns a matcher of the rules (a copy of them) that are not
// disabled, which resolves names through dir (nil: ids only). A rule with
// a problem is an error naming the rule and its problems.
func New(rules []Rule, dir *names.Directory) (*Matcher, error) {
	if dir == nil {
		dir = names.New()
	}
	m := &Matcher{dir: dir}
	var errs []error
	for i := range rules {
		if problems := rules[i].Check(); len(problems) > 0 {
			for _, p := range problems {
				errs = append(errs, fmt.Errorf("watch rule %q: %w", rules[i].Name, p))
			}
			continue
		}
		if rules[i].Disabled {
			continue
		}
		r := rules[i].Clean()
		c := compile(&r)
		for _, n := range c.mentionNames {
			m.people.add(n)
		}
		m.rules = append(m.rules, c)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return m, nil
}

// Rules returns the rules the matcher checks, in order: do not change them.
func (m *Matcher) Rules() []*Rule {
	out := make([]*Rule, len(m.rules))
	for i := range m.rules {
		out[i] = m.rules[i].rule
	}
	return out
}

// compile prepares a clean rule that passed Check.
func compile(r *Rule) compiled {
	c := compiled{rule: r}
	for _, t := range r.Types {
		c.types |= typeBit(t)
	}
	for _, t := range r.StreamTypes {
		c.streamTypes |= streamTypeBits(t)
	}
	for _, s := range r.Streams {
		c.streams = append(c.streams, who{sid: symphony.CanonicalID(s), name: s})
	}
	c.authors = people(r.Authors)
	c.mentions = people(r.Mentions)
	for _, w := range c.mentions {
		switch {
		case w.id != 0:
			c.mentionIDs = append(c.mentionIDs, literalOf(strconv.FormatInt(w.id, 10)))
		case w.email:
			c.mentionEmail = true
		default:
			c.mentionNames = append(c.mentionNames, strings.ToLower(w.name))
		}
	}
	c.cashtags, c.hashtags = r.Cashtags, r.Hashtags
	var words [][]uint16
	for _, w := range r.Words {
		p := newPhrase(w)
		c.words = append(c.words, p)
		words = append(words, p.lit)
	}
	c.addNeed(words, false)
	if r.Regex != "" {
		c.re = regexp.MustCompile(r.Regex) // Check compiled it
		c.reFilter = newRegexFilter(r.Regex)
		if alts, ok := required(r.Regex); ok {
			var need [][]uint16
			for _, a := range alts {
				need = append(need, literalOf(a))
			}
			c.addNeed(need, false)
		}
	}
	if r.AllTags {
		for _, t := range append(slices.Clone(r.Cashtags), r.Hashtags...) {
			c.addNeed(tagNeed([]string{t}), true)
		}
	} else {
		c.addNeed(tagNeed(r.Cashtags), true)
		c.addNeed(tagNeed(r.Hashtags), true)
	}
	c.allTags = r.AllTags
	return c
}

// tagNeed returns the need of tags: any of them.
func tagNeed(tags []string) [][]uint16 {
	var need [][]uint16
	for _, t := range tags {
		need = append(need, literalOf(t))
	}
	return need
}

// addNeed adds a need of any of alts, in the EntityJSON when inData,
// unless one of them rules nothing out (no trigram), or there are none.
// The needs of the PresentationML, which costs less to sketch, go first.
func (c *compiled) addNeed(alts [][]uint16, inData bool) {
	if len(alts) == 0 {
		return
	}
	for _, a := range alts {
		if len(a) == 0 {
			return
		}
	}
	c.needs = append(c.needs, need{alts: alts, inData: inData})
	slices.SortStableFunc(c.needs, func(a, b need) int {
		if a.inData == b.inData {
			return 0
		}
		if b.inData {
			return -1
		}
		return 1
	})
}

// people reads the people of a rule: user ids, e-mail addresses, names.
func people(list []string) []who {
	var out []who
	for _, v := range list {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			out = append(out, who{id: id})
			continue
		}
		out = append(out, who{name: v, email: strings.Contains(v, "@")})
	}
	return out
}

// needsContent reports whether the rule reads the message's content.
func (c *compiled) needsContent() bool {
	return len(c.words) > 0 || c.re != nil || len(c.cashtags) > 0 || len(c.hashtags) > 0
}

// Match returns the rules ev matches, in the order of the rules; nil when
// it matches none.
func (m *Matcher) Match(ev *symphony.V4Event) []Hit {
	v := &m.ev
	v.reset(ev, m.dir)
	m.people.since++
	var hits []Hit
	for i := range m.rules {
		c := &m.rules[i]
		if !m.cheap(c, v) {
			continue
		}
		hit, ok := m.deep(c, v)
		if ok {
			hits = append(hits, hit)
		}
	}
	v.ev = nil
	return hits
}

// cheap checks what needs no parsing: the event's type, its stream and
// author, and that the sketch of its message holds what the rule needs.
func (m *Matcher) cheap(c *compiled, v *eventView) bool {
	switch {
	case c.types != 0 && c.types&v.typeBit == 0:
		return false
	case c.streamTypes != 0 && c.streamTypes&v.streamTypeBit() == 0:
		return false
	case len(c.streams) > 0 && !v.inStream(c.streams):
		return false
	case len(c.authors) > 0 && !v.byAuthor(c.authors):
		return false
	}
	content := c.needsContent()
	if v.msg == nil {
		// No text, no tags; the people an event acts on stand for its
		// mentions.
		return !content && (len(c.mentions) == 0 || len(v.affected()) > 0)
	}
	for _, n := range c.needs {
		if !anyHeld(v.sketch(n.inData), n.alts) {
			return false
		}
	}
	if len(c.mentions) > 0 {
		alts, ok := m.mentionAlts(c)
		return !ok || anyHeld(v.sketch(true), alts)
	}
	return true
}

// mentionAlts returns the trigrams of the ids of the people the rule
// mentions, of which the EntityJSON of a message that mentions one holds
// one; ok is false when they are not all known (a name the directory has
// changed since, an e-mail address).
func (m *Matcher) mentionAlts(c *compiled) ([][]uint16, bool) {
	if c.mentionEmail {
		return nil, false
	}
	if len(c.mentionNames) == 0 {
		return c.mentionIDs, true
	}
	if !m.people.fresh(m.dir) {
		return nil, false
	}
	m.alts = append(m.alts[:0], c.mentionIDs...)
	for _, n := range c.mentionNames {
		m.alts = append(m.alts, m.people.of(n)...)
	}
	return m.alts, true
}

// anyHeld reports whether the sketch holds any of alts.
func anyHeld(sk *sketch, alts [][]uint16) bool {
	for _, a := range alts {
		if sk.has(a) {
			return true
		}
	}
	return false
}

// deep checks what needs the parsed message: its mentions, tags, words
// and regular expression.
func (m *Matcher) deep(c *compiled, v *eventView) (Hit, bool) {
	hit := Hit{Rule: c.rule}
	if len(c.mentions) > 0 && !v.mentions(c.mentions) {
		return hit, false
	}
	if !c.needsContent() {
		return hit, true
	}
	ct := v.content()
	hit.Text = ct.text
	if !hasTags(ct, c.cashtags, true, c.allTags) || !hasTags(ct, c.hashtags, false, c.allTags) {
		return hit, false
	}
	if len(c.words) == 0 && c.re == nil {
		return hit, true
	}
	spans, ok := c.textSpans(ct)
	if !ok {
		return hit, false
	}
	hit.Spans = spans
	return hit, true
}

// hasTags reports whether the message has any of tags (cashtags when
// cash), or all of them; true when tags is empty.
func hasTags(ct *content, tags []string, cash, all bool) bool {
	if len(tags) == 0 {
		return true
	}
	for _, t := range tags {
		if ct.hasTag(t, cash) != all {
			return !all
		}
	}
	return all
}

// textSpans returns where the rule's words and regular expression match
// the message's text, sorted and merged; ok is false when the words (any
// of them) or the expression do not match.
func (c *compiled) textSpans(ct *content) (spans []Span, ok bool) {
	if len(c.words) > 0 {
		for i := range c.words {
			c.words[i].find(ct.lower, func(s, e int) bool {
				spans = append(spans, ct.span(s, e))
				return len(spans) < maxSpans
			})
		}
		if len(spans) == 0 {
			return nil, false
		}
	}
	if c.re != nil {
		if c.reFilter.rulesOut(ct.lower) {
			return nil, false
		}
		found := c.re.FindAllStringIndex(ct.text, maxSpans)
		if len(found) == 0 {
			return nil, false
		}
		for _, f := range found {
			spans = append(spans, Span{f[0], f[1]})
		}
	}
	return merged(spans), true
}

// merged sorts spans and merges those that overlap or touch.
func merged(spans []Span) []Span {
	slices.SortFunc(spans, func(a, b Span) int { return cmp.Or(a.Start-b.Start, a.End-b.End) })
	out := spans[:0]
	for _, s := range spans {
		if n := len(out); n > 0 && s.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}
