package simulator

import (
	"cmp"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tutti-chat/tutti/simulator/scenario"
	"github.com/tutti-chat/tutti/symphony"
)

// emptyScenario is the name of the scenario without activity.
const emptyScenario = "empty"

// Scenarios returns the names of the scenarios the simulator plays:
// package scenario's and "empty".
func Scenarios() []string { return append(scenario.Names(), emptyScenario) }

// load builds the company of the scenario, registers pub as the primary
// service account's key and stores the scenario's history.
func (s *Server) load(pub *rsa.PublicKey) error {
	var company scenario.Company
	if s.opts.Scenario == emptyScenario {
		company = emptyCompany()
	} else {
		if !slices.Contains(scenario.Names(), s.opts.Scenario) {
			return fmt.Errorf("unknown scenario %q (valid: %s)", s.opts.Scenario, strings.Join(Scenarios(), ", "))
		}
		gen, err := scenario.Play(s.opts.Scenario, s.opts.Seed, s.opts.Scale)
		if err != nil {
			return fmt.Errorf("load scenario %q: %w", s.opts.Scenario, err)
		}
		s.gen = gen
		company = gen.Company()
	}
	s.mu.Lock()
	err := s.st.loadCompany(company, s.now())
	if err == nil {
		err = s.st.loadSignals(company.Signals, s.now())
	}
	if err == nil {
		acct := s.st.users[company.Account]
		acct.key, acct.system = pub, true
		acct.provisioner = true
		s.account = acct.username
	}
	s.mu.Unlock()
	if err != nil {
		return fmt.Errorf("load scenario %q: %w", s.opts.Scenario, err)
	}
	if s.gen == nil {
		return nil
	}
	now := s.now()
	history := s.gen.History(now)
	failed := 0
	converted := map[[2]string]content{} // history repeats texts: convert each once
	for _, a := range history {
		if err := s.replay(a, converted); err != nil {
			failed++
			s.log.Debug("simulator: history action skipped", "err", err)
		}
	}
	if failed > 0 {
		s.log.Warn("simulator: some history actions were skipped", "skipped", failed, "total", len(history))
	}
	s.mu.Lock()
	s.st.skipped += failed
	s.mu.Unlock()
	return nil
}

// replay stores a past action without datafeed delivery; converted keeps
// the content of the messages converted so far, by MessageML and data.
func (s *Server) replay(a scenario.Action, converted map[[2]string]content) error {
	key := [2]string{a.MessageML, a.Data}
	reusable := a.MessageML != "" && len(a.Attachments) == 0
	c, ok := converted[key]
	if !ok || !reusable {
		var err error
		if c, err = s.prepare(a); err != nil {
			return fmt.Errorf("history %s: %w", a.Kind, err)
		}
		if reusable {
			converted[key] = c
		}
	}
	ts := a.Time
	if ts.IsZero() {
		ts = s.now()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.replaying = true
	defer func() { s.st.replaying = false }()
	if err := s.st.apply(a, c, ts); err != nil {
		return fmt.Errorf("history %s: %w", a.Kind, err)
	}
	return nil
}

// loadCompany stores the cast, rooms, IMs and walls of a company.
func (s *state) loadCompany(c scenario.Company, now time.Time) error {
	for _, p := range c.People {
		s.addUser(userFrom(p, false))
	}
	for _, p := range c.External {
		s.addUser(userFrom(p, true))
	}
	if s.users[c.Account] == nil {
		return fmt.Errorf("the service account %d is not one of the people", c.Account)
	}
	s.account = c.Account
	earliest := now
	for _, r := range c.Rooms {
		if !r.Created.IsZero() && r.Created.Before(earliest) {
			earliest = r.Created
		}
	}
	for _, r := range c.Rooms {
		id := symphony.CanonicalID(r.ID)
		if id == "" || s.streams[id] != nil {
			return fmt.Errorf("room %q: missing or duplicate id", r.Name)
		}
		creator := r.Creator
		if s.users[creator] == nil && len(r.Owners) > 0 {
			creator = r.Owners[0]
		}
		created := cmp.Or(r.Created, earliest)
		st := roomStreamFrom(&r, id, creator, created)
		st.active = r.Active
		s.streams[id] = st
	}
	for _, im := range c.IMs {
		id := symphony.CanonicalID(im.ID)
		if id == "" || s.streams[id] != nil || len(im.Members) < 2 {
			return fmt.Errorf("IM %q: missing or duplicate id, or fewer than two members", im.ID)
		}
		kind := symphony.StreamIM
		if len(im.Members) > 2 {
			kind = symphony.StreamMIM
		}
		created := cmp.Or(im.Created, earliest)
		st := &stream{id: id, kind: kind, created: created, creator: im.Members[0], active: true, members: map[int64]*member{}}
		for _, m := range im.Members {
			st.members[m] = &member{joined: created}
		}
		s.streams[id] = st
		s.ims[imKey(im.Members)] = id
	}
	owners := make([]int64, 0, len(c.Walls))
	for owner := range c.Walls {
		owners = append(owners, owner)
	}
	slices.Sort(owners)
	for _, owner := range owners {
		id := symphony.CanonicalID(c.Walls[owner])
		if id == "" || s.streams[id] != nil {
			return fmt.Errorf("wall of %d: missing or duplicate id", owner)
		}
		s.streams[id] = &stream{
			id: id, kind: symphony.StreamPost, created: earliest.Add(-time.Hour), creator: owner, active: true,
			members: map[int64]*member{owner: {owner: true, joined: earliest.Add(-time.Hour)}},
		}
	}
	return nil
}

// userFrom converts a scenario person.
func userFrom(p scenario.Person, external bool) *user {
	return &user{
		id: p.ID, username: p.Username, firstName: p.FirstName, lastName: p.LastName,
		displayName: p.DisplayName, email: p.Email, title: p.Title, company: p.Company,
		department: p.Department, location: p.Location, system: p.Bot, external: external,
	}
}

// emptyCompany is the cast of the "empty" scenario: a service account,
// three colleagues with their walls and a user of another pod; no room, no
// conversation, no activity.
func emptyCompany() scenario.Company {
	person := func(id int64, user, first, last, company, title string, bot bool) scenario.Person {
		return scenario.Person{
			ID: id, Username: user, FirstName: first, LastName: last, DisplayName: first + " " + last,
			Email: user + "@" + strings.ToLower(strings.ReplaceAll(company, " ", "")) + ".example",
			Title: title, Company: company, Department: "Markets", Location: "London", Bot: bot,
		}
	}
	c := scenario.Company{
		Name: "Tutti",
		People: []scenario.Person{
			person(349026222342000, "tutti-bot", "Tutti", "Bot", "Tutti", "Service account", true),
			person(349026222342001, "alice", "Alice", "Martin", "Tutti", "Trader", false),
			person(349026222342002, "bob", "Bob", "Dupont", "Tutti", "Sales", false),
			person(349026222342003, "carol", "Carol", "Nguyen", "Tutti", "Analyst", false),
		},
		External: []scenario.Person{
			person(349026222342004, "dana", "Dana", "Okafor", "Partner Bank", "Portfolio manager", false),
		},
		Account: 349026222342000,
		Walls:   map[int64]string{},
	}
	for _, p := range c.People {
		sum := sha256.Sum256([]byte("wall:" + p.Username))
		c.Walls[p.ID] = base64.RawURLEncoding.EncodeToString(sum[:24])
	}
	return c
}
