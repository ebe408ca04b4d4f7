package feed_test

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// patience bounds every wait of these tests: a failure, not a timing.
const patience = 20 * time.Second

// startPod starts an "empty" simulator (the service account and three
// colleagues, no activity) on 127.0.0.1 with a short long poll.
func startPod(t testing.TB, tweak func(*simulator.Options)) *simulator.Server {
	t.Helper()
	opts := simulator.Options{Scenario: "empty"}
	if tweak != nil {
		tweak(&opts)
	}
	return simtest.Start(t, opts)
}

// newClient returns a client of srv's service account.
func newClient(t testing.TB, srv *simulator.Server) *symphony.Client {
	t.Helper()
	return simtest.Client(t, srv, nil)
}

// chat is an IM between the service account and a colleague, to post in.
type chat struct {
	t      testing.TB
	srv    *simulator.Server
	stream string
	from   int64
}

// newChat creates an IM with the first colleague of the service account.
func newChat(t testing.TB, srv *simulator.Server, c *symphony.Client) *chat {
	t.Helper()
	var other int64
	for _, u := range srv.Users() {
		if u.ID != srv.AccountID() {
			other = u.ID
			break
		}
	}
	if other == 0 {
		t.Fatal("the simulator has no colleague to chat with")
	}
	im, err := c.CreateIM(context.Background(), []int64{other})
	if err != nil {
		t.Fatal(err)
	}
	return &chat{t: t, srv: srv, stream: im, from: other}
}

// post sends a message from the colleague and returns its id and time.
func (c *chat) post(text string) (string, time.Time) {
	c.t.Helper()
	m, err := c.srv.Post(c.stream, c.from, "<messageML>"+text+"</messageML>")
	if err != nil {
		c.t.Fatal(err)
	}
	return m.MessageID, time.UnixMilli(m.Timestamp)
}

// messageID returns the message id of a MESSAGESENT event, or "".
func messageID(ev symphony.V4Event) string {
	if ev.Type != symphony.EventMessageSent || ev.Payload == nil || ev.Payload.MessageSent == nil ||
		ev.Payload.MessageSent.Message == nil {
		return ""
	}
	return ev.Payload.MessageSent.Message.MessageID
}

// running is one Run in its goroutine, with the updates it sent.
type running struct {
	t      testing.TB
	cancel context.CancelFunc
	out    chan feed.Update
	done   chan error
	ended  bool
	err    error
}

// start runs feed.Run against api; the test's cleanup stops it.
func start(t testing.TB, api feed.API, opts feed.Options) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{t: t, cancel: cancel, out: make(chan feed.Update), done: make(chan error, 1)}
	go func() { r.done <- feed.Run(ctx, api, opts, r.out) }()
	t.Cleanup(func() { r.stop() })
	return r
}

// next returns the next update.
func (r *running) next() feed.Update {
	r.t.Helper()
	select {
	case u := <-r.out:
		checkUpdate(r.t, u)
		return u
	case err := <-r.done:
		r.ended, r.err = true, err
		r.t.Fatalf("Run ended while an update was awaited: %v", err)
	case <-time.After(patience):
		r.t.Fatalf("no update in %s", patience)
	}
	return feed.Update{}
}

// until reads updates until ok returns true for one, and returns them all.
func (r *running) until(what string, ok func(feed.Update) bool) []feed.Update {
	r.t.Helper()
	var seen []feed.Update
	deadline := time.After(patience)
	for {
		select {
		case u := <-r.out:
			checkUpdate(r.t, u)
			seen = append(seen, u)
			if ok(u) {
				return seen
			}
		case err := <-r.done:
			r.ended, r.err = true, err
			r.t.Fatalf("Run ended while waiting for %s: %v\nupdates: %s", what, err, describe(seen))
		case <-deadline:
			r.t.Fatalf("no %s in %s; updates: %s", what, patience, describe(seen))
		}
	}
}

// status waits for a status of one of the states and returns it.
func (r *running) status(states ...feed.State) (feed.Status, []feed.Update) {
	r.t.Helper()
	seen := r.until("status "+statesString(states), func(u feed.Update) bool {
		return u.Status != nil && slices.Contains(states, u.Status.State)
	})
	return *seen[len(seen)-1].Status, seen
}

// messages reads updates until every message id of want has arrived, and
// returns the updates.
func (r *running) messages(want ...string) []feed.Update {
	r.t.Helper()
	missing := map[string]bool{}
	for _, id := range want {
		missing[id] = true
	}
	return r.until("messages", func(u feed.Update) bool {
		for _, ev := range u.Events {
			delete(missing, messageID(ev))
		}
		return len(missing) == 0
	})
}

// stop cancels Run and returns what it returned.
func (r *running) stop() error {
	r.t.Helper()
	r.cancel()
	if r.ended {
		return r.err
	}
	select {
	case r.err = <-r.done:
		r.ended = true
	case <-time.After(patience):
		r.t.Fatalf("Run did not end within %s of its cancellation", patience)
	}
	return r.err
}

// wait returns what Run returned, without cancelling it.
func (r *running) wait() error {
	r.t.Helper()
	if r.ended {
		return r.err
	}
	for {
		select {
		case u := <-r.out:
			checkUpdate(r.t, u)
		case r.err = <-r.done:
			r.ended = true
			return r.err
		case <-time.After(patience):
			r.t.Fatalf("Run did not end within %s", patience)
			return nil
		}
	}
}

// checkUpdate checks the shape of an update.
func checkUpdate(t testing.TB, u feed.Update) {
	t.Helper()
	kinds := 0
	for _, set := range []bool{u.Status != nil, u.Events != nil, u.Idle} {
		if set {
			kinds++
		}
	}
	if kinds != 1 {
		t.Fatalf("an update must hold exactly one of Events, Status and Idle: %+v", u)
	}
	if u.Events != nil && len(u.Events) == 0 {
		t.Fatal("an empty batch was sent")
	}
	if u.At.IsZero() {
		t.Fatalf("an update without At: %+v", u)
	}
}

// describe summarises updates for a failure message.
func describe(us []feed.Update) string {
	s := ""
	for _, u := range us {
		if u.Status != nil {
			s += "[" + u.Status.State.String()
			if u.Status.Err != nil {
				s += ": " + u.Status.Err.Error()
			}
			s += "] "
		} else {
			s += "(" + strconv.Itoa(len(u.Events)) + " events) "
		}
	}
	return s
}

func statesString(states []feed.State) string {
	s := ""
	for i, st := range states {
		if i > 0 {
			s += "|"
		}
		s += st.String()
	}
	return s
}

// statuses returns the states of the status updates among us.
func statuses(us []feed.Update) []feed.State {
	var out []feed.State
	for _, u := range us {
		if u.Status != nil {
			out = append(out, u.Status.State)
		}
	}
	return out
}

// wrapped is a *symphony.Client whose calls a test can watch or replace.
// It keeps the client's Login, so Run can log in again through it.
type wrapped struct {
	*symphony.Client

	mu      sync.Mutex
	calls   map[string]int
	onRead  func(res symphony.V5EventList)  // after each successful v2 read
	onRead1 func(events []symphony.V4Event) // after each successful v1 read
	failV5  error                           // answer of every v5 list and create, when set
	failNew error                           // answer of every v5 create, when set
	readErr func(n int) error               // error of the n-th v2 read (1-based), nil: real call
	logins  int                             // Login calls
}

func newWrapped(c *symphony.Client) *wrapped { return &wrapped{Client: c, calls: map[string]int{}} }

func (w *wrapped) count(op string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.calls[op]++
	return w.calls[op]
}

// Calls returns how many times op was called.
func (w *wrapped) Calls(op string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.calls[op]
}

func (w *wrapped) Logins() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.logins
}

func (w *wrapped) ListDatafeeds(ctx context.Context, tag string) ([]symphony.V5Datafeed, error) {
	w.count("list")
	if w.failV5 != nil {
		return nil, w.failV5
	}
	return w.Client.ListDatafeeds(ctx, tag)
}

func (w *wrapped) CreateDatafeed(ctx context.Context, body symphony.V5DatafeedCreateBody) (symphony.V5Datafeed, error) {
	w.count("create")
	if w.failV5 != nil {
		return symphony.V5Datafeed{}, w.failV5
	}
	if w.failNew != nil {
		return symphony.V5Datafeed{}, w.failNew
	}
	return w.Client.CreateDatafeed(ctx, body)
}

func (w *wrapped) DeleteDatafeed(ctx context.Context, id string) error {
	w.count("delete")
	return w.Client.DeleteDatafeed(ctx, id)
}

func (w *wrapped) ReadDatafeed(ctx context.Context, id, ackID string, updatePresence bool) (symphony.V5EventList, error) {
	n := w.count("read")
	if w.readErr != nil {
		if err := w.readErr(n); err != nil {
			return symphony.V5EventList{}, err
		}
	}
	res, err := w.Client.ReadDatafeed(ctx, id, ackID, updatePresence)
	if err == nil && w.onRead != nil {
		w.onRead(res)
	}
	return res, err
}

func (w *wrapped) CreateDatafeedV1(ctx context.Context) (string, error) {
	w.count("create v1")
	return w.Client.CreateDatafeedV1(ctx)
}

func (w *wrapped) ReadDatafeedV1(ctx context.Context, id string) ([]symphony.V4Event, error) {
	w.count("read v1")
	events, err := w.Client.ReadDatafeedV1(ctx, id)
	if err == nil && w.onRead1 != nil {
		w.onRead1(events)
	}
	return events, err
}

func (w *wrapped) Login(ctx context.Context) error {
	w.mu.Lock()
	w.logins++
	w.mu.Unlock()
	return w.Client.Login(ctx)
}

// fakeClock is a clock whose waits end at once: After records the
// duration, moves the time on by it and returns a fired channel.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	c.now = c.now.Add(d)
	ch := make(chan time.Time, 1)
	ch <- c.now
	return ch
}

func (c *fakeClock) Waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.waits)
}

// fixedJitter returns a jitter source that always gives j.
func fixedJitter(j float64) func() float64 { return func() float64 { return j } }

// fastRetry is a back-off for tests that exercise recovery in real time.
func fastRetry() symphony.RetryConfig {
	return symphony.RetryConfig{InitialInterval: 10 * time.Millisecond, Multiplier: 2, MaxInterval: 100 * time.Millisecond}
}

// isStatus reports whether err holds an *symphony.APIError with the status.
func isStatus(err error, status int) bool { return symphony.StatusOf(err) == status }
