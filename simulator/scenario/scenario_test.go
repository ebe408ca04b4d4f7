package scenario

import (
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// nows are the moments the history tests run at: a Wednesday afternoon, just
// after midnight on a Monday, late on a Sunday, in several time zones.
var nows = []time.Time{
	time.Date(2026, time.March, 11, 15, 4, 5, 123456789, time.UTC),
	time.Date(2026, time.March, 9, 0, 30, 0, 0, time.FixedZone("EST", -5*3600)),
	time.Date(2025, time.November, 30, 23, 59, 59, 999999999, time.FixedZone("SGT", 8*3600)),
}

func newGen(t testing.TB, name string, seed int64) *Generator {
	t.Helper()
	g, err := New(name, seed)
	if err != nil {
		t.Fatalf("New(%q, %d): %v", name, seed, err)
	}
	return g
}

// live returns the first n live actions and their delays.
func liveActions(g *Generator, n int) ([]Action, []time.Duration) {
	var as []Action
	var ds []time.Duration
	for range n {
		a, d, ok := g.Next()
		if !ok {
			break
		}
		as = append(as, a)
		ds = append(ds, d)
	}
	return as, ds
}

func TestNewUnknownScenario(t *testing.T) {
	_, err := New("bogus", 1)
	if err == nil {
		t.Fatal("New(bogus) succeeded")
	}
	for _, name := range Names() {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not list %q", err, name)
		}
	}
	for _, name := range []string{Demo, Busy, Quiet} {
		if g := newGen(t, name, 1); g.Name() != name {
			t.Errorf("Name() = %q, want %q", g.Name(), name)
		}
	}
}

func TestDeterministic(t *testing.T) {
	now := nows[0]
	for _, name := range []string{Demo, Busy, Quiet} {
		a, b := newGen(t, name, 42), newGen(t, name, 42)
		if !reflect.DeepEqual(a.Company(), b.Company()) {
			t.Errorf("%s: Company differs for the same seed", name)
		}
		if !reflect.DeepEqual(a.History(now), b.History(now)) {
			t.Errorf("%s: History differs for the same seed", name)
		}
		la, da := liveActions(a, 3000)
		lb, db := liveActions(b, 3000)
		if !reflect.DeepEqual(la, lb) || !reflect.DeepEqual(da, db) {
			t.Errorf("%s: live actions differ for the same seed", name)
		}
		if !reflect.DeepEqual(a.History(now), b.History(now)) {
			t.Errorf("%s: History changed after live actions", name)
		}
	}
}

func TestSeedsDiffer(t *testing.T) {
	now := nows[0]
	a, b := newGen(t, Demo, 1), newGen(t, Demo, 2)
	ca, cb := a.Company(), b.Company()
	if ca.Account == cb.Account || ca.Rooms[0].ID == cb.Rooms[0].ID || ca.People[0].DisplayName == cb.People[0].DisplayName && ca.People[1].DisplayName == cb.People[1].DisplayName {
		t.Error("seeds 1 and 2 give the same cast")
	}
	if reflect.DeepEqual(a.History(now), b.History(now)) {
		t.Error("seeds 1 and 2 give the same history")
	}
	la, _ := liveActions(a, 200)
	lb, _ := liveActions(b, 200)
	if reflect.DeepEqual(la, lb) {
		t.Error("seeds 1 and 2 give the same live actions")
	}
}

func TestHistoryDoesNotSteerLive(t *testing.T) {
	a, b := newGen(t, Demo, 9), newGen(t, Demo, 9)
	a.History(nows[1])
	la, da := liveActions(a, 2000)
	lb, db := liveActions(b, 2000)
	if !reflect.DeepEqual(da, db) {
		t.Fatal("delays depend on whether History was called")
	}
	for i := range la {
		x, y := la[i], lb[i]
		if x.Kind != y.Kind || x.Key != y.Key || x.Target != y.Target || x.Stream != y.Stream || x.Actor != y.Actor || x.User != y.User {
			t.Fatalf("live action %d depends on whether History was called: %+v vs %+v", i, x, y)
		}
	}
}

func TestCompany(t *testing.T) {
	for _, seed := range []int64{1, 42, -7} {
		co := newGen(t, Demo, seed).Company()
		if n := len(co.People); n < 8 || n > 15 {
			t.Errorf("seed %d: %d people, want 8 to 15", seed, n)
		}
		ids := map[int64]bool{}
		domain := ""
		bots := 0
		for _, p := range append(slices.Clone(co.People), co.External...) {
			if ids[p.ID] {
				t.Errorf("duplicate user id %d", p.ID)
			}
			ids[p.ID] = true
			if s := strconv.FormatInt(p.ID, 10); len(s) != 13 {
				t.Errorf("user id %s is not 13 digits", s)
			}
			if p.Username == "" || p.FirstName == "" || p.LastName == "" || p.DisplayName == "" || p.Title == "" ||
				p.Department == "" || p.Location == "" || p.Company == "" || !strings.Contains(p.Email, "@") {
				t.Errorf("incomplete person %+v", p)
			}
		}
		for _, p := range co.People {
			d := p.Email[strings.IndexByte(p.Email, '@'):]
			if domain == "" {
				domain = d
			} else if d != domain {
				t.Errorf("email %s not at %s", p.Email, domain)
			}
			if p.Bot {
				bots++
			}
			if p.Company != co.Name {
				t.Errorf("%s works for %q, not %q", p.DisplayName, p.Company, co.Name)
			}
		}
		if bots < 2 {
			t.Errorf("%d bots, want the account and another", bots)
		}
		acct := person(co, co.Account)
		if acct == nil || !acct.Bot || acct.Username != "tutti-bot" {
			t.Fatalf("account %+v is not the tutti-bot service account", acct)
		}
		if len(co.External) < 2 {
			t.Errorf("%d external people, want at least 2", len(co.External))
		}
		for _, p := range co.External {
			if p.Company == co.Name || strings.HasSuffix(p.Email, domain) {
				t.Errorf("external %s is of the firm", p.DisplayName)
			}
		}

		streams := map[string]bool{}
		checkID := func(id string) {
			if streams[id] {
				t.Errorf("duplicate stream id %s", id)
			}
			streams[id] = true
			if b, err := base64.RawURLEncoding.Strict().DecodeString(id); err != nil || len(b) != 24 {
				t.Errorf("stream id %q is not 24 bytes of URL-safe base64 (%v)", id, err)
			}
		}
		if len(co.Rooms) < 5 {
			t.Errorf("%d rooms, want 5 or more", len(co.Rooms))
		}
		var readOnly, external, acctRooms int
		for _, r := range co.Rooms {
			checkID(r.ID)
			if r.Name == "" || r.Description == "" || len(r.Keywords) == 0 || len(r.Owners) == 0 || r.Created.IsZero() || !r.Active {
				t.Errorf("incomplete room %+v", r)
			}
			if !slices.Contains(r.Members, r.Creator) {
				t.Errorf("room %s: creator not a member", r.Name)
			}
			for _, o := range r.Owners {
				if !slices.Contains(r.Members, o) {
					t.Errorf("room %s: owner %d not a member", r.Name, o)
				}
			}
			for _, m := range r.Members {
				if !ids[m] {
					t.Errorf("room %s: unknown member %d", r.Name, m)
				}
			}
			if r.ReadOnly {
				readOnly++
			}
			if r.External && r.CrossPod {
				external++
				hasExternal := slices.ContainsFunc(r.Members, func(m int64) bool { return person(co, m).Company != co.Name })
				if !hasExternal {
					t.Errorf("external room %s has no external member", r.Name)
				}
			}
			if slices.Contains(r.Members, co.Account) {
				acctRooms++
			}
		}
		if readOnly == 0 || external == 0 {
			t.Errorf("%d read-only and %d external rooms, want one of each", readOnly, external)
		}
		if acctRooms < 4 {
			t.Errorf("account in %d rooms, want 4 or more", acctRooms)
		}
		var ims, mims int
		for _, c := range co.IMs {
			checkID(c.ID)
			if !slices.Contains(c.Members, co.Account) {
				continue
			}
			if len(c.Members) == 2 {
				ims++
			} else {
				mims++
			}
		}
		if ims < 2 || mims < 1 {
			t.Errorf("account in %d IMs and %d MIMs, want 2 and 1", ims, mims)
		}
		if len(co.Walls) < 2 {
			t.Errorf("%d walls, want a few", len(co.Walls))
		}
		for owner, id := range co.Walls {
			checkID(id)
			if !ids[owner] {
				t.Errorf("wall of unknown %d", owner)
			}
		}
	}
}

func TestCompanyIsACopy(t *testing.T) {
	g := newGen(t, Demo, 3)
	co := g.Company()
	co.Rooms[0].Members[0] = 1
	co.Rooms[0].Keywords["x"] = "y"
	co.People[0].DisplayName = "changed"
	if !reflect.DeepEqual(g.Company(), newGen(t, Demo, 3).Company()) {
		t.Error("changing the returned Company changed the generator's")
	}
}

func TestHistory(t *testing.T) {
	for _, seed := range []int64{1, 42, -7} {
		for _, now := range nows {
			h := newGen(t, Demo, seed).History(now)
			name := "seed " + strconv.FormatInt(seed, 10) + " at " + now.Format(time.RFC3339)
			if len(h) == 0 {
				t.Fatalf("%s: empty history", name)
			}
			messages := 0
			for i, a := range h {
				if !a.Time.Before(now) {
					t.Errorf("%s: action %d at %v, not before now", name, i, a.Time)
				}
				if a.Time.Nanosecond()%int(time.Millisecond) != 0 {
					t.Errorf("%s: action %d at %v, not on a millisecond", name, i, a.Time)
				}
				if i > 0 && a.Time.Before(h[i-1].Time) {
					t.Errorf("%s: action %d at %v before the previous at %v", name, i, a.Time, h[i-1].Time)
				}
				if a.Kind == SendMessage {
					messages++
				}
			}
			if span := h[len(h)-1].Time.Sub(h[0].Time); span < 3*24*time.Hour {
				t.Errorf("%s: history spans %v, want 3 days or more", name, span)
			}
			if messages < 250 {
				t.Errorf("%s: %d messages, want a few hundred", name, messages)
			}

			groups := map[string]int{}
			for _, a := range h {
				if a.Kind == SendMessage {
					groups[a.Stream+"@"+strconv.FormatInt(a.Time.UnixMilli(), 10)]++
				}
			}
			same := 0
			for _, n := range groups {
				if n >= 2 && n <= 5 {
					same++
				}
			}
			if same < 3 {
				t.Errorf("%s: %d groups of 2 to 5 messages sharing a millisecond in a stream, want 3 or more", name, same)
			}

			// Office hours: most people's messages are sent between 07:00 and 20:00.
			co := newGen(t, Demo, seed).Company()
			inHours, human := 0, 0
			for _, a := range h {
				if a.Kind == SendMessage && !person(co, a.Actor).Bot {
					human++
					if hr := a.Time.Hour(); hr >= 7 && hr < 20 {
						inHours++
					}
				}
			}
			if inHours*10 < human*9 {
				t.Errorf("%s: %d of %d messages in office hours", name, inHours, human)
			}
		}
	}
}

func TestHistoryTellsEverything(t *testing.T) {
	h := newGen(t, Demo, 5).History(nows[0])
	seen := map[Kind]bool{}
	replies, files, data := 0, 0, 0
	for _, a := range h {
		seen[a.Kind] = true
		if a.Kind == SendMessage && a.Target != "" {
			replies++
		}
		if len(a.Attachments) > 0 {
			files++
		}
		if a.Data != "" {
			data++
		}
	}
	for _, k := range Kinds() {
		if !seen[k] {
			t.Errorf("history has no %v", k)
		}
	}
	if replies == 0 || files == 0 {
		t.Errorf("history has %d replies and %d messages with files", replies, files)
	}
	for _, want := range []string{"<form ", "<card ", "<expandable-card", "<table>", "<ul>", "<code language=", "<pre>",
		"<chime/>", "<mention uid=", "<hash tag=", "<cash tag=", "<emoji shortcode=", "<a href=\"https://", "<dateTime ", "<b>", "<i>"} {
		found := false
		for _, a := range h {
			if strings.Contains(a.MessageML, want) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no history message contains %s", want)
		}
	}
}

func TestAllKindsInDemo(t *testing.T) {
	g := newGen(t, Demo, 11)
	seen := map[Kind]int{}
	for _, a := range g.History(nows[0]) {
		seen[a.Kind]++
	}
	live, _ := liveActions(g, 2000)
	liveSeen := map[Kind]int{}
	for _, a := range live {
		seen[a.Kind]++
		liveSeen[a.Kind]++
	}
	for _, k := range Kinds() {
		if seen[k] == 0 {
			t.Errorf("no %v in demo history and the first 2000 live actions", k)
		}
	}
	if liveSeen[SendMessage] < 1500 {
		t.Errorf("%d messages in 2000 live demo actions, want most", liveSeen[SendMessage])
	}
	for _, k := range []Kind{EditMessage, SuppressMessage, JoinRoom, LeaveRoom, UpdateRoom, SubmitForm, RequestConnection, SystemEvent, CreateRoom} {
		if liveSeen[k] == 0 {
			t.Errorf("no %v in the first 2000 live demo actions", k)
		}
	}
}

func TestLiveActions(t *testing.T) {
	for _, name := range []string{Demo, Busy} {
		g := newGen(t, name, 8)
		live, _ := liveActions(g, 3000)
		if len(live) != 3000 {
			t.Fatalf("%s: stopped after %d actions", name, len(live))
		}
		for i, a := range live {
			if !a.Time.IsZero() {
				t.Errorf("%s: live action %d has time %v", name, i, a.Time)
			}
		}
	}
}

func TestDemoPace(t *testing.T) {
	_, ds := liveActions(newGen(t, Demo, 4), 2000)
	var total time.Duration
	for _, d := range ds {
		if d < 0 {
			t.Fatalf("negative delay %v", d)
		}
		total += d
	}
	rate := float64(len(ds)) / total.Seconds()
	t.Logf("demo: %.2f actions/s", rate)
	if rate < 0.5 || rate > 3 {
		t.Errorf("demo runs at %.2f actions/s, want 0.5 to 3", rate)
	}
}

func TestBusyPace(t *testing.T) {
	g := newGen(t, Busy, 4)
	live, ds := liveActions(g, 10000)
	var total time.Duration
	messages := 0
	streams := map[string]bool{}
	for i, d := range ds {
		total += d
		if live[i].Kind == SendMessage {
			messages++
			streams[live[i].Stream] = true
		}
	}
	rate := float64(len(ds)) / total.Seconds()
	t.Logf("busy: %.0f actions/s (%v for %d actions), %d messages in %d streams", rate, total, len(ds), messages, len(streams))
	if rate < 200 {
		t.Errorf("busy runs at %.0f actions/s, want 200 or more", rate)
	}
	if messages < 8000 {
		t.Errorf("busy: %d of 10000 actions are messages, want most", messages)
	}
	if rooms := len(g.Company().Rooms); len(streams) < rooms {
		t.Errorf("busy: messages in %d streams, want all %d rooms at least", len(streams), rooms)
	}
}

func TestQuiet(t *testing.T) {
	g := newGen(t, Quiet, 1)
	for range 3 {
		if a, d, ok := g.Next(); ok || d != 0 || !reflect.DeepEqual(a, Action{}) {
			t.Fatalf("quiet Next() = %+v, %v, %v; want nothing", a, d, ok)
		}
	}
	if len(g.History(nows[0])) == 0 {
		t.Error("quiet has no history")
	}
}

// TestConsistency replays history and live actions over the company and
// checks that each makes sense where it happens.
func TestConsistency(t *testing.T) {
	for _, name := range []string{Demo, Busy} {
		for _, seed := range []int64{1, 42, -7} {
			for _, now := range nows[:2] {
				g := newGen(t, name, seed)
				h := g.History(now)
				live, _ := liveActions(g, 5000)
				replay(t, name+"/"+strconv.FormatInt(seed, 10), g.Company(), h, live)
			}
		}
	}
}

// replay plays history and then live, in order, over a model of the pod
// that starts as co (the pod before the first history action) and checks
// each action against the pod as the actions before it left it: who is in
// which room, who owns it, whether it is active, which messages exist. It
// reports every action that the simulator would have to refuse or that
// would make no sense to a client, as an error naming the scenario (name),
// the action's index in history+live and its fields, and goes on.
//
// The model keeps only what the checks need. An action changes it after its
// checks, so that it is judged by the state before it; an action that fails
// a check still changes it where it can, so that a mistake is reported once,
// where it happens, and not again by every action after it.
func replay(t *testing.T, name string, co Company, history, live []Action) {
	t.Helper()

	// The model. Each map is the replay's own: co is a clone (see
	// Generator.Company), and rooms and convs are updated as actions create
	// and change streams.
	//
	// people: everyone who may act or be acted on, the company's people and
	// the users of other pods.
	people := map[int64]*Person{}
	for _, p := range append(slices.Clone(co.People), co.External...) {
		people[p.ID] = &p
	}
	// rooms: every room by stream id, with its members, owners, name and
	// whether it is active.
	rooms := map[string]*Room{}
	for _, r := range co.Rooms {
		rooms[r.ID] = &r
	}
	// convs: the members of every IM and MIM by stream id.
	convs := map[string][]int64{}
	for _, c := range co.IMs {
		convs[c.ID] = c.Members
	}
	// walls: the owner of every wall (POST stream) by stream id; co.Walls
	// maps the other way.
	walls := map[string]int64{}
	for owner, id := range co.Walls {
		walls[id] = owner
	}
	// keys: every message created so far (by SendMessage, EditMessage or
	// SharePost) by its Key, with what later actions that target it check:
	// where it is, who wrote it, and its MessageML (for the forms in it).
	type msg struct {
		stream string
		actor  int64
		ml     string
	}
	keys := map[string]msg{}
	// member reports whether user is in stream now: a room's members, an
	// IM's members, or a wall's owner.
	member := func(stream string, user int64) bool {
		if r := rooms[stream]; r != nil {
			return slices.Contains(r.Members, user)
		}
		if m, ok := convs[stream]; ok {
			return slices.Contains(m, user)
		}
		return walls[stream] == user
	}
	// fail reports action i, with the fields that locate it, and why.
	fail := func(i int, a Action, format string, args ...any) {
		t.Helper()
		t.Errorf("%s: action %d (%v by %d in %s, key %q target %q): %s", name, i, a.Kind, a.Actor, a.Stream, a.Key, a.Target, fmtf(format, args...))
	}

	for i, a := range append(slices.Clone(history), live...) {
		// Checks every kind shares.

		// Everyone an action names exists: the simulator cannot make an
		// event about an unknown user.
		if people[a.Actor] == nil {
			fail(i, a, "unknown actor")
		}
		if a.User != 0 && people[a.User] == nil {
			fail(i, a, "unknown user %d", a.User)
		}
		for _, m := range a.Members {
			if people[m] == nil {
				fail(i, a, "unknown member %d", m)
			}
		}
		// The stream: connections have none and are between two different
		// people; creations bring a new, non-empty stream id; every other
		// action happens in a stream that exists by now.
		switch a.Kind {
		case RequestConnection, AcceptConnection:
			if a.Stream != "" || a.User == 0 || a.User == a.Actor {
				fail(i, a, "connection with stream %q and user %d", a.Stream, a.User)
			}
		case CreateIM, CreateRoom:
			if rooms[a.Stream] != nil || convs[a.Stream] != nil || a.Stream == "" {
				fail(i, a, "creates a stream that exists")
			}
		default:
			if rooms[a.Stream] == nil && convs[a.Stream] == nil && walls[a.Stream] == 0 {
				fail(i, a, "unknown stream")
			}
		}
		// A Key names one message: the simulator maps it to the message id
		// it makes, so a second use would replace the first for later
		// targets.
		if a.Key != "" {
			if _, dup := keys[a.Key]; dup {
				fail(i, a, "duplicate key")
			}
		}
		// A Target refers to a message made earlier (actions are applied in
		// order, so never a later one). target is that message, or the zero
		// msg when there is no Target, which the checks below then refuse
		// where one is needed.
		var target msg
		if a.Target != "" {
			var ok bool
			if target, ok = keys[a.Target]; !ok {
				fail(i, a, "target is not an earlier key")
			}
		}
		// Data goes out as the message's EntityJSON: it must parse.
		if a.Data != "" && !json.Valid([]byte(a.Data)) {
			fail(i, a, "data is not JSON: %s", a.Data)
		}

		// Checks of each kind, then its effect on the model.
		switch a.Kind {
		case SendMessage, EditMessage, SharePost:
			// A message: it has a Key for later actions, valid MessageML,
			// and an author allowed to post there (a member; in an active
			// room; an owner if the room is read-only, as the pod enforces).
			if a.Key == "" {
				fail(i, a, "message without a key")
			}
			if err := checkMessageML(a.MessageML); err != nil {
				fail(i, a, "%v in %s", err, a.MessageML)
			}
			if !member(a.Stream, a.Actor) {
				fail(i, a, "actor is not in the stream")
			}
			if r := rooms[a.Stream]; r != nil && !r.Active {
				fail(i, a, "message in an inactive room")
			}
			if r := rooms[a.Stream]; r != nil && r.ReadOnly && !slices.Contains(r.Owners, a.Actor) {
				fail(i, a, "message in a read-only room by a non-owner")
			}
			// One edits only one's own message, in its stream; a reply
			// stays in its parent's stream; one shares, onto one's own
			// wall, a post from someone else's wall.
			if a.Kind == EditMessage && (target.actor != a.Actor || target.stream != a.Stream) {
				fail(i, a, "edits someone else's message or another stream's")
			}
			if a.Kind == SendMessage && a.Target != "" && target.stream != a.Stream {
				fail(i, a, "replies to a message of another stream")
			}
			if a.Kind == SharePost && (walls[a.Stream] != a.Actor || walls[target.stream] == 0 || target.actor == a.Actor) {
				fail(i, a, "shares a post that is not someone else's wall post, or not on the sharer's wall")
			}
			// Effect: the message exists, for later targets.
			keys[a.Key] = msg{a.Stream, a.Actor, a.MessageML}
		case SuppressMessage:
			// A message of this stream, so a known Target is needed.
			if a.Target == "" || target.stream != a.Stream {
				fail(i, a, "suppresses a message of another stream")
			}
		case SubmitForm:
			// A member answers a form that the target message of this
			// stream holds (by its id), and says which button it pressed
			// (the "action" value), as the pod's SYMPHONYELEMENTSACTION does.
			if !member(a.Stream, a.Actor) || target.stream != a.Stream || a.FormID == "" ||
				!strings.Contains(target.ml, `<form id="`+a.FormID+`"`) || a.FormValues["action"] == nil {
				fail(i, a, "bad submission of %q with %v", a.FormID, a.FormValues)
			}
		case SystemEvent:
			// A GENERICSYSTEMEVENT is nothing without its subtype and source.
			if a.Subtype == "" || a.Source == "" {
				fail(i, a, "system event without subtype or source")
			}
		case CreateIM:
			// The creator is one of at least two members. Effect: the IM
			// exists with them.
			if !slices.Contains(a.Members, a.Actor) || len(a.Members) < 2 {
				fail(i, a, "IM of %v", a.Members)
			}
			convs[a.Stream] = slices.Clone(a.Members)
		case CreateRoom, UpdateRoom:
			// Room holds the room's properties after the action, for this
			// stream, and a room always has a name. Without them there is
			// nothing to apply.
			if a.Room == nil || a.Room.ID != a.Stream || a.Room.Name == "" {
				fail(i, a, "room properties %+v", a.Room)
				continue
			}
			if a.Kind == CreateRoom {
				// The creator is a member and an owner. Effect: the room
				// exists as Room says (a copy: later actions change it).
				r := a.Room.clone()
				if !slices.Contains(r.Members, a.Actor) || !slices.Contains(r.Owners, a.Actor) {
					fail(i, a, "creator not an owner")
				}
				rooms[a.Stream] = &r
			} else if r := rooms[a.Stream]; r != nil {
				// Only an owner updates a room. Effect: the properties an
				// update carries; membership and state are other actions'.
				if !slices.Contains(r.Owners, a.Actor) {
					fail(i, a, "updated by a non-owner")
				}
				r.Name, r.Description, r.Keywords = a.Room.Name, a.Room.Description, a.Room.Keywords
			}
		case DeactivateRoom, ReactivateRoom:
			// A room changes state only to the other state. Effect: its
			// new state, which the message checks above read.
			if r := rooms[a.Stream]; r == nil || r.Active != (a.Kind == DeactivateRoom) {
				fail(i, a, "room already in that state")
			} else {
				r.Active = a.Kind == ReactivateRoom
			}
		case RequestToJoin:
			// Only someone outside the room asks to join it.
			if member(a.Stream, a.Actor) {
				fail(i, a, "a member asks to join")
			}
		case JoinRoom:
			// User joins a room they are not in, on their own or added by
			// an owner. Effect: they are a member.
			r := rooms[a.Stream]
			if r == nil || slices.Contains(r.Members, a.User) {
				fail(i, a, "joins a room they are in")
				continue
			}
			if a.Actor != a.User && !slices.Contains(r.Owners, a.Actor) {
				fail(i, a, "added by a non-owner")
			}
			r.Members = append(r.Members, a.User)
		case LeaveRoom:
			// User leaves a room they are in. Effect: they are neither a
			// member nor an owner any more.
			r := rooms[a.Stream]
			if r == nil || !slices.Contains(r.Members, a.User) {
				fail(i, a, "leaves a room they are not in")
				continue
			}
			r.Members = slices.DeleteFunc(r.Members, func(m int64) bool { return m == a.User })
			r.Owners = slices.DeleteFunc(r.Owners, func(m int64) bool { return m == a.User })
		case PromoteOwner:
			// An owner promotes a member who is not an owner yet. Effect:
			// User is an owner.
			r := rooms[a.Stream]
			if r == nil || !slices.Contains(r.Members, a.User) || slices.Contains(r.Owners, a.User) || !slices.Contains(r.Owners, a.Actor) {
				fail(i, a, "bad promotion of %d", a.User)
				continue
			}
			r.Owners = append(r.Owners, a.User)
		case DemoteOwner:
			// An owner demotes another owner, never themselves (the actor
			// stays an owner, so the room keeps one). Effect: User is a
			// member only.
			r := rooms[a.Stream]
			if r == nil || !slices.Contains(r.Owners, a.User) || !slices.Contains(r.Owners, a.Actor) || a.User == a.Actor {
				fail(i, a, "bad demotion of %d", a.User)
				continue
			}
			r.Owners = slices.DeleteFunc(r.Owners, func(m int64) bool { return m == a.User })
		}
	}
}

func fmtf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// checkMessageML reports whether s is well-formed XML rooted at messageML,
// with no template expressions.
func checkMessageML(s string) error {
	if strings.Contains(s, "${") || strings.Contains(s, "#{") {
		return errors.New("template expression")
	}
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if tok.Name.Local != "messageML" {
					return errors.New("root is " + tok.Name.Local)
				}
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 && strings.TrimSpace(string(tok)) != "" {
				return errors.New("text outside the root")
			}
		}
	}
	if roots != 1 {
		return errors.New("not exactly one root element")
	}
	return nil
}

func person(co Company, id int64) *Person {
	for i := range co.People {
		if co.People[i].ID == id {
			return &co.People[i]
		}
	}
	for i := range co.External {
		if co.External[i].ID == id {
			return &co.External[i]
		}
	}
	return nil
}

func BenchmarkNextBusy(b *testing.B) {
	g := newGen(b, Busy, 1)
	b.ReportAllocs()
	for b.Loop() {
		g.Next()
	}
}

func BenchmarkHistory(b *testing.B) {
	g := newGen(b, Demo, 1)
	b.ReportAllocs()
	for b.Loop() {
		g.History(nows[0])
	}
}
