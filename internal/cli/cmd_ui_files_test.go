package cli

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tutti-chat/tutti/internal/session"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
	"github.com/tutti-chat/tutti/ui"
)

// The users of the simulator's "empty" scenario.
const (
	emptyAliceID int64 = 349026222342001
	emptyDanaID  int64 = 349026222342004 // of another pod
)

// TestUISavesAnAttachmentAndAcceptsAConnection runs the UI against the
// embedded simulator: d on a message saves its file to the XDG download
// directory, byte for byte what the pod holds, with mode 0600; a
// connection request that arrives in Connections is accepted with a, and
// the acceptance comes back through the datafeed.
func TestUISavesAnAttachmentAndAcceptsAConnection(t *testing.T) {
	t.Setenv("TUTTI_CONFIG", "")
	downloads := filepath.Join(t.TempDir(), "dl")
	t.Setenv("XDG_DOWNLOAD_DIR", downloads)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logger := slog.New(slog.DiscardHandler)
	conn, err := session.Connect(ctx, session.Target{}, embeddedSimFlags{scenario: "empty", seed: 1, speed: 0.01}.session(), session.Recording{}, logger)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	me := conn.Sim.AccountID()
	room := &scenario.Room{ID: "ZmlsZXMtZmxvdy1yb29tLTAwMDA", Name: "Files desk", Members: []int64{emptyAliceID}}
	if err := conn.Sim.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: me, Room: room}); err != nil {
		t.Fatal(err)
	}

	model, wait := startUI(ctx, conn, time.Hour, nil, logger)
	defer wait()
	defer cancel()
	tm := teatest.NewTestModel(t, model, teatest.WithInitialTermSize(140, 40))
	waitOut := func(what string, want string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(want)) },
			teatest.WithDuration(20*time.Second), teatest.WithCheckInterval(50*time.Millisecond))
	}
	typeText := func(s string) {
		for _, r := range s {
			tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
	waitOut("live", "live")
	const size = 700_000
	if err := conn.Sim.Apply(scenario.Action{Kind: scenario.SendMessage, Actor: emptyAliceID, Stream: room.ID, Key: "eod",
		MessageML: "<messageML>EOD risk attached</messageML>", Attachments: []scenario.Attachment{{Name: "../eod risk.xlsx", Size: size}}}); err != nil {
		t.Fatal(err)
	}
	tm.Send(tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	typeText("Files desk")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitOut("the message with its file", "eod risk.xlsx")
	tm.Send(tea.KeyPressMsg{Code: 'k', Text: "k"})
	tm.Send(tea.KeyPressMsg{Code: 'd', Text: "d"})
	waitOut("the file saved", "saved eod risk.xlsx (D opens it)")

	// The connection request of dana, of another pod, arrives live.
	if err := conn.Sim.Apply(scenario.Action{Kind: scenario.RequestConnection, Actor: emptyDanaID, User: me}); err != nil {
		t.Fatal(err)
	}
	tm.Send(tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	typeText("Connections")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitOut("the pending request", "pending: a accepts, X rejects")
	tm.Send(tea.KeyPressMsg{Code: 'k', Text: "k"})
	tm.Send(tea.KeyPressMsg{Code: 'a', Text: "a"})
	waitOut("the acceptance from the datafeed", "accepted the connection request of")
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*ui.Model)
	if screen := ansi.Strip(final.View().Content); !strings.Contains(screen, "to connect · accepted") {
		t.Errorf("the request's row does not say it was accepted:\n%s", screen)
	}

	entries, err := os.ReadDir(downloads)
	if err != nil || len(entries) != 1 || entries[0].Name() != "eod risk.xlsx" {
		t.Fatalf("the download directory holds %v, %v", entries, err)
	}
	path := filepath.Join(downloads, entries[0].Name())
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	msgID, _ := conn.Sim.MessageID("eod")
	held, _ := conn.Sim.Message(msgID)
	want, found := conn.Sim.AttachmentContent(msgID, held.Attachments[0].ID)
	if !found || len(got) != size || !bytes.Equal(got, want) {
		t.Errorf("the saved file (%d bytes) is not the pod's (%d bytes, found %v)", len(got), len(want), found)
	}
	if info, err := os.Stat(path); runtime.GOOS != "windows" && (err != nil || info.Mode().Perm() != 0o600) {
		t.Errorf("the saved file has mode %v, %v", info.Mode(), err)
	}
	list, err := conn.Client.Connections(ctx, symphony.ConnectionAll, []int64{emptyDanaID})
	if err != nil || len(list) != 1 || list[0].Status != symphony.ConnectionAccepted {
		t.Errorf("the pod's connection with dana: %+v, %v", list, err)
	}
}

// TestUISendsAFileAndDownloadsItBack attaches a file in the composer
// (/attach PATH), sends it to a room of the embedded simulator, and saves
// it back with d: the file saved is byte for byte the file sent.
func TestUISendsAFileAndDownloadsItBack(t *testing.T) {
	t.Setenv("TUTTI_CONFIG", "")
	downloads := filepath.Join(t.TempDir(), "dl")
	t.Setenv("XDG_DOWNLOAD_DIR", downloads)
	src := filepath.Join(t.TempDir(), "blotter.bin")
	content := make([]byte, 300_000)
	for i := range content {
		content[i] = byte(i*7 + i/251)
	}
	if err := os.WriteFile(src, content, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logger := slog.New(slog.DiscardHandler)
	conn, err := session.Connect(ctx, session.Target{}, embeddedSimFlags{scenario: "empty", seed: 1, speed: 0.01}.session(), session.Recording{}, logger)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	model, wait := startUI(ctx, conn, time.Hour, nil, logger)
	defer wait()
	defer cancel()
	tm := teatest.NewTestModel(t, model, teatest.WithInitialTermSize(140, 40))
	waitOut := func(what string, want string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(want)) },
			teatest.WithDuration(20*time.Second), teatest.WithCheckInterval(50*time.Millisecond))
	}
	typeText := func(s string) {
		for _, r := range s {
			tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
	waitOut("live", "live")
	// The room is made now: the UI learns it from the datafeed.
	room := &scenario.Room{ID: "dXBsb2FkLWZsb3ctcm9vbS0wMA", Name: "Upload desk", Members: []int64{emptyAliceID}}
	if err := conn.Sim.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: conn.Sim.AccountID(), Room: room}); err != nil {
		t.Fatal(err)
	}
	waitOut("the room in the list", "Upload desk")
	tm.Send(tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	typeText("Upload desk")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitOut("the room", "beginning of the conversation")
	tm.Send(tea.KeyPressMsg{Code: 'i', Text: "i"})
	typeText("/attach " + src)
	tm.Send(tea.KeyPressMsg{Code: 'j', Mod: tea.ModCtrl})
	typeText("blotter attached")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitOut("the file in the room", "blotter.bin (293.0 KiB)")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	tm.Send(tea.KeyPressMsg{Code: 'k', Text: "k"})
	tm.Send(tea.KeyPressMsg{Code: 'd', Text: "d"})
	waitOut("the file saved", "saved blotter.bin")
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))

	got, err := os.ReadFile(filepath.Join(downloads, "blotter.bin"))
	if err != nil || !bytes.Equal(got, content) {
		t.Errorf("the file saved back (%d bytes, %v) is not the file sent (%d bytes)", len(got), err, len(content))
	}
}
