package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// execFlags are --exec and how its commands run.
type execFlags struct {
	line    string        // --exec, as given
	argv    []string      // the command line split, nil without --exec
	timeout time.Duration // --exec-timeout
	jobs    int           // --exec-jobs: commands at once
	queue   int           // --exec-queue: runs waiting, at most
}

// addExecFlags declares --exec, --exec-timeout, --exec-jobs and
// --exec-queue.
func addExecFlags(fs *flag.FlagSet, f *execFlags) {
	fs.StringVar(&f.line, "exec", "", "run `'CMD ARG...'` for each match (once per rule matched), the event as JSON on its stdin and "+
		"TUTTI_RULE, TUTTI_STREAM, TUTTI_STREAM_NAME, TUTTI_EVENT_ID, TUTTI_EVENT_TYPE in its environment; "+
		"split into words as a shell would, quotes and backslashes, but never run by a shell")
	fs.DurationVar(&f.timeout, "exec-timeout", 10*time.Second, "kill an --exec command that runs longer than this")
	fs.IntVar(&f.jobs, "exec-jobs", 4, "run at most this many --exec commands at once")
	fs.IntVar(&f.queue, "exec-queue", 100, "let at most this many --exec runs wait for one of --exec-jobs; beyond, each is dropped with a warning")
}

// check splits the command line of --exec and checks the bounds.
func (f *execFlags) check() error {
	if f.line == "" {
		return nil
	}
	argv, err := splitCommand(f.line)
	if err != nil {
		return fmt.Errorf("--exec %q: %w", f.line, err)
	}
	switch {
	case f.timeout <= 0:
		return fmt.Errorf("--exec-timeout %s: want a positive duration", f.timeout)
	case f.jobs < 1:
		return fmt.Errorf("--exec-jobs %d: want at least 1", f.jobs)
	case f.queue < 0:
		return fmt.Errorf("--exec-queue %d: want 0 or more", f.queue)
	}
	f.argv = argv
	return nil
}

// splitCommand splits a command line into words as a POSIX shell does,
// and nothing more: white space separates words, '…' keeps everything
// inside as it is, "…" everything but \" and \\, and a backslash outside
// quotes keeps the next character. No variable, glob, pipe, redirection
// or other expansion: the words go to the command as they are.
func splitCommand(line string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case c == '\\':
			if i+1 >= len(line) {
				return nil, errors.New("it ends with a backslash")
			}
			i++
			w.WriteByte(line[i])
			inWord = true
		case c == '\'':
			end := strings.IndexByte(line[i+1:], '\'')
			if end < 0 {
				return nil, errors.New("a ' is not closed")
			}
			w.WriteString(line[i+1 : i+1+end])
			i += end + 1
			inWord = true
		case c == '"':
			j := i + 1
			for ; j < len(line) && line[j] != '"'; j++ {
				if line[j] == '\\' && j+1 < len(line) && (line[j+1] == '"' || line[j+1] == '\\') {
					j++
				}
				w.WriteByte(line[j])
			}
			if j >= len(line) {
				return nil, errors.New(`a " is not closed`)
			}
			i = j
			inWord = true
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	if len(words) == 0 {
		return nil, errors.New("no command")
	}
	return words, nil
}

// execJob is one run of the --exec command: a rule an event matched.
type execJob struct {
	rule, event, eventType, stream, streamName string
	input                                      []byte // the event as JSON, a line
}

// execRunner runs the --exec command for each match: at most jobs at
// once, up to queue more waiting; a run beyond is dropped, with a warning
// that counts the drops. A failure (an exit status, a timeout, a command
// that cannot start) is reported on stderr with the rule and the event.
type execRunner struct {
	f       execFlags
	stderr  io.Writer // safe for concurrent writes
	waiting chan execJob
	ctx     context.Context // ends the commands when tail is interrupted
	cancel  context.CancelFunc
	done    sync.WaitGroup
	dropped atomic.Int64
	failed  atomic.Int64
}

// newExecRunner starts the runner's workers.
func newExecRunner(f execFlags, stderr io.Writer) *execRunner {
	ctx, cancel := context.WithCancel(context.Background())
	r := &execRunner{f: f, stderr: stderr, waiting: make(chan execJob, f.queue), ctx: ctx, cancel: cancel}
	for range f.jobs {
		r.done.Add(1)
		go r.work()
	}
	return r
}

// work runs the jobs that wait, one after the other, until there are no
// more.
func (r *execRunner) work() {
	defer r.done.Done()
	for j := range r.waiting {
		if r.ctx.Err() != nil {
			r.dropped.Add(1)
			continue
		}
		r.run(j)
	}
}

// submit hands a job to a worker, or queues it; with the queue full it is
// dropped, loudly.
func (r *execRunner) submit(j execJob) {
	select {
	case r.waiting <- j:
		return
	default:
	}
	n := r.dropped.Add(1)
	fmt.Fprintf(r.stderr, "tutti: warning: --exec: %d commands running and %d waiting (--exec-jobs, --exec-queue): "+
		"dropped the run for rule %q, event %s (%d dropped so far)\n", r.f.jobs, r.f.queue, j.rule, j.event, n)
}

// run runs the command for one job, within the timeout.
func (r *execRunner) run(j execJob) {
	ctx, cancel := context.WithTimeout(r.ctx, r.f.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.f.argv[0], r.f.argv[1:]...)
	cmd.Stdin = bytes.NewReader(j.input)
	cmd.Stdout, cmd.Stderr = r.stderr, r.stderr // tail's stdout is the events'
	cmd.Env = append(os.Environ(), "TUTTI_RULE="+j.rule, "TUTTI_STREAM="+j.stream, "TUTTI_STREAM_NAME="+j.streamName,
		"TUTTI_EVENT_ID="+j.event, "TUTTI_EVENT_TYPE="+j.eventType)
	cmd.WaitDelay = time.Second // a killed command's children may hold its output open
	killGroup(cmd)
	err := cmd.Run()
	switch {
	case err == nil:
		return
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		err = fmt.Errorf("killed after --exec-timeout %s", r.f.timeout)
	case r.ctx.Err() != nil:
		err = errors.New("killed: tutti was interrupted")
	case errors.Is(err, exec.ErrNotFound):
		err = fmt.Errorf("%s: no such command", r.f.argv[0])
	}
	r.failed.Add(1)
	fmt.Fprintf(r.stderr, "tutti: --exec for rule %q, event %s: %v\n", j.rule, j.event, err)
}

// stop ends the runner: when interrupted, the commands running are killed
// and those waiting dropped; else they all run. It returns how many runs
// were dropped in all, and says so, with the failures, on stderr.
func (r *execRunner) stop(interrupted bool) int {
	if interrupted {
		r.cancel()
	}
	close(r.waiting)
	r.done.Wait()
	r.cancel()
	dropped, failed := r.dropped.Load(), r.failed.Load()
	if dropped > 0 || failed > 0 {
		fmt.Fprintf(r.stderr, "tutti: --exec: %d runs dropped, %d failed\n", dropped, failed)
	}
	return int(dropped)
}

// lockedWriter makes a writer safe for the --exec workers and the rest of
// tail to share.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
