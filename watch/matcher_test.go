package watch

import (
	"slices"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/names"
	"github.com/tutti-chat/tutti/symphony"
)

// pml wraps a message body as the agent writes PresentationML.
func pml(body string) string {
	return `<div data-format="PresentationML" data-version="2.0">` + body + `</div>`
}

// message returns a MESSAGESENT event of user in stream.
func message(stream *symphony.V4Stream, user *symphony.V4User, body, data string) *symphony.V4Event {
	return &symphony.V4Event{ID: "ev1", Type: symphony.EventMessageSent, Initiator: &symphony.V4Initiator{User: user},
		Payload: &symphony.V4Payload{MessageSent: &symphony.V4MessageSent{Message: &symphony.V4Message{
			MessageID: "m1", Message: pml(body), Data: data, User: user, Stream: stream}}}}
}

// testWorld is a directory with two people and two streams.
func testWorld() (*names.Directory, *symphony.V4Stream, *symphony.V4Stream, *symphony.V4User, *symphony.V4User) {
	dir := names.New()
	ana := &symphony.V4User{UserID: 71, DisplayName: "Ana Silva", Email: "ana@example.com"}
	ben := &symphony.V4User{UserID: 72, DisplayName: "Ben Ode"}
	dir.LookedUp(symphony.UserV2{ID: 71, DisplayName: "Ana Silva", EmailAddress: "ana@example.com"}, symphony.UserV2{ID: 72, DisplayName: "Ben Ode"})
	rates := &symphony.V4Stream{StreamID: "rates+room/1==", StreamType: symphony.StreamRoom, RoomName: "Rates Desk"}
	im := &symphony.V4Stream{StreamID: "im-ana-ben", StreamType: symphony.StreamIM, Members: []*symphony.V4User{ana, ben}}
	dir.LearnStream(rates)
	dir.LearnStream(im)
	dir.SetMe(71)
	return dir, rates, im, ana, ben
}

// names returns the names of the rules hit.
func hitNames(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Rule.Name)
	}
	return out
}

func TestWordsAreWholeAndCaseInsensitive(t *testing.T) {
	dir, rates, _, ana, _ := testWorld()
	m, err := New([]Rule{{Name: "margin", Words: []string{"Margin Call", "limit breach"}}}, dir)
	if err != nil {
		t.Fatal(err)
	}
	for body, want := range map[string][]Span{
		"got a MARGIN CALL from them":        {{6, 17}},
		"<p>margin</p><p>call</p>":           {{0, 11}}, // a phrase across a line break
		"recall margin calls":                nil,
		"limit breach, and a margin   call!": {{0, 12}, {20, 31}}, // render collapses the spaces
		"mar<b>gin</b> call":                 {{0, 11}},
	} {
		hits := m.Match(message(rates, ana, body, ""))
		if want == nil {
			if hits != nil {
				t.Errorf("%q matched: %+v", body, hits)
			}
			continue
		}
		if len(hits) != 1 || !slices.Equal(hits[0].Spans, want) {
			t.Errorf("%q: hits %+v, want spans %v", body, hits, want)
			continue
		}
		for _, s := range hits[0].Spans {
			if got := strings.ToLower(hits[0].Text[s.Start:s.End]); !strings.HasPrefix(got, "margin") && got != "limit breach" {
				t.Errorf("%q: span %v is %q", body, s, got)
			}
		}
	}
}

func TestRegexSpansAndLimits(t *testing.T) {
	dir, rates, _, ana, _ := testWorld()
	m, err := New([]Rule{{Name: "sev", Regex: `(?i)sev ?[12]`}}, dir)
	if err != nil {
		t.Fatal(err)
	}
	hits := m.Match(message(rates, ana, "SEV1 then sev 2, not sev3", ""))
	if len(hits) != 1 || !slices.Equal(hits[0].Spans, []Span{{0, 4}, {10, 15}}) {
		t.Fatalf("hits %+v", hits)
	}
	for _, bad := range []string{"(unclosed", strings.Repeat("a", MaxRegexLen+1), "x*"} {
		if _, err := New([]Rule{{Name: "bad", Regex: bad}}, dir); err == nil || !strings.Contains(err.Error(), `watch rule "bad": regex: `) {
			t.Errorf("regex %.20q: %v", bad, err)
		}
	}
}

func TestTagsMentionsAuthorsStreamsTypes(t *testing.T) {
	dir, rates, im, ana, ben := testWorld()
	data := `{"c1":{"type":"org.symphonyoss.fin.security","version":"1.0","id":[{"type":"org.symphonyoss.fin.security.id.ticker","value":"UST10Y"}]},` +
		`"h1":{"type":"org.symphonyoss.taxonomy","version":"1.0","id":[{"type":"org.symphonyoss.taxonomy.hashtag","value":"Incident"}]},` +
		`"m1":{"type":"com.symphony.user.mention","version":"1.0","id":[{"type":"com.symphony.user.userId","value":72}]}}`
	body := `<span class="entity" data-entity-id="c1">$UST10Y</span> <span class="entity" data-entity-id="h1">#Incident</span> ` +
		`for <span class="entity" data-entity-id="m1">@Ben Ode</span>`
	rules := []Rule{
		{Name: "ticker", Cashtags: []string{"$ust10y"}},
		{Name: "tag", Hashtags: []string{"#incident"}},
		{Name: "tag-as-ticker", Cashtags: []string{"incident"}},
		{Name: "ben-by-name", Mentions: []string{"ben ode"}},
		{Name: "ben-by-id", Mentions: []string{"72"}},
		{Name: "ana-mentioned", Mentions: []string{"Ana Silva"}},
		{Name: "by-ana-email", Authors: []string{"ana@example.com"}},
		{Name: "by-ben", Authors: []string{"Ben Ode"}},
		{Name: "in-rates-by-name", Streams: []string{"rates desk"}},
		{Name: "in-rates-by-id", Streams: []string{"rates-room_1"}},
		{Name: "in-im", Streams: []string{"Ben Ode"}},
		{Name: "rooms", StreamTypes: []string{"room"}},
		{Name: "chats", StreamTypes: []string{"CHAT"}},
		{Name: "joins", Types: []string{"userjoinedroom"}},
		{Name: "off", Cashtags: []string{"UST10Y"}, Disabled: true},
		{Name: "all-of", Cashtags: []string{"UST10Y"}, Streams: []string{"Rates Desk"}, Words: []string{"for"}},
	}
	m, err := New(rules, dir)
	if err != nil {
		t.Fatal(err)
	}
	got := hitNames(m.Match(message(rates, ana, body, data)))
	want := []string{"ticker", "tag", "ben-by-name", "ben-by-id", "by-ana-email", "in-rates-by-name", "in-rates-by-id", "rooms", "all-of"}
	if !slices.Equal(got, want) {
		t.Errorf("message in the Rates Desk: %v, want %v", got, want)
	}
	got = hitNames(m.Match(message(im, ben, "hello", "")))
	if want := []string{"by-ben", "in-im", "chats"}; !slices.Equal(got, want) {
		t.Errorf("message in an IM: %v, want %v", got, want)
	}
	join := &symphony.V4Event{Type: symphony.EventUserJoinedRoom, Initiator: &symphony.V4Initiator{User: ben},
		Payload: &symphony.V4Payload{UserJoinedRoom: &symphony.V4UserJoinedRoom{Stream: rates, AffectedUser: ana}}}
	got = hitNames(m.Match(join))
	if want := []string{"ana-mentioned", "by-ben", "in-rates-by-name", "in-rates-by-id", "rooms", "joins"}; !slices.Equal(got, want) {
		t.Errorf("a join: %v, want %v", got, want)
	}
}

func TestSharedPostReadsThePostShared(t *testing.T) {
	dir, rates, _, ana, ben := testWorld()
	m, err := New([]Rule{{Name: "w", Words: []string{"auction"}, Authors: []string{"Ana Silva"}}}, dir)
	if err != nil {
		t.Fatal(err)
	}
	ev := &symphony.V4Event{Type: symphony.EventSharedPost, Initiator: &symphony.V4Initiator{User: ana},
		Payload: &symphony.V4Payload{SharedPost: &symphony.V4SharedPost{
			Message:       &symphony.V4Message{Message: pml(""), User: ana, Stream: rates},
			SharedMessage: &symphony.V4Message{Message: pml("the auction tailed"), User: ben},
		}}}
	if hits := m.Match(ev); len(hits) != 1 || hits[0].Text != "the auction tailed" {
		t.Errorf("hits %+v", hits)
	}
}

func TestRuleProblems(t *testing.T) {
	r := Rule{Name: " ", Words: []string{"ok", " "}, Regex: "(", Cashtags: []string{"UST 10Y"}, StreamTypes: []string{"ROOMS"},
		Types: []string{"MESSAGESENT", "JOINED"}, Hashtags: []string{strings.Repeat("x", MaxItemLen+1)}}
	var got []string
	for _, p := range r.Check() {
		got = append(got, p.Error())
	}
	want := []string{
		"name: want a name",
		"words[1]: want a value, got nothing",
		"regex: missing closing ): `(`",
		`cashtags[0]: want a ticker without spaces, got "UST 10Y"`,
		"hashtags[0]: want at most 256 bytes, got 257",
		`streamTypes[0]: want ROOM, IM, MIM, POST or CHAT, got "ROOMS"`,
		`types[1]: unknown event type "JOINED"`,
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d: %q, want %q", i, got[i], want[i])
		}
	}
	if p := (&Rule{Name: "nothing"}).Check(); len(p) != 1 || !strings.Contains(p[0].Msg, "says nothing to match") {
		t.Errorf("an empty rule: %v", p)
	}
}

func TestEveryEventTypeHasItsBit(t *testing.T) {
	seen := uint32(0)
	for _, typ := range symphony.EventTypes() {
		b := typeBit(typ)
		if b == 0 || seen&b != 0 {
			t.Errorf("%s: bit %b (seen %b)", typ, b, seen)
		}
		seen |= b
	}
}
