package session

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/internal/state"
)

// TestFeedOfItsOwn: tutti's feed tag is the configuration's prefix and an
// instance id kept in the state directory, so a restart finds its feed
// and another tutti has another; without a state directory the tag is new
// and the feed is deleted at exit; the v1 id is kept in the state
// directory, never in the bot's id file.
func TestFeedOfItsOwn(t *testing.T) {
	logger := slog.New(slog.DiscardHandler)
	root := t.TempDir()
	open := func(root string) *state.Dir {
		dir, err := state.Open(root, "pod.example.com", "bot")
		if err != nil {
			t.Fatal(err)
		}
		return dir
	}
	dir := open(root)
	conn := &Conn{}
	conn.feedOptions.IDFilePath = "/home/bot/datafeed.id" // the bot's
	first := conn.FeedOptions(dir, logger)
	if !strings.HasPrefix(first.Tag, "tutti-") || len(first.Tag) < 14 || first.DeleteOnExit {
		t.Errorf("with a state directory: tag %q, delete on exit %v", first.Tag, first.DeleteOnExit)
	}
	if first.IDFilePath != filepath.Join(dir.Path(), feedIDFile) {
		t.Errorf("v1 id file %q, want the state directory's, never the bot's", first.IDFilePath)
	}
	dir.Close()

	dir = open(root)
	if again := conn.FeedOptions(dir, logger); again.Tag != first.Tag {
		t.Errorf("after a restart the tag is %q, want %q", again.Tag, first.Tag)
	}
	// A corrupt instance file is a fresh start, not a failure.
	if err := os.WriteFile(filepath.Join(dir.Path(), feedInstanceFile), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if fresh := conn.FeedOptions(dir, logger); fresh.Tag == first.Tag || fresh.DeleteOnExit {
		t.Errorf("after a corrupt file: tag %q (was %q), delete on exit %v", fresh.Tag, first.Tag, fresh.DeleteOnExit)
	}
	dir.Close()

	other := open(t.TempDir())
	defer other.Close()
	if o := conn.FeedOptions(other, logger); o.Tag == first.Tag {
		t.Error("two state directories share a feed tag")
	}

	conn.feedOptions.Tag = strings.Repeat("desk-", 30)
	none := conn.FeedOptions(nil, logger)
	if !none.DeleteOnExit || none.IDFilePath != "" || len(none.Tag) > maxFeedTag || !strings.HasPrefix(none.Tag, "desk-desk-") {
		t.Errorf("without state: tag %q (%d long), delete %v, id file %q", none.Tag, len(none.Tag), none.DeleteOnExit, none.IDFilePath)
	}
	if again := conn.FeedOptions(nil, logger); again.Tag == none.Tag {
		t.Error("two runs without state share a feed tag")
	}
}
