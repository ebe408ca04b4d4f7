package cli

import (
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/tutti-chat/tutti/internal/session"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// TestUIHumanAnswersTheBotsForm is the bot developer's workbench, both
// ends: tutti simulator --human serves a bot and a person; the bot (the
// service account, through the written config) sends a form into its IM
// with the person; tutti's UI, logged in as the person with the config
// written for them, fills the form in by keys and presses its button; the
// bot's datafeed receives the SYMPHONYELEMENTSACTION with every value.
func TestUIHumanAnswersTheBotsForm(t *testing.T) {
	dir := t.TempDir()
	botConfig := filepath.Join(dir, "config.yaml")
	runSimulatorCommand(t, "--tls", "--scenario", "empty", "--write-config", botConfig, "--human", "ana.silva")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logger := slog.New(slog.DiscardHandler)

	botCfg, err := symphony.LoadConfig(botConfig)
	if err != nil {
		t.Fatal(err)
	}
	bot, err := symphony.NewFromConfig(botCfg, "test", nil)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := session.Connect(ctx, session.Target{Config: filepath.Join(dir, "human-ana.silva.yaml")}, embeddedSimFlags{}.session(),
		session.Recording{}, logger)
	if err != nil {
		t.Fatalf("connect as the person: %v", err)
	}
	defer conn.Close()
	var im string
	for _, st := range conn.Streams {
		if st.StreamType.Type == symphony.StreamIM {
			im = st.ID
		}
	}
	if im == "" {
		t.Fatal("the person has no IM with the bot")
	}
	feed, err := bot.CreateDatafeed(ctx, symphony.V5DatafeedCreateBody{})
	if err != nil {
		t.Fatal(err)
	}

	f, wait := startUIFlow(t, ctx, conn)
	defer wait()
	defer cancel()
	tm, waitOut, keys := f.tm, f.waitOut, f.typeKeys
	tab, enter := tea.KeyPressMsg{Code: tea.KeyTab}, tea.KeyPressMsg{Code: tea.KeyEnter}
	waitOut("live")
	tm.Send(tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl})
	keys("Tutti Bot")
	tm.Send(enter)

	form, err := bot.SendMessage(ctx, im, `<messageML><form id="lunch"><p>Lunch order</p>
<text-field name="dish" label="Dish" required="true"/>
<select name="size" label="Size"><option value="s">Small</option><option value="m" selected="true">Medium</option><option value="l">Large</option></select>
<checkbox name="extras" value="bread">Bread</checkbox><checkbox name="extras" value="salad">Salad</checkbox>
<button name="order" type="action">Order</button><button type="reset">Start again</button></form></messageML>`, "")
	if err != nil {
		t.Fatalf("the bot sends its form: %v", err)
	}
	waitOut("Lunch order")
	tm.Send(tea.KeyPressMsg{Code: 'k', Text: "k"}) // the form, the newest message
	tm.Send(enter)
	waitOut("form lunch from")
	keys("Pho")
	tm.Send(tab) // size
	tm.Send(tea.KeyPressMsg{Code: tea.KeyRight})
	tm.Send(tab) // extras
	tm.Send(tea.KeyPressMsg{Code: tea.KeyRight})
	tm.Send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
	tm.Send(tab)   // the buttons: Order
	tm.Send(enter) // the bot's datafeed says whether it was sent

	action := simtest.AwaitEvent(t, ctx, bot, feed.ID, symphony.EventSymphonyElementsAction, "the bot's").Payload.SymphonyElementsAction
	got, _ := json.Marshal(action.FormValues)
	if want := `{"action":"order","dish":"Pho","extras":["salad"],"size":"l"}`; string(got) != want ||
		action.FormID != "lunch" || action.FormMessageID != form.MessageID {
		t.Errorf("the bot received form %s of %s with %s, want %s", action.FormID, action.FormMessageID, got, want)
	}
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
}
