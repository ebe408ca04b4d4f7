package ui

import "github.com/tutti-chat/tutti/feed"

// reconnectNow asks the datafeed to end its back-off wait and try again at
// once (Deps.ReconnectNow), when it is waiting to reconnect.
func (m *Model) reconnectNow() {
	f := m.status.feed
	switch {
	case m.deps.ReconnectNow == nil:
		m.notify("reconnecting is not available here", false)
	case !m.status.hasFeed || f.State != feed.Reconnecting && f.State != feed.Reauthenticating:
		state := "connecting"
		if m.status.hasFeed {
			state = f.State.String()
		}
		m.notify("the datafeed is "+state+": there is no wait to cut short", false)
	default:
		m.deps.ReconnectNow()
		m.notify("reconnecting the datafeed now", false)
	}
}
