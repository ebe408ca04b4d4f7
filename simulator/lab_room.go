package simulator

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"slices"
	"time"

	"github.com/tutti-chat/tutti/simulator/scenario"
)

// addLabRoom creates the room named name where the primary service
// account meets every person of its pod: the account and humans own it,
// the account's colleagues (the other people of its company) are members.
// Its id is made from its name, so it is the same at every start. No event
// is emitted: the room is there before anyone logs in.
func (s *state) addLabRoom(name string, humans []int64, ts time.Time) error {
	acct := s.users[s.account]
	if acct == nil {
		return fmt.Errorf("lab room %q: the pod has no service account", name)
	}
	sum := sha256.Sum256([]byte("room:" + name))
	id := base64.RawURLEncoding.EncodeToString(sum[:24])
	if s.streams[id] != nil {
		return fmt.Errorf("lab room %q: stream %s already exists", name, id)
	}
	r := scenario.Room{
		Name: name, Description: "Where " + acct.displayName + " meets the people who try it",
		Creator: acct.id, Created: ts, Owners: append([]int64{acct.id}, humans...), Active: true,
	}
	for _, u := range s.users {
		if u.id == acct.id || slices.Contains(humans, u.id) || !u.system && !u.external && u.company == acct.company {
			r.Members = append(r.Members, u.id)
		}
	}
	slices.Sort(r.Members)
	s.streams[id] = roomStreamFrom(&r, id, acct.id, ts)
	return nil
}
