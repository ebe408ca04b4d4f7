package watch

import (
	"strconv"
	"strings"

	"github.com/tutti-chat/tutti/names"
)

// peopleIndex resolves the names of the people rules mention to their
// user ids, as the directory knows them, so that the sketch of a message
// can rule out a mention by name: the message's EntityJSON names the id
// of every user it mentions. It is built again when the directory's names
// change, but at most once every users/rebuildShare events; meanwhile a
// mention by name rules nothing out.
type peopleIndex struct {
	names []string              // the names of people rules mention
	lits  map[string][][]uint16 // name (lower case) → the trigrams of the ids of the people so called
	built bool
	gen   int // the directory's generation at the last build
	users int // the directory's users at the last build
	since int // events since the last build
}

// rebuildShare bounds how often the index is built again: building it
// reads every user of the directory, at most once every users/rebuildShare
// events.
const rebuildShare = 16

// add records a name rules mention.
func (p *peopleIndex) add(name string) {
	p.names = append(p.names, strings.ToLower(name))
}

// fresh reports whether the index holds the directory's names as they are
// now, building it again if it may.
func (p *peopleIndex) fresh(dir *names.Directory) bool {
	if p.built && p.gen == dir.Generation() {
		return true
	}
	if p.built && p.since*rebuildShare < p.users {
		return false
	}
	p.lits = make(map[string][][]uint16, len(p.names))
	p.users = 0
	for id, name := range dir.Users() {
		p.users++
		for _, n := range p.names {
			if strings.EqualFold(n, name) {
				p.lits[n] = append(p.lits[n], literalOf(strconv.FormatInt(id, 10)))
			}
		}
	}
	p.built, p.gen, p.since = true, dir.Generation(), 0
	return true
}

// of returns the trigrams of the ids of the people called name (lower
// case); fresh must have said yes.
func (p *peopleIndex) of(lower string) [][]uint16 {
	return p.lits[lower]
}
