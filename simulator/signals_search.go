package simulator

import "github.com/tutti-chat/tutti/symphony"

// signalSearch answers a message search by signal (m.q.Signal) for u, who
// must be able to see the signal: the messages of u's streams that meet
// its query and m's dates, newest first (oldest first when p.asc), paged
// by p. That is how a signal's matches reach its subscribers here: the
// datafeed has no event for them.
func (s *state) signalSearch(u int64, m searchMatcher, p searchPage) ([]symphony.V4Message, error) {
	sg, err := s.signals.get(m.q.Signal, u)
	if err != nil {
		return nil, err
	}
	var hits []*message
	for _, st := range s.streamsOf(u) {
		for _, msg := range st.msgs {
			if !msg.suppressed && st.sees(u, msg) && m.matches(msg) && sg.rule.matches(msg) {
				hits = append(hits, msg)
			}
		}
	}
	sortFound(hits, p.asc)
	if p.skip >= len(hits) {
		return nil, nil
	}
	hits = hits[p.skip:]
	out := make([]symphony.V4Message, 0, min(p.limit, len(hits)))
	for _, msg := range hits[:min(p.limit, len(hits))] {
		out = append(out, historyMessage(msg))
	}
	return out, nil
}
