package simulator

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tutti-chat/tutti/symphony"
)

// Human is a person of the pod who logs in with an RSA key the simulator
// issued, as a service account does, to use the pod as a person: to talk
// to the service account under test and answer its forms.
type Human struct {
	User symphony.UserV2
	// IM is the canonical id of the IM between the human and the primary
	// service account.
	IM string
	// PrivateKeyPEM is the human's private key, PKCS#8 PEM ("PRIVATE
	// KEY").
	PrivateKeyPEM []byte
}

// humanBook keeps the private keys the simulator issued, by user id, in
// the order the humans were added. It needs Server.mu.
type humanBook struct {
	order []int64
	keys  map[int64][]byte
}

// add records the key of user id, once.
func (b *humanBook) add(id int64, keyPEM []byte) {
	if b.keys == nil {
		b.keys = map[int64][]byte{}
	}
	if _, ok := b.keys[id]; !ok {
		b.order = append(b.order, id)
	}
	b.keys[id] = keyPEM
}

// AddHuman makes username a person who logs in with key (nil generates an
// RSA 2048 key): the pod's user of that username, or a new person of the
// service account's company whose names are made from the username
// ("ana.silva" is Ana Silva). It makes sure the human has an IM with the
// primary service account; creating it emits INSTANTMESSAGECREATED to
// both. A service account or a user of another pod is refused.
func (s *Server) AddHuman(username string, key *rsa.PrivateKey) (Human, error) {
	if err := checkHumanUsername(username); err != nil {
		return Human{}, fmt.Errorf("add human: %w", err)
	}
	if key == nil {
		var err error
		if key, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			return Human{}, fmt.Errorf("add human %s: generate a key: %w", username, err)
		}
	}
	keyPEM, err := privateKeyPEM(key)
	if err != nil {
		return Human{}, fmt.Errorf("add human %s: %w", username, err)
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	h, err := s.addHumanLocked(username, key, keyPEM, now)
	if err != nil {
		return Human{}, fmt.Errorf("add human %s: %w", username, err)
	}
	return h, nil
}

// Humans returns the humans added by Options.Humans and AddHuman, in the
// order they were added.
func (s *Server) Humans() []Human {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Human, 0, len(s.humans.order))
	for _, id := range s.humans.order {
		u := s.st.users[id]
		out = append(out, Human{
			User: u.v2(), IM: s.st.ims[imKey([]int64{id, s.st.account})],
			PrivateKeyPEM: slices.Clone(s.humans.keys[id]),
		})
	}
	return out
}

// addHumanLocked registers the human username with key and its IM with
// the primary service account at ts. It needs Server.mu.
func (s *Server) addHumanLocked(username string, key *rsa.PrivateKey, keyPEM []byte, ts time.Time) (Human, error) {
	acct := s.st.users[s.st.account]
	if acct == nil {
		return Human{}, fmt.Errorf("the pod has no service account")
	}
	u := s.st.userByName(username)
	switch {
	case u == nil:
		u = newPerson(username, s.st.nextUserID(), acct)
		s.st.addUser(u)
	case u.external:
		return Human{}, fmt.Errorf("%q is a user of another pod", username)
	case u.system:
		return Human{}, fmt.Errorf("%q is a service account, not a person", username)
	}
	u.key = &key.PublicKey
	im, err := s.st.createIM(u.id, []int64{acct.id}, "", ts)
	if err != nil {
		return Human{}, fmt.Errorf("open the IM with %s: %w", acct.username, err)
	}
	s.humans.add(u.id, keyPEM)
	return Human{User: u.v2(), IM: im, PrivateKeyPEM: slices.Clone(keyPEM)}, nil
}

// loadHumans adds the humans of Options.Humans, as the pod stands at
// start (no event is emitted), and the lab room of the "empty" scenario.
func (s *Server) loadHumans() error {
	lab := s.opts.Scenario == emptyScenario && s.opts.LabRoom != ""
	if len(s.opts.Humans) == 0 && !lab {
		return nil
	}
	seen := map[string]bool{}
	for _, name := range s.opts.Humans {
		if err := checkHumanUsername(name); err != nil {
			return fmt.Errorf("human %q: %w", name, err)
		}
		if seen[strings.ToLower(name)] {
			return fmt.Errorf("human %q is given twice", name)
		}
		seen[strings.ToLower(name)] = true
	}
	keys, err := generateKeys(len(s.opts.Humans))
	if err != nil {
		return fmt.Errorf("humans: %w", err)
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.replaying = true
	defer func() { s.st.replaying = false }()
	var ids []int64
	for i, name := range s.opts.Humans {
		keyPEM, err := privateKeyPEM(keys[i])
		if err != nil {
			return fmt.Errorf("human %s: %w", name, err)
		}
		h, err := s.addHumanLocked(name, keys[i], keyPEM, now)
		if err != nil {
			return fmt.Errorf("human %s: %w", name, err)
		}
		ids = append(ids, h.User.ID)
	}
	if lab {
		return s.st.addLabRoom(s.opts.LabRoom, ids, now)
	}
	return nil
}

// generateKeys generates n RSA 2048 keys side by side: each takes 50–200
// ms.
func generateKeys(n int) ([]*rsa.PrivateKey, error) {
	keys := make([]*rsa.PrivateKey, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { keys[i], errs[i] = rsa.GenerateKey(rand.Reader, 2048) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("generate a key: %w", err)
		}
	}
	return keys, nil
}

// privateKeyPEM encodes key as PKCS#8 PEM.
func privateKeyPEM(key *rsa.PrivateKey) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("encode the private key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// checkHumanUsername accepts a username of letters, digits and . _ - + @
// that starts with a letter or a digit: one that can name a file.
func checkHumanUsername(name string) error {
	if name == "" || len(name) > 128 {
		return fmt.Errorf("a username has 1 to 128 characters")
	}
	for i, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		case i > 0 && strings.ContainsRune("._-+@", r):
		default:
			return fmt.Errorf("username %q: only letters, digits and . _ - + @ (not first) may be used", name)
		}
	}
	return nil
}

// nextUserID returns an id above every user's.
func (s *state) nextUserID() int64 {
	id := int64(349026222340000)
	for uid := range s.users {
		id = max(id, uid+1)
	}
	return id
}

// newPerson returns a person of acct's company named after username:
// its words, split at . _ - + (before any @), capitalised.
func newPerson(username string, id int64, acct *user) *user {
	local, _, _ := strings.Cut(username, "@")
	words := strings.FieldsFunc(local, func(r rune) bool { return strings.ContainsRune("._-+", r) })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	first, last := username, ""
	if len(words) > 0 {
		first, last = words[0], strings.Join(words[1:], " ")
	}
	email := username
	if !strings.Contains(username, "@") {
		_, domain, ok := strings.Cut(acct.email, "@")
		if !ok {
			domain = "tutti.example"
		}
		email = username + "@" + domain
	}
	return &user{
		id: id, username: username, firstName: first, lastName: last,
		displayName: strings.TrimSpace(first + " " + last), email: email,
		company: acct.company,
	}
}
