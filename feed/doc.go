// Package feed runs a Symphony datafeed: it finds or creates the feed, reads
// it in a loop, hands every batch of events to one channel, and recovers
// from what real agents do to a long-lived reader (expired feeds, expired
// sessions, 5xx, 429 and dropped connections), the way the Symphony BDKs do.
//
// Contract:
//   - Datafeed v2 (/agent/v5/datafeeds) by default; datafeed v1
//     (/agent/v4/datafeed) when asked for, or when the agent answers the v2
//     list or create with 404. A v2 feed is reused across restarts only when
//     it is listed under Options.Tag, the reader's own tag, so a feed of
//     another reader (a bot's) is never read; without a tag a feed is always
//     created; DeleteOnExit deletes it when Run ends. A v1 feed id is kept in
//     the BDK's datafeed.id format.
//   - Delivery is at-least-once per feed. A v2 batch is acknowledged (its
//     ackId sent with the next read) only after it has been handed over, so
//     a batch that was read but not handed over (a crash, a cancellation, a
//     lost answer) is delivered again. Duplicates are therefore possible and
//     are passed on as they come: consumers dedupe by message id. Datafeed
//     v1 has no acknowledgement: a batch lost on the wire, or taken by a
//     long poll cancelled under it, is lost without a report, which is one
//     more reason to prefer v2.
//   - When a feed dies (a 400 on read: expired, over capacity, unknown
//     ackId) a new one is created and a Recreated status reports the
//     interval [GapFrom, GapTo] in which events may have been lost; the
//     consumer back-fills its streams from history over that interval.
//     GapFrom is conservative: the earlier of the start of the last
//     successful read of the old feed and the timestamp of the last event
//     it delivered (so events left queued behind a full batch are covered),
//     and never earlier than when Run asked for the old feed (listed or
//     created it): what happened before Run started is the business of the
//     consumer's start-up back-fill. GapTo is when the new feed exists.
//   - Batches are handed over in the order they were read, one Update each,
//     never empty; empty long polls are not reported. Status updates go on
//     the same channel, in order with the batches.
//   - Errors: 401 after the client's own re-login → Reauthenticating, log
//     in again, keep the feed, back off; 5xx, 429 (at least its Retry-After)
//     and network failures → Reconnecting with a capped exponential back-off
//     with equal jitter (half the delay fixed, half random); 403, 404, a 401
//     with static session tokens (symphony.ErrTokenRejected: there is
//     nothing to log in with) and anything else → Stopped, and Run returns
//     the error wrapped with the operation ("datafeed v2 read: 403
//     Forbidden: ...").
//
// Concurrency: Run is the one goroutine that touches the feed; it makes one
// call at a time, so there are never two reads in parallel. It blocks on the
// channel while the consumer is slow (back-pressure: nothing is read until
// the previous batch has been taken), never closes the channel, and ends
// promptly when its context is cancelled, including during a long poll or a
// back-off wait (it then sends no Stopped status). Two processes must not read the same feed: give each its
// own Options.Tag. The package keeps no global state.
package feed
