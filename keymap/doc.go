// Package keymap holds tutti's key bindings: a KeyMap of key.Binding values
// grouped by the context in which they apply, built by Default.
//
// Contract:
//   - There is no package-level mutable state: a KeyMap is a value, built
//     after the configuration is read and passed down to the UI.
//   - Every binding has a stable action name, "<context>.<verb>" in
//     kebab-case (timeline.scroll-down, global.quit …), by which users may
//     override it (Override) and which the README's key table lists
//     (MarkdownTable).
//   - Contexts are layered. Global bindings apply everywhere, including
//     while typing, so they are all modifier chords. Normal bindings apply
//     wherever the focus is not on a text input (the stream list and the
//     timeline), so they may be plain letters. A key is bound to at most one
//     action among a context and the layers below it: Default has no
//     conflicts, Override refuses to create one and Conflicts reports them.
//   - Help is generated from the live map (ShortHelp, FullHelp, Help), so it
//     can never drift from what the keys do.
//   - The package only describes keys; it holds no Bubble Tea program logic.
package keymap
