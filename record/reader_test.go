package record_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/record"
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
