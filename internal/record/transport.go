package record

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"

	"github.com/tutti-chat/tutti/symphony"
)

// endpoint is a call whose answers are recorded: its method and the end of
// its path (a deployment may put a context path before /pod and /agent).
type endpoint struct {
	kind   Kind
	feed   string // datafeed version
	method string
	path   *regexp.Regexp // the first group, if any, is the stream id
}

// endpoints are the recorded calls. Login and key manager calls are not,
// nor any call that changes something.
var endpoints = []endpoint{
	{kind: KindSession, method: http.MethodGet, path: regexp.MustCompile(`/pod/v2/sessioninfo$`)},
	{kind: KindStreams, method: http.MethodPost, path: regexp.MustCompile(`/pod/v1/streams/list$`)},
	{kind: KindUsers, method: http.MethodGet, path: regexp.MustCompile(`/pod/v3/users$`)},
	{kind: KindStreamInfo, method: http.MethodGet, path: regexp.MustCompile(`/pod/v2/streams/([^/]+)/info$`)},
	{kind: KindRoomInfo, method: http.MethodGet, path: regexp.MustCompile(`/pod/v3/room/([^/]+)/info$`)},
	{kind: KindRoomMembers, method: http.MethodGet, path: regexp.MustCompile(`/pod/v2/room/([^/]+)/membership/list$`)},
	{kind: KindDatafeed, feed: "v2", method: http.MethodPost, path: regexp.MustCompile(`/agent/v5/datafeeds/[^/]+/read$`)},
	{kind: KindDatafeed, feed: "v1", method: http.MethodGet, path: regexp.MustCompile(`/agent/v4/datafeed/[^/]+/read$`)},
	{kind: KindHistory, method: http.MethodGet, path: regexp.MustCompile(`/agent/v4/stream/([^/]+)/message$`)},
}

// maxRecordedBody bounds the answer recorded; a larger one is passed on
// but not recorded.
const maxRecordedBody = 64 << 20

// Transport returns an http.RoundTripper that passes every call to base
// (http.DefaultTransport when nil) and records the 2xx answers of the
// recorded endpoints as the client reads them. Only the answer's body and
// what the URL says (stream id, history and paging query) are recorded,
// never a header.
func (w *Writer) Transport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &transport{base: base, w: w}
}

// transport is the recording http.RoundTripper.
type transport struct {
	base http.RoundTripper
	w    *Writer
}

// RoundTrip implements http.RoundTripper.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	e, ok := t.entryFor(req)
	resp, err := t.base.RoundTrip(req)
	if !ok || err != nil || resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp, err
	}
	if resp.StatusCode == http.StatusNoContent || resp.Body == nil || resp.Body == http.NoBody {
		t.finish(e, nil)
		return resp, nil
	}
	resp.Body = &teeBody{ReadCloser: resp.Body, done: func(body []byte) { t.finish(e, body) }}
	return resp, nil
}

// CloseIdleConnections closes the idle connections of the base transport,
// so that http.Client.CloseIdleConnections reaches it.
func (t *transport) CloseIdleConnections() {
	if c, ok := t.base.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// entryFor starts the entry of a recorded call; false for the others.
func (t *transport) entryFor(req *http.Request) (Entry, bool) {
	p := req.URL.EscapedPath()
	for _, ep := range endpoints {
		if req.Method != ep.method {
			continue
		}
		m := ep.path.FindStringSubmatch(p)
		if m == nil {
			continue
		}
		e := Entry{Kind: ep.kind, Feed: ep.feed}
		if len(m) > 1 {
			id, err := url.PathUnescape(m[1])
			if err != nil {
				return Entry{}, false
			}
			e.Stream = symphony.CanonicalID(id)
		}
		switch ep.kind {
		case KindHistory:
			e.Query = historyQuery(req.URL.Query())
		case KindStreams:
			e.Query = streamsQuery(req)
		}
		return e, true
	}
	return Entry{}, false
}

// historyQuery reads since, until, skip and limit.
func historyQuery(q url.Values) *Query {
	num := func(k string) int64 { n, _ := strconv.ParseInt(q.Get(k), 10, 64); return n }
	return &Query{Since: num("since"), Until: num("until"), Skip: int(num("skip")), Limit: int(num("limit"))}
}

// streamsQuery reads the paging of a streams list call and its filter,
// from a copy of the request body.
func streamsQuery(req *http.Request) *Query {
	q := req.URL.Query()
	skip, _ := strconv.Atoi(q.Get("skip"))
	limit, _ := strconv.Atoi(q.Get("limit"))
	out := &Query{Skip: skip, Limit: limit}
	if req.GetBody == nil {
		return out
	}
	body, err := req.GetBody()
	if err != nil {
		return out
	}
	defer body.Close()
	data, err := io.ReadAll(io.LimitReader(body, 1<<16))
	var f symphony.StreamFilter
	if err == nil && len(bytes.TrimSpace(data)) > 0 && json.Unmarshal(data, &f) == nil {
		out.Filter = &f
	}
	return out
}

// finish records the answer body of e (nil for a 204) when it is worth a
// line: datafeed reads without events and failed redactions are dropped.
func (t *transport) finish(e Entry, body []byte) {
	e.At = t.w.Now()
	body = bytes.TrimSpace(body)
	switch e.Kind {
	case KindDatafeed:
		events, err := batchEvents(e.Feed, body)
		if err != nil || len(events) == 0 {
			return
		}
		e.Body = events
	case KindUsers:
		var list struct {
			Users json.RawMessage `json:"users"`
		}
		if len(body) == 0 || json.Unmarshal(body, &list) != nil || isEmptyArray(list.Users) {
			return
		}
		e.Body = list.Users
	case KindHistory, KindStreams, KindRoomMembers:
		if len(body) == 0 {
			body = []byte("[]")
		}
		e.Body = body
	default:
		if len(body) == 0 {
			return
		}
		e.Body = body
	}
	if !json.Valid(e.Body) {
		t.w.log.Warn("record: an answer that is not JSON was not recorded", "kind", e.Kind)
		return
	}
	if err := t.w.Write(e); err != nil {
		t.w.log.Warn("record: an answer was not recorded", "kind", e.Kind, "err", err)
	}
}

// batchEvents returns the events array of a datafeed answer: the body of a
// v1 read, the "events" of a v2 read (its ackId is left out).
func batchEvents(feed string, body []byte) (json.RawMessage, error) {
	if len(body) == 0 {
		return nil, nil
	}
	if feed == "v1" {
		return body, nil
	}
	var list struct {
		Events json.RawMessage `json:"events"`
	}
	if err := json.Unmarshal(body, &list); err != nil {
		return nil, err
	}
	if isEmptyArray(list.Events) {
		return nil, nil
	}
	return list.Events, nil
}

// isEmptyArray reports whether raw is absent, null or [].
func isEmptyArray(raw json.RawMessage) bool {
	s := bytes.TrimSpace(raw)
	if len(s) == 0 || string(s) == "null" {
		return true
	}
	if s[0] != '[' || s[len(s)-1] != ']' {
		return false
	}
	return len(bytes.TrimSpace(s[1:len(s)-1])) == 0
}

// teeBody passes an answer's body to the client and keeps a copy; when the
// client has read it all, done gets the copy. A body closed before its end,
// or larger than maxRecordedBody, is not recorded.
type teeBody struct {
	io.ReadCloser
	buf      bytes.Buffer
	done     func(body []byte)
	finished bool
	tooLarge bool
}

// Read implements io.Reader.
func (b *teeBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if !b.tooLarge {
		if b.buf.Len()+n > maxRecordedBody {
			b.tooLarge = true
			b.buf = bytes.Buffer{}
		} else {
			b.buf.Write(p[:n])
		}
	}
	if errors.Is(err, io.EOF) && !b.finished {
		b.finished = true
		if !b.tooLarge {
			b.done(b.buf.Bytes())
		}
	}
	return n, err
}
