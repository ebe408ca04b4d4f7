package record

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// ReadFile reads the recording of a file.
func ReadFile(path string) (*Recording, error) {
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
// error naming it.
func Read(r io.Reader) (*Recording, error) {
	br := bufio.NewReader(r)
	rec := &Recording{}
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
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
		}
		return nil
	}
	var e Entry
	if err := json.Unmarshal(line, &e); err != nil {
		return fmt.Errorf("read the recording: line %d: %w", n, err)
	}
	switch e.Kind {
	case KindSession, KindStreams, KindUsers, KindStreamInfo, KindRoomInfo, KindRoomMembers, KindDatafeed, KindHistory:
		rec.Entries = append(rec.Entries, e)
	case KindHeader:
		return fmt.Errorf("read the recording: line %d: a second header (two recordings in one file)", n)
	}
	return nil
}
