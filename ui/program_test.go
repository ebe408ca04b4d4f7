package ui

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// restModel is a model for the rest's tests: the status clock's tick every
// restModelTick, and a line that keys write on.
type restModel struct{ text string }

// restModelTick is restModel's clock: faster than the UI's, for short
// tests, and slower than restSettle and a frame, or it would never rest.
const restModelTick = 200 * time.Millisecond

// restModelTickCmd returns the command of restModel's next tick.
func restModelTickCmd() tea.Cmd {
	return tea.Tick(restModelTick, func(t time.Time) tea.Msg { return tickMsg(t) })
}

// Init starts the clock.
func (m *restModel) Init() tea.Cmd { return restModelTickCmd() }

// Update re-arms the clock and writes keys on the line.
func (m *restModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tickMsg:
		return m, restModelTickCmd()
	case tea.KeyPressMsg:
		m.text += msg.Text
	}
	return m, nil
}

// View shows the line.
func (m *restModel) View() tea.View { return tea.NewView("line:" + m.text) }

// lockedBuffer is a program's output that a test reads meanwhile.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what was written.
func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startRestProgram runs a restModel program that rests after no quiet time
// at all, and returns it, its rest, its output and the channel of Run's
// error.
func startRestProgram(t *testing.T, ctx context.Context) (*tea.Program, *rest, *lockedBuffer, chan error) {
	t.Helper()
	out := new(lockedBuffer)
	p, r := newProgram(ctx, &restModel{}, out, 0, tea.WithInput(nil), tea.WithWindowSize(40, 5), tea.WithoutSignalHandler())
	done := make(chan error, 1)
	go func() {
		_, err := p.Run()
		done <- err
	}()
	return p, r, out, done
}

// waitUntil waits for cond, failing the test if it does not hold within
// a generous bound (a hang, not a measure).
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("no %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestRestHoldsTheRendererAndAKeyEndsIt: at rest the output holds the
// renderer's tick; a key's frame still comes, the marker never reaches the
// terminal, and the program quits while resting.
func TestRestHoldsTheRendererAndAKeyEndsIt(t *testing.T) {
	p, r, out, done := startRestProgram(t, context.Background())
	waitUntil(t, "first frame", func() bool { return strings.Contains(out.String(), "line:") })
	waitUntil(t, "rest", r.held)
	p.Send(tea.KeyPressMsg{Code: 'é', Text: "é"})
	waitUntil(t, "frame of the key", func() bool { return strings.Contains(out.String(), "é") })
	waitUntil(t, "rest after the key", r.held)
	p.Quit()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), restMarker) || strings.Contains(out.String(), "tutti:rest") {
		t.Errorf("the rest's marker reached the terminal: %q", out.String())
	}
}

// TestRestEndsWithTheContext: a program resting stops when its context
// ends.
func TestRestEndsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	_, r, out, done := startRestProgram(t, ctx)
	waitUntil(t, "first frame", func() bool { return strings.Contains(out.String(), "line:") })
	waitUntil(t, "rest", r.held)
	cancel()
	if err := <-done; !errors.Is(err, tea.ErrProgramKilled) {
		t.Fatalf("Run: %v, want tea.ErrProgramKilled", err)
	}
}

// TestRestFilterDropsAStaleMark: the mark of a rest that a message ended
// is dropped before the program writes it; the current one passes.
func TestRestFilterDropsAStaleMark(t *testing.T) {
	r := &rest{ctx: context.Background(), send: func(tea.Msg) {}}
	r.tick() // quiet since forever: rest 1 begins
	if got := r.filter(nil, tea.RawMsg{Msg: restMark(1)}); got == nil {
		t.Fatal("the current mark was dropped")
	}
	r.filter(nil, tea.KeyPressMsg{Code: 'x', Text: "x"})
	if got := r.filter(nil, tea.RawMsg{Msg: restMark(1)}); got != nil {
		t.Fatalf("a stale mark passed: %v", got)
	}
	if got := r.filter(nil, tea.RawMsg{Msg: "\a"}); got == nil {
		t.Fatal("a bell was dropped")
	}
}
