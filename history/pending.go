package history

import "github.com/tutti-chat/tutti/symphony"

// ApplyPending shows our own message at once, before the agent confirms
// it, under a local id of the caller's choosing. A message without a
// timestamp goes after the newest row. Applying the same local id again
// replaces the message and clears a failure (a retry).
func (t *Timeline) ApplyPending(localID string, msg symphony.V4Message) {
	if msg.Timestamp == 0 && len(t.rows) > 0 {
		msg.Timestamp = t.rows[len(t.rows)-1].row.Timestamp
	}
	m := newMessage(&msg)
	key := pendingKey(localID)
	if e := t.ids[key]; e != nil {
		e.row.Message, e.row.Failed = m, ""
		t.move(e, m.Timestamp)
		return
	}
	e := &entry{row: Row{Key: key, Kind: RowMessage, Timestamp: m.Timestamp, Message: m, Pending: true}}
	t.ids[key] = e
	t.place(e)
	t.evict()
}

// ApplySent merges the agent's answer to our own message: the pending row
// of localID becomes the message msg, under its real id and timestamp. When
// the datafeed's echo of the message came first, the pending row is merged
// into the echo's row; an echo that comes later is a duplicate. It returns
// Updated when a pending row was resolved, else what merging msg did.
func (t *Timeline) ApplySent(localID string, msg symphony.V4Message) Change {
	if !messageID(symphony.CanonicalID(msg.MessageID)) {
		t.ApplyFailed(localID, "the agent answered without a valid message id")
		return Unchanged
	}
	pe := t.ids[pendingKey(localID)]
	if pe != nil {
		t.drop(pe)
	}
	ch := t.applyVersion(&msg, srcSent, nil, nil)
	t.evict()
	if pe != nil {
		return Updated
	}
	return ch
}

// ApplyFailed marks the pending message of localID as failed, with the
// reason; it stays pending until it is sent again (ApplyPending with the
// same local id) or discarded.
func (t *Timeline) ApplyFailed(localID string, reason string) {
	if reason == "" {
		reason = "not sent"
	}
	if e := t.ids[pendingKey(localID)]; e != nil && e.row.Pending {
		e.row.Failed = reason
	}
}

// DiscardPending removes the pending (or failed) message of localID and
// reports whether there was one.
func (t *Timeline) DiscardPending(localID string) bool {
	e := t.ids[pendingKey(localID)]
	if e == nil {
		return false
	}
	t.drop(e)
	return true
}
