package scenario

import (
	"encoding/base64"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// The firm the scenarios play, and its domain.
const (
	firmName   = "Larkspur Capital"
	firmDomain = "larkspurcapital.com"
)

// role is a part in the cast; the people who play the parts change with the
// seed, the parts do not.
type role int

const (
	roleHeadRates role = iota
	roleGovies
	roleSwaps
	roleFXSpot
	roleFXOptions
	roleSales
	roleQuant
	roleHeadPlatform
	roleSRE
	roleRelease
	roleSupport
	roleOffice
	roleAccount
	roleSentinel
	numRoles
)

// roleSpec describes a part: its job and where it sits.
type roleSpec struct {
	title, department, location string
}

// roleSpecs are the jobs of the parts, by role.
var roleSpecs = [numRoles]roleSpec{
	roleHeadRates:    {"Head of Rates Trading", "Rates Trading", "London"},
	roleGovies:       {"Government Bond Trader", "Rates Trading", "London"},
	roleSwaps:        {"Swaps Trader", "Rates Trading", "New York"},
	roleFXSpot:       {"FX Spot Trader", "FX Trading", "London"},
	roleFXOptions:    {"FX Options Trader", "FX Trading", "Singapore"},
	roleSales:        {"Institutional Sales", "Sales", "New York"},
	roleQuant:        {"Quantitative Strategist", "Strategy", "London"},
	roleHeadPlatform: {"Head of Platform Engineering", "Platform Engineering", "London"},
	roleSRE:          {"Site Reliability Engineer", "Platform Engineering", "Dublin"},
	roleRelease:      {"Release Manager", "Platform Engineering", "New York"},
	roleSupport:      {"Trade Support Analyst", "Operations", "London"},
	roleOffice:       {"Office Manager", "Workplace", "London"},
	roleAccount:      {"Service Account", "Platform Engineering", "London"},
	roleSentinel:     {"Monitoring Bot", "Platform Engineering", "London"},
}

// The users of other pods, by part.
const (
	extKestrelSales = iota // cross-pod room counterpart
	extKestrelRepo         // cross-pod room counterpart
	extOrrin               // asked for a connection in History, accepted
	extBluefin             // asks the account for a connection in History
	extHalvard             // asks for a connection live
	extMarlow              // asks for a connection live
	numExternal
)

// externalSpecs are the other pods' people: firm, domain and job.
var externalSpecs = [numExternal]struct {
	firm, domain string
	roleSpec
}{
	extKestrelSales: {"Kestrel Bank", "kestrelbank.com", roleSpec{"Rates Sales", "Fixed Income", "London"}},
	extKestrelRepo:  {"Kestrel Bank", "kestrelbank.com", roleSpec{"Repo Trader", "Fixed Income", "Frankfurt"}},
	extOrrin:        {"Orrin Asset Management", "orrin-am.com", roleSpec{"Portfolio Manager", "Global Macro", "Boston"}},
	extBluefin:      {"Bluefin Securities", "bluefinsec.com", roleSpec{"Execution Trader", "Trading", "Singapore"}},
	extHalvard:      {"Halvard Pension Fund", "halvardpension.no", roleSpec{"Fixed Income Manager", "Investments", "Oslo"}},
	extMarlow:       {"Marlow & Finch", "marlowfinch.com", roleSpec{"Treasury Analyst", "Treasury", "Toronto"}},
}

// The rooms that exist before History starts.
const (
	roomRates = iota
	roomFX
	roomOps
	roomReleases
	roomLunch
	roomAnnounce
	roomKestrel
	roomHeads
	numRooms
)

// The conversations that exist before History starts.
const (
	imHeadRates = iota // account and the head of rates
	imSRE              // account and the SRE
	imFXSpot           // account and the FX spot trader
	imRelease          // account and the release manager
	imTraders          // the two rates traders, without the account
	mimBatch           // account, platform and support: the end-of-day batch
	mimFX              // sales and the FX traders, without the account
	numConversations
)

// wallOwners are the parts with a wall.
var wallOwners = []role{roleHeadRates, roleQuant, roleHeadPlatform}

// firstNames and lastNames are the pools the seed draws the cast from.
var firstNames = []string{
	"Amelia", "Rahul", "Sofia", "Marcus", "Chloe", "Daniel", "Priya", "Tomás",
	"Hannah", "Kenji", "Olivia", "Ethan", "Aisha", "Lucas", "Grace", "Mateo",
	"Nadia", "Oliver", "Ines", "Samuel", "Mei", "Jonas", "Zara", "Felix",
	"Leah", "Arjun", "Clara", "Noah", "Yasmin", "Henrik", "Elena", "Callum",
}

var lastNames = []string{
	"Whitaker", "Okafor", "Lindqvist", "Moreau", "Chen", "Patel", "Gallagher",
	"Rossi", "Nakamura", "Fischer", "Donovan", "Alvarez", "Brennan", "Kowalski",
	"Haddad", "Sørensen", "Mensah", "Takahashi", "Fitzgerald", "Varga",
	"Schreiber", "Iyer", "Delacroix", "Quinn", "Abernathy", "Osei", "Lehmann",
	"Castillo", "Novak", "Harrington", "Bianchi", "Yilmaz",
}

// cast is a Company with its parts indexed, for the generators.
type cast struct {
	co         Company
	role       [numRoles]int64
	ext        [numExternal]int64
	rooms      [numRooms]string
	convs      [numConversations]string
	people     map[int64]*Person // People and External
	roleOf     map[int64]role    // the parts of People
	humans     []int64           // internal people who are not bots
	colleagues []int64           // humans and the account: who may be mentioned
}

// person returns the person with the given id; nil if unknown.
func (c *cast) person(id int64) *Person { return c.people[id] }

// id returns the user id of the person playing r.
func (c *cast) id(r role) int64 { return c.role[r] }

// newCast builds the company for a seed.
func newCast(rng *rand.Rand) *cast {
	c := &cast{people: map[int64]*Person{}, roleOf: map[int64]role{}}
	firsts := shuffled(rng, firstNames)
	lasts := shuffled(rng, lastNames)
	next := 0
	name := func() (string, string) { // distinct while the pools last
		f, l := firsts[next%len(firsts)], lasts[next%len(lasts)]
		next++
		return f, l
	}

	base := int64(7078106100000) + rng.Int64N(4000)
	step := int64(1024 + rng.IntN(8192))
	for r := range numRoles {
		spec := roleSpecs[r]
		p := Person{
			ID:         base + int64(r)*step + rng.Int64N(int64(step)/2),
			Title:      spec.title,
			Company:    firmName,
			Department: spec.department,
			Location:   spec.location,
		}
		switch r {
		case roleAccount:
			p.FirstName, p.LastName, p.Username, p.Bot = "Tutti", "Bot", "tutti-bot", true
		case roleSentinel:
			p.FirstName, p.LastName, p.Username, p.Bot = "Ops", "Sentinel", "ops-sentinel", true
		default:
			p.FirstName, p.LastName = name()
			p.Username = strings.ToLower(p.FirstName[:1] + asciiFold(p.LastName))
		}
		p.DisplayName = p.FirstName + " " + p.LastName
		if p.Bot {
			p.Email = p.Username + "@" + firmDomain
		} else {
			p.Email = strings.ToLower(asciiFold(p.FirstName)+"."+asciiFold(p.LastName)) + "@" + firmDomain
		}
		c.role[r] = p.ID
		c.roleOf[p.ID] = r
		c.co.People = append(c.co.People, p)
	}

	extBase := int64(6854019700000) + rng.Int64N(4000)
	for x := range numExternal {
		spec := externalSpecs[x]
		f, l := name()
		p := Person{
			ID:          extBase + int64(x)*step + rng.Int64N(int64(step)/2),
			Username:    strings.ToLower(f[:1] + asciiFold(l)),
			FirstName:   f,
			LastName:    l,
			DisplayName: f + " " + l,
			Email:       strings.ToLower(asciiFold(f)+"."+asciiFold(l)) + "@" + spec.domain,
			Title:       spec.title,
			Company:     spec.firm,
			Department:  spec.department,
			Location:    spec.location,
		}
		c.ext[x] = p.ID
		c.co.External = append(c.co.External, p)
	}
	for i := range c.co.People {
		p := &c.co.People[i]
		c.people[p.ID] = p
		if !p.Bot {
			c.humans = append(c.humans, p.ID)
		}
	}
	for i := range c.co.External {
		c.people[c.co.External[i].ID] = &c.co.External[i]
	}
	c.colleagues = append(append([]int64(nil), c.humans...), c.id(roleAccount))

	c.co.Name = firmName
	c.co.Account = c.id(roleAccount)
	c.buildRooms(rng)
	c.buildConversations(rng)
	c.co.Walls = map[int64]string{}
	for _, r := range wallOwners {
		c.co.Walls[c.id(r)] = streamID(rng)
	}
	c.co.Signals = c.signals()
	return c
}

// buildRooms adds the rooms that exist before History.
func (c *cast) buildRooms(rng *rand.Rand) {
	ids := func(rs ...role) []int64 {
		out := make([]int64, len(rs))
		for i, r := range rs {
			out[i] = c.id(r)
		}
		return out
	}
	everyone := ids(roleHeadRates, roleGovies, roleSwaps, roleFXSpot, roleFXOptions, roleSales,
		roleQuant, roleHeadPlatform, roleSRE, roleRelease, roleSupport, roleOffice, roleAccount, roleSentinel)
	specs := [numRooms]struct {
		name, description string
		keywords          map[string]string
		creator           role
		owners, members   []int64
		public, readOnly  bool
		external          bool
	}{
		roomRates: {
			name:        "Rates Desk",
			description: "Govies, swaps and curve trading: axes, runs, fills and marks. Keep client names out of here.",
			keywords:    map[string]string{"desk": "rates", "region": "EMEA"},
			creator:     roleHeadRates,
			owners:      ids(roleHeadRates),
			members:     ids(roleHeadRates, roleGovies, roleSwaps, roleSales, roleQuant, roleSupport, roleAccount),
		},
		roomFX: {
			name:        "FX Flow",
			description: "Spot and options flow, fixing interest and vol colour for G10 and CNH.",
			keywords:    map[string]string{"desk": "fx", "coverage": "G10"},
			creator:     roleFXSpot,
			owners:      ids(roleFXSpot),
			members:     ids(roleFXSpot, roleFXOptions, roleSales, roleHeadRates, roleQuant, roleAccount),
		},
		roomOps: {
			name:        "Ops Incidents",
			description: "Production alerts and incident coordination. Ack alerts here, open a bridge room for P1s.",
			keywords:    map[string]string{"team": "platform", "severity": "P1-P3"},
			creator:     roleHeadPlatform,
			owners:      ids(roleHeadPlatform, roleSRE),
			members:     ids(roleHeadPlatform, roleSRE, roleRelease, roleSupport, roleHeadRates, roleFXSpot, roleSentinel, roleAccount),
		},
		roomReleases: {
			name:        "Platform Releases",
			description: "Release train, change approvals and deploy notifications for trading systems.",
			keywords:    map[string]string{"team": "platform", "process": "change"},
			creator:     roleHeadPlatform,
			owners:      ids(roleHeadPlatform, roleSRE),
			members:     ids(roleHeadPlatform, roleSRE, roleRelease, roleSupport, roleGovies, roleFXOptions, roleQuant, roleSentinel, roleAccount),
			public:      true,
		},
		roomLunch: {
			name:        "Lunch & Social",
			description: "Lunch runs, coffee, birthdays and Friday drinks.",
			keywords:    map[string]string{"topic": "social"},
			creator:     roleOffice,
			owners:      ids(roleOffice),
			members: ids(roleOffice, roleHeadRates, roleGovies, roleSwaps, roleFXSpot, roleFXOptions, roleSales,
				roleHeadPlatform, roleSRE, roleRelease, roleSupport, roleAccount),
			public: true,
		},
		roomAnnounce: {
			name:        "Larkspur Announcements",
			description: "Firm-wide announcements. Read only: questions to the office team.",
			keywords:    map[string]string{"topic": "announcements"},
			creator:     roleOffice,
			owners:      ids(roleOffice, roleHeadRates, roleHeadPlatform),
			members:     everyone,
			public:      true,
			readOnly:    true,
		},
		roomKestrel: {
			name:        "Kestrel × Larkspur Rates",
			description: "Shared room with Kestrel Bank fixed income: axes and price discovery. External: mind what you post.",
			keywords:    map[string]string{"counterparty": "Kestrel Bank", "desk": "rates"},
			creator:     roleSales,
			owners:      ids(roleSales),
			members:     append(ids(roleSales, roleGovies, roleHeadRates, roleAccount), c.ext[extKestrelSales], c.ext[extKestrelRepo]),
			external:    true,
		},
		roomHeads: {
			name:        "Desk Heads",
			description: "Desk heads only: P&L, headcount, budget.",
			keywords:    map[string]string{"audience": "management"},
			creator:     roleHeadRates,
			owners:      ids(roleHeadRates),
			members:     ids(roleHeadRates, roleHeadPlatform, roleFXSpot, roleSales),
		},
	}
	for i, s := range specs {
		id := streamID(rng)
		c.rooms[i] = id
		c.co.Rooms = append(c.co.Rooms, Room{
			ID:          id,
			Name:        s.name,
			Description: s.description,
			Keywords:    s.keywords,
			Creator:     c.id(s.creator),
			Created:     pastDate(rng),
			Members:     s.members,
			Owners:      s.owners,
			Public:      s.public,
			ReadOnly:    s.readOnly,
			External:    s.external,
			CrossPod:    s.external,
			Active:      true,
		})
	}
}

// buildConversations adds the IMs and MIMs that exist before History.
func (c *cast) buildConversations(rng *rand.Rand) {
	acct := c.id(roleAccount)
	members := [numConversations][]int64{
		imHeadRates: {acct, c.id(roleHeadRates)},
		imSRE:       {acct, c.id(roleSRE)},
		imFXSpot:    {acct, c.id(roleFXSpot)},
		imRelease:   {acct, c.id(roleRelease)},
		imTraders:   {c.id(roleGovies), c.id(roleSwaps)},
		mimBatch:    {acct, c.id(roleHeadPlatform), c.id(roleSRE), c.id(roleSupport)},
		mimFX:       {c.id(roleSales), c.id(roleFXSpot), c.id(roleFXOptions)},
	}
	for i, m := range members {
		id := streamID(rng)
		c.convs[i] = id
		c.co.IMs = append(c.co.IMs, Conversation{ID: id, Members: m, Created: pastDate(rng)})
	}
}

// coreRoles are who mostly talks on a topic.
var coreRoles = map[topic][]role{
	topicRates:    {roleHeadRates, roleGovies, roleSwaps, roleSales},
	topicFX:       {roleFXSpot, roleFXOptions, roleSales},
	topicOps:      {roleSRE, roleHeadPlatform, roleRelease, roleSupport},
	topicRelease:  {roleRelease, roleSRE, roleHeadPlatform},
	topicIncident: {roleSRE, roleHeadPlatform, roleRelease, roleSupport},
}

// favoured returns up to n people of pool to hold a conversation on a
// topic, mostly people whose job it is.
func (c *cast) favoured(rng *rand.Rand, t topic, pool []int64, n int) []int64 {
	core := coreRoles[t]
	var in, out []int64
	for _, p := range shuffled(rng, pool) {
		if r, ok := c.roleOf[p]; ok && slices.Contains(core, r) {
			in = append(in, p)
		} else {
			out = append(out, p)
		}
	}
	if len(in) > 0 && len(out) > 0 && rng.IntN(4) > 0 {
		out = out[:0]
	}
	all := append(in, out...)
	if len(all) > n {
		all = all[:n]
	}
	return all
}

// streamID draws a canonical stream id: 24 random bytes, URL-safe base64.
func streamID(rng *rand.Rand) string {
	var b [24]byte
	for i := 0; i < len(b); i += 8 {
		v := rng.Uint64()
		for j := range 8 {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// pastDate draws a creation date for a stream that predates every scenario.
func pastDate(rng *rand.Rand) time.Time {
	start := time.Date(2022, time.September, 5, 8, 0, 0, 0, time.UTC)
	return start.Add(time.Duration(rng.Int64N(int64(700 * 24 * time.Hour)))).Truncate(time.Millisecond)
}

// shuffled returns a shuffled copy of xs.
func shuffled[T any](rng *rand.Rand, xs []T) []T {
	out := append([]T(nil), xs...)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// asciiFold replaces the few non-ASCII letters of the name pools, for
// usernames and email addresses.
func asciiFold(s string) string {
	return strings.NewReplacer("á", "a", "é", "e", "ø", "o", "Ø", "O", "ö", "o", "ü", "u").Replace(s)
}

// clone returns a deep copy of the company, so callers cannot alter the
// generator's cast.
func (co Company) clone() Company {
	out := co
	out.People = append([]Person(nil), co.People...)
	out.External = append([]Person(nil), co.External...)
	out.Signals = append([]Signal(nil), co.Signals...)
	out.Rooms = make([]Room, len(co.Rooms))
	for i, r := range co.Rooms {
		out.Rooms[i] = r.clone()
	}
	out.IMs = make([]Conversation, len(co.IMs))
	for i, im := range co.IMs {
		im.Members = append([]int64(nil), im.Members...)
		out.IMs[i] = im
	}
	out.Walls = make(map[int64]string, len(co.Walls))
	for k, v := range co.Walls {
		out.Walls[k] = v
	}
	return out
}

// clone returns a deep copy of the room.
func (r Room) clone() Room {
	out := r
	out.Members = append([]int64(nil), r.Members...)
	out.Owners = append([]int64(nil), r.Owners...)
	out.Keywords = make(map[string]string, len(r.Keywords))
	for k, v := range r.Keywords {
		out.Keywords[k] = v
	}
	return out
}
