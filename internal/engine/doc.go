// Package engine follows a pod for a consumer that must see every event
// once: it runs the datafeed loop (package feed), back-fills every stream
// from history (package history) beside it, and hands each event on
// exactly once, in order within its stream.
//
// Delivery guarantees:
//   - Every MESSAGESENT and SHAREDPOST the pod delivers to the account is
//     handed on once: datafeed v2 redelivery, duplicate batches and the
//     overlap between the feed and history are removed by message id.
//   - The feed first: it is found or created and read at once. Once it
//     exists (feed.Opened), every stream of the account (the streams list
//     and the streams of the saved watermarks) is caught up from its
//     watermark (the newest message handed on, and the ids at that
//     millisecond) with history's since + skip paging, or from the
//     start-up horizon (Options.Since) when it has none; since the feed
//     already exists, nothing falls between history and the feed. The
//     messages found are handed on marked Recovered.
//   - Live events of a stream whose catch-up has not ended wait for it
//     (and move it to the front of the queue), then are handed on merged
//     with it in time order; live events of every other stream are handed
//     on at once. A stream first seen on the feed is caught up too.
//   - After a recreated feed, every stream is caught up over the window it
//     may have lost (from skewMargin before the old feed's last delivery),
//     and after a datafeed v1 reconnect likewise; a stream in a catch-up
//     at that moment is fetched again.
//   - The catch-up's calls go through a pacer that learns the pod's rate
//     limit from its 429s (pace.go), at most CatchUpConcurrency at once,
//     the streams named by Options.Priority and Prioritize first, then the
//     most recently active.
//   - When Run is stopped, it reads the feed until the feed has delivered
//     past the stop, runs dry or falls quiet (at most drainTimeout); when
//     the feed was failing then, every stream is caught up once more. A
//     catch-up that is running finishes; one that catches no stream up for
//     finalStall is cut short, and every stream it did not reach is handed
//     on as a gap item (with a state directory its watermark stays before
//     the gap, so the next run catches it up).
//   - Watermarks are saved in the state directory, so a restart loses
//     nothing and repeats nothing. (A message suppressed before the
//     catch-up passed it is not in history: the feed delivers it later,
//     after newer ones.)
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
// Concurrency: Run owns a goroutine for the feed and a pool of workers
// that make the catch-up's history calls; it decides everything on the
// caller's goroutine and calls emit there, synchronously, so emit blocking
// applies back-pressure to the feed and the catch-up. Prioritize and
// PaceStats are safe from any goroutine. An Engine runs once.
package engine
