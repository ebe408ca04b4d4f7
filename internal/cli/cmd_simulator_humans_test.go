package cli

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/internal/session"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// runSimulatorCommand runs tutti simulator with args until the test ends
// and returns what it printed once it serves.
func runSimulatorCommand(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"simulator", "--addr", "127.0.0.1:0"}, args...), &stdout, &stderr)
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("simulator: %v", err)
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(stdout.String(), "Ctrl-C") {
		select {
		case err := <-done:
			done <- err
			t.Fatalf("simulator ended: %v\n%s", err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the simulator did not start:\n%s%s", stdout.String(), stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	return stdout.String()
}

// TestSimulatorHumanLogsInWithItsConfig runs tutti simulator --scenario
// empty with two humans, one new and one of the scenario, and opens the
// configuration written for the new one as tutti --config does: it logs
// in as that person, who is in an IM with the bot and in the lab room
// with everyone, and whose datafeed receives what the bot says in the IM.
func TestSimulatorHumanLogsInWithItsConfig(t *testing.T) {
	dir := t.TempDir()
	botConfig := filepath.Join(dir, "config.yaml")
	out := runSimulatorCommand(t, "--tls", "--scenario", "empty", "--write-config", botConfig,
		"--human", "ana.silva", "--human", "alice")
	humanConfig := filepath.Join(dir, "human-ana.silva.yaml")
	for _, name := range []string{"ana.silva", "alice"} {
		if want := "tutti --config " + filepath.Join(dir, "human-"+name+".yaml") + "\n"; !strings.Contains(out, want) {
			t.Errorf("the output does not say %q:\n%s", want, out)
		}
		info, err := os.Stat(filepath.Join(dir, "human-"+name+"-key.pem"))
		if err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s's key file: %v, %v; want mode 0600", name, info, err)
		}
	}
	cfg, err := symphony.LoadConfig(humanConfig)
	if err != nil {
		t.Fatalf("the human's config does not load: %v", err)
	}
	botCfg, err := symphony.LoadConfig(botConfig)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Pod.BaseURL() != botCfg.Pod.BaseURL() || cfg.TrustStore.Path != botCfg.TrustStore.Path || cfg.Bot.Username != "ana.silva" ||
		cfg.Bot.PrivateKey.Path != filepath.Join(dir, "human-ana.silva-key.pem") {
		t.Errorf("human config: pod %s trust %q bot %+v; the bot's: pod %s trust %q", cfg.Pod.BaseURL(), cfg.TrustStore.Path,
			cfg.Bot, botCfg.Pod.BaseURL(), botCfg.TrustStore.Path)
	}

	ctx := context.Background()
	conn, err := session.Connect(ctx, session.Target{Config: humanConfig}, embeddedSimFlags{}.session(),
		session.Recording{}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("connect with the human's config: %v", err)
	}
	defer conn.Close()
	me, err := conn.Client.SessionInfo(ctx)
	if err != nil || me.Username != "ana.silva" || me.DisplayName != "Ana Silva" || me.AccountType != "NORMAL" || me.Company != "Tutti" {
		t.Fatalf("logged in as %+v, %v; want Ana Silva, a person of Tutti", me, err)
	}
	bot, err := symphony.NewFromConfig(botCfg, "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	botMe, err := bot.SessionInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}

	var im, lab string
	for _, st := range conn.Streams {
		switch {
		case st.StreamType.Type == symphony.StreamIM:
			im = st.ID
		case st.StreamType.Type == symphony.StreamRoom && st.RoomAttributes != nil && st.RoomAttributes.Name == "Bot lab":
			lab = st.ID
		}
	}
	if im == "" || lab == "" {
		t.Fatalf("the human's streams %+v: want an IM and the Bot lab", conn.Streams)
	}
	if again, err := bot.CreateIM(ctx, []int64{me.ID}); err != nil || symphony.CanonicalID(again) != symphony.CanonicalID(im) {
		t.Errorf("the bot's IM with the human: %q, %v; want the existing %q", again, err, im)
	}
	members, err := bot.RoomMembers(ctx, lab)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range members {
		users, err := bot.UsersByID(ctx, []int64{m.ID}, true)
		if err != nil || len(users) != 1 {
			t.Fatalf("member %d: %v", m.ID, err)
		}
		names = append(names, users[0].Username)
	}
	slices.Sort(names)
	if want := []string{"alice", "ana.silva", "bob", "carol", "tutti-bot"}; !slices.Equal(names, want) {
		t.Errorf("Bot lab members %v, want %v", names, want)
	}

	feed, err := conn.Client.CreateDatafeed(ctx, symphony.V5DatafeedCreateBody{})
	if err != nil {
		t.Fatal(err)
	}
	sent, err := bot.SendMessage(ctx, im, "<messageML>Hello <b>Ana</b></messageML>", "")
	if err != nil {
		t.Fatalf("the bot sends: %v", err)
	}
	m := simtest.AwaitEvent(t, ctx, conn.Client, feed.ID, symphony.EventMessageSent, "the human's").Payload.MessageSent.Message
	if m.MessageID != sent.MessageID || m.User.UserID != botMe.ID || !strings.Contains(m.Message, "<b>Ana</b>") {
		t.Errorf("the human received %s by %d: %s", m.MessageID, m.User.UserID, m.Message)
	}
}

// TestSimulatorHumanNeedsWriteConfig refuses --human without a place to
// write its configuration, and a person who is the service account.
func TestSimulatorHumanNeedsWriteConfig(t *testing.T) {
	_, _, err := runCommand(t, "simulator", "--addr", "127.0.0.1:0", "--human", "ana.silva")
	if err == nil || !strings.Contains(err.Error(), "--human needs --write-config") {
		t.Errorf("--human without --write-config: %v", err)
	}
	_, _, err = runCommand(t, "simulator", "--addr", "127.0.0.1:0", "--scenario", "empty",
		"--write-config", filepath.Join(t.TempDir(), "config.yaml"), "--human", "tutti-bot")
	if err == nil || !strings.Contains(err.Error(), "service account") {
		t.Errorf("--human of the service account: %v", err)
	}
}
