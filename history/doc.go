// Package history keeps the per-stream timelines of tutti and fetches the
// streams' history pages.
//
// A Timeline is the merge store of one stream: live datafeed events and
// history pages go in, through named verbs (ApplyLive, ApplyPage,
// ApplyPending, ApplySent, ApplyFailed, ApplySuppressed, AddGap, FillGap),
// and one ordered list of rows comes out. Its contract:
//   - Rows are ordered by (Timestamp, Key). A message's Key is its canonical
//     id (symphony.CanonicalID); every id is canonicalised before it is
//     compared, so either base64 alphabet names the same message.
//   - Every message is shown once, whatever the order and the number of its
//     deliveries (datafeed redelivery, overlapping or out-of-order pages).
//   - An edited message is one row at the position of its first version,
//     showing its newest version (by timestamp, then id) with Edited set,
//     whichever order its versions arrive in.
//   - A suppressed message stays as a tombstone (Suppressed, its content
//     dropped); a suppression that arrives before its message still applies
//     when the message comes.
//   - Room, membership, connection, form and system events are rows too,
//     deduplicated by a key built from their payload, since event ids are
//     not unique.
//   - The final rows depend only on what was delivered, not on the order:
//     applying the same messages and events in any interleaving of live
//     events and pages, with duplicates, gives the same rows.
//   - A Timeline does no I/O and is not safe for concurrent use: its owner
//     (the UI's Update, or a single loop) serialises every call.
//
// A Pager fetches history pages with the since/skip/limit contract of
// GET /agent/v4/stream/{sid}/message (each limit at most 500). Latest finds
// the newest messages, Older scrolls back, CatchUp back-fills everything
// since a Timeline's Watermark and Fill fills a gap row. Each is a blocking
// call with no goroutine of its own, meant to run in a tea.Cmd or a loop.
// A Pager is safe for concurrent use; Begin, End and Invalidate keep one
// request in flight per stream and tell stale results (by generation) from
// current ones.
package history
