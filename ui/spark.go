package ui

import (
	"time"

	"github.com/tutti-chat/tutti/history"
)

// Sparklines: the shape of activity, read without reading the messages.
// A stream's is its messages of the last hour in ten buckets of six
// minutes, shown in the list when it is wide enough; the pod's is its
// events of the last minute in ten buckets of six seconds, in the status
// bar.
const (
	sparkBuckets = 10
	streamSpan   = time.Hour
	podSpan      = time.Minute
	// sparkListW is the list width from which rows carry a sparkline;
	// the list is that wide from wideListFrom columns of terminal.
	sparkListW   = 40
	wideListFrom = 4 * sparkListW
	// sparkFloor is the count that fills a bucket's bar at least: below
	// it, a quiet stream's lone message shows as low, not as full.
	sparkFloor = 4
)

// sparkLevels are the bars of a sparkline, from the lowest; a bucket with
// nothing is a space.
var sparkLevels = [...]rune{'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'}

// sparkline draws counts as bars scaled to the largest of them (or
// sparkFloor), one cell each; an empty bucket is zero.
func sparkline(counts []int, zero rune) string {
	top := sparkFloor
	for _, c := range counts {
		top = max(top, c)
	}
	out := make([]rune, len(counts))
	for i, c := range counts {
		switch {
		case c <= 0:
			out[i] = zero
		default:
			out[i] = sparkLevels[min(len(sparkLevels)-1, (c*len(sparkLevels)-1)/top)]
		}
	}
	return string(out)
}

// sparkKey is what a stream's sparkline depends on: its timeline's rows
// and newest message, and the bucket now falls in.
type sparkKey struct {
	rows   int
	newest int64
	bucket int64
}

// sparkCache is a stream's sparkline and what it was drawn from.
type sparkCache struct {
	key  sparkKey
	line string
	ok   bool
}

// wideCounts is the width the list keeps for a row's counts after its
// sparkline: "@9 99".
const wideCounts = "@9 99"

// streamSpark returns the sparkline of s's messages of the last hour, ""
// when it had none: counted from the newest rows of its timeline back, and
// kept until the timeline or the bucket changes.
func (m *Model) streamSpark(s *stream) string {
	now := m.now()
	width := streamSpan / sparkBuckets
	newest, _ := s.tl.Newest()
	k := sparkKey{rows: s.tl.Len(), newest: newest, bucket: now.UnixMilli() / width.Milliseconds()}
	if s.spark.ok && k == s.spark.key {
		return s.spark.line
	}
	// The buckets end with the current one.
	end := (k.bucket + 1) * width.Milliseconds()
	start := end - streamSpan.Milliseconds()
	counts := make([]int, sparkBuckets)
	any := false
	for i := s.tl.Len() - 1; i >= 0; i-- {
		r := s.tl.At(i)
		if r.Kind != history.RowMessage || r.Pending || r.Suppressed {
			continue
		}
		if r.Timestamp < start {
			break
		}
		if b := int((r.Timestamp - start) / width.Milliseconds()); b >= 0 && b < sparkBuckets {
			counts[b]++
			any = true
		}
	}
	s.spark = sparkCache{key: k, ok: true}
	if any {
		s.spark.line = sparkline(counts, ' ')
	}
	return s.spark.line
}

// podSpark returns the sparkline of the events of the last minute, the
// current second left out (it is still counting): a quiet bucket is a
// baseline, so that a quiet minute reads as quiet; "" before the first
// event.
func (st *statusState) podSpark(now time.Time) string {
	if st.lastEvent.IsZero() {
		return ""
	}
	sec := now.Unix()
	per := int64(podSpan/time.Second) / sparkBuckets
	counts := make([]int, sparkBuckets)
	for k, s := range st.ringSec {
		age := sec - 1 - s // 0 for the last complete second
		if s == 0 || age < 0 || age >= per*sparkBuckets {
			continue
		}
		counts[sparkBuckets-1-int(age/per)] += st.ring[k]
	}
	return sparkline(counts, sparkLevels[0])
}
