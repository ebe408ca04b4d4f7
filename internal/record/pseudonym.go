package record

import (
	"strconv"
	"strings"
)

// pseudonymBase is added to a pseudonym's number to make its user id: ids
// stay numbers of the size Symphony's have, far from real ones.
const pseudonymBase int64 = 900_000_000_000_000

// Pseudonym names: 16 × 16 distinct pairs before a number is added.
var (
	pseudoFirst = [16]string{"Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Gray", "Harper",
		"Indy", "Jordan", "Kendall", "Logan", "Morgan", "Noel", "Parker", "Quinn"}
	pseudoLast = [16]string{"Ashdown", "Birch", "Calder", "Dunmore", "Ellery", "Fairbank", "Garrow", "Hollis",
		"Iverson", "Jessop", "Kirkby", "Lowther", "Marlow", "Northcott", "Oakley", "Penrose"}
)

// person is the pseudonym of one user of a recording.
type person struct {
	n        int   // 1, 2, … in order of first appearance
	original int64 // the user id it stands for; 0 when only names are known
	id       int64 // the pseudonymous user id

	first, last, display, username, email string
}

// newPerson returns the n-th pseudonym. The pairs of names are distinct for
// n ≤ 256 (17 and 16 are coprime); after that a number follows the name.
func newPerson(n int) *person {
	i := n - 1
	f := i % len(pseudoFirst)
	l := (i/len(pseudoFirst) + i) % len(pseudoLast)
	p := &person{n: n, id: pseudonymBase + int64(n), first: pseudoFirst[f], last: pseudoLast[l]}
	round := i / (len(pseudoFirst) * len(pseudoLast))
	if round > 0 {
		p.last += " " + strconv.Itoa(round+1)
	}
	p.display = p.first + " " + p.last
	p.username = strings.ToLower(strings.ReplaceAll(p.first+"."+p.last, " ", ""))
	p.email = p.username + "@redacted.example"
	return p
}
