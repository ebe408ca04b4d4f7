package ui

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/tutti-chat/tutti/symphony"
)

var (
	keyTab      = tea.KeyPressMsg{Code: tea.KeyTab}
	keyShiftTab = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	keyEsc      = tea.KeyPressMsg{Code: tea.KeyEscape}
	keyUp       = tea.KeyPressMsg{Code: tea.KeyUp}
	keyDown     = tea.KeyPressMsg{Code: tea.KeyDown}
	keyNewline  = tea.KeyPressMsg{Code: 'j', Mod: tea.ModCtrl}
)

// newCompleteModel returns a model that sends, knows three users besides
// the reader, and composes in roomA.
func newCompleteModel(t *testing.T) (*Model, *fakeSend) {
	t.Helper()
	m, f := newSendModel(t)
	m.names.Set(7, "Mateo Patel")
	m.names.Set(8, "Patricia Oh")
	m.names.Set(9, "Ana Silva")
	openByKeys(t, m, "roomA")
	press(m, "i")
	return m, f
}

// tagged is a message of roomA whose EntityJSON holds hashtags and
// cashtags.
func tagged(id string, hashtags, cashtags []string) symphony.V4Message {
	var ents []string
	add := func(typ, idType, value string) {
		v, _ := json.Marshal(value)
		ents = append(ents, fmt.Sprintf(`"%d":{"type":%q,"version":"1.0","id":[{"type":%q,"value":%s}]}`, len(ents), typ, idType, v))
	}
	for _, h := range hashtags {
		add("org.symphonyoss.taxonomy", "org.symphonyoss.taxonomy.hashtag", h)
	}
	for _, c := range cashtags {
		add("org.symphonyoss.fin.security", "org.symphonyoss.fin.security.id.ticker", c)
	}
	msg := message("roomA", id, 2, base+1000, "tags")
	msg.Data = "{" + strings.Join(ents, ",") + "}"
	return msg
}

func TestCompleteMentionCycles(t *testing.T) {
	m, f := newCompleteModel(t)
	typeText(m, "hi @pat")
	update(m, keyTab)
	if got := m.ed.Value(); got != "hi @Mateo Patel " {
		t.Fatalf("after tab: %q", got)
	}
	if sc := screen(m); !strings.Contains(sc, "@Mateo Patel  @Patricia Oh") {
		t.Fatalf("the candidates are not shown:\n%s", sc)
	}
	for i, want := range []string{"hi @Patricia Oh ", "hi @Mateo Patel "} {
		update(m, keyTab)
		if got := m.ed.Value(); got != want {
			t.Fatalf("tab %d: %q, want %q", i+2, got, want)
		}
	}
	update(m, keyShiftTab)
	if got := m.ed.Value(); got != "hi @Patricia Oh " {
		t.Fatalf("after shift+tab: %q", got)
	}
	// enter accepts the candidate and does not send.
	if _, ok := sendKey(t, m); ok || len(f.calls) != 0 {
		t.Fatal("enter while cycling sent")
	}
	if sc := screen(m); strings.Contains(sc, "@Mateo Patel") {
		t.Fatalf("the candidates are still shown after accepting:\n%s", sc)
	}
	typeText(m, "there")
	if got := m.ed.Value(); got != "hi @Patricia Oh there" {
		t.Fatalf("typing after accepting: %q", got)
	}
	if _, ok := sendKey(t, m); !ok || !strings.Contains(f.calls[0], `hi <mention uid="8"/> there`) {
		t.Fatalf("sent %v", f.calls)
	}
}

func TestCompleteOneCandidateBecomesAMention(t *testing.T) {
	m, f := newCompleteModel(t)
	typeText(m, "(@mateo p")
	update(m, keyTab)
	if got := m.ed.Value(); got != "(@Mateo Patel " {
		t.Fatalf("several words: %q", got)
	}
	update(m, keyTab) // after the space: no token
	if got := m.ed.Value(); got != "(@Mateo Patel " {
		t.Fatalf("a second tab: %q", got)
	}
	typeText(m, "and @SIL")
	update(m, keyTab)
	if got := m.ed.Value(); got != "(@Mateo Patel and @Ana Silva " {
		t.Fatalf("a later word, another case: %q", got)
	}
	if sc := screen(m); strings.Contains(sc, "  @Ana Silva") {
		t.Fatalf("a single candidate is shown as a list:\n%s", sc)
	}
	update(m, keyEsc) // no cycle: esc leaves the composer
	if m.mode != modeTimeline {
		t.Fatalf("esc after a single completion: focus %v", m.mode)
	}
	press(m, "i")
	if _, ok := sendKey(t, m); !ok || !strings.Contains(f.calls[0], `(<mention uid="7"/> and <mention uid="9"/>`) {
		t.Fatalf("sent %v", f.calls)
	}
}

func TestCompleteRecentWritersFirst(t *testing.T) {
	m, _ := newCompleteModel(t)
	update(m, batch(live(message("roomA", "a1", 8, base+1000, "hello"))))
	update(m, batch(live(message("roomB", "b1", 7, base+2000, "elsewhere"))))
	typeText(m, "@pat")
	update(m, keyTab)
	if got := m.ed.Value(); got != "@Patricia Oh " {
		t.Fatalf("the recent writer of the stream is not first: %q", got)
	}
	update(m, keyTab)
	if got := m.ed.Value(); got != "@Mateo Patel " {
		t.Fatalf("second candidate: %q", got)
	}
}

func TestCompleteEscRestoresTheToken(t *testing.T) {
	m, _ := newCompleteModel(t)
	typeText(m, "hey @pa")
	update(m, keyTab)
	update(m, keyTab)
	update(m, keyEsc)
	if m.ed.Value() != "hey @pa" || m.mode != modeComposer {
		t.Fatalf("first esc: %q, focus %v", m.ed.Value(), m.mode)
	}
	if sc := screen(m); strings.Contains(sc, "@Patricia Oh") {
		t.Fatalf("the candidates are still shown:\n%s", sc)
	}
	typeText(m, "t")
	if m.ed.Value() != "hey @pat" {
		t.Fatalf("typing after esc: %q", m.ed.Value())
	}
	update(m, keyEsc)
	if m.mode != modeTimeline || m.drafts["roomA"] != "hey @pat" {
		t.Fatalf("second esc: focus %v, draft %q", m.mode, m.drafts["roomA"])
	}
}

func TestNoCompletionWithoutAToken(t *testing.T) {
	m, _ := newCompleteModel(t)
	update(m, batch(live(tagged("t1", []string{"release"}, []string{"AAPL"}))))
	for _, text := range []string{
		"mail a@pat", "a.@pat", "x#rel", "x$AA", "at 10:sm", "see :s", "hello ", "@pat there", "",
	} {
		m.ed.SetValue(text)
		update(m, keyTab)
		if got := m.ed.Value(); got != text {
			t.Errorf("%q completed to %q", text, got)
		}
	}
}

func TestCompleteTagsAndEmoji(t *testing.T) {
	m, f := newCompleteModel(t)
	update(m, keyEsc)
	// Tags come from the datafeed and from history pages; one that the
	// composer would not read back as a tag is not offered.
	update(m, batch(live(tagged("t1", []string{"release-2", "Releases", "bad tag\x1b[31m"}, []string{"AAPL", "BRK.B"}))))
	loadLatest(t, m, "roomB", []symphony.V4Message{tagged("t2", []string{"roadmap"}, nil)}, true)
	openByKeys(t, m, "roomA")
	press(m, "i")

	typeText(m, "#rel")
	update(m, keyTab)
	if got := m.ed.Value(); got != "#release-2 " {
		t.Fatalf("hashtag: %q", got)
	}
	update(m, keyTab)
	if got := m.ed.Value(); got != "#Releases " {
		t.Fatalf("second hashtag: %q", got)
	}
	typeText(m, "#ROAD")
	update(m, keyTab)
	typeText(m, "#bad")
	update(m, keyTab)
	typeText(m, " $aa")
	update(m, keyTab)
	typeText(m, "$BRK")
	update(m, keyTab)
	if got := m.ed.Value(); got != "#Releases #roadmap #bad $AAPL $BRK" {
		t.Fatalf("tags: %q", got)
	}
	m.ed.SetValue("")
	typeText(m, "ok :smil")
	update(m, keyTab)
	if got := m.ed.Value(); got != "ok :smile: " {
		t.Fatalf("emoji: %q", got)
	}
	if sc := screen(m); !strings.Contains(sc, "😄 :smile:  😸 :smile_cat:  😃 :smiley:") {
		t.Fatalf("the emoji candidates are not shown with their emoji:\n%s", sc)
	}
	typeText(m, ":umbsu") // no prefix match: substrings
	update(m, keyTab)
	if got := m.ed.Value(); got != "ok :smile: :thumbsup: " {
		t.Fatalf("emoji by substring: %q", got)
	}
	if _, ok := sendKey(t, m); ok {
		t.Fatal("enter while cycling sent")
	}
	m.ed.SetValue("#release-2 $AAPL :smile:")
	if _, ok := sendKey(t, m); !ok {
		t.Fatal("not sent")
	}
	for _, want := range []string{`<hash tag="release-2"/>`, `<cash tag="AAPL"/>`, `<emoji shortcode="smile"/>`} {
		if !strings.Contains(f.calls[0], want) {
			t.Errorf("sent %s, without %s", f.calls[0], want)
		}
	}
}

func TestCompletionLineFitsTheWidth(t *testing.T) {
	m, _ := newSendModel(t)
	update(m, tea.WindowSizeMsg{Width: 40, Height: 20})
	var tags []string
	for i := 1; i <= 30; i++ {
		tags = append(tags, fmt.Sprintf("topic%02d", i))
	}
	update(m, batch(live(tagged("t1", tags, nil))))
	openByKeys(t, m, "roomA")
	press(m, "i")
	typeText(m, "#top")
	update(m, keyTab)
	update(m, keyShiftTab)
	if got := m.ed.Value(); got != "#topic30 " {
		t.Fatalf("shift+tab from the first: %q", got)
	}
	sc := screen(m)
	if !strings.Contains(sc, "… ") || !strings.Contains(sc, "#topic30") {
		t.Fatalf("the current candidate does not show:\n%s", sc)
	}
	for _, line := range strings.Split(sc, "\n") {
		if w := ansi.StringWidth(line); w > 40 {
			t.Fatalf("a line of %d cells:\n%s", w, sc)
		}
	}
}

func TestRecallSentTexts(t *testing.T) {
	m, f := newCompleteModel(t)
	for _, text := range []string{"one", "two", "two"} {
		typeText(m, text)
		if _, ok := sendKey(t, m); !ok {
			t.Fatalf("%q not sent", text)
		}
	}
	if len(f.calls) != 3 {
		t.Fatalf("%d sends", len(f.calls))
	}
	typeText(m, "draft")
	steps := []struct {
		key  tea.KeyPressMsg
		want string
	}{
		{keyUp, "two"}, {keyUp, "one"}, {keyUp, "one"}, {keyDown, "two"}, {keyDown, "draft"}, {keyDown, "draft"},
	}
	for i, s := range steps {
		update(m, s.key)
		if got := m.ed.Value(); got != s.want {
			t.Fatalf("step %d (%s): %q, want %q", i, s.key, got, s.want)
		}
	}

	// In a text of several lines, up and down move between its lines first.
	m.ed.SetValue("")
	typeText(m, "a")
	update(m, keyNewline)
	typeText(m, "b")
	update(m, keyUp)
	if m.ed.Value() != "a\nb" || m.ed.cursor != 1 {
		t.Fatalf("up on the second line: %q, cursor %d", m.ed.Value(), m.ed.cursor)
	}
	update(m, keyUp)
	if m.ed.Value() != "two" {
		t.Fatalf("up on the first line: %q", m.ed.Value())
	}
	update(m, keyDown)
	if m.ed.Value() != "a\nb" {
		t.Fatalf("down past the newest: %q", m.ed.Value())
	}

	// A recalled text that is edited is the text to come back to.
	update(m, keyUp) // to the first line
	update(m, keyUp)
	typeText(m, "!")
	update(m, keyUp)
	update(m, keyDown)
	if m.ed.Value() != "two!" {
		t.Fatalf("an edited recall was lost: %q", m.ed.Value())
	}

	// The texts are the model's, not the stream's.
	update(m, keyEsc)
	openByKeys(t, m, "roomB")
	press(m, "i")
	update(m, keyUp)
	if m.ed.Value() != "two" {
		t.Fatalf("in another stream: %q", m.ed.Value())
	}
}

func TestSentTextsAreBounded(t *testing.T) {
	var h sentTexts
	for i := range maxSent + 50 {
		h.add(fmt.Sprint(i))
	}
	if len(h.texts) != maxSent || h.texts[0] != "50" || h.texts[maxSent-1] != fmt.Sprint(maxSent+49) {
		t.Fatalf("%d texts, %q … %q", len(h.texts), h.texts[0], h.texts[len(h.texts)-1])
	}
}
