package cli

import (
	"bytes"
	"context"
	"github.com/tutti-chat/tutti/internal/session"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/internal/record"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
	"github.com/tutti-chat/tutti/ui"

	tea "charm.land/bubbletea/v2"
)

// recording reads the recording written to b.
func (b *syncBuffer) recording(t *testing.T) *record.Recording {
	t.Helper()
	rec, err := record.Read(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// follow loads the directory and runs the engine as tutti tail does, with two hours of history,
// until stop is closed, and returns the timeline of every stream it
// handed events of and how many messages came from the datafeed.
func follow(t *testing.T, c *symphony.Client, stop <-chan struct{}, beforeStop func()) (map[string]*history.Timeline, int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-stop:
			beforeStop()
			cancel()
		case <-time.After(60 * time.Second):
			t.Error("the run did not stop")
			cancel()
		}
	}()
	// As tutti tail does: the directory first (session, streams, users).
	if _, _, err := session.LoadNames(ctx, c); err != nil {
		t.Fatal(err)
	}
	timelines := map[string]*history.Timeline{}
	live := 0
	err := engine.New(c, engine.Options{Since: 2 * time.Hour}).Run(ctx, func(it engine.Item) error {
		if it.Status != nil || it.Gap != nil {
			return nil
		}
		tl := timelines[it.StreamID]
		if tl == nil {
			tl = history.NewTimeline(it.StreamID, history.Options{})
			timelines[it.StreamID] = tl
		}
		tl.ApplyLive(it.Event)
		if !it.Recovered && it.Event.Message() != nil {
			live++
		}
		return nil
	})
	if err != nil && ctx.Err() == nil {
		t.Fatalf("engine: %v", err)
	}
	return timelines, live
}

// TestRecordingReplaysToTheSameTimelines records what the engine of tutti
// tail reads from the demo scenario, replays the recording through the
// simulator's replay mode to the same engine, and compares the timelines
// stream by stream: the same rows (messages and events), in the same
// order, with the same content, every timestamp moved by the same amount.
func TestRecordingReplaysToTheSameTimelines(t *testing.T) {
	src := simtest.Start(t, simulator.Options{Scenario: "demo", Seed: 11, Speed: 20})
	var buf syncBuffer
	w, err := record.NewWriter(&buf, record.WriterOptions{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	c := simtest.Client(t, src, nil)
	c.WrapTransports(w.Transport)
	deadline := make(chan struct{})
	time.AfterFunc(2*time.Second, func() { close(deadline) })
	recorded, recordedLive := follow(t, c, deadline, src.StopLive)

	rec := buf.recording(t)
	batches := 0
	for _, e := range rec.Entries {
		if e.Kind == record.KindDatafeed {
			batches++
		}
	}
	srv := simtest.Start(t, simulator.Options{Replay: rec})
	replayed, replayedLive := follow(t, simtest.Client(t, srv, nil), srv.ReplayDone(), func() {})

	messages, shift, shifted := 0, int64(0), false
	for sid, want := range recorded {
		got := replayed[sid]
		if got == nil {
			t.Errorf("stream %s: not replayed (%d rows recorded)", sid, want.Len())
			continue
		}
		if got.Len() != want.Len() {
			t.Errorf("stream %s: %d rows replayed, %d recorded", sid, got.Len(), want.Len())
		}
		for i := range min(got.Len(), want.Len()) {
			g, r := got.At(i), want.At(i)
			if g.Kind != r.Kind || g.Key != r.Key || g.Edited != r.Edited || g.Suppressed != r.Suppressed {
				t.Errorf("stream %s row %d: %s %s, recorded %s %s", sid, i, g.Kind, g.Key, r.Kind, r.Key)
				break
			}
			if r.Message != nil && (g.Message == nil || g.Message.PML != r.Message.PML) {
				t.Errorf("stream %s row %d: message %s has another text", sid, i, r.Key)
			}
			if !shifted {
				shift, shifted = g.Timestamp-r.Timestamp, true
			}
			if d := g.Timestamp - r.Timestamp - shift; d < -1 || d > 1 {
				t.Errorf("stream %s row %d: moved by %d ms, the first row by %d ms", sid, i, g.Timestamp-r.Timestamp, shift)
			}
			if r.Kind == history.RowMessage {
				messages++
			}
		}
	}
	for sid := range replayed {
		if recorded[sid] == nil {
			t.Errorf("stream %s: replayed, never recorded", sid)
		}
	}
	if messages < 20 || batches < 5 {
		t.Errorf("only %d messages in %d datafeed batches: the test shows little", messages, batches)
	}
	// The replay's datafeed delivers the recorded batches: the messages
	// they carried do not all come from history instead.
	if replayedLive < recordedLive*3/4 {
		t.Errorf("%d messages from the replay's datafeed, %d from the recording's", replayedLive, recordedLive)
	}
	t.Logf("%d streams, %d messages (%d from the datafeed, %d replayed), %d datafeed batches; times moved by %d ms",
		len(recorded), messages, recordedLive, replayedLive, batches, shift)
}

// TestTailOnAReplayPrintsTheSameMessages records a tutti tail run with
// --record and replays the file with tutti replay --tail: the same lines,
// stream by stream, but for their times.
func TestTailOnAReplayPrintsTheSameMessages(t *testing.T) {
	t.Setenv("TUTTI_CONFIG", "")
	path := filepath.Join(t.TempDir(), "demo.jsonl")
	var recorded, replayed, stderr bytes.Buffer
	err := run(context.Background(), []string{"tail", "--scenario", "demo", "--seed", "5", "--speed", "20",
		"--since", "2h", "--duration", "1500ms", "--record", path}, &recorded, &stderr)
	if err != nil {
		t.Fatalf("tail: %v\n%s", err, stderr.String())
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("recording: %v, mode %v", err, info.Mode())
	}
	err = run(context.Background(), []string{"replay", path, "--tail", "--since", "2h", "--speed", "2"}, &replayed, &stderr)
	if err != nil {
		t.Fatalf("replay: %v\n%s", err, stderr.String())
	}
	want, got := byStream(recorded.String()), byStream(replayed.String())
	n := 0
	for where, lines := range want {
		n += len(lines)
		if !slices.Equal(got[where], lines) {
			t.Errorf("%s: replayed\n%s\nrecorded\n%s", where, strings.Join(got[where], "\n"), strings.Join(lines, "\n"))
		}
	}
	if len(got) != len(want) || n < 10 {
		t.Errorf("%d streams replayed, %d recorded, %d lines", len(got), len(want), n)
	}
}

// TestReplayFlagsAroundTheFile takes flags before and after the file.
func TestReplayFlagsAroundTheFile(t *testing.T) {
	var speed float64
	var tail bool
	fs := newFlagSet("replay", "replay FILE [flags]", &bytes.Buffer{})
	fs.Float64Var(&speed, "speed", 1, "")
	fs.BoolVar(&tail, "tail", false, "")
	file, err := parseFlagsAndFile(fs, []string{"--tail", "rec.jsonl", "--speed", "4"})
	if err != nil || file != "rec.jsonl" || speed != 4 || !tail {
		t.Errorf("file %q, speed %g, tail %v, %v", file, speed, tail, err)
	}
	if _, err := parseFlagsAndFile(fs, []string{"a.jsonl", "b.jsonl"}); err == nil {
		t.Error("two files were accepted")
	}
}

// byStream groups tail's text lines by stream, without their times and
// the mark of messages recovered from history (the replay may recover
// others: its feed starts at another moment).
func byStream(out string) map[string][]string {
	m := map[string][]string{}
	for line := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
		if len(line) < 21 {
			continue
		}
		rest := strings.TrimSuffix(line[21:], " ↺")
		where, what, _ := strings.Cut(rest, "  ")
		m[where] = append(m[where], what)
	}
	return m
}

func TestRecordFlags(t *testing.T) {
	t.Setenv("TUTTI_CONFIG", "")
	dir := t.TempDir()
	used := filepath.Join(dir, "used.jsonl")
	if err := os.WriteFile(used, []byte("something\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, args := range map[string][]string{
		"a file in use":     {"tail", "--scenario", "quiet", "--duration", "1ms", "--record", used},
		"--redact alone":    {"tail", "--scenario", "quiet", "--duration", "1ms", "--redact"},
		"no file to replay": {"replay", "--tail"},
		"a missing file":    {"replay", filepath.Join(dir, "nope.jsonl"), "--tail"},
		"not a recording":   {"replay", used, "--tail"},
		"--ui and --tail":   {"replay", used, "--ui", "--tail"},
		"a zero speed":      {"replay", used, "--speed", "0"},
	} {
		var stdout, stderr bytes.Buffer
		if err := run(context.Background(), args, &stdout, &stderr); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if data, _ := os.ReadFile(used); string(data) != "something\n" {
		t.Errorf("a file in use was written to: %q", data)
	}
}

// TestUIOnAReplay runs the UI on a replayed recording: the REPLAY badge,
// the file's name for the host, and the recorded messages.
func TestUIOnAReplay(t *testing.T) {
	t.Setenv("TUTTI_CONFIG", "")
	path := filepath.Join(t.TempDir(), "ui.jsonl")
	var recorded, stderr bytes.Buffer
	err := run(context.Background(), []string{"tail", "--scenario", "demo", "--seed", "2", "--speed", "20",
		"--since", "2h", "--duration", "1s", "--record", path, "--redact"}, &recorded, &stderr)
	if err != nil {
		t.Fatalf("tail: %v\n%s", err, stderr.String())
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	conn, err := session.ConnectReplay(ctx, path, 4, true, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	model, wait := startUI(ctx, conn, 2*time.Hour, nil, slog.New(slog.DiscardHandler))
	defer wait()
	defer cancel()
	tm := teatest.NewTestModel(t, model, teatest.WithInitialTermSize(140, 40))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("REPLAY")) && bytes.Contains(b, []byte("live"))
	}, teatest.WithDuration(15*time.Second), teatest.WithCheckInterval(50*time.Millisecond))
	time.Sleep(500 * time.Millisecond)
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*ui.Model)
	text := ansi.Strip(final.View().Content)
	for _, w := range []string{"REPLAY", "replay ui.jsonl", "Rooms", "Rates Desk"} {
		if !strings.Contains(text, w) {
			t.Errorf("screen lacks %q:\n%s", w, text)
		}
	}
	// The recording was redacted: its people have pseudonyms.
	pseudonyms := regexp.MustCompile(`(Avery|Blake|Casey|Devon|Emery|Finley|Gray|Harper|Indy|Jordan|Kendall|Logan|Morgan|Noel|Parker|Quinn) [A-Z][a-z]+`)
	if !pseudonyms.MatchString(text) {
		t.Errorf("no pseudonym on the screen of a redacted replay:\n%s", text)
	}
	if strings.Contains(text, "Tutti Bot") {
		t.Errorf("the account's name is on the screen of a redacted replay:\n%s", text)
	}
}
