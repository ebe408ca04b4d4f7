package messageml

import "hash/fnv"

// shortIDAlphabet is the alphabet of the agent's short ids.
const shortIDAlphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-"

// idGenerator makes the short ids that tie a <label> or a tooltip to its
// form element and that prefix dialog ids. The agent draws them at random;
// these are derived from the message so that converting the same message
// twice gives the same PresentationML.
type idGenerator struct {
	seed uint64
	n    uint64
}

// newIDGenerator returns the id generator of one message.
func newIDGenerator(message string) *idGenerator {
	h := fnv.New64a()
	h.Write([]byte(message))
	return &idGenerator{seed: h.Sum64()}
}

// next returns a new 9-character id.
func (g *idGenerator) next() string {
	g.n++
	x := g.seed ^ (g.n * 0x9E3779B97F4A7C15)
	// splitmix64 finaliser, to spread consecutive counters.
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	var b [9]byte
	for i := range b {
		b[i] = shortIDAlphabet[x&63]
		x >>= 6
	}
	return string(b[:])
}
