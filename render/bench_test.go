package render

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/glamour/v2"
)

// The benchmarks measure what the issue sets targets for, with glamour v2
// rendering the equivalent Markdown in the same run for comparison:
//
//	go test -run '^$' -bench . -benchmem ./render/

// benchWidth is the wrap width of every comparison, glamour's included.
const benchWidth = 80

func benchOptions() Options {
	return Options{Width: benchWidth, Theme: DarkTheme(), Me: 7215545058313}
}

// BenchmarkCorpus parses and lays out each message of the 200-message
// corpus; it reports the mean and the median cost of one message.
func BenchmarkCorpus(b *testing.B) {
	msgs := benchCorpus()
	o := benchOptions()
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		for _, m := range msgs {
			Parse(m.pml, m.data).Layout(o)
		}
	}
	cpu.report(b, len(msgs))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(msgs)), "ns/msg")
	b.ReportMetric(medianPerMessage(msgs, func(m corpusMsg) { Parse(m.pml, m.data).Layout(o) }), "median-ns/msg")
}

// cpuClock measures the CPU time of a benchmark loop.
type cpuClock int64

func startCPU() cpuClock { return cpuClock(cpuTime()) }

// report adds the CPU time per item (per op when items is 1) as a metric.
func (c cpuClock) report(b *testing.B, items int) {
	if c == 0 {
		return
	}
	unit := "cpu-ns/op"
	if items > 1 {
		unit = "cpu-ns/msg"
	}
	b.ReportMetric(float64(cpuTime()-int64(c))/float64(b.N*items), unit)
}

// medianPerMessage times every message on its own and returns the median
// of the per-message costs.
func medianPerMessage(msgs []corpusMsg, do func(corpusMsg)) float64 {
	const reps = 40
	costs := make([]float64, len(msgs))
	for k, m := range msgs {
		do(m) // warm
		start := time.Now()
		for range reps {
			do(m)
		}
		costs[k] = float64(time.Since(start).Nanoseconds()) / reps
	}
	slices.Sort(costs)
	return costs[len(costs)/2]
}

// BenchmarkCode20 is a 20-line highlighted Go code block.
func BenchmarkCode20(b *testing.B) {
	pml := agentRoot(`<code data-language="go">` + html.EscapeString(code20) + `</code>`)
	o := benchOptions()
	b.ReportAllocs()
	b.SetBytes(int64(len(pml)))
	cpu := startCPU()
	for b.Loop() {
		Parse(pml, "").Layout(o)
	}
	cpu.report(b, 1)
}

// BenchmarkTable10x5 is a table of 10 rows and 5 columns.
func BenchmarkTable10x5(b *testing.B) {
	m := tableMsg(corpusRand(), 10, 5)
	o := benchOptions()
	b.ReportAllocs()
	b.SetBytes(int64(len(m.pml)))
	cpu := startCPU()
	for b.Loop() {
		Parse(m.pml, m.data).Layout(o)
	}
	cpu.report(b, 1)
}

// BenchmarkParse parses the whole corpus; its MB/s is parse throughput.
func BenchmarkParse(b *testing.B) {
	msgs := benchCorpus()
	size := 0
	for _, m := range msgs {
		size += len(m.pml)
	}
	b.ReportAllocs()
	b.SetBytes(int64(size))
	cpu := startCPU()
	for b.Loop() {
		for _, m := range msgs {
			Parse(m.pml, m.data)
		}
	}
	elapsed := float64(cpuTime() - int64(cpu))
	if cpu != 0 && elapsed > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/elapsed*1e3, "cpu-MB/s")
	}
}

// BenchmarkRelayout lays the parsed corpus out again at another width, as
// a resize does: no parsing.
func BenchmarkRelayout(b *testing.B) {
	msgs := benchCorpus()
	docs := make([]*Document, len(msgs))
	for k, m := range msgs {
		docs[k] = Parse(m.pml, m.data)
	}
	o := benchOptions()
	widths := []int{80, 120, 60, 200}
	b.ReportAllocs()
	i := 0
	cpu := startCPU()
	for b.Loop() {
		o.Width = widths[i%len(widths)]
		i++
		for _, d := range docs {
			d.Layout(o)
		}
	}
	cpu.report(b, len(docs))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/msg")
}

// BenchmarkPlain lays the corpus out without escape sequences.
func BenchmarkPlain(b *testing.B) {
	msgs := benchCorpus()
	o := benchOptions()
	o.Plain = true
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range msgs {
			Parse(m.pml, m.data).Layout(o)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(msgs)), "ns/msg")
}

// newGlamour returns a glamour v2 renderer as a chat client would reuse it.
func newGlamour(b *testing.B) *glamour.TermRenderer {
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle("dark"), glamour.WithWordWrap(benchWidth))
	if err != nil {
		b.Fatal(err)
	}
	return r
}

// BenchmarkGlamourCorpus renders the corpus's Markdown with glamour v2,
// the renderer reused.
func BenchmarkGlamourCorpus(b *testing.B) {
	msgs := benchCorpus()
	r := newGlamour(b)
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		for _, m := range msgs {
			if _, err := r.Render(m.markdown); err != nil {
				b.Fatal(err)
			}
		}
	}
	cpu.report(b, len(msgs))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(msgs)), "ns/msg")
	b.ReportMetric(medianPerMessage(msgs, func(m corpusMsg) { _, _ = r.Render(m.markdown) }), "median-ns/msg")
}

// BenchmarkGlamourCode20 renders the 20-line code block with glamour v2.
func BenchmarkGlamourCode20(b *testing.B) {
	r := newGlamour(b)
	md := "```go\n" + code20 + "\n```\n"
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		if _, err := r.Render(md); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b, 1)
}

// BenchmarkGlamourTable10x5 renders the 10×5 table with glamour v2.
func BenchmarkGlamourTable10x5(b *testing.B) {
	r := newGlamour(b)
	md := tableMsg(corpusRand(), 10, 5).markdown
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		if _, err := r.Render(md); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b, 1)
}

// TestCorpusShape keeps the benchmark corpus what it claims to be.
func TestCorpusShape(t *testing.T) {
	msgs := benchCorpus()
	if len(msgs) != 200 {
		t.Fatalf("corpus has %d messages, want 200", len(msgs))
	}
	kinds := map[string]int{}
	for _, m := range msgs {
		kinds[m.kind]++
		lines := Parse(m.pml, m.data).Layout(Options{Width: benchWidth, Plain: true})
		if len(lines) == 0 {
			t.Errorf("%s message lays out as nothing: %s", m.kind, m.pml)
		}
		text := strings.Join(lines, "\n")
		if leak := markupLeak(text); leak != "" {
			t.Errorf("markup %q visible in %s message:\n%s", leak, m.kind, text)
		}
	}
	want := fmt.Sprint(map[string]int{"short": corpusShort, "paragraph": corpusParagraph, "code": corpusCode,
		"table": corpusTable, "list": corpusList, "card": corpusCard, "form": corpusForm})
	if got := fmt.Sprint(kinds); got != want {
		t.Errorf("corpus mix %s, want %s", got, want)
	}
}
