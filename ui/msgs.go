package ui

import (
	"time"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
)

// itemsMsg is a batch of engine items: everything that was queued on
// Deps.Items when the listening command woke up. Closed reports that the
// channel was closed (the engine stopped); Items may still hold the last ones.
type itemsMsg struct {
	Items  []engine.Item
	Closed bool
}

// pageMsg is a history page of a stream, fetched by the request (Stream,
// Gen). Older tells a page of older history from the latest page.
type pageMsg struct {
	Stream string
	Gen    uint64
	Older  bool
	// Fill is the gap the page fills, if it is a gap's page.
	Fill *history.Gap
	Page history.Page
}

// tickMsg refreshes the clocks of the status bar once a second.
type tickMsg time.Time

// noticeMsg is a notice for the status bar from a command.
type noticeMsg struct {
	text string
	bad  bool
}
