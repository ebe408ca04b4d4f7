// Package watch says which events matter: rules, and a Matcher that checks
// every event of a datafeed against them, fast enough to run on all of
// them.
//
// A Rule has a name and any of: words or phrases (case-insensitive, whole
// words, in the message's text), one regular expression (Go's RE2, linear
// time, at most MaxRegexLen bytes), $TICKERs and #tags (as the message's
// EntityJSON names them, as render reads them), mentions of people and
// authors (user ids, names or e-mail addresses, resolved through a
// names.Directory when an event is matched), streams (ids or names),
// stream types (ROOM, IM, MIM, POST, or CHAT for both conversations) and
// event types (MESSAGESENT, USERJOINEDROOM…). Every property given must
// hold; each list holds when any of its items does. A disabled rule
// matches nothing. Rules made from the account's Symphony signals
// (Signals) are read-only: the pod owns them.
//
// The message's text is render's PlainText of the message (for a shared
// post, of the post shared), and a Hit says where in it the rule's words
// and regular expression matched, for highlighting.
//
// Contract: Match reads each event once, parses its message at most once,
// and only when a rule could match it: the properties that need no text
// are checked first, then a sketch of the raw PresentationML and EntityJSON
// (the trigrams of their letters, sketch.go) rules out the rules whose
// words, expression or tags cannot be in the message, without parsing it.
// The sketch never rules out a rule that the parsed message would match:
// when the markup could show text the raw bytes do not hold (forms, cards,
// time elements, character references, invisible characters…), nothing
// is ruled out. A Matcher is not safe for concurrent use, and neither is
// the Directory it reads: one goroutine owns both.
package watch
