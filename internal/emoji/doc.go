// Package emoji is the emoji shortcode table Symphony uses: the shortcodes
// accepted by <emoji shortcode="…"/> in MessageML and the glyphs the agent
// renders for them.
//
// Contract:
//   - The table is the one shipped with finos/messageml-utils (emoji.properties,
//     Apache-2.0, see the NOTICE file), embedded in the binary. It is parsed
//     once, on first use of Table, and never changes afterwards, so a *Set is
//     safe for concurrent use.
//   - Shortcodes are case-sensitive and have no surrounding colons ("smiley",
//     "+1", "flag_fr").
//   - Several shortcodes may share a glyph; Shortcode picks one of them
//     deterministically (the shortest, then the first in byte order).
package emoji
