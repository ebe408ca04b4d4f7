package simulator_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// subscriptionResult is the answer of a (un)subscription.
type subscriptionResult struct {
	RequestedSubscription  int64 `json:"requestedSubscription"`
	SuccessfulSubscription int64 `json:"successfulSubscription"`
	FailedSubscription     int64 `json:"failedSubscription"`
	SubscriptionErrors     []struct {
		UserID  int64  `json:"userId"`
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"subscriptionErrors"`
}

// subscriberPage is a page of a signal's subscribers.
type subscriberPage struct {
	Offset  int64 `json:"offset"`
	HasMore bool  `json:"hasMore"`
	Total   int   `json:"total"`
	Data    []struct {
		SubscriptionID string `json:"subscriptionId"`
		Pushed         bool   `json:"pushed"`
		Owner          bool   `json:"owner"`
		SubscriberName string `json:"subscriberName"`
		UserID         int64  `json:"userId"`
		Timestamp      int64  `json:"timestamp"`
	} `json:"data"`
}

// TestSignalExchangesFollowTheOfficialDocuments drives every signal
// endpoint, answers of success and of error, through the validating
// transport.
func TestSignalExchangesFollowTheOfficialDocuments(t *testing.T) {
	srv, v, c := startConformance(t, simulator.Options{})
	alice := loginUser(t, srv, "alice", v)

	var sg symphony.Signal
	if status := c.callJSON(http.MethodPost, "/agent/v1/signals/create", map[string]any{
		"name": "Rates", "query": "HASHTAG:rates OR CASHTAG:UST10Y AND author:" + fmt.Sprint(aliceID),
		"visibleOnProfile": false, "companyWide": false,
	}, &sg); status != http.StatusOK || sg.ID == "" || sg.Timestamp == 0 {
		t.Fatalf("create: %d %+v", status, sg)
	}
	var public symphony.Signal
	c.callJSON(http.MethodPost, "/agent/v1/signals/create", map[string]any{
		"name": "Public", "query": "hashtag:desk", "visibleOnProfile": true,
	}, &public)
	for _, bad := range []map[string]any{
		{"name": "no tags", "query": "author:" + fmt.Sprint(aliceID)},
		{"name": "bad field", "query": "keyword:x"},
		{"name": "", "query": "hashtag:x"},
		{"query": "hashtag:x"},
	} {
		status, data, _ := c.call(http.MethodPost, "/agent/v1/signals/create", bad)
		wantError(t, fmt.Sprintf("create %v", bad), status, data, http.StatusBadRequest)
	}

	var list []symphony.Signal
	c.callJSON(http.MethodGet, "/agent/v1/signals/list?skip=0&limit=10", nil, &list)
	if len(list) != 2 || list[0].ID != sg.ID {
		t.Errorf("list: %+v", list)
	}
	c.call(http.MethodGet, "/agent/v1/signals/list?limit=501", nil)
	c.call(http.MethodGet, "/agent/v1/signals/"+sg.ID+"/get", nil)
	c.call(http.MethodGet, "/agent/v1/signals/000000000000000000000000/get", nil)
	alice.call(http.MethodGet, "/agent/v1/signals/"+sg.ID+"/get", nil) // 403: private
	c.call(http.MethodPost, "/agent/v1/signals/"+sg.ID+"/update", map[string]any{"name": "Rates desk"})
	c.call(http.MethodPost, "/agent/v1/signals/"+sg.ID+"/update", map[string]any{"query": "author:1"})
	alice.call(http.MethodPost, "/agent/v1/signals/"+public.ID+"/update", map[string]any{"name": "mine"})

	c.call(http.MethodPost, "/agent/v1/signals/"+sg.ID+"/subscribe?pushed=true",
		[]int64{aliceID, bobID, danaID, 1})
	alice.call(http.MethodPost, "/agent/v1/signals/"+public.ID+"/subscribe", nil)
	alice.call(http.MethodPost, "/agent/v1/signals/"+public.ID+"/subscribe", []int64{carolID}) // 403
	alice.call(http.MethodPost, "/agent/v1/signals/"+sg.ID+"/unsubscribe", nil)                // pushed
	c.call(http.MethodPost, "/agent/v1/signals/"+sg.ID+"/unsubscribe", []int64{bobID, carolID})
	c.call(http.MethodGet, "/agent/v1/signals/"+sg.ID+"/subscribers?skip=0&limit=2", nil)
	c.call(http.MethodGet, "/agent/v1/signals/"+sg.ID+"/subscribers?limit=101", nil)
	alice.call(http.MethodGet, "/agent/v1/signals/"+sg.ID+"/subscribers", nil)
	alice.call(http.MethodPost, "/agent/v1/signals/"+sg.ID+"/delete", nil)
	c.call(http.MethodPost, "/agent/v1/signals/"+sg.ID+"/delete", nil)
	c.call(http.MethodPost, "/agent/v1/signals/"+sg.ID+"/delete", nil)
	c.session = "expired"
	c.call(http.MethodGet, "/agent/v1/signals/list", nil)

	v.report(t)
	wantCovered(t, v,
		"POST /agent/v1/signals/create 200", "POST /agent/v1/signals/create 400",
		"GET /agent/v1/signals/list 200", "GET /agent/v1/signals/list 400", "GET /agent/v1/signals/list 401",
		"GET /agent/v1/signals/{id}/get 200", "GET /agent/v1/signals/{id}/get 400", "GET /agent/v1/signals/{id}/get 403",
		"POST /agent/v1/signals/{id}/update 200", "POST /agent/v1/signals/{id}/update 400",
		"POST /agent/v1/signals/{id}/update 403",
		"POST /agent/v1/signals/{id}/subscribe 200", "POST /agent/v1/signals/{id}/subscribe 403",
		"POST /agent/v1/signals/{id}/unsubscribe 200",
		"GET /agent/v1/signals/{id}/subscribers 200", "GET /agent/v1/signals/{id}/subscribers 400",
		"GET /agent/v1/signals/{id}/subscribers 403",
		"POST /agent/v1/signals/{id}/delete 200", "POST /agent/v1/signals/{id}/delete 400",
		"POST /agent/v1/signals/{id}/delete 403",
	)
}

// TestSignalOwnership: only its creator changes, deletes, bulk-subscribes
// and lists the subscribers of a signal; others see it only when it is
// public or they are subscribed; a pushed subscriber cannot leave, the
// creator can remove them; a company-wide signal holds every user of the
// pod.
func TestSignalOwnership(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	alice := loginUser(t, srv, "alice", nil)

	var private, public symphony.Signal
	c.callJSON(http.MethodPost, "/agent/v1/signals/create", map[string]any{"name": "p", "query": "hashtag:p"}, &private)
	c.callJSON(http.MethodPost, "/agent/v1/signals/create", map[string]any{"name": "q", "query": "cashtag:$Q",
		"visibleOnProfile": true}, &public)

	status, data, _ := alice.call(http.MethodGet, "/agent/v1/signals/"+private.ID+"/get", nil)
	wantError(t, "alice gets a private signal", status, data, http.StatusForbidden)
	status, data, _ = alice.call(http.MethodPost, "/agent/v1/signals/"+private.ID+"/subscribe", nil)
	wantError(t, "alice subscribes to a private signal", status, data, http.StatusForbidden)
	var got symphony.Signal
	if status := alice.callJSON(http.MethodGet, "/agent/v1/signals/"+public.ID+"/get", nil, &got); status != http.StatusOK || got.Name != "q" {
		t.Fatalf("alice gets the public signal: %d %+v", status, got)
	}
	for _, call := range []struct{ method, path string }{
		{http.MethodPost, "/agent/v1/signals/" + public.ID + "/update"},
		{http.MethodPost, "/agent/v1/signals/" + public.ID + "/delete"},
		{http.MethodGet, "/agent/v1/signals/" + public.ID + "/subscribers"},
	} {
		var body any
		if strings.HasSuffix(call.path, "update") {
			body = map[string]any{"name": "taken"}
		}
		status, data, _ := alice.call(call.method, call.path, body)
		wantError(t, "alice: "+call.path, status, data, http.StatusForbidden)
	}
	status, data, _ = alice.call(http.MethodPost, "/agent/v1/signals/"+public.ID+"/subscribe", []int64{bobID})
	wantError(t, "alice bulk-subscribes bob", status, data, http.StatusForbidden)

	// alice subscribes herself to the public one and lists it; the creator
	// pushes her onto the private one, which she then sees but cannot leave.
	var res subscriptionResult
	alice.callJSON(http.MethodPost, "/agent/v1/signals/"+public.ID+"/subscribe", nil, &res)
	if res.SuccessfulSubscription != 1 {
		t.Fatalf("alice subscribes: %+v", res)
	}
	c.callJSON(http.MethodPost, "/agent/v1/signals/"+private.ID+"/subscribe?pushed=true", []int64{aliceID, danaID}, &res)
	if res.RequestedSubscription != 2 || res.SuccessfulSubscription != 1 || res.FailedSubscription != 1 ||
		len(res.SubscriptionErrors) != 1 || res.SubscriptionErrors[0].UserID != danaID {
		t.Fatalf("bulk subscription: %+v", res)
	}
	var list []symphony.Signal
	alice.callJSON(http.MethodGet, "/agent/v1/signals/list", nil, &list)
	if len(list) != 2 {
		t.Fatalf("alice's signals: %+v", list)
	}
	alice.callJSON(http.MethodPost, "/agent/v1/signals/"+private.ID+"/unsubscribe", nil, &res)
	if res.SuccessfulSubscription != 0 || res.FailedSubscription != 1 || res.SubscriptionErrors[0].Code != "PUSHED" {
		t.Fatalf("alice leaves a pushed signal: %+v", res)
	}
	alice.callJSON(http.MethodPost, "/agent/v1/signals/"+public.ID+"/unsubscribe", nil, &res)
	if res.SuccessfulSubscription != 1 {
		t.Fatalf("alice leaves the public signal: %+v", res)
	}
	var subs subscriberPage
	c.callJSON(http.MethodGet, "/agent/v1/signals/"+private.ID+"/subscribers", nil, &subs)
	if subs.Total != 2 || !subs.Data[0].Owner || subs.Data[0].UserID != botID || !subs.Data[1].Pushed ||
		subs.Data[1].UserID != aliceID || subs.Data[1].SubscriberName == "" {
		t.Fatalf("subscribers: %+v", subs)
	}
	c.callJSON(http.MethodPost, "/agent/v1/signals/"+private.ID+"/unsubscribe", []int64{aliceID, botID}, &res)
	if res.SuccessfulSubscription != 1 || res.SubscriptionErrors[0].UserID != botID {
		t.Fatalf("the creator removes alice and itself: %+v", res)
	}
	status, data, _ = alice.call(http.MethodGet, "/agent/v1/signals/"+private.ID+"/get", nil)
	wantError(t, "alice, removed, gets the private signal", status, data, http.StatusForbidden)

	// A company-wide signal: every user of the pod, pushed; not dana, of
	// another pod. Turned off, it keeps only its creator.
	var push symphony.Signal
	c.callJSON(http.MethodPost, "/agent/v1/signals/create", map[string]any{"name": "all", "query": "hashtag:all",
		"companyWide": true}, &push)
	c.callJSON(http.MethodGet, "/agent/v1/signals/"+push.ID+"/subscribers", nil, &subs)
	for _, d := range subs.Data {
		if d.UserID == danaID || !d.Pushed && !d.Owner {
			t.Errorf("company-wide subscriber %+v", d)
		}
	}
	if subs.Total < 4 {
		t.Errorf("company-wide subscribers: %+v", subs)
	}
	if status := alice.callJSON(http.MethodGet, "/agent/v1/signals/"+push.ID+"/get", nil, &got); status != http.StatusOK {
		t.Errorf("alice gets the company-wide signal: %d", status)
	}
	c.callJSON(http.MethodPost, "/agent/v1/signals/"+push.ID+"/update", map[string]any{"companyWide": false}, &got)
	c.callJSON(http.MethodGet, "/agent/v1/signals/"+push.ID+"/subscribers", nil, &subs)
	if got.CompanyWide || subs.Total != 1 || subs.Data[0].UserID != botID {
		t.Errorf("after companyWide off: %+v, subscribers %+v", got, subs)
	}

	// A refused update changes nothing; a deleted signal is gone.
	status, data, _ = c.call(http.MethodPost, "/agent/v1/signals/"+public.ID+"/update", map[string]any{"name": "new", "query": "author:1"})
	wantError(t, "an update without a tag", status, data, http.StatusBadRequest)
	c.callJSON(http.MethodGet, "/agent/v1/signals/"+public.ID+"/get", nil, &got)
	if got.Name != "q" || got.Query != "cashtag:$Q" {
		t.Errorf("a refused update changed the signal: %+v", got)
	}
	c.call(http.MethodPost, "/agent/v1/signals/"+public.ID+"/delete", nil)
	status, data, _ = c.call(http.MethodGet, "/agent/v1/signals/"+public.ID+"/get", nil)
	wantError(t, "get a deleted signal", status, data, http.StatusBadRequest)
}

// TestSignalSearchFindsItsMatches: a message search by signal finds the
// messages of the caller's streams that meet the signal's query.
func TestSignalSearchFindsItsMatches(t *testing.T) {
	clock := &fakeClock{t: time.Now()} // logins check their JWT against it
	srv := start(t, simulator.Options{Clock: clock.Now})
	c := newClient(t, srv)
	room := &scenario.Room{ID: "c2lnbmFsLXJvb20taWQtMDAwMDA", Name: "Signals", Members: []int64{aliceID, bobID}}
	if err := srv.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: botID, Room: room}); err != nil {
		t.Fatal(err)
	}
	post := func(from int64, ml string) symphony.V4Message {
		clock.Advance(time.Second)
		m, err := srv.Post(room.ID, from, ml)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	want1 := post(aliceID, `<messageML>curve <hash tag="rates"/></messageML>`)
	post(bobID, `<messageML>curve <hash tag="rates"/></messageML>`)
	want2 := post(bobID, `<messageML>bond <cash tag="UST10Y"/></messageML>`)
	post(aliceID, `<messageML>nothing to see</messageML>`)

	var sg symphony.Signal
	c.callJSON(http.MethodPost, "/agent/v1/signals/create", map[string]any{"name": "s",
		"query": fmt.Sprintf("hashtag:rates AND author:%d OR cashtag:ust10y", aliceID)}, &sg)
	var found []symphony.V4Message
	if status := c.callJSON(http.MethodPost, "/agent/v1/message/search?sortDir=ASC",
		symphony.MessageSearchQuery{Signal: sg.ID}, &found); status != http.StatusOK {
		t.Fatalf("search: %d", status)
	}
	if len(found) != 2 || found[0].MessageID != want1.MessageID || found[1].MessageID != want2.MessageID {
		t.Fatalf("search by signal found %+v", found)
	}
	alice := loginUser(t, srv, "alice", nil)
	status, data, _ := alice.call(http.MethodPost, "/agent/v1/message/search", symphony.MessageSearchQuery{Signal: sg.ID})
	wantError(t, "alice searches a private signal", status, data, http.StatusForbidden)
}
