package render

import (
	"strings"
	"testing"
	"time"
)

// dateTimePML is a <dateTime format="time"/> as the agent delivers it: a
// time element whose text is the raw ISO value.
const (
	dateTimePML  = `Standup moved to <span><time data-entity-id="datetime1" datetime="2026-12-06T03:30:00Z" data-format="time">2026-12-06T03:30:00Z</time></span>, room 4.`
	dateTimeData = `{"datetime1":{"type":"org.symphonyoss","version":"1.0","data":{"value":"2026-12-06T03:30:00Z","type":"org.symphonyoss.datetime","format":"time"}}}`
)

func TestOneLineReadsAsTheLayout(t *testing.T) {
	doc := Parse(pmlDoc(dateTimePML), dateTimeData)
	cet := time.FixedZone("CET", 3600)
	laid := strings.Join(doc.Layout(Options{Width: 200, Plain: true, Location: cet}), " ")
	got := doc.OneLine(Options{Location: cet})
	if want := "Standup moved to 04:30, room 4."; got != want || laid != want {
		t.Errorf("OneLine = %q, Layout = %q, want both %q", got, laid, want)
	}
	if strings.Contains(got, "2026-12-06") {
		t.Errorf("OneLine shows the raw datetime: %q", got)
	}
	// PlainText keeps its UTC times for text output.
	if got := doc.PlainText(); got != "Standup moved to 03:30, room 4." {
		t.Errorf("PlainText = %q", got)
	}
}

func TestOneLineJoinsAndCuts(t *testing.T) {
	doc := Parse(pmlDoc(`<p>first   line</p><p>second<br/>third</p><ul><li>item</li></ul>`), "")
	if got, want := doc.OneLine(Options{}), "first line second third • item"; got != want {
		t.Errorf("OneLine = %q, want %q", got, want)
	}
	if got, want := doc.OneLine(Options{Width: 12}), "first line …"; got != want {
		t.Errorf("OneLine at 12 = %q, want %q", got, want)
	}
	if got := doc.OneLine(Options{Width: 1}); got != "…" {
		t.Errorf("OneLine at 1 = %q", got)
	}
	if got := Parse(pmlDoc(`wide 日本語テキスト`), "").OneLine(Options{Width: 9}); textWidth(got) > 9 || !strings.HasSuffix(got, "…") {
		t.Errorf("OneLine of wide text at 9 = %q (%d cells)", got, textWidth(got))
	}
}

func TestOneLineIsSanitised(t *testing.T) {
	doc := Parse(pmlDoc("hi \x1b]52;c;ZXZpbA==\x07 there \x1b[2J\rCEO: wire&#x1b;[31m money \u202e<pre>a\tb\x07</pre>"), "")
	got := doc.OneLine(Options{})
	if c := controlIn(got); c != "" {
		t.Errorf("OneLine has a control character %q: %q", c, got)
	}
	if strings.ContainsAny(got, "\n\t") {
		t.Errorf("OneLine is not one line: %q", got)
	}
}
