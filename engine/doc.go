// Package engine follows a pod for a consumer that must see every event
// once: it runs the datafeed loop (package feed), back-fills every stream
// from history (package history) after anything that can lose events, and
// hands each event on exactly once, in order within its stream.
//
// Delivery guarantees:
//   - Every MESSAGESENT and SHAREDPOST the pod delivers to the account is
//     handed on once: datafeed v2 redelivery, duplicate batches and the
//     overlap between the feed and history are removed by message id.
//   - After a feed is recreated (its events may be lost), after a
//     reconnect, and at start-up, every stream of the account is caught up
//     from its watermark (the newest message handed on, and the ids at that
//     millisecond) with history's since + skip paging; the messages found
//     are handed on, marked Recovered, before any later live event of their
//     stream. (A message suppressed before the catch-up passed it is not
//     in history: the feed delivers it later, after newer ones.) Watermarks
//     are saved in the state directory, so a restart
//     loses nothing and repeats nothing.
//   - When Run is stopped, it catches up once more, so a consumer that
//     stops at a deadline has every message sent before it.
//   - Other events (membership, room, connection, form, system) come only
//     from the datafeed: history has no record of them, so those lost with
//     a dead feed stay lost; their duplicates are removed by a key built
//     from type, event id, stream, affected users and message ids. A
//     message sent and suppressed while no feed was alive is not in history
//     either, so it is lost too.
//   - Messages arriving more than DedupeWindow after newer ones of their
//     stream are taken for duplicates (Symphony's own guidance is a
//     15-minute window).
//
// Concurrency: Run owns one goroutine for the feed and does everything else
// on the caller's goroutine, calling emit synchronously; emit blocking
// applies back-pressure to the feed. An Engine runs once.
package engine
