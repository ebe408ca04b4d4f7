package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tutti-chat/tutti/history"
	"github.com/tutti-chat/tutti/internal/engine"
	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// actPod is an empty pod, a model of its account with an IM with bob open,
// and bob's own client.
type actPod struct {
	*Model
	c, bob  *symphony.Client
	im      string // the IM with bob, open
	aliceIM string // the IM with alice
	bobID   int64
}

// newActPod starts an empty pod, gives bob a key, opens an IM of the
// account with bob and a model of the account showing it; the model sends
// and edits through the account's client.
func newActPod(t *testing.T) *actPod {
	t.Helper()
	srv := simtest.Start(t, simulator.Options{Scenario: "empty", NoLive: true})
	c := simtest.Client(t, srv, nil)
	ctx := context.Background()
	bobUser, ok := srv.UserByUsername("bob")
	if !ok {
		t.Fatal("the pod has no bob")
	}
	if err := srv.AddAccount("bob", &simtest.Key().PublicKey); err != nil {
		t.Fatal(err)
	}
	bob, err := symphony.New(symphony.Options{PodURL: srv.URL(), Username: "bob", PrivateKey: simtest.Key(), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	im, err := c.CreateIM(ctx, []int64{bobUser.ID})
	if err != nil {
		t.Fatal(err)
	}
	im = symphony.CanonicalID(im)
	alice, _ := srv.UserByUsername("alice")
	aliceIM, err := c.CreateIM(ctx, []int64{alice.ID})
	if err != nil {
		t.Fatal(err)
	}
	aliceIM = symphony.CanonicalID(aliceIM)
	d := names.New()
	d.SetMe(srv.AccountID())
	d.Set(srv.AccountID(), "Tutti Bot")
	d.Set(bobUser.ID, bobUser.DisplayName)
	d.Set(alice.ID, alice.DisplayName)
	m := New(Deps{
		Context: ctx, Items: make(chan engine.Item), Pager: history.NewPager(fakeFetcher{}, history.PagerOptions{}),
		Streams: []StreamInfo{
			{ID: im, Name: bobUser.DisplayName, Type: symphony.StreamIM},
			{ID: aliceIM, Name: alice.DisplayName, Type: symphony.StreamIM},
		},
		Names: d, Me: srv.AccountID(), Host: "simulator", Location: time.UTC,
		Send: c.SendMessage, UpdateMessage: c.UpdateMessage,
	})
	update(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	m.openStream(im)
	m.mode = modeTimeline
	return &actPod{Model: m, c: c, bob: bob, im: im, aliceIM: aliceIM, bobID: bobUser.ID}
}

// actKey presses one key given as the key map writes it.
func actKey(m *Model, k string) tea.Cmd {
	var msg tea.KeyPressMsg
	switch k {
	case "enter":
		msg = tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		msg = tea.KeyPressMsg{Code: tea.KeyEscape}
	case "ctrl+u":
		msg = tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	case "E", "F":
		msg = tea.KeyPressMsg{Code: rune(strings.ToLower(k)[0]), Text: k, Mod: tea.ModShift}
	default:
		msg = tea.KeyPressMsg{Code: rune(k[0]), Text: k}
	}
	return update(m, msg)
}

// runOne runs a command that must answer one message, and applies it.
func runOne(t *testing.T, m *Model, cmd tea.Cmd) {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	update(m, cmd())
}

// lastMessage returns the newest message row of stream id.
func lastMessage(t *testing.T, m *Model, id string) history.Row {
	t.Helper()
	tl := m.streams[id].tl
	for i := tl.Len() - 1; i >= 0; i-- {
		if r := tl.At(i); r.Kind == history.RowMessage {
			return r
		}
	}
	t.Fatalf("no message in %s", id)
	return history.Row{}
}

// TestEditReachesTheOtherMemberAsAnEdit: E on one's own message opens it
// in the composer as composer text; enter updates it over HTTP; the row
// shows the new text marked edited, and the other member's datafeed gets
// the new version as an edit of the first.
func TestEditReachesTheOtherMemberAsAnEdit(t *testing.T) {
	p := newActPod(t)
	ctx := context.Background()
	feed, err := p.bob.CreateDatafeed(ctx, symphony.V5DatafeedCreateBody{})
	if err != nil {
		t.Fatal(err)
	}

	actKey(p.Model, "i")
	typeText(p.Model, "first *draft*")
	runOne(t, p.Model, actKey(p.Model, "enter"))
	sent := lastMessage(t, p.Model, p.im)
	if sent.Pending || sent.Message == nil {
		t.Fatalf("the message was not confirmed: %+v", sent)
	}
	actKey(p.Model, "esc")

	actKey(p.Model, "E")
	if p.mode != modeComposer || p.ed.Value() != "first *draft*" {
		t.Fatalf("E: mode %v, composer %q", p.mode, p.ed.Value())
	}
	if !strings.Contains(screen(p.Model), "editing your message") {
		t.Fatalf("the composer does not say it edits:\n%s", screen(p.Model))
	}
	actKey(p.Model, "ctrl+u")
	typeText(p.Model, "final **version**")
	runOne(t, p.Model, actKey(p.Model, "enter"))

	row, ok := p.streams[p.im].tl.Lookup(sent.Key)
	if !ok || !row.Edited || !strings.Contains(row.Message.PML, "<b>version</b>") {
		t.Fatalf("the row after the edit: %+v %+v", row, row.Message)
	}
	if got := screen(p.Model); !strings.Contains(got, "final version") || !strings.Contains(got, "(edited)") {
		t.Fatalf("the screen does not show the edit:\n%s", got)
	}
	if n := p.streams[p.im].tl.Len(); n != 1 {
		t.Fatalf("%d rows, want the one message", n)
	}

	// Bob's datafeed: the message, then its new version naming it.
	tl := history.NewTimeline(p.im, history.Options{})
	ack := ""
	var edit *symphony.V4Message
	for deadline := time.Now().Add(10 * time.Second); edit == nil && time.Now().Before(deadline); {
		res, err := p.bob.ReadDatafeed(ctx, feed.ID, ack, false)
		if err != nil {
			t.Fatal(err)
		}
		ack = res.AckID
		for _, ev := range res.Events {
			tl.ApplyLive(ev)
			if m := ev.Message(); ev.Type == symphony.EventMessageSent && m != nil && m.Replacing != "" {
				edit = m
			}
		}
	}
	if edit == nil {
		t.Fatal("bob's datafeed never got the edit")
	}
	if symphony.CanonicalID(edit.InitialMessageID) != sent.Key || symphony.CanonicalID(edit.Replacing) != sent.Key {
		t.Fatalf("the edit names %q/%q, want %q", edit.Replacing, edit.InitialMessageID, sent.Key)
	}
	r, ok := tl.Lookup(sent.Key)
	if tl.Len() != 1 || !ok || !r.Edited || !strings.Contains(r.Message.PML, "version") {
		t.Fatalf("bob's timeline: %d rows, %+v", tl.Len(), r)
	}
}

// TestEditRefusals: another's message, a message the composer cannot
// write back and a refusal of the pod are said, and nothing is sent.
func TestEditRefusals(t *testing.T) {
	p := newActPod(t)
	// A message of bob's, as the datafeed would bring it.
	bobMsg := message(p.im, "bobmsg1", p.bobID, time.Now().UnixMilli(), "hello from bob")
	update(p.Model, batch(live(bobMsg)))
	actKey(p.Model, "E")
	if p.mode == modeComposer || !strings.Contains(p.status.notice, "only the author") {
		t.Fatalf("E on bob's message: mode %v, notice %q", p.mode, p.status.notice)
	}

	// A table does not round-trip through the composer.
	table := message(p.im, "mytable1", p.deps.Me, time.Now().UnixMilli()+1, "<table><tr><td>1</td></tr></table>")
	update(p.Model, batch(live(table)))
	p.streams[p.im].sel = selection{}
	actKey(p.Model, "E")
	if p.mode == modeComposer || !strings.Contains(p.status.notice, "cannot edit here") {
		t.Fatalf("E on a table: mode %v, notice %q", p.mode, p.status.notice)
	}

	// The pod refuses to update a message it does not have: the refusal
	// is said and the text comes back to the composer, still an edit.
	ghost := message(p.im, "ghostmsg1", p.deps.Me, time.Now().UnixMilli()+2, "gone")
	update(p.Model, batch(live(ghost)))
	p.streams[p.im].sel = selection{}
	actKey(p.Model, "E")
	typeText(p.Model, " again")
	runOne(t, p.Model, actKey(p.Model, "enter"))
	if n := p.status.notice; !strings.Contains(n, "not edited") || !strings.Contains(n, "does not exist") {
		t.Fatalf("the pod's refusal is not said: %q", n)
	}
	if p.drafts[p.im] != "gone again" || p.acts.cur.kind != actEdit {
		t.Fatalf("after the refusal: draft %q, action %v", p.drafts[p.im], p.acts.cur.kind)
	}
}

// TestQuoteReply: r opens the composer under a quote of the selected
// message with a mention of its author; the message sent carries the quote
// as a card (author, time, first lines) before the text.
func TestQuoteReply(t *testing.T) {
	p := newActPod(t)
	ts := time.Date(2026, 12, 1, 9, 14, 0, 0, time.UTC).UnixMilli()
	update(p.Model, batch(live(message(p.im, "bobmsg1", p.bobID, ts, "can you price it?<br/>by noon<br/>thanks<br/>really"))))
	actKey(p.Model, "r")
	if p.mode != modeComposer || p.ed.Value() != "@Bob Dupont " {
		t.Fatalf("r: mode %v, composer %q", p.mode, p.ed.Value())
	}
	if !strings.Contains(screen(p.Model), "replying to Bob Dupont · 1 Dec 09:14") {
		t.Fatalf("the composer does not say what it replies to:\n%s", screen(p.Model))
	}
	typeText(p.Model, "yes, at 11")
	runOne(t, p.Model, actKey(p.Model, "enter"))
	r := lastMessage(t, p.Model, p.im)
	if r.Pending || r.Failed != "" {
		t.Fatalf("the reply was not sent: %+v", r)
	}
	pml := r.Message.PML
	for _, want := range []string{`class="card"`, "↩ Bob Dupont · 1 Dec 09:14", "can you price it?", "by noon<br/>thanks …", "@Bob Dupont", "yes, at 11"} {
		if !strings.Contains(pml, want) {
			t.Errorf("the reply lacks %q: %s", want, pml)
		}
	}
	if strings.Contains(pml, "really") {
		t.Errorf("the quote holds more than its first lines: %s", pml)
	}
	if !strings.Contains(r.Message.Data, "com.symphony.user.mention") {
		t.Errorf("the reply does not mention the author: %s", r.Message.Data)
	}
	if got := screen(p.Model); !strings.Contains(got, "↩ Bob Dupont") || !strings.Contains(got, "yes, at 11") {
		t.Errorf("the screen does not show the quote:\n%s", got)
	}
}

// TestForward: f opens the switcher to pick a stream; picking one opens its
// composer with the message quoted under its origin, and send posts it
// there.
func TestForward(t *testing.T) {
	p := newActPod(t)
	ts := time.Date(2026, 12, 1, 9, 14, 0, 0, time.UTC).UnixMilli()
	update(p.Model, batch(live(message(p.im, "bobmsg1", p.bobID, ts, "the desk is <b>long</b> $UST10Y"))))
	actKey(p.Model, "f")
	if p.mode != modeSwitcher || !strings.Contains(screen(p.Model), "forward to:") {
		t.Fatalf("f: mode %v\n%s", p.mode, screen(p.Model))
	}
	typeText(p.Model, "Alice")
	actKey(p.Model, "enter")
	if p.open != p.aliceIM || p.mode != modeComposer {
		t.Fatalf("after picking: open %q mode %v", p.open, p.mode)
	}
	typeText(p.Model, "fyi")
	runOne(t, p.Model, actKey(p.Model, "enter"))
	r := lastMessage(t, p.Model, p.aliceIM)
	if r.Pending || r.Failed != "" {
		t.Fatalf("the forward was not sent: %+v", r)
	}
	for _, want := range []string{"↪ forwarded from Bob Dupont · Bob Dupont · 1 Dec 09:14", "the desk is long &#36;UST10Y", "fyi"} {
		if !strings.Contains(r.Message.PML, want) && !strings.Contains(r.Message.PML, strings.ReplaceAll(want, "&#36;", "$")) {
			t.Errorf("the forward lacks %q: %s", want, r.Message.PML)
		}
	}
	// esc in the switcher cancels a forward: the next switcher switches.
	actKey(p.Model, "esc")
	p.streams[p.open].sel = selection{}
	actKey(p.Model, "f")
	actKey(p.Model, "esc")
	update(p.Model, tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	typeText(p.Model, "Bob")
	actKey(p.Model, "enter")
	if p.open != p.im || p.mode == modeComposer {
		t.Fatalf("a switcher after a cancelled forward: open %q mode %v", p.open, p.mode)
	}
}

// TestReplyFromActivity: r on a row of Activity replies in the row's own
// stream, which opens.
func TestReplyFromActivity(t *testing.T) {
	p := newActPod(t)
	ts := time.Date(2026, 12, 1, 9, 14, 0, 0, time.UTC).UnixMilli()
	update(p.Model, batch(live(message(p.im, "bobmsg1", p.bobID, ts, "anyone?"))))
	p.openStream(activityID)
	p.mode = modeTimeline
	actKey(p.Model, "r")
	if p.open != p.im || p.mode != modeComposer || p.acts.cur.stream != p.im {
		t.Fatalf("r in Activity: open %q mode %v action in %q", p.open, p.mode, p.acts.cur.stream)
	}
	typeText(p.Model, "me")
	runOne(t, p.Model, actKey(p.Model, "enter"))
	if r := lastMessage(t, p.Model, p.im); r.Pending || !strings.Contains(r.Message.PML, "↩ Bob Dupont") {
		t.Fatalf("the reply in the IM: %+v", r.Message)
	}
}
