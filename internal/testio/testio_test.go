package testio_test

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/tutti-chat/tutti/internal/testio"
)

var _ io.Writer = (*testio.Buffer)(nil)

// TestBufferConcurrentWrites writes from several goroutines while reading
// (run with -race), then checks that no write was lost or torn.
func TestBufferConcurrentWrites(t *testing.T) {
	var b testio.Buffer
	const writers, lines = 8, 200
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range lines {
				fmt.Fprintf(&b, "w%d-%d\n", w, i)
			}
		})
	}
	for range 50 {
		_ = b.Len()
		_ = b.String()
		_ = b.Bytes()
	}
	wg.Wait()
	got := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(got) != writers*lines {
		t.Fatalf("%d lines, want %d", len(got), writers*lines)
	}
	seen := map[string]bool{}
	for _, l := range got {
		seen[l] = true
	}
	for w := range writers {
		for i := range lines {
			if l := fmt.Sprintf("w%d-%d", w, i); !seen[l] {
				t.Fatalf("line %q missing", l)
			}
		}
	}
	if b.Len() != len(b.String()) {
		t.Errorf("Len %d, String has %d bytes", b.Len(), len(b.String()))
	}
}

// TestBufferBytesIsACopy checks that a later write does not change a slice
// Bytes returned.
func TestBufferBytesIsACopy(t *testing.T) {
	var b testio.Buffer
	b.Write([]byte("abc"))
	got := b.Bytes()
	got[0] = 'x'
	b.Write([]byte("def"))
	if string(got) != "xbc" || b.String() != "abcdef" {
		t.Errorf("Bytes %q, String %q", got, b.String())
	}
}
