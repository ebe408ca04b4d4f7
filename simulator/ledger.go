package simulator

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"

	"github.com/tutti-chat/tutti/symphony"
)

// ledger writes the events generated for the primary service account, one
// V4Event JSON per line, in order of generation, from the creation of the
// account's first datafeed (v1 or v2) on: the ground truth a client's
// datafeed is compared with. Events generated while the account has no
// live feed (after an expiry) are written too: they are what a client
// must recover from history. It needs Server.mu.
type ledger struct {
	w   io.Writer
	on  bool // the account has created a datafeed
	n   int
	log *slog.Logger
}

// start begins recording; until then write does nothing.
func (l *ledger) start() {
	if l != nil {
		l.on = true
	}
}

// write appends ev. A write error is logged once and the ledger stops.
func (l *ledger) write(ev symphony.V4Event) {
	if l == nil || l.w == nil || !l.on {
		return
	}
	data, err := json.Marshal(ev)
	if err == nil {
		_, err = l.w.Write(append(data, '\n'))
	}
	if err != nil {
		l.log.Error("ledger: write failed; the ledger stops here", "err", err, "events", l.n)
		l.w = nil
		return
	}
	l.n++
}

// ReadLedger decodes a ledger written by the simulator.
func ReadLedger(r io.Reader) ([]symphony.V4Event, error) {
	var out []symphony.V4Event
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var ev symphony.V4Event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			return out, fmt.Errorf("read ledger: line %d: %w", line, err)
		}
		out = append(out, ev)
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("read ledger: %w", err)
	}
	return out, nil
}
