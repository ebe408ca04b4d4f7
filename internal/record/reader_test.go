package record_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/internal/record"
)

func TestReadSkipsUnknownKindsAndACutLastLine(t *testing.T) {
	in := `{"kind":"header","format":1,"tutti":"v1.2.3","start":"2026-03-02T09:30:00Z"}
{"kind":"datafeed","at":"2026-03-02T09:30:01Z","feed":"v2","body":[{"id":"e1","type":"MESSAGESENT"}]}
{"kind":"somethingNew","at":"2026-03-02T09:30:02Z","body":{}}

{"kind":"history","at":"2026-03-02T09:30:03Z","stream":"s1","query":{"since":5,"limit":100},"body":[]}
{"kind":"users","at":"2026-03-02T09:30:0`
	rec, err := record.Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if rec.Header.Tutti != "v1.2.3" || !rec.Header.Start.Equal(time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)) {
		t.Errorf("header = %+v", rec.Header)
	}
	if len(rec.Entries) != 2 || rec.Entries[0].Kind != record.KindDatafeed || rec.Entries[1].Kind != record.KindHistory {
		t.Fatalf("entries = %+v", rec.Entries)
	}
	evs, err := rec.Entries[0].Events()
	if err != nil || len(evs) != 1 || evs[0].ID != "e1" {
		t.Errorf("events = %+v, %v", evs, err)
	}
	if q := rec.Entries[1].Query; q == nil || q.Since != 5 || q.Limit != 100 || rec.Entries[1].Stream != "s1" {
		t.Errorf("history query = %+v", q)
	}
	if end := rec.End(); !end.Equal(time.Date(2026, 3, 2, 9, 30, 3, 0, time.UTC)) {
		t.Errorf("End = %s", end)
	}
	if rec.CutLine != 6 {
		t.Errorf("the cut line is said to be %d, want 6", rec.CutLine)
	}
	whole, err := record.Read(strings.NewReader(in[:strings.LastIndex(in, "\n")+1]))
	if err != nil || whole.CutLine != 0 {
		t.Errorf("a recording whose lines are whole: cut line %d, %v", whole.CutLine, err)
	}
}

func TestReadRefusesWhatIsNotARecording(t *testing.T) {
	for name, in := range map[string]string{
		"empty":       "",
		"no header":   `{"kind":"datafeed","at":"2026-03-02T09:30:01Z","body":[]}` + "\n",
		"new format":  `{"kind":"header","format":99,"start":"2026-03-02T09:30:00Z"}` + "\n",
		"not JSON":    "hello\n",
		"bad middle":  `{"kind":"header","format":1,"start":"2026-03-02T09:30:00Z"}` + "\n{oops\n" + `{"kind":"users","at":"2026-03-02T09:30:01Z","body":[]}` + "\n",
		"two headers": `{"kind":"header","format":1,"start":"2026-03-02T09:30:00Z"}` + "\n" + `{"kind":"header","format":1,"start":"2026-03-02T09:31:00Z"}` + "\n",
	} {
		if _, err := record.Read(strings.NewReader(in)); err == nil {
			t.Errorf("%s: read without an error", name)
		}
	}
}

// TestReadRefusesTimesOutOfRange: a recording whose times would make a
// replay wait for ever, or overflow its clock, is refused naming the line.
func TestReadRefusesTimesOutOfRange(t *testing.T) {
	header := `{"kind":"header","format":1,"start":"2026-03-02T09:30:00Z"}` + "\n"
	entry := func(at string) string {
		return `{"kind":"datafeed","at":"` + at + `","feed":"v2","body":[]}` + "\n"
	}
	for name, c := range map[string]struct{ in, want string }{
		"far future entry": {header + entry("2026-03-02T09:30:01Z") + entry("2099-01-01T00:00:00Z"), "line 3: at 2099-01-01T00:00:00Z, more than"},
		"year one start":   {`{"kind":"header","format":1,"start":"0001-01-01T00:00:00Z"}` + "\n" + entry("2026-03-02T09:30:01Z"), "line 1: the start 0001-01-01T00:00:00Z"},
		"before the start": {header + entry("2026-03-01T09:30:01Z"), "line 2: at 2026-03-01T09:30:01Z, before the recording's start"},
		"out of order":     {header + entry("2026-03-02T09:40:00Z") + entry("2026-03-02T09:35:00Z"), "line 3: at 2026-03-02T09:35:00Z, before the line above it"},
		"too long a line":  {header + `{"kind":"datafeed","at":"2026-03-02T09:30:01Z","body":"` + strings.Repeat("x", record.MaxLine) + `"}` + "\n", "line 2: longer than"},
	} {
		if _, err := record.Read(strings.NewReader(c.in)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
	// A wall clock stepping back a little is no error.
	in := header + entry("2026-03-02T09:30:05Z") + entry("2026-03-02T09:30:04.5Z")
	if _, err := record.Read(strings.NewReader(in)); err != nil {
		t.Errorf("a step back of half a second: %v", err)
	}
}
