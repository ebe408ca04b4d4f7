// Package testio holds the writers that tests share.
//
// Contract:
//   - It is for tests: only _test.go files and test helper packages (such
//     as simulator/simtest) import it, never the program.
//   - A Buffer is safe for concurrent use: a server, a recorder or a
//     command may write it from its goroutines while the test reads it.
//   - What a Buffer returns is the test's own: Bytes returns a copy, so
//     later writes never change a slice already handed out.
package testio

import (
	"bytes"
	"sync"
)

// Buffer is a bytes.Buffer guarded by a lock. Its zero value is an empty
// buffer ready to use; it must not be copied after first use.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write implements io.Writer: it appends p to the buffer.
func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// Bytes returns a copy of what was written so far.
func (b *Buffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}

// String returns what was written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Len returns the number of bytes written so far.
func (b *Buffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}
