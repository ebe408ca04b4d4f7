// Package ui is the terminal user interface of tutti: a stream list,
// timeline panes and a status bar over the events the engine hands on and the
// history pages the Pager fetches. It is the only package of the module that
// imports Bubble Tea.
//
// Contract:
//   - Model is a tea.Model. Every change of state happens in Update; View
//     only reads what Update prepared (the visible rows of the list, of the
//     timeline and the status line) and concatenates it, so a frame costs
//     the same whatever the size of the history.
//   - Feed items arrive through one re-armed command that blocks on
//     Deps.Items and hands on everything that arrives within a frame as one
//     batch (itemsMsg), never one message per event. The engine blocks while the channel is
//     full, so its back-pressure reaches the datafeed.
//   - All I/O runs in tea.Cmds that capture values (the Pager, a stream id, a
//     generation), never the model. History pages come back tagged with
//     (stream, generation); Pager.End drops stale ones, and Pager.Begin keeps
//     one request in flight per stream.
//   - The timeline is virtualised: only the rows on screen are laid out, each
//     row caches its rendered lines per (width, theme), and the position is
//     anchored on a row key so it stays put while events arrive above or
//     below it.
//   - The timeline area holds up to four panes (split, close, zoom); each
//     shows one stream, and a stream is in one pane at most, so the scroll
//     anchor belongs to the stream. The focused pane's stream is m.open;
//     the composer sits under that pane. Streams in a pane count no unread
//     items. Overlays (the switcher) cover the whole area.
//   - Every remote string is shown through package render or package
//     sanitize.
//   - The composer under the open pane keeps a draft per stream in the
//     model. Sending builds MessageML with messageml.FromComposer, shows the
//     message at once as a pending row (Timeline.ApplyPending), and runs
//     Deps.Send in a command; its answer (sentMsg) resolves the row with
//     ApplySent, so the datafeed's echo never doubles it, or marks it failed
//     with the reason. Send on an empty composer retries the stream's last
//     failed message. Activity and Connections are read-only.
//   - Composer.Complete completes the @name, #tag, $TICKER or :shortcode
//     before the cursor (complete.go) from the users the model knows, the
//     tags it saw in EntityJSON (a bounded set) and the emoji table, and
//     inserts what FromComposer turns into the entity; several candidates
//     cycle, shown in a line above the composer, and Leave restores the
//     token. HistoryPrev and HistoryNext, when the editor's cursor cannot
//     move up or down, recall the model's last sent texts (recall.go) and
//     come back to the unsent one.
//   - The quick switcher (Global.Switcher, from anywhere) takes the
//     timeline area: keys are text for its query, except the Switcher
//     bindings; streams rank by fuzzyScore of their names, then by last
//     activity. Global.NextActivity opens the next stream with unread items:
//     mentions, then IMs and MIMs, then the rest, newest first.
//
// Concurrency: the model is owned by the Bubble Tea event loop; nothing in
// this package takes a lock, starts a goroutine or calls Program.Send. Commands
// run on Bubble Tea's goroutines and share nothing mutable with the model.
package ui
