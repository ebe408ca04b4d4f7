package ui

import (
	"bytes"
	"context"
	"io"
	"os"
	"slices"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
)

// NewProgram returns the Bubble Tea program of the UI's model m, running
// until ctx ends and drawing on out (nil: standard output), with opts; the
// context, the output and the filter of opts are replaced by NewProgram's.
//
// At rest the program does not wake 60 times a second. Bubble Tea's
// renderer ticks at a frame rate fixed when the program starts (and
// compares the view with the last frame at every tick), which costs more
// CPU than the whole UI at rest; it cannot be slowed down while the program
// runs. So once no message but the status clock's has come for restAfter,
// the program rests: it sends itself restMarker as a tea.RawMsg, which the
// renderer's next tick writes to the output; the output never passes it on,
// and holds that write, and with it the renderer's tick, until the next
// message, which the filter sees before the program handles it. The
// renderer's overdue tick then comes at once: the message's frame comes no
// later than without the rest. The status clock's tick ends the rest to
// draw the clock and begins the next one restSettle later. A rest lasts
// restMax at most (a shutdown on a panic waits for it), and ends with ctx.
//
// The output wraps out, and passes for a terminal when out is one (a
// file with a descriptor); tea.Exec would hand a program it runs a pipe
// instead of out: the UI runs none.
func NewProgram(ctx context.Context, m tea.Model, out io.Writer, opts ...tea.ProgramOption) *tea.Program {
	p, _ := newProgram(ctx, m, out, restAfter, opts...)
	return p
}

// newProgram is NewProgram, resting after a quiet time of after, and
// returns the program's rest too.
func newProgram(ctx context.Context, m tea.Model, out io.Writer, after time.Duration, opts ...tea.ProgramOption) (*tea.Program, *rest) {
	if ctx == nil {
		ctx = context.Background()
	}
	if out == nil {
		out = os.Stdout
	}
	r := &rest{ctx: ctx, after: after, last: time.Now()}
	var w io.Writer = &restWriter{out: out, rest: r}
	if f, ok := out.(ttyFile); ok {
		w = &restFile{restWriter{out: out, rest: r}, f}
	}
	p := tea.NewProgram(m, append(slices.Clip(opts), tea.WithContext(ctx), tea.WithOutput(w), tea.WithFilter(r.filter))...)
	r.send = p.Send
	return p, r
}

// The rest of NewProgram.
const (
	// restAfter is how long no message but the clock's may come before
	// the program rests.
	restAfter = time.Second
	// restSettle is how long after the clock's tick the program rests
	// again: enough for the renderer to draw the clock's frame first.
	restSettle = 50 * time.Millisecond
	// restMax is the longest rest, should nothing end it.
	restMax = 2 * time.Second
)

// restMarker is what the program writes to start a rest: an APC string,
// which a terminal would ignore, though the output never passes it on.
const restMarker = "\x1b_tutti:rest\x1b\\"

// restMark is the Msg of the tea.RawMsg that writes restMarker for the rest
// of its number.
type restMark uint64

// String returns restMarker: what Bubble Tea writes for a tea.RawMsg.
func (restMark) String() string { return restMarker }

// rest is the state of a program's rests.
type rest struct {
	ctx   context.Context
	after time.Duration // restAfter
	send  func(tea.Msg) // the program's Send

	mu      sync.Mutex
	last    time.Time     // when the last message but the clock's came
	gen     uint64        // the number of the current or last rest
	on      bool          // resting, or about to
	wake    chan struct{} // closed when the rest ends
	holding bool          // the output holds the renderer's tick
}

// filter sees every message before the program handles it: a message ends
// the rest, the clock's tick begins the next one, and a restMark of a rest
// that has ended is dropped.
func (r *rest) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case nil, tea.BatchMsg:
		// Nothing to handle or draw: what the batch's commands return
		// comes as messages of its own.
	case tickMsg:
		r.tick()
	case tea.RawMsg:
		if mark, ok := msg.Msg.(restMark); ok {
			if !r.current(mark) {
				return nil
			}
			break
		}
		r.active()
	default:
		r.active()
	}
	return msg
}

// active ends the rest: a message came.
func (r *rest) active() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.last = time.Now()
	r.end()
}

// tick ends the rest for the clock's frame and, when no other message came
// for r.after, begins the next one restSettle later.
func (r *rest) tick() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.end()
	if time.Since(r.last) < r.after {
		return
	}
	r.gen++
	r.on, r.wake = true, make(chan struct{})
	mark := tea.RawMsg{Msg: restMark(r.gen)}
	time.AfterFunc(restSettle, func() { r.send(mark) })
}

// end ends the rest, if any. r.mu is held.
func (r *rest) end() {
	if r.on {
		r.on = false
		close(r.wake)
	}
}

// current reports whether mark is of the rest now beginning.
func (r *rest) current(mark restMark) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.on && r.gen == uint64(mark)
}

// held reports whether the output holds the renderer's tick.
func (r *rest) held() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.holding
}

// hold returns when the rest ends, at once when there is none.
func (r *rest) hold() {
	r.mu.Lock()
	on, wake := r.on, r.wake
	r.holding = on
	r.mu.Unlock()
	if !on {
		return
	}
	defer func() {
		r.mu.Lock()
		r.holding = false
		r.mu.Unlock()
	}()
	t := time.NewTimer(restMax)
	defer t.Stop()
	select {
	case <-wake:
	case <-r.ctx.Done():
	case <-t.C:
	}
}

// restWriter is the program's output: it writes to out what the program
// writes but restMarker, and holds a write of restMarker for the rest.
type restWriter struct {
	out  io.Writer
	rest *rest
}

// Write writes p but restMarker to the output; with restMarker, it returns
// when the rest ends.
func (w *restWriter) Write(p []byte) (int, error) {
	if !bytes.Contains(p, []byte(restMarker)) {
		return w.out.Write(p)
	}
	if q := bytes.ReplaceAll(p, []byte(restMarker), nil); len(q) > 0 {
		if _, err := w.out.Write(q); err != nil {
			return 0, err
		}
	}
	w.rest.hold()
	return len(p), nil
}

// ttyFile is what Bubble Tea takes for a terminal (its term.File).
type ttyFile interface {
	io.ReadWriteCloser
	Fd() uintptr
}

// restFile is a restWriter on a file, which Bubble Tea can find a terminal
// in: its size, its colours.
type restFile struct {
	restWriter
	f ttyFile
}

// Read reads the file.
func (f *restFile) Read(p []byte) (int, error) { return f.f.Read(p) }

// Close closes the file.
func (f *restFile) Close() error { return f.f.Close() }

// Fd returns the file's descriptor.
func (f *restFile) Fd() uintptr { return f.f.Fd() }
