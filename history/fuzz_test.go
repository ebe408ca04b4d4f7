package history

import (
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

// FuzzTimeline feeds random sequences of verbs to a timeline and checks its
// invariants after each: rows ordered by (timestamp, key), keys unique,
// every key registered to a row in the timeline, the cap respected,
// tombstones without content.
func FuzzTimeline(f *testing.F) {
	f.Add([]byte{0, 0, 1, 2, 0, 2, 1, 1, 3, 5, 3, 1, 0})
	f.Add([]byte{3, 4, 0, 9, 5, 0, 9, 0, 0, 9, 2, 7, 3, 8, 1, 4, 9, 2, 6})
	f.Add([]byte{5, 1, 17, 33, 2, 200, 100, 3, 17, 0, 8, 3, 3, 9, 1, 15, 10, 2, 2, 11, 4, 4})
	f.Add([]byte{2, 4, 1, 1, 5, 1, 2, 6, 1, 0, 7, 1, 0, 4, 2, 0, 5, 2, 3, 0, 3, 3, 0, 9, 9})
	f.Fuzz(fuzzBody())
}

// fuzzBody is the body of FuzzTimeline.
func fuzzBody() func(t *testing.T, data []byte) {
	ids := []string{"AAAA", "BBBB", "CCCC", "DDDD", "E-_E", "F-_F", "GGGG", "HHHH"}
	return func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		tl := NewTimeline(testStream, Options{MaxRows: int(data[0] % 8)})
		for i := 1; i+2 < len(data); i += 3 {
			verb, a, b := data[i]%12, data[i+1], data[i+2]
			id, ts := ids[a%8], int64(b%16)
			if a&0x80 != 0 {
				id = symphony.StandardID(id)
			}
			switch verb {
			case 0:
				tl.ApplyLive(sentEvent(msg(id, ts, "x")))
			case 1:
				root := ids[(a>>3)%8]
				tl.ApplyLive(sentEvent(edit(id, ts, "e", ids[b%8], root, int64(b>>4))))
			case 2:
				var page []symphony.V4Message
				for k := range int(b%5) + 1 {
					m := msg(ids[(int(a)+k)%8], ts+int64(k%2), "p")
					if k == 3 {
						m = edit(ids[(int(a)+k)%8], ts+2, "pe", ids[a%8], ids[a%8], ts)
					}
					page = append(page, m)
				}
				tl.ApplyPage(page)
			case 3:
				if b%2 == 0 {
					tl.ApplySuppressed(id)
				} else {
					tl.ApplyLive(suppressEvent(id, ts))
				}
			case 4:
				tl.ApplyPending(string('a'+rune(a%4)), msg("", ts, "pending"))
			case 5:
				tl.ApplySent(string('a'+rune(a%4)), msg(ids[b%8], ts, "sent"))
			case 6:
				tl.ApplyFailed(string('a'+rune(a%4)), "no")
			case 7:
				tl.DiscardPending(string('a' + rune(a%4)))
			case 8:
				tl.AddGap(Gap{From: ts, To: ts + int64(a%16)})
			case 9:
				var rest *Gap
				if a%2 == 0 {
					rest = &Gap{From: ts + 1, To: ts + 3}
				}
				tl.FillGap(Gap{From: ts, To: ts + int64(a%8)}, []symphony.V4Message{msg(id, ts+1, "f")}, rest)
			case 10:
				tl.ApplyLive(joinEvent(string('j'+rune(a%3)), int64(b%4), ts))
			case 11:
				types := symphony.EventTypes()
				tl.ApplyLive(symphony.V4Event{ID: "x", Type: types[int(a)%len(types)], Timestamp: ts, Payload: &symphony.V4Payload{}})
			}
			if err := tl.check(); err != nil {
				t.Fatalf("after op %d (verb %d): %v", i/3, verb, err)
			}
			_ = tl.Watermark()
			_, _ = tl.Oldest()
			_, _ = tl.Newest()
		}
	}
}
