package simulator

import (
	"cmp"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// Paging of the signal endpoints.
const (
	defaultSignalsLimit     = 50
	maxSignalsLimit         = 500
	defaultSubscribersLimit = 100
	maxSubscribersLimit     = 100
)

// signal is a user's signal: a query over the messages and its
// subscribers.
type signal struct {
	id               string
	name             string
	query            string
	rule             signalQuery
	visibleOnProfile bool // public: anyone may see it and subscribe
	companyWide      bool // a push signal: every user of the pod is subscribed, pushed
	creator          int64
	created          time.Time
	subs             map[int64]*signalSub
}

// signalSub is a user's subscription to a signal.
type signalSub struct {
	id      string
	at      time.Time
	pushed  bool // the user cannot unsubscribe
	company bool // made by companyWide, gone with it
}

// signalStore holds the signals by id. Its zero value is empty and ready;
// it needs Server.mu.
type signalStore struct {
	byID map[string]*signal
}

// signalBody is the body of a signal's create and update (BaseSignal);
// an update changes only the fields present.
type signalBody struct {
	Name             *string `json:"name"`
	Query            *string `json:"query"`
	VisibleOnProfile *bool   `json:"visibleOnProfile"`
	CompanyWide      *bool   `json:"companyWide"`
}

// json returns the signal as the agent answers it.
func (sg *signal) json() symphony.Signal {
	return symphony.Signal{
		BaseSignal: symphony.BaseSignal{
			Name: sg.name, Query: sg.query, VisibleOnProfile: sg.visibleOnProfile, CompanyWide: sg.companyWide,
		},
		ID: sg.id, Timestamp: sg.created.UnixMilli(),
	}
}

// visibleTo reports whether u may see the signal: its creator, a
// subscriber, anyone when it is visible on its creator's profile.
func (sg *signal) visibleTo(u int64) bool {
	_, subscribed := sg.subs[u]
	return sg.creator == u || subscribed || sg.visibleOnProfile
}

// get returns the signal id as u may see it: 400 when there is none (the
// documents give the signal endpoints no 404), 403 when u may not see it.
func (ss *signalStore) get(id string, u int64) (*signal, error) {
	sg := ss.byID[strings.TrimSpace(id)]
	switch {
	case sg == nil:
		return nil, badRequest("The signal %s does not exist", id)
	case !sg.visibleTo(u):
		return nil, forbidden()
	}
	return sg, nil
}

// owned returns the signal id for its creator u: 403 for anyone else.
func (ss *signalStore) owned(id string, u int64) (*signal, error) {
	sg, err := ss.get(id, u)
	if err == nil && sg.creator != u {
		err = errorf(http.StatusForbidden, "Only the creator of the signal %s can do this", sg.id)
	}
	return sg, err
}

// applySignalBody checks b and sets its fields on sg, all or none; create
// requires a name and a query. Authors the query names must exist.
func (s *state) applySignalBody(sg *signal, b signalBody, create bool, now time.Time) error {
	if create && (b.Name == nil || b.Query == nil) {
		return badRequest("A signal needs a name and a query")
	}
	name := sg.name
	if b.Name != nil {
		name = strings.TrimSpace(*b.Name)
		if name == "" {
			return badRequest("The signal's name must not be empty")
		}
	}
	query, rule := sg.query, sg.rule
	if b.Query != nil {
		var err error
		if rule, err = parseSignalQuery(*b.Query); err != nil {
			return err
		}
		query = strings.TrimSpace(*b.Query)
		for _, group := range rule {
			for _, t := range group {
				if t.field == signalAuthor && s.users[t.author] == nil {
					return badRequest("The signal's query names the author %d, who does not exist", t.author)
				}
			}
		}
	}
	sg.name, sg.query, sg.rule = name, query, rule
	if b.VisibleOnProfile != nil {
		sg.visibleOnProfile = *b.VisibleOnProfile
	}
	if b.CompanyWide != nil {
		s.setCompanyWide(sg, *b.CompanyWide, now)
	}
	return nil
}

// setCompanyWide makes sg a push signal, which every user of the pod is
// subscribed to without the choice to leave, or no longer one: the
// subscriptions it made go. The simulator grants every user the
// entitlement to create push signals.
func (s *state) setCompanyWide(sg *signal, on bool, now time.Time) {
	sg.companyWide = on
	if !on {
		maps.DeleteFunc(sg.subs, func(_ int64, sub *signalSub) bool { return sub.company })
		return
	}
	for id, u := range s.users {
		if u.external {
			continue
		}
		if sub := sg.subs[id]; sub != nil {
			sub.pushed = true
			continue
		}
		sg.subs[id] = &signalSub{id: newHex(12), at: now, pushed: true, company: true}
	}
}

// createSignal stores a new signal of u, who is its first subscriber.
func (s *state) createSignal(u int64, b signalBody, now time.Time) (*signal, error) {
	sg := &signal{id: newHex(12), creator: u, created: now,
		subs: map[int64]*signalSub{u: {id: newHex(12), at: now}}}
	if err := s.applySignalBody(sg, b, true, now); err != nil {
		return nil, err
	}
	if s.signals.byID == nil {
		s.signals.byID = map[string]*signal{}
	}
	s.signals.byID[sg.id] = sg
	return sg, nil
}

// signalsOf returns the signals u created or is subscribed to, oldest
// first.
func (ss *signalStore) signalsOf(u int64) []*signal {
	var out []*signal
	for _, sg := range ss.byID {
		if _, subscribed := sg.subs[u]; subscribed || sg.creator == u {
			out = append(out, sg)
		}
	}
	slices.SortFunc(out, func(a, b *signal) int {
		return cmp.Or(a.created.Compare(b.created), strings.Compare(a.id, b.id))
	})
	return out
}

// subscriptionError is one user a bulk subscription failed for
// (ChannelSubscriptionError).
type subscriptionError struct {
	UserID  int64  `json:"userId"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// subscriptionResult is the answer of a subscription or unsubscription
// (ChannelSubscriptionResponse).
type subscriptionResult struct {
	Requested  int64               `json:"requestedSubscription"`
	Successful int64               `json:"successfulSubscription"`
	Failed     int64               `json:"failedSubscription"`
	Errors     []subscriptionError `json:"subscriptionErrors"`
}

// fail records a user the operation failed for.
func (r *subscriptionResult) fail(u int64, code, format string, args ...any) {
	r.Failed++
	r.Errors = append(r.Errors, subscriptionError{UserID: u, Code: code, Message: fmt.Sprintf(format, args...)})
}

// subscribe subscribes users to sg (pushed: they cannot unsubscribe);
// users of another pod and unknown users fail, one subscribed already is
// a success (and pushed now if asked).
func (s *state) subscribe(sg *signal, users []int64, pushed bool, now time.Time) subscriptionResult {
	out := subscriptionResult{Requested: int64(len(users)), Errors: []subscriptionError{}}
	for _, id := range users {
		u := s.users[id]
		switch {
		case u == nil:
			out.fail(id, "USER_NOT_FOUND", "The user %d does not exist", id)
			continue
		case u.external:
			out.fail(id, "EXTERNAL_USER", "The user %d is of another pod: signals are the pod's", id)
			continue
		}
		if sub := sg.subs[id]; sub != nil {
			sub.pushed = sub.pushed || pushed
		} else {
			sg.subs[id] = &signalSub{id: newHex(12), at: now, pushed: pushed}
		}
		out.Successful++
	}
	return out
}

// unsubscribe removes users from sg's subscribers. The creator stays; a
// pushed subscription stays unless the creator removes it (byCreator).
func (s *state) unsubscribe(sg *signal, users []int64, byCreator bool) subscriptionResult {
	out := subscriptionResult{Requested: int64(len(users)), Errors: []subscriptionError{}}
	for _, id := range users {
		sub := sg.subs[id]
		switch {
		case sub == nil:
			out.fail(id, "NOT_SUBSCRIBED", "The user %d is not subscribed to the signal %s", id, sg.id)
		case id == sg.creator:
			out.fail(id, "OWNER", "The creator of the signal %s stays subscribed to it", sg.id)
		case sub.company:
			out.fail(id, "COMPANY_WIDE", "The signal %s is company-wide: every user of the pod is subscribed", sg.id)
		case sub.pushed && !byCreator:
			out.fail(id, "PUSHED", "The subscription to the signal %s was pushed: it cannot be left", sg.id)
		default:
			delete(sg.subs, id)
			out.Successful++
		}
	}
	return out
}

// subscriber is a subscriber as the agent lists it (ChannelSubscriber).
type subscriber struct {
	SubscriptionID string `json:"subscriptionId"`
	Pushed         bool   `json:"pushed"`
	Owner          bool   `json:"owner"`
	SubscriberName string `json:"subscriberName"`
	UserID         int64  `json:"userId"`
	Timestamp      int64  `json:"timestamp"`
}

// subscriberPage is a page of subscribers (ChannelSubscriberResponse).
type subscriberPage struct {
	Offset  int64        `json:"offset"`
	HasMore bool         `json:"hasMore"`
	Total   int          `json:"total"`
	Data    []subscriber `json:"data"`
}

// subscribers returns the page of sg's subscribers from skip: the
// creator first, then by subscription date and user id.
func (s *state) subscribers(sg *signal, skip, limit int) subscriberPage {
	ids := slices.Collect(maps.Keys(sg.subs))
	slices.SortFunc(ids, func(a, b int64) int {
		return cmp.Or(cmpBool(b == sg.creator, a == sg.creator), sg.subs[a].at.Compare(sg.subs[b].at), cmp.Compare(a, b))
	})
	out := subscriberPage{Offset: int64(skip), Total: len(ids), Data: []subscriber{}}
	if skip >= len(ids) {
		return out
	}
	ids = ids[skip:]
	out.HasMore = len(ids) > limit
	for _, id := range ids[:min(limit, len(ids))] {
		sub := sg.subs[id]
		name := ""
		if u := s.users[id]; u != nil {
			name = u.displayName
		}
		out.Data = append(out.Data, subscriber{
			SubscriptionID: sub.id, Pushed: sub.pushed, Owner: id == sg.creator, SubscriberName: name,
			UserID: id, Timestamp: sub.at.UnixMilli(),
		})
	}
	return out
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
