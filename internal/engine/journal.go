package engine

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/state"
	"github.com/tutti-chat/tutti/symphony"
)

// journalFile is the state file of the messages handed on since the
// watermarks were last saved: a run killed between two saves (SIGKILL, a
// crash) leaves it, and the next run starts after what it says, so that a
// hard kill repeats at most the one message being handed on when it came.
const journalFile = "handed-on.jsonl"

// journalLine is one message handed on.
type journalLine struct {
	Stream string `json:"s"`
	ID     string `json:"i"`
	TS     int64  `json:"t"`
}

// openJournal opens the journal of the state directory and takes back what
// it holds; nil without a state directory, or with a journal that cannot
// be opened (a warning: a hard kill may then repeat what the watermarks
// did not hold yet).
func (e *Engine) openJournal() *state.Journal {
	if e.opts.State == nil {
		return nil
	}
	j, err := e.opts.State.Journal(journalFile)
	if err != nil {
		e.log.Warn("engine: " + err.Error())
		return nil
	}
	err = j.Replay(func(line []byte) {
		var l journalLine
		if json.Unmarshal(line, &l) == nil && l.Stream != "" && l.ID != "" {
			e.seen.handedOn(l.Stream, l.ID, l.TS)
		}
	})
	if err != nil {
		e.log.Warn("engine: " + err.Error())
	}
	return j
}

// journaled returns emit, followed for every message by a line in j, once
// the consumer took it.
func journaled(j *state.Journal, emit func(Item) error, log func(error)) func(Item) error {
	if j == nil {
		return emit
	}
	failed := false
	return func(it Item) error {
		if err := emit(it); err != nil {
			return err
		}
		m := it.Event.Message()
		if m == nil || it.StreamID == "" || failed {
			return nil
		}
		line, _ := json.Marshal(journalLine{Stream: it.StreamID, ID: symphony.CanonicalID(m.MessageID), TS: m.Timestamp})
		if err := j.Append(line); err != nil {
			failed = true // said once; the watermarks still hold most
			log(err)
		}
		return nil
	}
}

// handedOn takes back a message a previous run handed on after it last
// saved its watermarks: the stream's floor moves up to it.
func (s *seen) handedOn(stream, id string, ts int64) {
	ss := s.stream(symphony.CanonicalID(stream))
	switch f := &ss.floor; {
	case ts > f.Timestamp:
		*f = history.Watermark{Timestamp: ts, IDs: []string{id}}
	case ts == f.Timestamp && !slices.Contains(f.IDs, id):
		f.IDs = append(f.IDs, id)
	}
	if t := time.UnixMilli(ts); t.After(s.lastAlive) {
		s.lastAlive = t
	}
}
