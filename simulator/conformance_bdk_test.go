package simulator_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// messageStatus is the answer of GET /pod/v1/message/{mid}/status.
type messageStatus struct {
	Author    *statusUser  `json:"author"`
	Read      []statusUser `json:"read"`
	Delivered []statusUser `json:"delivered"`
	Sent      []statusUser `json:"sent"`
}

// statusUser is a user of a message status.
type statusUser struct {
	UserID    string `json:"userId"`
	UserName  string `json:"userName"`
	Timestamp string `json:"timestamp"`
}

// ids returns the user ids of a status list.
func ids(us []statusUser) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.UserID
	}
	return out
}

// health is the answer of the health checks.
type health struct {
	Status   string `json:"status"`
	Version  string `json:"version"`
	Services map[string]struct {
		Status  string `json:"status"`
		Version string `json:"version"`
		Message string `json:"message"`
	} `json:"services"`
	Users map[string]struct {
		Status   string `json:"status"`
		AuthType string `json:"authType"`
	} `json:"users"`
}

// article is a valid article to share.
func article() map[string]any {
	return map[string]any{"type": "com.symphony.sharing.article", "content": map[string]any{
		"articleId": "a-1", "title": "Curve steepens", "subTitle": "Tens lead", "message": "worth a read",
		"publisher": "Rates Daily", "author": "A. Writer", "articleUrl": "https://news.example/curve",
		"summary": "The curve steepened <sharply>.", "appId": "news-app", "publishDate": 1700000000000,
	}}
}

// TestBDKExchangesFollowTheOfficialDocuments validates a message's status,
// receipts and relationships, a shared article and the health checks,
// answers of success and of error, against the official documents.
func TestBDKExchangesFollowTheOfficialDocuments(t *testing.T) {
	clock := &fakeClock{t: time.Now()} // logins check their JWT against it
	srv, v, c := startConformance(t, simulator.Options{Clock: clock.Now})
	room := &scenario.Room{ID: "YmRrLXJvb20taWQtMDAwMDAwMDA", Name: "BDK", Members: []int64{aliceID, bobID, danaID}}
	if err := srv.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: botID, Room: room}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []scenario.Action{
		{Kind: scenario.SendMessage, Actor: botID, Stream: room.ID, Key: "m", MessageML: "<messageML>status?</messageML>"},
		{Kind: scenario.SendMessage, Actor: aliceID, Stream: room.ID, Key: "reply", Target: "m", MessageML: "<messageML>read it</messageML>"},
	} {
		clock.Advance(time.Second)
		if err := srv.Apply(a); err != nil {
			t.Fatal(err)
		}
	}
	mid, _ := srv.MessageID("m")
	m, _ := srv.Message(mid)
	reply, _ := srv.MessageID("reply")

	var st messageStatus
	c.callJSON(http.MethodGet, "/pod/v1/message/"+m.MessageID+"/status", nil, &st)
	if st.Author == nil || st.Author.UserID != fmt.Sprint(botID) ||
		!slices.Equal(ids(st.Read), []string{fmt.Sprint(botID), fmt.Sprint(aliceID)}) ||
		!slices.Equal(ids(st.Delivered), []string{fmt.Sprint(bobID)}) ||
		!slices.Equal(ids(st.Sent), []string{fmt.Sprint(danaID)}) {
		t.Errorf("status: %+v", st)
	}
	c.call(http.MethodGet, "/pod/v1/message/bm9uZQ/status", nil) // 404
	c.call(http.MethodGet, "/pod/v1/admin/messages/"+m.MessageID+"/receipts", nil)
	c.call(http.MethodGet, "/pod/v1/admin/messages/"+m.MessageID+"/receipts?after=eA", nil) // 400
	c.call(http.MethodGet, "/pod/v1/admin/messages/bm9uZQ/receipts", nil)                   // 404
	var rel struct {
		MessageID string   `json:"messageId"`
		Replies   []string `json:"replies"`
	}
	relationships := func(who *client, id string) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, who.base+"/pod/v1/admin/messages/"+id+"/metadata/relationships", nil)
		req.Header.Set("User-Agent", "tutti-test")
		status, data, _ := who.do(req)
		return status, data
	}
	if status, data := relationships(c, m.MessageID); status != http.StatusOK || json.Unmarshal(data, &rel) != nil {
		t.Errorf("relationships: %d %s", status, data)
	}
	if len(rel.Replies) != 1 || rel.Replies[0] != reply {
		t.Errorf("relationships: %+v, want the reply %s", rel, reply)
	}
	relationships(c, reply)
	relationships(c, "bm9uZQ") // 400

	c.call(http.MethodPost, "/agent/v3/stream/"+room.ID+"/share", article())
	bad := article()
	bad["type"] = "com.example.video"
	c.call(http.MethodPost, "/agent/v3/stream/"+room.ID+"/share", bad)
	c.call(http.MethodPost, "/agent/v3/stream/bm9uZQ/share", article())

	c.call(http.MethodGet, "/agent/v3/health", nil)
	c.call(http.MethodGet, "/agent/v3/health/extended", nil)
	if err := srv.InjectFault(simulator.FaultError5xx); err != nil {
		t.Fatal(err)
	}
	c.call(http.MethodGet, "/agent/v3/health/extended", nil) // 503

	// alice, a person, is a member but holds no administration role.
	alice := loginUser(t, srv, "alice", v)
	for range 3 { // the armed 5xx answers go to these
		plain := alice.unvalidated()
		plain.call(http.MethodGet, "/pod/v2/sessioninfo", nil)
	}
	alice.call(http.MethodGet, "/pod/v1/message/"+m.MessageID+"/status", nil)
	alice.call(http.MethodGet, "/pod/v1/admin/messages/"+m.MessageID+"/receipts", nil)
	relationships(alice, m.MessageID)
	carol := loginUser(t, srv, "carol", v)
	carol.call(http.MethodGet, "/pod/v1/message/"+m.MessageID+"/status", nil)
	carol.call(http.MethodPost, "/agent/v3/stream/"+room.ID+"/share", article())
	c.session = "expired"
	c.call(http.MethodGet, "/pod/v1/message/"+m.MessageID+"/status", nil)
	c.call(http.MethodPost, "/agent/v3/stream/"+room.ID+"/share", article())

	v.report(t)
	wantCovered(t, v,
		"GET /pod/v1/message/{mid}/status 200", "GET /pod/v1/message/{mid}/status 401",
		"GET /pod/v1/message/{mid}/status 403", "GET /pod/v1/message/{mid}/status 404",
		"GET /pod/v1/admin/messages/{messageId}/receipts 200", "GET /pod/v1/admin/messages/{messageId}/receipts 400",
		"GET /pod/v1/admin/messages/{messageId}/receipts 403", "GET /pod/v1/admin/messages/{messageId}/receipts 404",
		"GET /pod/v1/admin/messages/{messageId}/metadata/relationships 200",
		"GET /pod/v1/admin/messages/{messageId}/metadata/relationships 400",
		"GET /pod/v1/admin/messages/{messageId}/metadata/relationships 403",
		"POST /agent/v3/stream/{sid}/share 200", "POST /agent/v3/stream/{sid}/share 400",
		"POST /agent/v3/stream/{sid}/share 401", "POST /agent/v3/stream/{sid}/share 403",
		"GET /agent/v3/health 200", "GET /agent/v3/health/extended 200", "GET /agent/v3/health/extended 503",
	)
}

// TestMessageReceiptsPage: the receipts of a message of a room of some
// 250 members page by cursor, each recipient once, with the counts of the
// whole message.
func TestMessageReceiptsPage(t *testing.T) {
	srv := start(t, simulator.Options{Scenario: scenario.Scale, NoLive: true,
		Scale: scenario.ScaleOptions{Rooms: 10, Users: 250, Rate: 1}})
	c := newClient(t, srv)
	var members []int64
	for _, u := range srv.Users() {
		if u.ID != srv.AccountID() {
			members = append(members, u.ID)
		}
	}
	room := &scenario.Room{ID: "cmVjZWlwdHMtcm9vbS1pZC0wMDA", Name: "Receipts", Members: members}
	if err := srv.Apply(scenario.Action{Kind: scenario.CreateRoom, Actor: srv.AccountID(), Room: room}); err != nil {
		t.Fatal(err)
	}
	m, err := srv.Post(room.ID, srv.AccountID(), "<messageML>receipts</messageML>")
	if err != nil {
		t.Fatal(err)
	}
	type page struct {
		DeliveryReceiptCount int `json:"deliveryReceiptCount"`
		Details              []struct {
			User struct {
				ID int64 `json:"id"`
			} `json:"user"`
		} `json:"MessageReceiptDetail"`
		Pagination struct {
			Cursors  struct{ Before, After string } `json:"cursors"`
			Previous string                         `json:"previous"`
			Next     string                         `json:"next"`
		} `json:"pagination"`
	}
	seen := map[int64]bool{}
	path := "/pod/v1/admin/messages/" + m.MessageID + "/receipts"
	var pages []page
	for path != "" {
		var p page
		if status := c.callJSON(http.MethodGet, path, nil, &p); status != http.StatusOK || len(pages) > 10 {
			t.Fatalf("receipts %s: %d", path, status)
		}
		pages = append(pages, p)
		for _, d := range p.Details {
			if seen[d.User.ID] || d.User.ID == srv.AccountID() {
				t.Fatalf("a receipt of %d twice or of the author", d.User.ID)
			}
			seen[d.User.ID] = true
		}
		path = strings.TrimPrefix(p.Pagination.Next, srv.URL())
	}
	if len(pages) < 3 || len(seen) != len(members) || pages[0].DeliveryReceiptCount == 0 || pages[0].Pagination.Previous != "" {
		t.Fatalf("%d pages, %d receipts for %d members, %d delivered", len(pages), len(seen), len(members), pages[0].DeliveryReceiptCount)
	}
	// before= the second page's first cursor gives the first page back.
	var back page
	c.callJSON(http.MethodGet, "/pod/v1/admin/messages/"+m.MessageID+"/receipts?before="+pages[1].Pagination.Cursors.Before, nil, &back)
	if len(back.Details) != len(pages[0].Details) || back.Details[0].User.ID != pages[0].Details[0].User.ID {
		t.Fatalf("the page before the second: %d receipts from %d", len(back.Details), back.Details[0].User.ID)
	}
}

// TestShareReachesMembers: a shared article is a message of the caller on
// every member's datafeed, with the article as an entity of its EntityJSON,
// and in the stream's history.
func TestShareReachesMembers(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	alice := loginUser(t, srv, "alice", nil)
	im := c.createIM(aliceID)
	feed := alice.createFeed()
	own := c.createFeed()

	var out struct {
		ID            string `json:"id"`
		StreamID      string `json:"streamId"`
		FromUserID    int64  `json:"fromUserId"`
		V2MessageType string `json:"v2messageType"`
	}
	if status := c.callJSON(http.MethodPost, "/agent/v3/stream/"+im+"/share", article(), &out); status != http.StatusOK ||
		out.FromUserID != botID || out.V2MessageType != "V2Message" || symphony.CanonicalID(out.StreamID) != im {
		t.Fatalf("share: %d %+v", status, out)
	}
	acks := map[*client]string{}
	for who, f := range map[*client]string{alice: feed, c: own} {
		evs, ack := who.drain(f, 1)
		acks[who] = ack
		msg := evs[0].Message()
		if evs[0].Type != symphony.EventMessageSent || msg == nil || msg.MessageID != out.ID {
			t.Fatalf("%s's feed: %+v", who.username, evs)
		}
		var data map[string]struct {
			Type, Title, Href, Blurb string
		}
		if err := json.Unmarshal([]byte(msg.Data), &data); err != nil || data["article"].Type != "com.symphony.sharing.article" ||
			data["article"].Title != "Curve steepens" || data["article"].Href != "https://news.example/curve" {
			t.Fatalf("the article's entity: %s (%v)", msg.Data, err)
		}
		if !strings.Contains(msg.Message, "worth a read") || !strings.Contains(msg.Message, "&lt;sharply&gt;") ||
			!strings.Contains(msg.Message, `data-entity-id="article"`) {
			t.Fatalf("the article's message: %s", msg.Message)
		}
	}
	if got, ok := srv.Message(out.ID); !ok || got.User.UserID != botID {
		t.Fatalf("the shared article is not stored: %+v", got)
	}

	// A wall, a stream of which the caller is no member, an article without
	// its author or with a script URL are refused, and nothing is sent.
	noURL := article()
	noURL["content"].(map[string]any)["articleUrl"] = "javascript:alert(1)"
	noAuthor := article()
	delete(noAuthor["content"].(map[string]any), "author")
	for what, call := range map[string]struct {
		sid  string
		body any
		want int
	}{
		"a wall":          {wallOf(t, srv, botID), article(), http.StatusBadRequest},
		"another's IM":    {alice.createIM(bobID), article(), http.StatusForbidden},
		"a script URL":    {im, noURL, http.StatusBadRequest},
		"no author":       {im, noAuthor, http.StatusBadRequest},
		"no content":      {im, map[string]any{"type": "com.symphony.sharing.article"}, http.StatusBadRequest},
		"malformed JSON":  {im, []byte("{"), http.StatusBadRequest},
		"an unknown type": {im, map[string]any{"type": "x", "content": article()["content"]}, http.StatusBadRequest},
	} {
		status, data, _ := c.call(http.MethodPost, "/agent/v3/stream/"+call.sid+"/share", call.body)
		wantError(t, what, status, data, call.want)
	}
	for _, ev := range alice.read(feed, acks[alice]).Events {
		if ev.Type == symphony.EventMessageSent {
			t.Fatalf("a refused share reached alice: %+v", ev.Message())
		}
	}
}

// TestExtendedHealthReportsFaults: an armed 5xx makes the pod and the
// datafeed DOWN (503) until the failing calls are answered, a cut datafeed
// read the datafeed alone; the health checks themselves are not failed.
func TestExtendedHealthReportsFaults(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	get := func(path string) (int, health) {
		t.Helper()
		status, data, _ := c.call(http.MethodGet, path, nil)
		var h health
		if err := json.Unmarshal(data, &h); err != nil {
			t.Fatalf("%s: %d %s", path, status, data)
		}
		return status, h
	}
	if status, h := get("/agent/v3/health/extended"); status != http.StatusOK || h.Status != "UP" ||
		h.Services["pod"].Status != "UP" || h.Services["key_manager"].Status != "UP" ||
		h.Services["datafeed"].Status != "UP" || h.Users["agentservice"].AuthType != "RSA" || h.Version == "" {
		t.Fatalf("healthy: %d %+v", status, h)
	}
	if err := srv.InjectFault(simulator.FaultError5xx); err != nil {
		t.Fatal(err)
	}
	status, h := get("/agent/v3/health/extended")
	if status != http.StatusServiceUnavailable || h.Status != "DOWN" || h.Services["pod"].Status != "DOWN" ||
		h.Services["pod"].Message == "" || h.Services["datafeed"].Status != "DOWN" || h.Services["key_manager"].Status != "UP" {
		t.Fatalf("under a 5xx fault: %d %+v", status, h)
	}
	if status, h := get("/agent/v3/health"); status != http.StatusOK || h.Status != "UP" {
		t.Fatalf("the agent's own health under a 5xx fault: %d %+v", status, h)
	}
	failed := 0
	for range 10 {
		if status, _, _ := c.call(http.MethodGet, "/pod/v2/sessioninfo", nil); status >= 500 {
			failed++
		} else {
			break
		}
	}
	if failed == 0 {
		t.Fatal("the pod answered no call 5xx: the health check used the armed fault")
	}
	if status, h := get("/agent/v3/health/extended"); status != http.StatusOK || h.Status != "UP" {
		t.Fatalf("once the failing calls are answered: %d %+v", status, h)
	}
	if err := srv.InjectFault(simulator.FaultDrop); err != nil {
		t.Fatal(err)
	}
	if status, h := get("/agent/v3/health/extended"); status != http.StatusServiceUnavailable ||
		h.Services["datafeed"].Status != "DOWN" || h.Services["pod"].Status != "UP" {
		t.Fatalf("under a cut datafeed read: %d %+v", status, h)
	}
}

// TestUnservedOperationsAnswer501: an operation of the official documents
// that the simulator does not serve answers 501 naming it, one that it
// serves for another method too; a path in no document stays a 404; a
// served operation is served.
func TestUnservedOperationsAnswer501(t *testing.T) {
	srv := start(t, simulator.Options{})
	c := newClient(t, srv)
	for _, call := range []struct{ method, path string }{
		{http.MethodGet, "/pod/v1/companycert/podmanaged/list"},
		{http.MethodPost, "/pod/v1/companycert/delete"},
		{http.MethodGet, "/agent/v1/dlp/policies"},
		{http.MethodPut, "/pod/file_ext/v1/allowed_extensions/pdf"},
		{http.MethodPost, "/login/idm/tokens"},
		{http.MethodPost, "/relay/pubkey/app/authenticate"},
		{http.MethodPost, "/sessionauth/v1/authenticate"},
		{http.MethodGet, "/agent/v2/HealthCheck"},
	} {
		status, data, _ := c.call(call.method, call.path, nil)
		body := wantError(t, call.method+" "+call.path, status, data, http.StatusNotImplemented)
		if want := call.method + " " + call.path + " is not served by the tutti simulator"; body.Message != want {
			t.Errorf("%s %s: message %q, want %q", call.method, call.path, body.Message, want)
		}
	}
	for _, call := range []struct{ method, path string }{
		{http.MethodGet, "/pod/v1/nothing/here"},
		{http.MethodGet, "/agent/v9/health"},
		{http.MethodDelete, "/pod/v1/companycert/list"}, // the document has GET only
		{http.MethodGet, "/elsewhere"},
	} {
		status, data, _ := c.call(call.method, call.path, nil)
		wantError(t, call.method+" "+call.path, status, data, http.StatusNotFound)
	}
	if status, data, _ := c.call(http.MethodGet, "/agent/v3/health", nil); status != http.StatusOK {
		t.Errorf("a served operation: %d %s", status, data)
	}
	// The datafeed deletion path serves DELETE; the document has no other
	// method on it: a PUT stays a 405.
	status, data, _ := c.call(http.MethodPut, "/agent/v5/datafeeds/x", nil)
	wantError(t, "PUT on a served path", status, data, http.StatusMethodNotAllowed)
}
