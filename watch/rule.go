package watch

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tutti-chat/tutti/symphony"
)

// Rule says which events matter. Every property given must hold; each
// list holds when any of its items does. Items are compared ignoring case.
type Rule struct {
	// Name names the rule in output and on the command line.
	Name string
	// Words are words or phrases of the message's text, matched whole:
	// "call" does not match "recall"; the white space of a phrase matches
	// any white space, line breaks included.
	Words []string
	// Regex is a regular expression of Go's syntax (RE2) searched in the
	// message's text; "" for none.
	Regex string
	// Cashtags and Hashtags are tags of the message, without their $ or #.
	Cashtags []string
	Hashtags []string
	// AllTags asks for every tag of Cashtags and Hashtags, not any one of
	// each list, as a signal's "hashtag:a AND hashtag:b" does.
	AllTags bool
	// Mentions are people the message mentions, or the event acts on (the
	// member who joined, left, was promoted…): user ids, names or e-mail
	// addresses.
	Mentions []string
	// Authors are who sent the message, or caused the event: user ids,
	// names or e-mail addresses.
	Authors []string
	// Streams are stream ids or names: a room's name, or a conversation's
	// other members as the stream list names them ("Ana Silva, Ben Ode").
	Streams []string
	// StreamTypes are ROOM, IM, MIM, POST, or CHAT for IM and MIM.
	StreamTypes []string
	// Types are event types, such as MESSAGESENT or USERJOINEDROOM.
	Types []string
	// Disabled rules match nothing.
	Disabled bool
	// Signal is the id of the Symphony signal the rule was made from; ""
	// for the user's own rules.
	Signal string
}

// ReadOnly reports a rule made from a signal: the pod owns it, and it is
// changed there, not in tutti.
func (r *Rule) ReadOnly() bool { return r.Signal != "" }

// Limits of a rule.
const (
	// MaxRegexLen bounds a regular expression, in bytes: RE2 runs in time
	// linear in the text, but compiling and running it grows with its size.
	MaxRegexLen = 512
	// MaxItemLen bounds a word, tag, name or stream of a rule, in bytes.
	MaxItemLen = 256
	// MaxNameLen bounds a rule's name, in bytes.
	MaxNameLen = 128
)

// The fields of a rule, as the configuration file and the messages spell
// them.
const (
	FieldName        = "name"
	FieldWords       = "words"
	FieldRegex       = "regex"
	FieldCashtags    = "cashtags"
	FieldHashtags    = "hashtags"
	FieldMentions    = "mentions"
	FieldAuthors     = "authors"
	FieldStreams     = "streams"
	FieldStreamTypes = "streamTypes"
	FieldTypes       = "types"
	FieldEnabled     = "enabled"
)

// Problem is one thing wrong with a rule.
type Problem struct {
	// Field is the property (FieldWords…); "" for the rule as a whole.
	Field string
	// Item is the index of the item of a list property; -1 for the
	// property as a whole.
	Item int
	// Msg says what is wrong.
	Msg string
}

// Error returns "field[item]: msg", "field: msg", or msg alone.
func (p Problem) Error() string {
	switch {
	case p.Field == "":
		return p.Msg
	case p.Item >= 0:
		return fmt.Sprintf("%s[%d]: %s", p.Field, p.Item, p.Msg)
	}
	return p.Field + ": " + p.Msg
}

// StreamChat is the stream type of a rule that stands for both kinds of
// conversation, IM and MIM, as Symphony's search says it.
const StreamChat = "CHAT"

// Check returns every problem of the rule, in the order of its fields; nil
// when there is none.
func (r *Rule) Check() []Problem {
	var out []Problem
	add := func(field string, item int, format string, args ...any) {
		out = append(out, Problem{Field: field, Item: item, Msg: fmt.Sprintf(format, args...)})
	}
	name := strings.TrimSpace(r.Name)
	switch {
	case name == "":
		add(FieldName, -1, "want a name")
	case len(name) > MaxNameLen:
		add(FieldName, -1, "want at most %d bytes, got %d", MaxNameLen, len(name))
	case !printable(name):
		add(FieldName, -1, "want printable characters, got %q", name)
	}
	items := func(field string, list []string, sign string, check func(string) string) {
		for i, v := range list {
			v = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), sign))
			msg := ""
			switch {
			case v == "":
				msg = "want a value, got nothing"
			case len(v) > MaxItemLen:
				msg = fmt.Sprintf("want at most %d bytes, got %d", MaxItemLen, len(v))
			case !printable(v):
				msg = fmt.Sprintf("want printable characters, got %q", v)
			case check != nil:
				msg = check(v)
			}
			if msg != "" {
				add(field, i, "%s", msg)
			}
		}
	}
	oneWord := func(what string) func(string) string {
		return func(v string) string {
			if strings.IndexFunc(v, unicode.IsSpace) >= 0 {
				return fmt.Sprintf("want a %s without spaces, got %q", what, v)
			}
			return ""
		}
	}
	items(FieldWords, r.Words, "", nil)
	if r.Regex != "" {
		if msg := checkRegex(r.Regex); msg != "" {
			add(FieldRegex, -1, "%s", msg)
		}
	}
	items(FieldCashtags, r.Cashtags, "$", oneWord("ticker"))
	items(FieldHashtags, r.Hashtags, "#", oneWord("tag"))
	items(FieldMentions, r.Mentions, "@", nil)
	items(FieldAuthors, r.Authors, "@", nil)
	items(FieldStreams, r.Streams, "", nil)
	items(FieldStreamTypes, r.StreamTypes, "", func(v string) string {
		if streamTypeBits(v) == 0 {
			return fmt.Sprintf("want ROOM, IM, MIM, POST or CHAT, got %q", v)
		}
		return ""
	})
	items(FieldTypes, r.Types, "", func(v string) string {
		if typeBit(strings.ToUpper(v)) == 0 {
			return fmt.Sprintf("unknown event type %q (known: %s)", v, strings.Join(symphony.EventTypes(), ", "))
		}
		return ""
	})
	if r.empty() {
		add("", -1, "says nothing to match: give words, regex, cashtags, hashtags, mentions, authors, streams, streamTypes or types")
	}
	return out
}

// empty reports a rule without any property to match.
func (r *Rule) empty() bool {
	return len(r.Words) == 0 && r.Regex == "" && len(r.Cashtags) == 0 && len(r.Hashtags) == 0 &&
		len(r.Mentions) == 0 && len(r.Authors) == 0 && len(r.Streams) == 0 &&
		len(r.StreamTypes) == 0 && len(r.Types) == 0
}

// checkRegex returns what is wrong with a rule's regular expression; ""
// when nothing is.
func checkRegex(expr string) string {
	if len(expr) > MaxRegexLen {
		return fmt.Sprintf("want at most %d bytes, got %d", MaxRegexLen, len(expr))
	}
	re, err := regexp.Compile(expr)
	if err != nil {
		return strings.TrimPrefix(err.Error(), "error parsing regexp: ")
	}
	if re.MatchString("") {
		return fmt.Sprintf("%q matches an empty text, so it would match every message", expr)
	}
	return ""
}

// printable reports text without control or invisible characters.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
	})
}

// Clean returns the rule with every item trimmed of white space and of
// its sign ($ of a ticker, # of a tag, @ of a person), empty items
// dropped, event and stream types upper-cased, and each list without
// repeats (ignoring case).
func (r Rule) Clean() Rule {
	clean := func(list []string, sign string, upper bool) []string {
		var out []string
		for _, v := range list {
			v = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), sign))
			if upper {
				v = strings.ToUpper(v)
			}
			if v != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, v) }) {
				out = append(out, v)
			}
		}
		return out
	}
	r.Name = strings.TrimSpace(r.Name)
	r.Words = clean(r.Words, "", false)
	r.Cashtags = clean(r.Cashtags, "$", false)
	r.Hashtags = clean(r.Hashtags, "#", false)
	r.Mentions = clean(r.Mentions, "@", false)
	r.Authors = clean(r.Authors, "@", false)
	r.Streams = clean(r.Streams, "", false)
	r.StreamTypes = clean(r.StreamTypes, "", true)
	r.Types = clean(r.Types, "", true)
	return r
}
