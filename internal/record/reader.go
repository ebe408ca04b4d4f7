package record

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// Limits of a recording that can be read back.
const (
	// MaxLine is the longest line: a datafeed batch or history page of
	// hundreds of rich messages is far shorter.
	MaxLine = 32 << 20
	// MaxSpan is the longest a recording may last.
	MaxSpan = 366 * 24 * time.Hour
	// maxBackStep is how far an entry may be stamped before the one above
	// it: the wall clock of the recording machine may step back a little.
	maxBackStep = time.Second
)

// earliestStart is the earliest start a recording may have.
var earliestStart = time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)

// ReadFile reads the recording of a file. A file that is not a regular
// file (a named pipe, a device) is refused, never read.
func ReadFile(path string) (*Recording, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read the recording: %w", err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("read the recording: %s is not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read the recording: %w", err)
	}
	defer f.Close()
	rec, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rec, nil
}

// Read reads a recording: the header, then every entry of a known kind.
// Entries of unknown kinds are skipped, and so is a last line cut short
// (a recorder that was killed mid-write); any other malformed line is an
// error naming it. So is a time out of range: a start before 2000 or
// after tomorrow, an entry before the start, more than MaxSpan after it,
// or more than a second before the entry above it; and a line longer than
// MaxLine.
func Read(r io.Reader) (*Recording, error) {
	br := bufio.NewReader(r)
	rec := &Recording{}
	for n := 1; ; n++ {
		line, err := readLine(br)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("read the recording: line %d: %w", n, err)
		}
		last := errors.Is(err, io.EOF)
		cut := last && len(line) > 0 // no newline: the writer stopped mid-line
		if line = bytes.TrimSpace(line); len(line) > 0 {
			if perr := rec.parse(n, line); perr != nil {
				if !cut || n == 1 {
					return nil, perr
				}
				rec.CutLine = n
			}
		}
		if last {
			break
		}
	}
	if rec.Header.Kind != KindHeader {
		return nil, errors.New("read the recording: it is empty")
	}
	return rec, nil
}

// parse reads line n into rec.
func (rec *Recording) parse(n int, line []byte) error {
	if n == 1 {
		if err := json.Unmarshal(line, &rec.Header); err != nil {
			return fmt.Errorf("read the recording: line 1: %w", err)
		}
		switch {
		case rec.Header.Kind != KindHeader:
			return fmt.Errorf("read the recording: line 1 is not a recording header (kind %q)", rec.Header.Kind)
		case rec.Header.Format < 1 || rec.Header.Format > FormatVersion:
			return fmt.Errorf("read the recording: format %d; this tutti reads formats 1 to %d", rec.Header.Format, FormatVersion)
		case rec.Header.Start.Before(earliestStart) || rec.Header.Start.After(time.Now().Add(24*time.Hour)):
			return fmt.Errorf("read the recording: line 1: the start %s is not a time a recording can start at",
				rec.Header.Start.Format(time.RFC3339))
		}
		return nil
	}
	var e Entry
	if err := json.Unmarshal(line, &e); err != nil {
		return fmt.Errorf("read the recording: line %d: %w", n, err)
	}
	switch e.Kind {
	case KindSession, KindStreams, KindUsers, KindStreamInfo, KindRoomInfo, KindRoomMembers, KindDatafeed, KindHistory:
		if err := rec.checkTime(n, e.At); err != nil {
			return err
		}
		rec.Entries = append(rec.Entries, e)
	case KindHeader:
		return fmt.Errorf("read the recording: line %d: a second header (two recordings in one file)", n)
	}
	return nil
}

// checkTime refuses the time of entry n when it is out of range or out of
// order.
func (rec *Recording) checkTime(n int, at time.Time) error {
	start := rec.Header.Start
	switch {
	case at.Before(start.Add(-maxBackStep)):
		return fmt.Errorf("read the recording: line %d: at %s, before the recording's start %s", n,
			at.Format(time.RFC3339Nano), start.Format(time.RFC3339Nano))
	case at.Sub(start) > MaxSpan:
		return fmt.Errorf("read the recording: line %d: at %s, more than %s after the recording's start %s", n,
			at.Format(time.RFC3339Nano), MaxSpan, start.Format(time.RFC3339Nano))
	}
	if k := len(rec.Entries); k > 0 {
		if prev := rec.Entries[k-1].At; at.Before(prev.Add(-maxBackStep)) {
			return fmt.Errorf("read the recording: line %d: at %s, before the line above it (%s)", n,
				at.Format(time.RFC3339Nano), prev.Format(time.RFC3339Nano))
		}
	}
	return nil
}

// readLine reads a line of at most MaxLine bytes, with its newline.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > MaxLine {
			return nil, fmt.Errorf("longer than %d bytes", MaxLine)
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, err
		}
	}
}
