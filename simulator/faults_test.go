package simulator_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/symphony"
)

func TestParseFaults(t *testing.T) {
	for _, tc := range []struct {
		spec string
		want []simulator.FaultRule
		err  bool
	}{
		{"", nil, false},
		{"expire-feed:30s", []simulator.FaultRule{{Kind: simulator.FaultExpireFeed, Every: 30 * time.Second}}, false},
		{" ratelimit:1m , drop:500ms,", []simulator.FaultRule{
			{Kind: simulator.FaultRateLimit, Every: time.Minute}, {Kind: simulator.FaultDrop, Every: 500 * time.Millisecond}}, false},
		{"all:20s", []simulator.FaultRule{{Kind: simulator.FaultAll, Every: 20 * time.Second}}, false},
		{"Error5xx:1s,latency:2s,duplicate:3s,expire-session:4s", []simulator.FaultRule{
			{Kind: simulator.FaultError5xx, Every: time.Second}, {Kind: simulator.FaultLatency, Every: 2 * time.Second},
			{Kind: simulator.FaultDuplicate, Every: 3 * time.Second}, {Kind: simulator.FaultExpireSession, Every: 4 * time.Second}}, false},
		{"explode:1s", nil, true},
		{"drop", nil, true},
		{"drop:soon", nil, true},
		{"drop:0s", nil, true},
		{"drop:-1s", nil, true},
	} {
		got, err := simulator.ParseFaults(tc.spec)
		if (err != nil) != tc.err {
			t.Fatalf("ParseFaults(%q): error %v", tc.spec, err)
		}
		if tc.err {
			continue
		}
		if len(got.Rules) != len(tc.want) {
			t.Fatalf("ParseFaults(%q) = %+v", tc.spec, got)
		}
		for i := range tc.want {
			if got.Rules[i] != tc.want[i] {
				t.Fatalf("ParseFaults(%q) = %+v", tc.spec, got)
			}
		}
		if again, err := simulator.ParseFaults(got.String()); err != nil || len(again.Rules) != len(got.Rules) {
			t.Fatalf("round trip of %q: %v", got.String(), err)
		}
		if got.IsZero() != (len(tc.want) == 0) {
			t.Fatalf("IsZero of %q", tc.spec)
		}
	}
}

// postFault fires a fault through the administration API.
func postFault(t *testing.T, srv *simulator.Server, kind string) {
	t.Helper()
	resp, err := http.Post(srv.URL()+"/simulator/faults", "application/json", strings.NewReader(`{"kind":"`+kind+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("fire %s: %d", kind, resp.StatusCode)
	}
}

func TestFaultEffects(t *testing.T) {
	srv := start(t, simulator.Options{LongPoll: 100 * time.Millisecond})
	c := newClient(t, srv)
	im := c.createIM(aliceID)

	t.Run("expire-feed", func(t *testing.T) {
		feed := c.createFeed()
		c.read(feed, "")
		postFault(t, srv, "expire-feed")
		status, data, _ := c.call(http.MethodPost, "/agent/v5/datafeeds/"+feed+"/read", symphony.AckID{})
		wantError(t, "read after expire-feed", status, data, http.StatusBadRequest)
	})
	t.Run("expire-session", func(t *testing.T) {
		if err := srv.InjectFault(simulator.FaultExpireSession); err != nil {
			t.Fatal(err)
		}
		status, data, _ := c.call(http.MethodGet, "/pod/v2/sessioninfo", nil)
		wantError(t, "after expire-session", status, data, http.StatusUnauthorized)
		c.login()
	})
	t.Run("error5xx", func(t *testing.T) {
		postFault(t, srv, "error5xx")
		var got []int
		for range 4 {
			status, data, _ := c.call(http.MethodGet, "/pod/v2/sessioninfo", nil)
			if status >= 500 {
				wantError(t, "5xx", status, data, status)
			}
			got = append(got, status)
		}
		if got[0] != 503 || got[1] != 500 || got[2] != 503 || got[3] != 200 {
			t.Fatalf("statuses %v", got)
		}
	})
	t.Run("ratelimit", func(t *testing.T) {
		postFault(t, srv, "ratelimit")
		status, data, h := c.call(http.MethodGet, "/pod/v2/sessioninfo", nil)
		wantError(t, "429", status, data, http.StatusTooManyRequests)
		if h.Get("Retry-After") != "1" {
			t.Fatalf("Retry-After %q", h.Get("Retry-After"))
		}
		if status, _, _ := c.call(http.MethodGet, "/pod/v2/sessioninfo", nil); status != http.StatusOK {
			t.Fatalf("after the 429: %d", status)
		}
	})
	t.Run("latency", func(t *testing.T) {
		postFault(t, srv, "latency")
		began := time.Now()
		c.call(http.MethodGet, "/pod/v2/sessioninfo", nil)
		if d := time.Since(began); d < 450*time.Millisecond {
			t.Fatalf("call took %s", d)
		}
		for range 4 { // use up the rest
			c.call(http.MethodGet, "/pod/v2/sessioninfo", nil)
		}
	})
	t.Run("drop", func(t *testing.T) {
		feed := c.createFeed()
		if _, err := srv.Post(im, aliceID, "<messageML>before the drop</messageML>"); err != nil {
			t.Fatal(err)
		}
		first := c.read(feed, "")
		if _, err := srv.Post(im, aliceID, "<messageML>during the drop</messageML>"); err != nil {
			t.Fatal(err)
		}
		postFault(t, srv, "drop")
		body, _ := json.Marshal(symphony.AckID{AckID: first.AckID})
		req, _ := http.NewRequest(http.MethodPost, c.base+"/agent/v5/datafeeds/"+feed+"/read", bytes.NewReader(body))
		req.Header.Set("sessionToken", c.session)
		req.Header.Set("keyManagerToken", c.km)
		resp, err := c.hc.Do(req)
		if err == nil {
			_, err = io.ReadAll(resp.Body)
			resp.Body.Close()
		}
		if err == nil {
			t.Fatal("the dropped read succeeded")
		}
		// The client retries with the same ackId: nothing is lost.
		again := c.read(feed, first.AckID)
		if len(again.Events) != 1 || !strings.Contains(again.Events[0].Message().Message, "during the drop") {
			t.Fatalf("after the drop: %+v", again.Events)
		}
	})
	t.Run("duplicate", func(t *testing.T) {
		feed := c.createFeed()
		if _, err := srv.Post(im, aliceID, "<messageML>once</messageML>"); err != nil {
			t.Fatal(err)
		}
		first := c.read(feed, "")
		postFault(t, srv, "duplicate")
		second := c.read(feed, first.AckID)
		if len(second.Events) != 1 || second.Events[0].ID != first.Events[0].ID {
			t.Fatalf("duplicate: %+v", second.Events)
		}
		third := c.read(feed, second.AckID)
		if len(third.Events) != 0 {
			t.Fatalf("after the duplicate: %+v", third.Events)
		}
	})

	var answer struct {
		Log []simulator.FaultRecord `json:"log"`
	}
	resp, err := http.Get(srv.URL() + "/simulator/faults")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		t.Fatal(err)
	}
	fired := map[simulator.FaultKind]bool{}
	applied := map[simulator.FaultKind]bool{}
	for _, r := range answer.Log {
		if r.Phase == "fired" {
			fired[r.Kind] = true
		} else {
			applied[r.Kind] = true
		}
	}
	for _, k := range simulator.FaultKinds() {
		if !fired[k] {
			t.Errorf("%s not in the fault log", k)
		}
	}
	for _, k := range []simulator.FaultKind{simulator.FaultError5xx, simulator.FaultRateLimit, simulator.FaultLatency, simulator.FaultDrop, simulator.FaultDuplicate} {
		if !applied[k] {
			t.Errorf("%s never applied", k)
		}
	}
	if len(srv.FaultLog()) != len(answer.Log) {
		t.Errorf("FaultLog has %d records, the endpoint %d", len(srv.FaultLog()), len(answer.Log))
	}

	resp2, err := http.Post(srv.URL()+"/simulator/faults", "application/json", strings.NewReader(`{"kind":"meteor"}`))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp2.Body)
	resp2.Body.Close()
	wantError(t, "unknown kind", resp2.StatusCode, data, http.StatusBadRequest)
	if err := srv.InjectFault("meteor"); err == nil {
		t.Error("InjectFault of an unknown kind succeeded")
	}
}

func TestFaultSchedule(t *testing.T) {
	faults, err := simulator.ParseFaults("ratelimit:20ms")
	if err != nil {
		t.Fatal(err)
	}
	srv := start(t, simulator.Options{Faults: faults})
	c := newClient(t, srv)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if status, _, _ := c.call(http.MethodGet, "/pod/v2/sessioninfo", nil); status == http.StatusTooManyRequests {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the scheduled fault never fired")
}

func TestAdminState(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	c.createFeed()
	var st simulator.State
	resp, err := http.Get(srv.URL() + "/simulator/state")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	if st.Users != 5 || st.Accounts != 1 || st.Walls != 4 || st.DatafeedsV2 != 1 || st.Sessions != 1 || st.Scenario != "empty" {
		t.Fatalf("state %+v", st)
	}
}
