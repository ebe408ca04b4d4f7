package record

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"
)

// WriterOptions configure a Writer.
type WriterOptions struct {
	// Version is tutti's version, written in the header.
	Version string
	// Redact replaces names, e-mail addresses, usernames and user ids with
	// pseudonyms (see Redactor).
	Redact bool
	// Now gives the time of the header and of the answers; nil means
	// time.Now.
	Now func() time.Time
	// Logger receives a warning when an answer cannot be recorded; nil
	// discards it.
	Logger *slog.Logger
}

// Writer appends a recording to an io.Writer, one line per Write, each
// with a single call of the underlying Write. It is safe for concurrent
// use.
type Writer struct {
	now    func() time.Time
	log    *slog.Logger
	redact *Redactor // nil: no redaction

	mu  sync.Mutex
	w   io.Writer
	err error // the first write error; nothing is written after it
}

// NewWriter writes the header to w and returns the Writer of the entries.
func NewWriter(w io.Writer, opts WriterOptions) (*Writer, error) {
	rw := &Writer{w: w, now: opts.Now, log: opts.Logger}
	if rw.now == nil {
		rw.now = time.Now
	}
	if rw.log == nil {
		rw.log = slog.New(slog.DiscardHandler)
	}
	if opts.Redact {
		rw.redact = NewRedactor()
	}
	h := Header{Kind: KindHeader, Format: FormatVersion, Tutti: opts.Version, Start: rw.now(), Redacted: opts.Redact}
	if err := rw.writeLine(h); err != nil {
		return nil, err
	}
	return rw, nil
}

// Now returns the writer's time.
func (w *Writer) Now() time.Time { return w.now() }

// Write appends an entry, redacted first when the writer redacts. After a
// failed write it writes nothing more and returns that first error.
func (w *Writer) Write(e Entry) error {
	if w.redact != nil {
		body, err := w.redact.Body(e.Kind, e.Body)
		if err != nil {
			// An answer that cannot be redacted is not written at all.
			return fmt.Errorf("record: redact the %s answer: %w", e.Kind, err)
		}
		e.Body = body
	}
	return w.writeLine(e)
}

// writeLine encodes v on one line and writes it.
func (w *Writer) writeLine(v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // PresentationML stays readable
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("record: encode: %w", err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	if _, err := w.w.Write(buf.Bytes()); err != nil {
		w.err = fmt.Errorf("record: write: %w", err)
		w.log.Warn("the recording stops here", "err", err)
		return w.err
	}
	return nil
}

// Err returns the first write error, or nil.
func (w *Writer) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}
