// Package render turns Symphony PresentationML into styled terminal text.
//
// A message is parsed once with Parse into a Document, which is then laid
// out with Layout as many times as needed, at any width and with any Theme;
// re-laying out at a new width does not parse again. Caching laid-out lines
// is the caller's business: the package keeps no state between calls.
//
// Contract:
//
//   - Parse never fails and never panics. The input is read leniently, as
//     HTML: named and numeric character references (decoded by
//     golang.org/x/net/html), unclosed or stray tags, unknown tags,
//     markdown leftovers such as **bold**, and garbage are all accepted.
//     Should anything go wrong inside the package, the message becomes a
//     Document that lays out as "message could not be displayed" instead
//     of crashing the caller; Layout recovers the same way.
//   - Every remote string — text nodes, attribute values, entity data —
//     passes through package sanitize before it is shown. The styled output
//     contains only the escape sequences this package writes: SGR sequences
//     from the Theme and, when Options.Hyperlinks is set, OSC 8 hyperlinks
//     to http, https, mailto and symphony URLs. Options.Plain output
//     contains no escape sequence at all. Every line is self-contained: it
//     opens the styles it uses and resets them before it ends.
//   - Every line's display width, measured by grapheme clusters as
//     github.com/charmbracelet/x/ansi.StringWidth measures it, is at most
//     Options.Width, for every width from 20 to 300 (and for smaller
//     widths as far as a single character allows).
//   - Nesting depth, table size, message length and line count are bounded
//     (see the Max constants), so that one message cannot stall a frame.
//   - A Document is immutable: its methods are safe for concurrent use, and
//     Layout allocates nothing that outlives the call but the lines it
//     returns.
//
// The vocabulary is the one the agent emits (symphony-api.md §9): text and
// structure tags, code blocks with syntax highlighting, links, images,
// tables, mentions, hashtags, cashtags, emoji, cards and expandable cards,
// ui-actions and dialogs, Symphony Elements forms (shown read-only), time
// elements and the chime. Unknown tags show their text; structured objects
// of an unknown type show their fallback content.
package render
