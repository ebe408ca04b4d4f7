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
//   - One mode (mode.go) says what takes the keys: the timeline, the list,
//     the composer, the list filter, a search, the switcher, the help or
//     notices, the inspector. Only the functions that open and close those
//     set it, so two of them never both have the keys; key routing, the
//     help's context, the status bar's hint, whether q quits and whether
//     the mouse acts all derive from it.
//   - prepare (after every message) keeps layout apart from changes of
//     state: it places the panes, marks what is on screen seen, draws the
//     frame, then settles what the frame lacks (history to load, caches to
//     trim, the engine's priorities).
//   - Feed items arrive through one re-armed command that blocks on
//     Deps.Items and hands on everything that arrives within 100 ms as one
//     batch (itemsMsg), never one message per event. The engine blocks while the channel is
//     full, so its back-pressure reaches the datafeed.
//   - All I/O runs in tea.Cmds that capture values (the Pager, a stream id, a
//     generation), never the model. History pages come back tagged with
//     (stream, generation); Pager.End drops stale ones, and Pager.Begin keeps
//     one request in flight per stream.
//   - The timeline is virtualised: only the rows on screen are laid out, each
//     row caches its rendered lines while one comparable key of what they
//     were laid out from (items.go: layoutKey) is equal, and the position is
//     anchored on a row key so it stays put while events arrive above or
//     below it.
//   - The timeline area holds up to four panes (split, close, zoom); each
//     shows one stream, and a stream is in one pane at most, so the scroll
//     anchor belongs to the stream. The focused pane's stream is m.open;
//     the composer sits under that pane. Streams in a pane count no unread
//     items. Overlays cover the whole area and take the keys while open:
//     the switcher, help, the log of notices and datafeed changes
//     (notices.go) and the inspector.
//   - A stream's pane may select a row (selection.go), by key and timestamp
//     like the anchor; copy (OSC 52 through tea.SetClipboard), open link
//     (Deps.OpenURL, http/https/mailto only), inspect (the raw event as
//     JSON) and a gap's fill act on it. Search (search.go) matches the
//     loaded rows' text without markup, case-folded, selects matches and
//     highlights them in reverse video without touching other escapes.
//   - Rows a layout shows come from the row and its neighbours: day lines,
//     author headers, the read marker of a stream opened with unread items,
//     a reply's quote of its parent (under the reply's own header), and runs
//     of membership rows collapsed into their last row (membership.go) or
//     hidden; a message the reader expanded (expand.go) shows its collapsed
//     cards and all its lines.
//   - The bell (notify.go) rings through tea.Raw for a mention, an IM or a
//     chime off screen, at most once per bellGap, as Deps.Bell allows;
//     nothing of a message goes to the bell or the window title.
//   - Every remote string is shown through package render or package
//     sanitize.
//   - The composer under the open pane keeps a draft per stream in the
//     model. Sending builds MessageML with messageml.FromComposer, shows the
//     message at once as a pending row (Timeline.ApplyPending), and runs
//     Deps.Send in a command; its answer (sentMsg) resolves the row with
//     ApplySent, so the datafeed's echo never doubles it, or marks it failed
//     with the reason. Send on an empty composer retries the stream's last
//     failed message. Activity and Connections are read-only, and so is
//     every stream without Deps.Send (a replay): the composer does not open.
//   - Message actions (msgactions.go) put the composer of a stream in one
//     action at a time, named on a line above it: an edit (Timeline.Edit)
//     of one of the reader's messages, whose PresentationML
//     messageml.ToComposer turns back into composer text or refuses, sent
//     with Deps.UpdateMessage and applied as the message's new version; a
//     quote-reply (Timeline.Reply) or a forward (Timeline.Forward, to a
//     stream picked in the switcher), sent as a quote card before the text,
//     since the create API has no parent field. Leave ends the action.
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
//     activity, and commands (commands.go) follow them. Global.NextActivity opens the next stream with unread items:
//     mentions, then IMs and MIMs, then the rest, newest first.
//   - A switcher query that reads as a search across streams ($TICKER,
//     #tag, @name, by:, from:, to:, in:, or "search …"; results_query.go)
//     puts the command that runs it first; Deps.SearchMessages answers it
//     page by page into the stream resultsID (KindSearch, results.go): a
//     read-only stream whose rows come from many streams, as Activity's
//     do, named after the query and its count, whose next page loads when
//     its pane shows the top of what is loaded; a datafeed message that
//     meets the query (results_live.go) joins it.
//   - enter on a row of a stream that merges streams (Activity) opens the
//     row's stream in a pane at that row, selected (jump.go): a jumpTarget
//     waits in the stream until the history from its time, loaded as a
//     gap's fill, brings it, and what the fill does not reach stays a gap
//     row. A prompt under the focused pane (prompt.go, modePrompt), typed
//     like a search, asks for the date that the stream jumps to the same
//     way. Mark all read and mute (mute.go) change counts, read markers
//     and the bell only; the muted streams are kept in Saved.
//   - The people overlay (people.go) shows a room's info and members, an
//     IM's participants, or a user's profile, from Deps.People in commands
//     capturing values; a member's profile opens over the members and esc
//     goes back to them. Presence (presence.go) is only ever read: for the
//     peers of the IMs the list shows, on the status clock's tick, again
//     after presenceEvery, and for the members and profiles shown; the
//     marks are cached in the model.
//   - A message's attachments (attachments.go) download through
//     Deps.Attachment into Deps.DownloadDir by package download (a safe
//     name, never over a file, 0600, complete or not at all); the paths
//     saved are kept by message for Deps.OpenFile. A composer line
//     "/attach PATH" sends a file (upload.go), read and size-checked in
//     the send's command. Connection requests (connections.go) are
//     answered with Deps.AnswerConnection and asked with Deps.Connect; a
//     request row shows its state, kept from the answers and from the
//     datafeed's connection events.
//
// Concurrency: the model is owned by the Bubble Tea event loop; nothing in
// the model takes a lock, starts a goroutine or calls Program.Send. Commands
// run on Bubble Tea's goroutines and share nothing mutable with the model;
// a download's command starts one goroutine that saves its files and
// reports on the job's channel, read by a re-armed command.
// Only the program's rest (program.go, outside the model) does: it holds
// Bubble Tea's 60 fps renderer while no message comes, and its message
// filter ends the hold.
package ui
