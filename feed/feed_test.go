package feed_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/feed"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

func TestV2CreateThenReuseAfterRestart(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	im := newChat(t, srv, c)
	api := newWrapped(c)
	read := make(chan symphony.V5EventList, 16)
	api.onRead = func(res symphony.V5EventList) {
		if len(res.Events) > 0 {
			select {
			case read <- res:
			default:
			}
		}
	}

	r := start(t, api, feed.Options{Tag: "tutti-test"})
	if u := r.next(); u.Status == nil || u.Status.State != feed.Connecting || u.Status.Version != "v2" {
		t.Fatalf("first update %+v, want Connecting v2", u)
	}
	live, _ := r.status(feed.Live)
	if live.Version != "v2" || live.FeedID == "" || api.Calls("create") != 1 {
		t.Fatalf("live %+v after %d creates, want a created v2 feed", live, api.Calls("create"))
	}
	one, _ := im.post("one")
	r.messages(one)
	<-read

	// A batch read but not handed over is not acknowledged: the next Run
	// gets it again.
	two, _ := im.post("two")
	select {
	case res := <-read:
		if !slices.ContainsFunc(res.Events, func(ev symphony.V4Event) bool { return messageID(ev) == two }) {
			t.Fatalf("the read after 'two' holds %d other events", len(res.Events))
		}
	case <-time.After(patience):
		t.Fatal("'two' was never read")
	}
	if err := r.stop(); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run returned %v after its cancellation, want context.Canceled", err)
	}

	r2 := start(t, api, feed.Options{Tag: "tutti-test"})
	live2, _ := r2.status(feed.Live)
	if live2.FeedID != live.FeedID {
		t.Fatalf("after a restart the feed is %q, want the existing %q", live2.FeedID, live.FeedID)
	}
	if n := api.Calls("create"); n != 1 {
		t.Fatalf("%d creates for two runs, want 1", n)
	}
	us := r2.messages(two)
	for _, u := range us {
		for _, ev := range u.Events {
			if messageID(ev) == one {
				t.Error("'one' was handed over and acknowledged, yet delivered again")
			}
		}
	}
}

func TestV2TagReuse(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	ctx := context.Background()
	plain, err := c.CreateDatafeed(ctx, symphony.V5DatafeedCreateBody{})
	if err != nil {
		t.Fatal(err)
	}
	tagged, err := c.CreateDatafeed(ctx, symphony.V5DatafeedCreateBody{Tag: "tutti-ui"})
	if err != nil {
		t.Fatal(err)
	}
	api := newWrapped(c)

	r := start(t, api, feed.Options{Tag: "tutti-ui"})
	live, _ := r.status(feed.Live)
	if live.FeedID != tagged.ID || api.Calls("create") != 0 {
		t.Fatalf("tag tutti-ui: feed %q after %d creates, want the tagged %q", live.FeedID, api.Calls("create"), tagged.ID)
	}
	r.stop()

	r = start(t, api, feed.Options{Tag: "tutti-tail"})
	live, _ = r.status(feed.Live)
	if live.FeedID == tagged.ID || live.FeedID == plain.ID || api.Calls("create") != 1 {
		t.Fatalf("tag tutti-tail: feed %q after %d creates, want a new feed", live.FeedID, api.Calls("create"))
	}
	list, err := c.ListDatafeeds(ctx, "tutti-tail")
	if err != nil || len(list) != 1 || list[0].ID != live.FeedID {
		t.Fatalf("the new feed was not created with its tag: %+v, %v", list, err)
	}
	r.stop()

	// Without a tag nothing is reused: a feed of its own, never the
	// untagged feed another reader (a bot) reads.
	r = start(t, api, feed.Options{})
	live, _ = r.status(feed.Live)
	if live.FeedID == plain.ID || live.FeedID == tagged.ID || api.Calls("create") != 2 {
		t.Fatalf("no tag: feed %q after %d creates, want a new feed, not %q", live.FeedID, api.Calls("create"), plain.ID)
	}
}

func TestEventsArriveAsBatches(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	r := start(t, c, feed.Options{})
	r.status(feed.Live)
	im := newChat(t, srv, c)
	var want []string
	for _, text := range []string{"alpha", "beta", "gamma"} {
		id, _ := im.post(text)
		want = append(want, id)
	}
	us := r.messages(want...)
	var got []string
	for _, u := range us {
		if u.Status != nil {
			t.Errorf("unexpected status %s", u.Status.State)
		}
		for _, ev := range u.Events {
			if id := messageID(ev); id != "" {
				got = append(got, id)
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("messages %v, want %v in order", got, want)
	}
}

func TestExpireFeedRecreatesWithGap(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	im := newChat(t, srv, c)
	api := newWrapped(c)
	r := start(t, api, feed.Options{Retry: fastRetry()})
	live, _ := r.status(feed.Live)
	before, _ := im.post("before")
	r.messages(before)

	if err := srv.InjectFault(simulator.FaultExpireFeed); err != nil {
		t.Fatal(err)
	}
	during, duringAt := im.post("during")
	rec, seen := r.status(feed.Recreated)
	if rec.FeedID == "" || rec.FeedID == live.FeedID || !symphony.IsFeedGone(rec.Err) {
		t.Fatalf("recreated %+v, want a new feed and the 400", rec)
	}
	if !strings.HasPrefix(rec.Err.Error(), "datafeed v2 read: 400 Bad Request") {
		t.Errorf("cause %q does not name the operation", rec.Err)
	}
	if rec.GapFrom.IsZero() || rec.GapTo.Before(rec.GapFrom) {
		t.Fatalf("gap [%s, %s]", rec.GapFrom, rec.GapTo)
	}
	if api.Calls("delete") != 1 {
		t.Errorf("%d deletes of the dead feed, want 1", api.Calls("delete"))
	}
	after, _ := im.post("after")
	rest := r.messages(after)
	got := map[string]bool{}
	for _, u := range append(seen, rest...) {
		for _, ev := range u.Events {
			got[messageID(ev)] = true
		}
	}
	if !got[during] && (duringAt.Before(rec.GapFrom.Truncate(time.Millisecond)) || duringAt.After(rec.GapTo)) {
		t.Errorf("'during' (%s) was lost outside the reported gap [%s, %s]", duringAt, rec.GapFrom, rec.GapTo)
	}
	if !slices.Contains(statuses(rest), feed.Live) && !slices.Contains(statuses(seen), feed.Live) {
		t.Error("no Live after the recreation")
	}
}

func TestExpireSessionKeepsTheFeed(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	im := newChat(t, srv, c)
	r := start(t, c, feed.Options{Tag: "tutti-test", Retry: fastRetry()})
	live, _ := r.status(feed.Live)
	if err := srv.InjectFault(simulator.FaultExpireSession); err != nil {
		t.Fatal(err)
	}
	id, _ := im.post("after the session expired")
	for _, u := range r.messages(id) {
		if s := u.Status; s != nil && (s.State == feed.Stopped || s.State == feed.Recreated || s.FeedID != live.FeedID) {
			t.Fatalf("status %s on feed %q (was %q) after a session expiry", s.State, s.FeedID, live.FeedID)
		}
	}
	// The feed survives the session: a restart still finds it.
	r.stop()
	r = start(t, c, feed.Options{Tag: "tutti-test"})
	if again, _ := r.status(feed.Live); again.FeedID != live.FeedID {
		t.Fatalf("feed %q after the session expired, want %q", again.FeedID, live.FeedID)
	}
}

func TestServerErrorsAndRateLimitReconnect(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	im := newChat(t, srv, c)
	r := start(t, c, feed.Options{Retry: fastRetry()})
	live, _ := r.status(feed.Live)

	// The next three calls, reads, answer 503, 500, 503.
	if err := srv.InjectFault(simulator.FaultError5xx); err != nil {
		t.Fatal(err)
	}
	_, us := r.status(feed.Live)
	var attempts []int
	for _, u := range us {
		if s := u.Status; s != nil && s.State == feed.Reconnecting {
			if !symphony.IsServerError(s.Err) || s.FeedID != live.FeedID || !s.NextTry.After(u.At) {
				t.Errorf("reconnecting %+v at %s", s, u.At)
			}
			attempts = append(attempts, s.Attempt)
		}
	}
	if !slices.Equal(attempts, []int{1, 2, 3}) {
		t.Fatalf("reconnecting attempts %v, want [1 2 3]; updates %s", attempts, describe(us))
	}
	first, _ := im.post("first")
	r.messages(first)

	// The next read answers 429 with Retry-After: 1.
	if err := srv.InjectFault(simulator.FaultRateLimit); err != nil {
		t.Fatal(err)
	}
	limited, us := r.status(feed.Reconnecting)
	at := us[len(us)-1].At
	if after, ok := symphony.IsRateLimited(limited.Err); !ok || after != time.Second {
		t.Fatalf("cause %v, want a 429 with Retry-After 1s", limited.Err)
	}
	if wait := limited.NextTry.Sub(at); wait < time.Second {
		t.Errorf("next try %s after the 429, want at least its Retry-After (1s)", wait)
	}
	r.status(feed.Live)
	second, _ := im.post("second")
	r.messages(second)
}

func TestDropLosesNothing(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	im := newChat(t, srv, c)
	r := start(t, c, feed.Options{Retry: fastRetry()})
	r.status(feed.Live)
	m0, _ := im.post("m0")
	r.messages(m0)
	// The next read is cut in the middle of its answer.
	if err := srv.InjectFault(simulator.FaultDrop); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, text := range []string{"m1", "m2", "m3", "m4"} {
		id, _ := im.post(text)
		want = append(want, id)
	}
	us := r.messages(want...)
	if !slices.Contains(statuses(us), feed.Reconnecting) {
		// The cut read came after the messages.
		_, more := r.status(feed.Reconnecting)
		us = append(us, more...)
	}
	for _, u := range us {
		if s := u.Status; s != nil && s.State == feed.Reconnecting && !symphony.IsNetwork(s.Err) {
			t.Errorf("reconnecting after %v, want a network error", s.Err)
		}
	}
	if st := statuses(us); st[len(st)-1] != feed.Live {
		r.status(feed.Live)
	}
}

func TestDuplicateIsPassedOn(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	im := newChat(t, srv, c)
	r := start(t, c, feed.Options{})
	r.status(feed.Live)
	seen := map[string]int{}
	count := func(u feed.Update) bool {
		for _, ev := range u.Events {
			seen[messageID(ev)]++
			if id := messageID(ev); id != "" && seen[id] > 1 {
				return true
			}
		}
		return false
	}
	m1, _ := im.post("once")
	for _, u := range r.messages(m1) {
		count(u)
	}
	// The next read delivers the last acknowledged batch again.
	if err := srv.InjectFault(simulator.FaultDuplicate); err != nil {
		t.Fatal(err)
	}
	im.post("twice")
	r.until("a message delivered twice", count)
}

func TestV1KeepsTheFeedID(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	im := newChat(t, srv, c)
	api := newWrapped(c)
	dir := t.TempDir()
	opts := feed.Options{Version: "v1", IDFilePath: dir, AgentURL: srv.URL()}
	read := make(chan struct{}, 16)
	api.onRead1 = func(events []symphony.V4Event) {
		if len(events) > 0 {
			select {
			case read <- struct{}{}:
			default:
			}
		}
	}

	r := start(t, api, opts)
	live, _ := r.status(feed.Live)
	if live.Version != "v1" || live.FeedID == "" {
		t.Fatalf("live %+v, want a v1 feed", live)
	}
	data, err := os.ReadFile(filepath.Join(dir, "datafeed.id"))
	if err != nil {
		t.Fatal(err)
	}
	if want := live.FeedID + "@" + srv.URL(); string(data) != want {
		t.Fatalf("id file %q, want %q", data, want)
	}
	one, _ := im.post("one")
	r.messages(one)
	<-read
	// Stop Run while it holds a batch, not while it reads: v1 is
	// at-most-once, and the agent may hand the events of a cancelled long
	// poll to nobody.
	im.post("held")
	select {
	case <-read:
	case <-time.After(patience):
		t.Fatal("'held' was never read")
	}
	r.stop()

	two, _ := im.post("two, while nobody reads")
	r = start(t, api, opts)
	again, _ := r.status(feed.Live)
	if again.FeedID != live.FeedID || api.Calls("create v1") != 1 {
		t.Fatalf("after a restart feed %q after %d creates, want %q reused", again.FeedID, api.Calls("create v1"), live.FeedID)
	}
	r.messages(two)

	// A dead v1 feed is replaced and the new id kept.
	if err := srv.InjectFault(simulator.FaultExpireFeed); err != nil {
		t.Fatal(err)
	}
	rec, _ := r.status(feed.Recreated)
	if rec.FeedID == live.FeedID || !symphony.IsFeedGone(rec.Err) || rec.Version != "v1" {
		t.Fatalf("recreated %+v", rec)
	}
	data, _ = os.ReadFile(filepath.Join(dir, "datafeed.id"))
	if want := rec.FeedID + "@" + srv.URL(); string(data) != want {
		t.Fatalf("id file %q after the recreation, want %q", data, want)
	}
	three, _ := im.post("three")
	r.messages(three)
}

func TestV1FallbackWhenV2IsMissing(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	im := newChat(t, srv, c)
	api := newWrapped(c)
	api.failV5 = &symphony.APIError{Op: "list datafeeds", Method: http.MethodGet, Path: "/agent/v5/datafeeds",
		Status: http.StatusNotFound, Message: "Not Found"}
	r := start(t, api, feed.Options{})
	live, _ := r.status(feed.Live)
	if live.Version != "v1" || api.Calls("create v1") != 1 {
		t.Fatalf("live %+v after %d v1 creates, want a v1 feed", live, api.Calls("create v1"))
	}
	id, _ := im.post("over v1")
	r.messages(id)
}

func TestForbiddenStops(t *testing.T) {
	srv := startPod(t, func(o *simulator.Options) { o.MaxFeedsPerUser = 1 })
	c := newClient(t, srv)
	if _, err := c.CreateDatafeed(context.Background(), symphony.V5DatafeedCreateBody{}); err != nil {
		t.Fatal(err)
	}
	// A second feed is over the limit: the agent answers its reads 403.
	r := start(t, c, feed.Options{Tag: "second"})
	st, _ := r.status(feed.Stopped)
	err := r.wait()
	if err == nil || err != st.Err {
		t.Fatalf("Run returned %v, Stopped said %v", err, st.Err)
	}
	if !symphony.IsForbidden(err) || !strings.HasPrefix(err.Error(), "datafeed v2 read: 403 Forbidden: ") {
		t.Fatalf("error %q, want a 403 named after the read", err)
	}
}

func TestCreateBadRequestStops(t *testing.T) {
	srv := startPod(t, nil)
	api := newWrapped(newClient(t, srv))
	api.failNew = &symphony.APIError{Op: "create datafeed", Status: http.StatusBadRequest, Message: "The tag is invalid"}
	r := start(t, api, feed.Options{Tag: "x"})
	st, _ := r.status(feed.Stopped)
	if err := r.wait(); err != st.Err || !isStatus(err, http.StatusBadRequest) ||
		err.Error() != "datafeed v2 create: 400 Bad Request: The tag is invalid" {
		t.Fatalf("Run returned %v", err)
	}
	if n := api.Calls("create"); n != 1 {
		t.Fatalf("%d creates, want 1: a 400 is not retried", n)
	}
}

func TestMaxAttemptsStops(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	if err := srv.InjectFault(simulator.FaultError5xx); err != nil { // the next 3 calls
		t.Fatal(err)
	}
	clock := newFakeClock()
	r := start(t, c, feed.Options{Retry: symphony.RetryConfig{MaxAttempts: 3}, Clock: clock, Jitter: fixedJitter(0)})
	_, us := r.status(feed.Stopped)
	err := r.wait()
	if got := statuses(us); !slices.Equal(got, []feed.State{feed.Connecting, feed.Reconnecting, feed.Reconnecting, feed.Stopped}) {
		t.Fatalf("states %v", got)
	}
	if !symphony.IsServerError(err) || !strings.Contains(err.Error(), "datafeed v2 create: ") ||
		!strings.Contains(err.Error(), "gave up after 3 attempts") {
		t.Fatalf("error %q", err)
	}
	if waits := clock.Waits(); !slices.Equal(waits, []time.Duration{250 * time.Millisecond, 500 * time.Millisecond}) {
		t.Fatalf("waits %v, want the BDK defaults with no jitter: 250ms, 500ms", waits)
	}
}

func TestBackoffSequence(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	// Three 5xx (a second firing before they are used sets the count
	// again, it does not add), then a 429 with Retry-After: 1.
	for _, k := range []simulator.FaultKind{simulator.FaultError5xx, simulator.FaultError5xx, simulator.FaultRateLimit} {
		if err := srv.InjectFault(k); err != nil {
			t.Fatal(err)
		}
	}
	clock := newFakeClock()
	r := start(t, c, feed.Options{
		Retry: symphony.RetryConfig{InitialInterval: 100 * time.Millisecond, Multiplier: 2, MaxInterval: time.Second},
		Clock: clock, Jitter: fixedJitter(0.5),
	})
	_, us := r.status(feed.Live)
	ms := time.Millisecond
	// Equal jitter at 0.5 waits 3/4 of 100ms ×2ⁿ capped at 1s; the 429
	// waits its Retry-After.
	want := []time.Duration{75 * ms, 150 * ms, 300 * ms, time.Second}
	if got := clock.Waits(); !slices.Equal(got, want) {
		t.Fatalf("waits %v, want %v", got, want)
	}
	i := 0
	for _, u := range us {
		s := u.Status
		if s == nil || s.State != feed.Reconnecting {
			continue
		}
		if s.Attempt != i+1 || s.NextTry.Sub(u.At) != want[i] {
			t.Errorf("reconnecting #%d: attempt %d, next try in %s; want %d, %s", i+1, s.Attempt, s.NextTry.Sub(u.At), i+1, want[i])
		}
		i++
	}
	if i != len(want) {
		t.Fatalf("%d Reconnecting statuses, want %d", i, len(want))
	}
}

func TestUnauthorizedReauthenticates(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	im := newChat(t, srv, c)
	api := newWrapped(c)
	unauthorized := &symphony.APIError{Op: "read datafeed", Status: http.StatusUnauthorized, Message: "Invalid session"}
	api.readErr = func(n int) error {
		if n == 2 || n == 3 {
			return unauthorized
		}
		return nil
	}
	r := start(t, api, feed.Options{Retry: fastRetry()})
	live, _ := r.status(feed.Live)
	id, _ := im.post("after the re-login")
	us := r.messages(id)
	var reauth int
	for _, u := range us {
		if s := u.Status; s != nil {
			switch {
			case s.State == feed.Reauthenticating && symphony.IsUnauthorized(s.Err) && s.FeedID == live.FeedID:
				reauth++
			case s.State == feed.Live && s.FeedID == live.FeedID:
			default:
				t.Errorf("status %s feed %q err %v", s.State, s.FeedID, s.Err)
			}
		}
	}
	if reauth != 2 || api.Logins() != 2 {
		t.Fatalf("%d Reauthenticating statuses and %d logins, want 2 and 2: %s", reauth, api.Logins(), describe(us))
	}
}

// TestStaticTokensStopWhenRefused follows a pod with tokens taken from a
// login elsewhere (session-token mode): when the pod expires the session,
// there is nothing to log in with, so the loop stops at once with
// symphony.ErrTokenRejected instead of reauthenticating for ever.
func TestStaticTokensStopWhenRefused(t *testing.T) {
	srv := startPod(t, nil)
	session, km := simtest.Tokens(t, srv)
	c, err := symphony.New(symphony.Options{PodURL: srv.URL(), SessionToken: session, KeyManagerToken: km})
	if err != nil {
		t.Fatal(err)
	}
	im := newChat(t, srv, c)
	r := start(t, c, feed.Options{Retry: fastRetry()})
	r.status(feed.Live)
	id, _ := im.post("before the session expired")
	r.messages(id)
	if err := srv.InjectFault(simulator.FaultExpireSession); err != nil {
		t.Fatal(err)
	}
	st, seen := r.status(feed.Stopped, feed.Reauthenticating, feed.Reconnecting)
	if st.State != feed.Stopped {
		t.Fatalf("status %s after the session expired, want Stopped: %s", st.State, describe(seen))
	}
	err = r.wait()
	if err != st.Err || !errors.Is(err, symphony.ErrTokenRejected) || !symphony.IsUnauthorized(err) {
		t.Fatalf("Run returned %v, Stopped said %v; want the 401 as ErrTokenRejected", err, st.Err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "datafeed v2 read: the session token in SYMPHONY_SESSION_TOKEN was refused (401): get a new one") {
		t.Errorf("error %q, want the read named and the clear message", msg)
	}
	if strings.Contains(msg, session) || strings.Contains(msg, km) {
		t.Errorf("error %q shows a token", msg)
	}
}

func TestCancelEndsPromptly(t *testing.T) {
	t.Run("long poll", func(t *testing.T) {
		srv := startPod(t, func(o *simulator.Options) { o.LongPoll = time.Minute })
		r := start(t, newClient(t, srv), feed.Options{})
		r.status(feed.Connecting)
		// The first read waits for a minute: cancel it.
		time.Sleep(50 * time.Millisecond)
		if err := r.stop(); !errors.Is(err, context.Canceled) {
			t.Fatalf("Run returned %v, want context.Canceled", err)
		}
	})
	t.Run("back-off", func(t *testing.T) {
		srv := startPod(t, nil)
		c := newClient(t, srv)
		if err := srv.InjectFault(simulator.FaultError5xx); err != nil {
			t.Fatal(err)
		}
		r := start(t, c, feed.Options{Retry: symphony.RetryConfig{InitialInterval: time.Hour}})
		r.status(feed.Reconnecting)
		if err := r.stop(); !errors.Is(err, context.Canceled) {
			t.Fatalf("Run returned %v, want context.Canceled", err)
		}
	})
	t.Run("hand-over", func(t *testing.T) {
		srv := startPod(t, nil)
		c := newClient(t, srv)
		r := start(t, c, feed.Options{})
		r.status(feed.Live)
		newChat(t, srv, c) // INSTANTMESSAGECREATED: Run waits to hand it over
		if err := r.stop(); !errors.Is(err, context.Canceled) {
			t.Fatalf("Run returned %v, want context.Canceled", err)
		}
	})
}

func TestBadVersionStops(t *testing.T) {
	srv := startPod(t, nil)
	r := start(t, newClient(t, srv), feed.Options{Version: "v3"})
	st, _ := r.status(feed.Stopped)
	if err := r.wait(); err == nil || err != st.Err || !strings.Contains(err.Error(), `"v3"`) {
		t.Fatalf("Run returned %v", err)
	}
}

// TestIdleWhenTheFeedRunsDry checks that an empty read after a batch is
// reported once, so that a consumer can tell it has everything.
func TestIdleWhenTheFeedRunsDry(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	r := start(t, c, feed.Options{})
	r.status(feed.Live)
	r.until("idle", func(u feed.Update) bool { return u.Idle })
	im := newChat(t, srv, c)
	id, _ := im.post("wake up")
	r.messages(id)
	us := r.until("idle again", func(u feed.Update) bool { return u.Idle })
	for _, u := range us[:len(us)-1] {
		if u.Idle {
			t.Fatalf("idle reported twice in a row: %s", describe(us))
		}
	}
}

// TestRetryNowEndsTheWait: a receive on RetryNow ends a back-off wait of an
// hour at once, and the loop goes on to live.
func TestRetryNowEndsTheWait(t *testing.T) {
	srv := startPod(t, nil)
	c := newClient(t, srv)
	if err := srv.InjectFault(simulator.FaultError5xx); err != nil {
		t.Fatal(err)
	}
	now := make(chan struct{}, 1)
	r := start(t, c, feed.Options{
		Retry:    symphony.RetryConfig{InitialInterval: time.Hour, Multiplier: 1, MaxInterval: time.Hour},
		RetryNow: now, Jitter: fixedJitter(0.5),
	})
	retries := 0
	for {
		s, _ := r.status(feed.Reconnecting, feed.Live)
		if s.State == feed.Live {
			break
		}
		if time.Until(s.NextTry) < 10*time.Minute {
			t.Fatalf("the next try is due at %s: not the hour's wait", s.NextTry)
		}
		retries++
		now <- struct{}{}
	}
	if retries == 0 {
		t.Fatal("the feed never waited")
	}
}
