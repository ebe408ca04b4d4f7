//go:build unix

package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/tutti-chat/tutti/internal/session"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The benchmarks of this file run the whole terminal UI as tutti does
// without a command (connect, startUI, newUIProgram), at 200×60 and the
// default 60 fps, with no input and its output discarded. The embedded
// simulator runs in the same process, so the process's CPU time counts it
// too; the CPU benchmarks therefore also measure the simulator alone, and
// the UI with the simulator in a child process (a pod of its own, as a real
// one is).

// benchWidth and benchHeight are the window size of the benchmarks.
const benchWidth, benchHeight = 200, 60

// frameWriter is the terminal of a benchmarked UI: it discards what the
// program writes, counting the writes, and records when the first frame
// arrived (the first write that draws the stream list).
type frameWriter struct {
	mu     sync.Mutex
	writes int
	first  time.Time
	seen   chan struct{} // closed at the first frame
}

func newFrameWriter() *frameWriter { return &frameWriter{seen: make(chan struct{})} }

func (w *frameWriter) Write(p []byte) (int, error) {
	now := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writes++
	if w.first.IsZero() && bytes.Contains(p, []byte("Activity")) {
		w.first = now
		close(w.seen)
	}
	return len(p), nil
}

// count returns the writes so far.
func (w *frameWriter) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.writes
}

// defaultSimFlags returns the embedded simulator's flags as tutti's command
// line leaves them, with the named flags set.
func defaultSimFlags(b *testing.B, set ...string) embeddedSimFlags {
	b.Helper()
	var f embeddedSimFlags
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	addEmbeddedSimFlags(fs, &f)
	if err := fs.Parse(set); err != nil {
		b.Fatal(err)
	}
	return f
}

// uiRun is a running UI.
type uiRun struct {
	start     time.Time // before connecting
	connected time.Time // connected and logged in, names loaded
	out       *frameWriter
	cancel    context.CancelFunc
	done      chan error
	wait      func()
	conn      *session.Conn
}

// startUIRun starts the UI as runUI does: against the pod of configPath,
// else the embedded simulator of sim.
func startUIRun(b *testing.B, configPath string, sim embeddedSimFlags) *uiRun {
	b.Helper()
	logger := slog.New(slog.DiscardHandler)
	r := &uiRun{out: newFrameWriter(), done: make(chan error, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	r.start = time.Now()
	conn, err := session.Connect(ctx, session.Target{Config: configPath}, sim.session(), session.Recording{}, logger)
	if err != nil {
		cancel()
		b.Fatal(err)
	}
	r.connected = time.Now()
	r.conn = conn
	model, wait := startUI(ctx, conn, time.Hour, nil, logger)
	r.wait = wait
	p := newUIProgram(ctx, model, r.out,
		tea.WithInput(nil), tea.WithWindowSize(benchWidth, benchHeight), tea.WithoutSignalHandler())
	go func() {
		_, err := p.Run()
		r.done <- err
	}()
	select {
	case <-r.out.seen:
	case err := <-r.done:
		r.stop()
		b.Fatalf("the UI stopped before its first frame: %v", err)
	case <-time.After(20 * time.Second):
		r.stop()
		b.Fatal("no first frame in 20 s")
	}
	return r
}

// stop quits the UI and the engine, and stops the embedded simulator.
func (r *uiRun) stop() {
	r.cancel()
	if err := <-r.done; err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		panic(fmt.Sprintf("the UI: %v", err))
	}
	r.wait()
	r.conn.Close()
}

// BenchmarkUIFirstFrame measures the start of `go run .`: from connecting
// (starting the embedded simulator with the default flags, its keys and
// company, logging in, loading the names) to the first frame written.
// ms/connect is the part before the UI starts, mostly the two 2048-bit RSA
// keys the simulator generates; ms/ui the rest (listing the streams, the
// program's start, its first frame at the first 60 fps tick). The key
// generation makes the time vary from start to start: ms/slowest-first-frame
// is the slowest of the run.
func BenchmarkUIFirstFrame(b *testing.B) {
	b.Setenv("TUTTI_CONFIG", "")
	sim := defaultSimFlags(b)
	var total, conn, slowest time.Duration
	for range b.N {
		r := startUIRun(b, "", sim)
		first := r.out.first.Sub(r.start)
		total += first
		slowest = max(slowest, first)
		conn += r.connected.Sub(r.start)
		b.StopTimer()
		r.stop()
		b.StartTimer()
	}
	ms := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(b.N) }
	b.ReportMetric(ms(total), "ms/first-frame")
	b.ReportMetric(ms(conn), "ms/connect")
	b.ReportMetric(ms(total-conn), "ms/ui")
	b.ReportMetric(ms(slowest)*float64(b.N), "ms/slowest-first-frame")
}

// cpuTime returns the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// lines counts the lines of a file: the events of a ledger.
func lines(path string) int {
	data, _ := os.ReadFile(path)
	return bytes.Count(data, []byte("\n"))
}

// cpuWindow is how long a CPU benchmark measures, after cpuSettle (the
// start, its history loads and catch-up).
const cpuWindow, cpuSettle = 5 * time.Second, 2 * time.Second

// cpuLoad is a load of the CPU benchmarks: a scenario of the simulator.
type cpuLoad struct {
	name  string
	flags []string // of the embedded simulator and of tutti simulator
}

// cpuLoads are the loads: idle, and about 100 events a second reaching the
// UI (the demo scenario plays about one action a second at speed 1, most of
// them in the account's streams: at speed 90, 95 to 97 events a second).
var cpuLoads = []cpuLoad{
	{"idle", []string{"--scenario", "quiet"}},
	{"100eps", []string{"--scenario", "demo", "--speed", "90"}},
}

// measureCPU measures the process's CPU time per wall second over
// cpuWindow and reports it, with the events the ledger gained meanwhile
// when there is one, and the program's writes when out is set.
func measureCPU(b *testing.B, ledger string, out *frameWriter) {
	b.Helper()
	time.Sleep(cpuSettle)
	ev0, w0 := 0, 0
	if ledger != "" {
		ev0 = lines(ledger)
	}
	if out != nil {
		w0 = out.count()
	}
	c0, t0 := cpuTime(), time.Now()
	time.Sleep(cpuWindow)
	cpu, wall := cpuTime()-c0, time.Since(t0)
	b.ReportMetric(100*cpu.Seconds()/wall.Seconds(), "%cpu")
	if ledger != "" {
		b.ReportMetric(float64(lines(ledger)-ev0)/wall.Seconds(), "events/s")
	}
	if out != nil {
		b.ReportMetric(float64(out.count()-w0)/wall.Seconds(), "writes/s")
	}
}

// BenchmarkUICPU measures the CPU time the UI takes per wall second, at
// rest ("idle": the quiet scenario plays nothing) and at about 100 events a
// second, three ways:
//
//   - "ui+sim": the UI as `go run .` runs it, with the embedded simulator
//     in the same process; its %cpu counts the simulator too.
//   - "sim": the embedded simulator alone, playing the same scenario with
//     no client; the difference with ui+sim is the UI, the engine and the
//     simulator's serving of their requests.
//   - "ui": the UI against the simulator in a child process (tutti
//     simulator, as a real pod is another machine): the %cpu of tutti
//     alone, which is what the targets bound.
//
// events/s counts the events the service account's datafeed delivered
// (the simulator's ledger); writes/s the program's writes to the terminal,
// one per frame that changed. One op is one measurement of cpuWindow.
func BenchmarkUICPU(b *testing.B) {
	b.Setenv("TUTTI_CONFIG", "")
	for _, load := range cpuLoads {
		b.Run(load.name+"/ui+sim", func(b *testing.B) {
			for range b.N {
				ledger := filepath.Join(b.TempDir(), "ledger.jsonl")
				r := startUIRun(b, "", defaultSimFlags(b, append(load.flags, "--ledger", ledger)...))
				measureCPU(b, ledger, r.out)
				r.stop()
			}
		})
		b.Run(load.name+"/sim", func(b *testing.B) {
			for range b.N {
				// No client: the ledger would stay empty.
				ctx, cancel := context.WithCancel(context.Background())
				conn, err := session.StartSimulator(ctx, defaultSimFlags(b, load.flags...).session(), slog.New(slog.DiscardHandler))
				if err != nil {
					b.Fatal(err)
				}
				measureCPU(b, "", nil)
				cancel()
				conn.Close()
			}
		})
		b.Run(load.name+"/ui", func(b *testing.B) {
			for range b.N {
				dir := b.TempDir()
				ledger, config := filepath.Join(dir, "ledger.jsonl"), filepath.Join(dir, "config.yaml")
				stop := startSimulatorProcess(b, config, append(load.flags, "--ledger", ledger)...)
				r := startUIRun(b, config, embeddedSimFlags{})
				measureCPU(b, ledger, r.out)
				r.stop()
				stop()
			}
		})
	}
}

// simulatorProcessEnv carries the arguments of tutti simulator to the
// child process of startSimulatorProcess.
const simulatorProcessEnv = "TUTTI_BENCH_SIMULATOR_ARGS"

// startSimulatorProcess runs `tutti simulator` in a child process (this
// test binary, running TestSimulatorProcess) on a free loopback port,
// writing its configuration to config, and returns the function that stops
// it.
func startSimulatorProcess(b *testing.B, config string, flags ...string) (stop func()) {
	b.Helper()
	args := append([]string{"simulator", "--addr", "127.0.0.1:0", "--write-config", config, "--long-poll", "3s"}, flags...)
	cmd := exec.Command(os.Args[0], "-test.run=^TestSimulatorProcess$")
	cmd.Env = append(os.Environ(), simulatorProcessEnv+"="+strings.Join(args, "\n"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	stop = func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := os.Stat(config); err == nil {
			return stop
		}
		if time.Now().After(deadline) {
			stop()
			b.Fatalf("the simulator wrote no configuration in 20 s: %s", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestSimulatorProcess is the child process of startSimulatorProcess: it
// runs tutti simulator until interrupted. Run as an ordinary test it does
// nothing.
func TestSimulatorProcess(t *testing.T) {
	args := os.Getenv(simulatorProcessEnv)
	if args == "" {
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, strings.Split(args, "\n"), io.Discard, os.Stderr); err != nil {
		t.Fatal(err)
	}
}
