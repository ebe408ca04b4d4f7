package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tutti-chat/tutti/messageml"
	"github.com/tutti-chat/tutti/simulator/scenario"
)

// fixturesDir holds MessageML and messages copied from public Symphony
// repositories (outside this module; the test skips without it).
const fixturesDir = "../../shared/fixtures"

// checkRendered checks a real message: it lays out at three widths, with
// no markup or entity id showing, within the width, with no foreign
// sequence.
func checkRendered(t *testing.T, name, pml, data string) {
	t.Helper()
	doc := parse(pml, data)
	for _, w := range []int{40, 80, 120} {
		plain := doc.layout(Options{Width: w, Plain: true})
		if len(plain) == 0 && strings.TrimSpace(doc.PlainText()) != "" {
			t.Errorf("%s: no lines at width %d", name, w)
		}
		checkLines(t, plain, w, true, false)
		if leak := markupLeak(strings.Join(plain, "\n")); leak != "" {
			t.Errorf("%s: markup %q shows at width %d:\n%s", name, leak, w, strings.Join(plain, "\n"))
		}
		checkLines(t, doc.layout(Options{Width: w, Theme: DarkTheme(), Hyperlinks: true}), w, false, true)
	}
}

// TestSharedFixtures renders every MessageML fixture the agent accepts,
// converted as the agent converts it, and the V4Message fixtures.
func TestSharedFixtures(t *testing.T) {
	if _, err := os.Stat(fixturesDir); err != nil {
		t.Skipf("fixtures not found at %s: %v", fixturesDir, err)
	}
	var files []string
	for _, pattern := range []string{
		"finos__messageml-utils/payloads/*.messageml",
		"finos__symphony-bdk-java/messageml/*.xml",
		"finos__spring-bot/messageml/*.html",
		"finos__spring-bot/messageml-templates/*.html",
	} {
		m, _ := filepath.Glob(filepath.Join(fixturesDir, pattern))
		files = append(files, m...)
	}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		msg := strings.TrimSpace(string(raw))
		if !strings.HasPrefix(msg, "<messageML") {
			msg = "<messageML>" + msg + "</messageML>"
		}
		var data string
		if d, err := os.ReadFile(strings.TrimSuffix(file, filepath.Ext(file)) + ".json"); err == nil {
			data = string(d)
		}
		res, err := messageml.Convert(msg, data, testUsers{})
		if err != nil {
			continue // Freemarker templates and forms the agent refuses
		}
		checkRendered(t, file, res.PresentationML, res.EntityJSON)
	}
}

// TestScenarioMessages renders the messages of the simulator's demo
// history — chat, bot posts, tables, code, cards, forms — as a client
// would receive them.
func TestScenarioMessages(t *testing.T) {
	g, err := scenario.New(scenario.Demo, 1)
	if err != nil {
		t.Fatal(err)
	}
	dir := directory{}
	for _, p := range g.Company().People {
		dir[p.ID] = p.DisplayName
	}
	n := 0
	limit := 1500
	if testing.Short() {
		limit = 200
	}
	for _, a := range g.History(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)) {
		if a.MessageML == "" || n >= limit {
			continue
		}
		res, err := messageml.Convert(a.MessageML, a.Data, dir)
		if err != nil {
			t.Errorf("scenario message does not convert: %v\n%s", err, a.MessageML)
			continue
		}
		n++
		checkRendered(t, a.Key, res.PresentationML, res.EntityJSON)
	}
	if n == 0 {
		t.Fatal("the scenario has no messages")
	}
	t.Logf("%d scenario messages rendered", n)
}

// directory resolves the scenario's people.
type directory map[int64]string

func (d directory) UserByID(id int64) (messageml.User, bool) {
	name, ok := d[id]
	return messageml.User{ID: id, DisplayName: name}, ok
}

func (d directory) UserByEmail(string) (messageml.User, bool) { return messageml.User{}, false }
