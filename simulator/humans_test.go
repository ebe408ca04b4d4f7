package simulator_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

// TestAddHumanMakesAPersonWithAnIM adds a new person while the bot
// follows its datafeed: a NORMAL user of the bot's company named after
// the username, who logs in with the key and has an IM with the bot, whose
// creation the bot hears of. A person of the scenario keeps their record;
// the service account, a user of another pod and a username that cannot
// name a file are refused.
func TestAddHumanMakesAPersonWithAnIM(t *testing.T) {
	srv := start(t, simulator.Options{LongPoll: 50 * time.Millisecond})
	bot := newClient(t, srv)
	feed := bot.createFeed()
	_, other := testKeys(t)
	h, err := srv.AddHuman("ana.silva", other)
	if err != nil {
		t.Fatalf("AddHuman: %v", err)
	}
	u := h.User
	if u.Username != "ana.silva" || u.FirstName != "Ana" || u.LastName != "Silva" || u.DisplayName != "Ana Silva" ||
		u.AccountType != "NORMAL" || u.Company != "Tutti" || u.EmailAddress != "ana.silva@tutti.example" {
		t.Errorf("the new person: %+v", u)
	}
	evs, _ := bot.drain(feed, 1)
	if evs[0].Type != symphony.EventInstantMessageCreated || evs[0].Payload.InstantMessageCreated.Stream.StreamID != h.IM {
		t.Errorf("the bot's event: %s %+v, want the IM %s created", evs[0].Type, evs[0].Payload, h.IM)
	}
	ana := &client{t: t, base: srv.URL(), hc: &http.Client{Timeout: 10 * time.Second}, username: "ana.silva", key: other}
	ana.login()
	var me symphony.UserV2
	if ana.callJSON(http.MethodGet, "/pod/v2/sessioninfo", nil, &me); me.ID != u.ID {
		t.Errorf("session of ana.silva: %+v", me)
	}
	if im := ana.createIM(botID); im != h.IM {
		t.Errorf("ana's IM with the bot: %s, want %s", im, h.IM)
	}

	// alice is a person of the scenario: she stays who she is.
	a, err := srv.AddHuman("alice", other)
	if err != nil || a.User.ID != aliceID || a.User.DisplayName != "Alice Martin" {
		t.Errorf("AddHuman(alice): %+v, %v", a.User, err)
	}
	if got := srv.Humans(); len(got) != 2 || got[0].User.ID != u.ID || got[1].User.ID != aliceID ||
		got[1].IM != a.IM || !strings.Contains(string(got[0].PrivateKeyPEM), "PRIVATE KEY") {
		t.Errorf("Humans: %+v", got)
	}
	for _, bad := range []string{"tutti-bot", "dana", "../etc", "ana silva", ""} {
		if _, err := srv.AddHuman(bad, other); err == nil {
			t.Errorf("AddHuman(%q) accepted", bad)
		}
	}
}

// TestHumansOfTheEmptyScenario starts the "empty" scenario with two
// humans and a lab room: everyone of the bot's company is in the room,
// the bot and the humans own it, each human has an IM with the bot, and
// nothing was said or happened yet.
func TestHumansOfTheEmptyScenario(t *testing.T) {
	srv := start(t, simulator.Options{Humans: []string{"ana.silva", "bob"}, LabRoom: "Bot lab"})
	humans := srv.Humans()
	if len(humans) != 2 || humans[0].User.Username != "ana.silva" || humans[1].User.ID != bobID {
		t.Fatalf("Humans: %+v", humans)
	}
	ana := humans[0].User.ID
	var rooms, ims int
	for _, st := range srv.Streams() {
		switch st.Type {
		case symphony.StreamRoom:
			rooms++
			want := []int64{botID, aliceID, bobID, carolID, ana}
			slices.Sort(want)
			members := slices.Sorted(slices.Values(st.Members))
			owners := slices.Sorted(slices.Values(st.Owners))
			if st.Name != "Bot lab" || !slices.Equal(members, want) || !slices.Equal(owners, []int64{botID, bobID, ana}) {
				t.Errorf("room %q: members %v owners %v", st.Name, st.Members, st.Owners)
			}
		case symphony.StreamIM:
			ims++
			if !slices.Contains(st.Members, botID) || !slices.ContainsFunc(humans, func(h simulator.Human) bool { return h.IM == st.ID }) {
				t.Errorf("IM %s of %v", st.ID, st.Members)
			}
		}
		if st.Messages != 0 {
			t.Errorf("stream %s has %d messages", st.ID, st.Messages)
		}
	}
	if rooms != 1 || ims != 2 {
		t.Errorf("%d rooms and %d IMs, want 1 and 2", rooms, ims)
	}
	if st := srv.State(); st.Events != 0 {
		t.Errorf("%d events at start, want none", st.Events)
	}

	// The same username twice cannot start.
	key, _ := testKeys(t)
	if _, err := simulator.Start(context.Background(), "127.0.0.1:0", simulator.Options{Scenario: "empty",
		Humans: []string{"ana", "ANA"}, PrivateKey: key, SigningKey: key}); err == nil {
		t.Error("a human given twice was accepted")
	}
}
