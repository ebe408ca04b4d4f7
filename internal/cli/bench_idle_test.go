//go:build linux

package cli

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/creack/pty"
)

// BenchmarkIdleCPU runs two children of this test binary side by side, each
// on a pseudo-terminal of its own of benchWidth×benchHeight, as a person
// runs them: tutti ("tutti ui --scenario quiet --no-state", the embedded
// simulator playing nothing) and a bare Bubble Tea program whose model does
// nothing at rest (idleBareModel). After idleSettle it reads both
// children's CPU time (the sum of their threads' /proc/<pid>/task/*/schedstat,
// in nanoseconds) over the same idleWindow and reports it as % of a core:
// tutti-%cpu and bare-%cpu.
//
// Then it measures the key-to-frame latency of both: the time from a key
// written to the terminal to the read of the frame that shows it (the typed
// "é", in tutti's search field, opened with "/", and in the bare program's
// line), with a backspace after each. "active" keys come idleActiveGap
// apart (and a random part of a frame), before the UI can rest; "rested"
// ones idleRestedGap after the last key, when it rests (ui.NewProgram: a
// second after the last message but its clock's). Each is reported as the
// median and the slowest, in ms: tutti-active-ms, tutti-rested-ms,
// bare-ms (the bare program has no rest: all its keys), and *-max-ms.
//
//	go test ./internal/cli -run '^$' -bench IdleCPU -benchtime 1x
//
// One op takes about a minute.
func BenchmarkIdleCPU(b *testing.B) {
	for range b.N {
		tutti := startIdleChild(b, "tutti", "Activity")
		bare := startIdleChild(b, "bare", "bare:")
		time.Sleep(idleSettle)

		t0, b0, w0 := tutti.cpu(b), bare.cpu(b), time.Now()
		time.Sleep(idleWindow)
		t1, b1, wall := tutti.cpu(b), bare.cpu(b), time.Since(w0)
		b.ReportMetric(100*(t1-t0).Seconds()/wall.Seconds(), "tutti-%cpu")
		b.ReportMetric(100*(b1-b0).Seconds()/wall.Seconds(), "bare-%cpu")

		// The search field takes the typed keys.
		if _, err := tutti.key("/", []byte("enter keep")); err != nil {
			b.Fatal(err)
		}
		var wg sync.WaitGroup
		var tActive, tRested, bActive, bRested []time.Duration
		var tErr, bErr error
		wg.Go(func() {
			if tActive, tErr = tutti.keys(idleActiveKeys, idleActiveGap); tErr == nil {
				tRested, tErr = tutti.keys(idleRestedKeys, idleRestedGap)
			}
		})
		wg.Go(func() {
			if bActive, bErr = bare.keys(idleActiveKeys, idleActiveGap); bErr == nil {
				bRested, bErr = bare.keys(idleRestedKeys, idleRestedGap)
			}
		})
		wg.Wait()
		if tErr != nil || bErr != nil {
			b.Fatal(tErr, bErr, tutti.errors(), bare.errors())
		}
		bAll := append(bActive, bRested...)
		reportLatency(b, "tutti-active", tActive)
		reportLatency(b, "tutti-rested", tRested)
		reportLatency(b, "bare", bAll)
		tutti.stop()
		bare.stop()
	}
}

// The phases of BenchmarkIdleCPU.
const (
	idleSettle     = 5 * time.Second        // from the first frame to the CPU window
	idleWindow     = 25 * time.Second       // the CPU window
	idleActiveKeys = 25                     // keys while active
	idleActiveGap  = 150 * time.Millisecond // before each of them
	idleRestedKeys = 5                      // keys at rest
	idleRestedGap  = 4 * time.Second        // before each of them
)

// idleChildEnv names the child a BenchmarkIdleCPU child process runs:
// "tutti" or "bare".
const idleChildEnv = "TUTTI_BENCH_IDLE_CHILD"

// reportLatency reports the median and the slowest of ds, in ms.
func reportLatency(b *testing.B, name string, ds []time.Duration) {
	b.Helper()
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(ds[len(ds)/2]), name+"-ms")
	b.ReportMetric(ms(ds[len(ds)-1]), name+"-max-ms")
}

// idleChild is a child of BenchmarkIdleCPU on the slave side of a
// pseudo-terminal whose master side it reads.
type idleChild struct {
	name    string
	cmd     *exec.Cmd
	master  *os.File
	stderr  string        // the file of its standard error
	changed chan struct{} // a token after each read
	done    chan struct{} // closed when the reader stops

	mu    sync.Mutex
	out   []byte    // everything read
	reads []readEnd // where each read ended in out, and when
}

// readEnd is the end of one read of the master: its offset in out and its
// time.
type readEnd struct {
	end int
	at  time.Time
}

// startIdleChild starts this test binary as child name on a new
// pseudo-terminal and waits for its first frame, the first output holding
// first.
func startIdleChild(b *testing.B, name, first string) *idleChild {
	b.Helper()
	master, slave, err := openPTY(benchWidth, benchHeight)
	if err != nil {
		b.Skipf("no pseudo-terminal: %v", err)
	}
	home := b.TempDir()
	c := &idleChild{name: name, master: master, stderr: filepath.Join(home, "stderr"),
		changed: make(chan struct{}, 1), done: make(chan struct{})}
	stderr, err := os.Create(c.stderr)
	if err != nil {
		b.Fatal(err)
	}
	defer stderr.Close()
	c.cmd = exec.Command(os.Args[0], "-test.run=^TestIdleChild$")
	c.cmd.Env = append(isolatedEnv(home), idleChildEnv+"="+name, "TERM=xterm-256color")
	c.cmd.Stdin, c.cmd.Stdout, c.cmd.Stderr = slave, slave, stderr
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := c.cmd.Start(); err != nil {
		b.Fatal(err)
	}
	slave.Close()
	go c.read()
	if _, ok := c.waitFor(0, []byte(first), 30*time.Second); !ok {
		c.stop()
		b.Fatalf("%s: no first frame in 30 s: %s", name, c.errors())
	}
	return c
}

// errors returns what the child wrote to its standard error.
func (c *idleChild) errors() string {
	data, _ := os.ReadFile(c.stderr)
	return string(data)
}

// read reads the master until the child is gone.
func (c *idleChild) read() {
	defer close(c.done)
	buf := make([]byte, 64<<10)
	for {
		n, err := c.master.Read(buf)
		at := time.Now()
		if n > 0 {
			c.mu.Lock()
			c.out = append(c.out, buf[:n]...)
			c.reads = append(c.reads, readEnd{len(c.out), at})
			c.mu.Unlock()
			select {
			case c.changed <- struct{}{}:
			default:
			}
		}
		if err != nil {
			return
		}
	}
}

// mark returns the length of the output so far.
func (c *idleChild) mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.out)
}

// waitFor waits up to timeout for pat in the output after offset from, and
// returns the time of the read that completed it. An empty pat matches
// the first output after from.
func (c *idleChild) waitFor(from int, pat []byte, timeout time.Duration) (time.Time, bool) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		c.mu.Lock()
		end := -1
		if len(pat) == 0 {
			if len(c.out) > from {
				end = from + 1
			}
		} else if i := bytes.Index(c.out[from:], pat); i >= 0 {
			end = from + i + len(pat)
		}
		if end >= 0 {
			i, _ := slices.BinarySearchFunc(c.reads, end, func(r readEnd, end int) int { return r.end - end })
			at := c.reads[i].at
			c.mu.Unlock()
			return at, true
		}
		c.mu.Unlock()
		select {
		case <-c.changed:
		case <-deadline.C:
			return time.Time{}, false
		}
	}
}

// key writes k to the terminal and waits for want in the output after it
// (any output when want is empty), returning the time from the write to
// the read that completed want.
func (c *idleChild) key(k string, want []byte) (time.Duration, error) {
	from := c.mark()
	start := time.Now()
	if _, err := c.master.WriteString(k); err != nil {
		return 0, fmt.Errorf("%s: %w", c.name, err)
	}
	at, ok := c.waitFor(from, want, 5*time.Second)
	if !ok {
		return 0, fmt.Errorf("%s: no %q on the screen 5 s after the key %q", c.name, want, k)
	}
	return at.Sub(start), nil
}

// keys types n times "é", each after gap and a random part of a 60 fps
// frame (a key comes at any point of the renderer's tick, not always at the
// same), and returns the key-to-frame latency of each; a backspace after
// each takes it away again.
func (c *idleChild) keys(n int, gap time.Duration) ([]time.Duration, error) {
	var out []time.Duration
	for range n {
		time.Sleep(gap + rand.N(time.Second/60))
		d, err := c.key("é", []byte("é"))
		if err != nil {
			return out, err
		}
		out = append(out, d)
		time.Sleep(20 * time.Millisecond)
		if _, err := c.key("\x7f", nil); err != nil {
			return out, err
		}
	}
	return out, nil
}

// cpu returns the CPU time the child's threads have used.
func (c *idleChild) cpu(b *testing.B) time.Duration {
	b.Helper()
	paths, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", c.cmd.Process.Pid))
	if err != nil || len(paths) == 0 {
		b.Fatalf("%s: no schedstat: %v", c.name, err)
	}
	var sum time.Duration
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			continue // a thread that ended
		}
		ns, err := strconv.ParseInt(strings.Fields(string(data))[0], 10, 64)
		if err != nil {
			b.Fatalf("%s: %s: %v", c.name, p, err)
		}
		sum += time.Duration(ns)
	}
	return sum
}

// stop ends the child and closes the terminal.
func (c *idleChild) stop() {
	_ = c.cmd.Process.Kill()
	_ = c.cmd.Wait()
	c.master.Close()
	<-c.done
}

// openPTY opens a new pseudo-terminal of cols×rows and returns its master
// and slave sides.
func openPTY(cols, rows int) (master, slave *os.File, err error) {
	master, slave, err = pty.Open()
	if err != nil {
		return nil, nil, err
	}
	if err := pty.Setsize(slave, &pty.Winsize{Rows: uint16(rows), Cols: uint16(cols)}); err != nil {
		master.Close()
		slave.Close()
		return nil, nil, err
	}
	return master, slave, nil
}

// TestIdleChild is a child process of BenchmarkIdleCPU: with
// TUTTI_BENCH_IDLE_CHILD=tutti it runs tutti's UI on the quiet scenario,
// with "bare" the bare program, on its terminal until killed. Run as an
// ordinary test it does nothing.
func TestIdleChild(t *testing.T) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var err error
	switch os.Getenv(idleChildEnv) {
	case "":
		return
	case "tutti":
		err = run(ctx, []string{"ui", "--scenario", "quiet", "--no-state"}, os.Stdout, os.Stderr)
	case "bare":
		_, err = tea.NewProgram(idleBareModel{}, tea.WithContext(ctx)).Run()
	default:
		t.Fatalf("unknown child %q", os.Getenv(idleChildEnv))
	}
	if err != nil {
		t.Fatal(err)
	}
}

// idleBareModel is the bare program of BenchmarkIdleCPU: at rest it does
// nothing; a key adds its text to the one line it shows, backspace takes
// the last rune away, ctrl+c quits.
type idleBareModel struct{ text []rune }

// Init starts nothing.
func (m idleBareModel) Init() tea.Cmd { return nil }

// Update applies a key.
func (m idleBareModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	switch {
	case !ok:
	case k.String() == "ctrl+c":
		return m, tea.Quit
	case k.String() == "backspace":
		if len(m.text) > 0 {
			m.text = m.text[:len(m.text)-1]
		}
	default:
		m.text = append(m.text, []rune(k.Text)...)
	}
	return m, nil
}

// View shows the line on the alternate screen, as tutti's is.
func (m idleBareModel) View() tea.View {
	v := tea.NewView("bare: " + string(m.text))
	v.AltScreen = true
	return v
}
