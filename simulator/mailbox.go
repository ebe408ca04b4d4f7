package simulator

import "github.com/tutti-chat/tutti/symphony"

// mailbox is what the datafeeds of both versions share: the queue of events
// not delivered yet, and a channel closed (then replaced) to wake the
// readers waiting in a long poll when events arrive or the feed dies.
type mailbox struct {
	queue []symphony.V4Event
	wake  chan struct{}
	dead  bool
}

func newMailbox() mailbox { return mailbox{wake: make(chan struct{})} }

// push queues an event and wakes the readers.
func (m *mailbox) push(ev symphony.V4Event) {
	m.queue = append(m.queue, ev)
	m.signal()
}

// signal wakes the readers waiting on the feed.
func (m *mailbox) signal() {
	close(m.wake)
	m.wake = make(chan struct{})
}

// kill marks the feed gone and wakes its readers, who answer 400.
func (m *mailbox) kill() {
	m.dead = true
	m.signal()
}
