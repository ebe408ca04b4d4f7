package session

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"path/filepath"
	"strings"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/internal/state"
)

// What tutti does with the account's datafeeds: a service account is often
// a bot's, already reading its own feed, and two readers of one feed share
// its events between them. So tutti reads only feeds it created, under a
// tag of its own: the configuration's datafeed.tag (default "tutti") as a
// prefix, then an instance id kept in the state directory, so that a
// restart within the feed's lifetime reuses the feed and loses nothing. A
// run without a state directory makes a new instance id, and deletes its
// feed when it stops. A datafeed v1 id is kept in the state directory too,
// never in the file of datafeed.idFilePath, which is the bot's.

// Files of the state directory.
const (
	feedIDFile       = "datafeed.id"   // the v1 datafeed id
	feedInstanceFile = "datafeed.json" // this tutti's instance id, for its feed's tag
)

// defaultFeedTagPrefix is the prefix of tutti's feed tags when the
// configuration names none.
const defaultFeedTagPrefix = "tutti"

// maxFeedTag is the longest tag the agent accepts.
const maxFeedTag = 100

// feedInstance is the content of feedInstanceFile.
type feedInstance struct {
	Instance string `json:"instance"`
}

// FeedOptions returns the connection's feed options for a tutti keeping
// its state in dir (nil: none): its own tag, its v1 id file, and whether it
// deletes its feed at exit.
func (c *Conn) FeedOptions(dir *state.Dir, logger *slog.Logger) feed.Options {
	o := c.feedOptions
	instance, kept := instanceIn(dir, logger)
	o.Tag = feedTag(o.Tag, instance)
	o.DeleteOnExit = !kept
	o.IDFilePath = ""
	if dir != nil {
		o.IDFilePath = filepath.Join(dir.Path(), feedIDFile)
	}
	return o
}

// instanceIn returns this tutti's instance id, from dir when it keeps one
// (kept), else a new one, saved in dir when there is one.
func instanceIn(dir *state.Dir, logger *slog.Logger) (string, bool) {
	if dir != nil {
		var fi feedInstance
		err := dir.Load(feedInstanceFile, &fi)
		if err == nil && validInstance(fi.Instance) {
			return fi.Instance, true
		}
		if err != nil {
			logger.Warn("the datafeed instance id", "err", err)
		}
	}
	instance := newInstance()
	if dir == nil {
		return instance, false
	}
	if err := dir.Save(feedInstanceFile, feedInstance{Instance: instance}); err != nil {
		logger.Warn("keep the datafeed instance id", "err", err)
		return instance, false
	}
	return instance, true
}

// newInstance returns a random instance id: 16 hex digits.
func newInstance() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // never fails
	return hex.EncodeToString(b[:])
}

// validInstance reports whether s can be an instance id.
func validInstance(s string) bool {
	if len(s) < 8 || len(s) > 32 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// feedTag is the tag of tutti's feed: prefix (the configuration's
// datafeed.tag, default "tutti"), a dash and the instance id, at most
// maxFeedTag long.
func feedTag(prefix, instance string) string {
	prefix = strings.TrimSpace(prefix)
	if prefix == "" {
		prefix = defaultFeedTagPrefix
	}
	if room := maxFeedTag - 1 - len(instance); len(prefix) > room {
		prefix = prefix[:room]
	}
	return prefix + "-" + instance
}
