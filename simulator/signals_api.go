package simulator

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// pageParams reads skip (≥ 0, default 0) and limit (1..max, default def;
// 0 means def) of a list call.
func pageParams(r *http.Request, def, maxLimit int64) (skip, limit int, err error) {
	s, l, err := querySkipLimit(r, def)
	if err != nil {
		return 0, 0, err
	}
	switch {
	case s < 0:
		return 0, 0, badRequest("Invalid value for parameter skip: %d is negative", s)
	case l < 0 || l > maxLimit:
		return 0, 0, badRequest("Invalid value for parameter limit: %d is not between 0 and %d", l, maxLimit)
	case l == 0:
		l = def
	}
	return int(s), int(l), nil
}

// handleSignalsList answers GET /agent/v1/signals/list: the signals the
// caller created or is subscribed to (public ones, and the company-wide
// ones of the pod), oldest first, paged by skip and limit (50, at most
// 500).
func (s *Server) handleSignalsList(w http.ResponseWriter, r *http.Request, c caller) {
	skip, limit, err := pageParams(r, defaultSignalsLimit, maxSignalsLimit)
	if err != nil {
		writeErr(w, err)
		return
	}
	s.mu.Lock()
	all := s.st.signals.signalsOf(c.id)
	out := make([]symphony.Signal, 0, min(limit, len(all)))
	for _, sg := range all[min(skip, len(all)):] {
		if len(out) == limit {
			break
		}
		out = append(out, sg.json())
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// handleSignalGet answers GET /agent/v1/signals/{id}/get for a caller who
// may see the signal: its creator, a subscriber, anyone when it is visible
// on its creator's profile.
func (s *Server) handleSignalGet(w http.ResponseWriter, r *http.Request, c caller) {
	answerViewLocked(s, w, func(st *state) (*signal, error) {
		return st.signals.get(r.PathValue("id"), c.id)
	}, (*signal).json)
}

// handleSignalCreate answers POST /agent/v1/signals/create: a signal of
// the caller, who is subscribed to it as its owner; a company-wide one
// subscribes every user of the pod, pushed.
func (s *Server) handleSignalCreate(w http.ResponseWriter, r *http.Request, c caller) {
	s.answerSignalBody(w, r, func(st *state, body signalBody, now time.Time) (*signal, error) {
		return st.createSignal(c.id, body, now)
	})
}

// handleSignalUpdate answers POST /agent/v1/signals/{id}/update: its
// creator changes the fields the body holds; the query is checked again.
// Nothing changes when the body is refused.
func (s *Server) handleSignalUpdate(w http.ResponseWriter, r *http.Request, c caller) {
	s.answerSignalBody(w, r, func(st *state, body signalBody, now time.Time) (*signal, error) {
		sg, err := st.signals.owned(r.PathValue("id"), c.id)
		if err != nil {
			return nil, err
		}
		return sg, st.applySignalBody(sg, body, false, now)
	})
}

// answerSignalBody answers a call whose body describes a signal (create,
// update): apply makes or changes the signal under the lock, and the
// answer is the signal.
func (s *Server) answerSignalBody(w http.ResponseWriter, r *http.Request, apply func(st *state, body signalBody, now time.Time) (*signal, error)) {
	var body signalBody
	if err := decodeJSON(w, r, &body, false); err != nil {
		writeErr(w, err)
		return
	}
	now := s.now()
	answerViewLocked(s, w, func(st *state) (*signal, error) {
		return apply(st, body, now)
	}, (*signal).json)
}

// handleSignalDelete answers POST /agent/v1/signals/{id}/delete: its
// creator deletes it, and its subscriptions with it.
func (s *Server) handleSignalDelete(w http.ResponseWriter, r *http.Request, c caller) {
	answerLocked(s, w, func(st *state) (symphony.SuccessResponse, error) {
		sg, err := st.signals.owned(r.PathValue("id"), c.id)
		if err != nil {
			return symphony.SuccessResponse{}, err
		}
		delete(st.signals.byID, sg.id)
		return textSuccess("Signal deleted"), nil
	})
}

// subscriptionCall is a subscribe or unsubscribe call: the users it
// names, or the caller alone when its body names none; bulk when it names
// them, which only the signal's creator may; pushed only in bulk.
type subscriptionCall struct {
	users        []int64
	bulk, pushed bool
}

// readSubscriptionCall reads a subscription call of caller: the user ids
// of its body and pushed.
func readSubscriptionCall(w http.ResponseWriter, r *http.Request, caller int64) (subscriptionCall, error) {
	var users []int64
	if err := decodeJSON(w, r, &users, true); err != nil {
		return subscriptionCall{}, err
	}
	var pushed bool
	if v := strings.TrimSpace(r.URL.Query().Get("pushed")); v != "" {
		var err error
		if pushed, err = strconv.ParseBool(v); err != nil {
			return subscriptionCall{}, badRequest("Invalid value for parameter pushed: %q is not a boolean", v)
		}
	}
	if len(users) == 0 {
		return subscriptionCall{users: []int64{caller}}, nil
	}
	return subscriptionCall{users: users, bulk: true, pushed: pushed}, nil
}

// findSignal finds the signal id of the call for caller: one they may
// see, or in bulk one they created.
func (sc subscriptionCall) findSignal(ss *signalStore, id string, caller int64) (*signal, error) {
	if sc.bulk {
		return ss.owned(id, caller)
	}
	return ss.get(id, caller)
}

// handleSignalSubscribe answers POST /agent/v1/signals/{id}/subscribe.
// Without a body the caller subscribes to a signal they may see; with user
// ids (bulk) the signal's creator subscribes them, pushed=true keeping
// them from unsubscribing. Each user that fails is named in the answer.
func (s *Server) handleSignalSubscribe(w http.ResponseWriter, r *http.Request, c caller) {
	sc, err := readSubscriptionCall(w, r, c.id)
	if err != nil {
		writeErr(w, err)
		return
	}
	now := s.now()
	answerLocked(s, w, func(st *state) (subscriptionResult, error) {
		sg, err := sc.findSignal(&st.signals, r.PathValue("id"), c.id)
		if err != nil {
			return subscriptionResult{}, err
		}
		return st.subscribe(sg, sc.users, sc.pushed, now), nil
	})
}

// handleSignalUnsubscribe answers POST /agent/v1/signals/{id}/unsubscribe.
// Without a body the caller leaves a signal, unless their subscription was
// pushed or they created it; with user ids (bulk) the creator removes
// them, pushed or not. Members of a company-wide signal stay.
func (s *Server) handleSignalUnsubscribe(w http.ResponseWriter, r *http.Request, c caller) {
	sc, err := readSubscriptionCall(w, r, c.id)
	if err != nil {
		writeErr(w, err)
		return
	}
	answerLocked(s, w, func(st *state) (subscriptionResult, error) {
		sg, err := sc.findSignal(&st.signals, r.PathValue("id"), c.id)
		if err != nil {
			return subscriptionResult{}, err
		}
		return st.unsubscribe(sg, sc.users, sc.bulk), nil
	})
}

// handleSignalSubscribers answers GET /agent/v1/signals/{id}/subscribers
// for the signal's creator: its subscribers, the creator first, paged by
// skip and limit (100, at most 100).
func (s *Server) handleSignalSubscribers(w http.ResponseWriter, r *http.Request, c caller) {
	skip, limit, err := pageParams(r, defaultSubscribersLimit, maxSubscribersLimit)
	if err != nil {
		writeErr(w, err)
		return
	}
	answerLocked(s, w, func(st *state) (subscriberPage, error) {
		sg, err := st.signals.owned(r.PathValue("id"), c.id)
		if err != nil {
			return subscriberPage{}, err
		}
		return st.subscribers(sg, skip, limit), nil
	})
}
