package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/internal/state"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// TestTwoTailsBesideABot runs two `tutti tail` on the account a bot reads
// with its own datafeed: the two tails and the bot each receive every
// message, and the tails say that the account has other feeds.
func TestTwoTailsBesideABot(t *testing.T) {
	srv, path := simConfig(t, false)
	ctx := context.Background()
	bot := simtest.Client(t, srv, nil)
	botFeed, err := bot.CreateDatafeed(ctx, symphony.V5DatafeedCreateBody{})
	if err != nil {
		t.Fatal(err)
	}
	room, from := roomToTalkIn(t, srv)

	type tail struct {
		out, errOut syncBuffer
		done        chan error
	}
	tails := make([]*tail, 2)
	for i := range tails {
		tl := &tail{done: make(chan error, 1)}
		tails[i] = tl
		state := filepath.Join(t.TempDir(), fmt.Sprint("state", i))
		go func() {
			tl.done <- run(ctx, []string{"tail", "--config", path, "--format", "jsonl", "--duration", "5s", "--state", state}, &tl.out, &tl.errOut)
		}()
	}
	deadline := time.Now().Add(4 * time.Second)
	for _, tl := range tails {
		for !strings.Contains(tl.errOut.String(), "datafeed v2 live") {
			if time.Now().After(deadline) {
				t.Fatalf("a tail never went live:\n%s", tl.errOut.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	var want []string
	for i := range 20 {
		m, err := srv.Post(room, from, fmt.Sprintf("<messageML>message %d</messageML>", i))
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, symphony.CanonicalID(m.MessageID))
	}
	for i, tl := range tails {
		if err := <-tl.done; err != nil {
			t.Fatalf("tail %d: %v\n%s", i, err, tl.errOut.String())
		}
		got := map[string]int{}
		for line := range strings.SplitSeq(strings.TrimSpace(tl.out.String()), "\n") {
			var ev symphony.V4Event
			if err := json.Unmarshal([]byte(line), &ev); err == nil && ev.Message() != nil {
				got[symphony.CanonicalID(ev.Message().MessageID)]++
			}
		}
		for _, id := range want {
			if got[id] != 1 {
				t.Errorf("tail %d printed message %s %d times, want once", i, id, got[id])
			}
		}
		if !strings.Contains(tl.errOut.String(), "other datafeeds") {
			t.Errorf("tail %d did not say that the account has other feeds:\n%s", i, tl.errOut.String())
		}
	}
	seen := map[string]bool{}
	ack := ""
	for range 10 {
		res, err := bot.ReadDatafeed(ctx, botFeed.ID, ack, false)
		if err != nil {
			t.Fatalf("the bot's feed: %v", err)
		}
		ack = res.AckID
		for _, ev := range res.Events {
			if m := ev.Message(); m != nil {
				seen[symphony.CanonicalID(m.MessageID)] = true
			}
		}
		if !slices.ContainsFunc(want, func(id string) bool { return !seen[id] }) {
			break
		}
	}
	for _, id := range want {
		if !seen[id] {
			t.Errorf("the bot's feed lacks message %s: a tail took it", id)
		}
	}
	// The tails kept their feeds (a state directory each): with the bot's,
	// three feeds.
	feeds, err := bot.ListDatafeeds(ctx, "")
	if err != nil || len(feeds) != 3 {
		t.Errorf("%d feeds on the account (%v), want the bot's and one for each tail", len(feeds), err)
	}
}

// roomToTalkIn returns a room of the pod that the service account is in,
// and another member who can post there.
func roomToTalkIn(t *testing.T, srv *simulator.Server) (string, int64) {
	t.Helper()
	acct := srv.AccountID()
	for _, s := range srv.Streams() {
		if s.Type != symphony.StreamRoom || !s.Active || !slices.Contains(s.Members, acct) {
			continue
		}
		for _, m := range s.Members {
			if m != acct && (len(s.Owners) == 0 || slices.Contains(s.Owners, m)) {
				return s.ID, m
			}
		}
	}
	t.Fatal("no room to talk in")
	return "", 0
}

// TestTailSaysWhatMayBeMissing: a tail that cannot prove it handed on
// everything (here: its watermarks could not be read) says so on stderr
// and ends with an error of its own, for the exit status 3.
func TestTailSaysWhatMayBeMissing(t *testing.T) {
	_, path := simConfig(t, false)
	root := t.TempDir()
	dir, err := state.Open(root, "127.0.0.1", "tutti-bot")
	if err != nil {
		t.Fatal(err)
	}
	dirPath := dir.Path()
	dir.Close()
	if err := os.WriteFile(filepath.Join(dirPath, "watermarks.json"), []byte(`{"streams": {`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := runCommand(t, "tail", "--config", path, "--state", root, "--duration", "500ms")
	var missing *maybeMissingError
	if !errors.As(err, &missing) || !strings.Contains(stderr, "tutti: warning: the watermarks could not be read") ||
		!strings.Contains(stderr, "may be missing") {
		t.Errorf("tail with corrupt watermarks: %v\n%s", err, stderr)
	}
	// The next run starts from the watermarks this one saved: nothing to
	// say.
	if _, stderr, err := runCommand(t, "tail", "--config", path, "--state", root, "--duration", "500ms"); err != nil {
		t.Errorf("the run after: %v\n%s", err, stderr)
	}
}
