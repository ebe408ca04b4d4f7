package ui

import (
	"testing"

	"github.com/tutti-chat/tutti/internal/engine"
)

func TestListenCoalesces(t *testing.T) {
	ch := make(chan engine.Item, 10)
	for i := 0; i < 5; i++ {
		ch <- engine.Item{StreamID: "s"}
	}
	msg := listen(ch)().(itemsMsg)
	if len(msg.Items) != 5 || msg.Closed {
		t.Fatalf("got %d items, closed %v; want 5 in one batch", len(msg.Items), msg.Closed)
	}
	ch <- engine.Item{}
	close(ch)
	msg = listen(ch)().(itemsMsg)
	if len(msg.Items) != 1 || !msg.Closed {
		t.Fatalf("got %d items, closed %v; want the last one and closed", len(msg.Items), msg.Closed)
	}
	if msg := listen(ch)().(itemsMsg); !msg.Closed || len(msg.Items) != 0 {
		t.Fatalf("after close: %+v", msg)
	}
}
