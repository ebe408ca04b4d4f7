package messageml

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixturesDir holds MessageML copied from public Symphony repositories.
const fixturesDir = "../../shared/fixtures"

// fixtureFailures are the fixtures the agent refuses, with its reason. Both
// are Symphony Elements forms without an action button, written as test
// templates for a mocked agent.
var fixtureFailures = map[string]string{
	"finos__symphony-bdk-java/messageml/dropdown_menu_test.xml":         "The form with id 'form_id' should have at least one action button",
	"finos__symphony-bdk-java/messageml/table_select_checkbox_test.xml": "The form with id 'form_id' should have at least one action button",
}

// fixtureUsers adds the users the fixtures mention.
var fixtureUsers = append(users{{ID: 42, DisplayName: "R R", Email: "rr@example.com"}}, testUsers...)

func TestFixtures(t *testing.T) {
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
		matches, err := filepath.Glob(filepath.Join(fixturesDir, pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, matches...)
	}
	if len(files) == 0 {
		t.Skipf("no MessageML fixtures under %s", fixturesDir)
	}
	for _, file := range files {
		name, _ := filepath.Rel(fixturesDir, file)
		name = filepath.ToSlash(name)
		t.Run(name, func(t *testing.T) {
			message, data := readFixture(t, file)
			res, err := Convert(message, data, fixtureUsers)
			if usesFreemarker(message) {
				if err == nil || !strings.HasPrefix(err.Error(), "Freemarker templates are not supported") {
					t.Fatalf("Freemarker template: err = %v, want the Freemarker error", err)
				}
				return
			}
			if want, ok := fixtureFailures[name]; ok {
				var e *Error
				if !errors.As(err, &e) || e.Message != want {
					t.Fatalf("err = %v, want %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatalf("Convert: %v", err)
			}
			checkWellFormed(t, res)
		})
	}
}

// readFixture returns a fixture's message, wrapped in <messageML> when it
// is bare content (as the BDK's message builder wraps it), and the entity
// data stored next to it, if any.
func readFixture(t *testing.T, file string) (message, data string) {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	message = strings.TrimSpace(string(raw))
	if !strings.HasPrefix(message, "<messageML") {
		message = "<messageML>" + message + "</messageML>"
	}
	if raw, err := os.ReadFile(strings.TrimSuffix(file, filepath.Ext(file)) + ".json"); err == nil {
		data = string(raw)
	}
	return message, data
}

func usesFreemarker(message string) bool {
	for _, m := range freemarkerMarkers {
		if strings.Contains(message, m) {
			return true
		}
	}
	return false
}

// checkWellFormed checks that a result is a PresentationML document and a
// JSON object.
func checkWellFormed(t *testing.T, res Result) {
	t.Helper()
	root, err := parseXML(res.PresentationML)
	if err != nil {
		t.Fatalf("PresentationML is not well-formed: %v\n%s", err, res.PresentationML)
	}
	if f, _ := root.attr("data-format"); root.name != "div" || f != "PresentationML" {
		t.Fatalf("root is <%s data-format=%q>", root.name, f)
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(res.EntityJSON), &obj); err != nil {
		t.Fatalf("EntityJSON is not a JSON object: %v\n%s", err, res.EntityJSON)
	}
}

func TestFixtureOutputs(t *testing.T) {
	file := filepath.Join(fixturesDir, "finos__spring-bot/messageml/testSymphonyContents.html")
	if _, err := os.Stat(file); err != nil {
		t.Skipf("fixture %s not found: %v", file, err)
	}
	message, data := readFixture(t, file)
	res, err := Convert(message, data, fixtureUsers)
	if err != nil {
		t.Fatal(err)
	}
	want := pml(`<span class="entity" data-entity-id="keyword1">$id123</span> <span class="entity" data-entity-id="keyword2">#ht123</span> ` +
		`<span class="entity" data-entity-id="mention3">@R R</span>`)
	if res.PresentationML != want {
		t.Errorf("PresentationML\n got: %s\nwant: %s", res.PresentationML, want)
	}
	assertJSONEqual(t, res.EntityJSON, `{`+
		`"keyword1":{"type":"org.symphonyoss.fin.security","version":"1.0","id":[{"type":"org.symphonyoss.fin.security.id.ticker","value":"id123"}]},`+
		`"keyword2":{"type":"org.symphonyoss.taxonomy","version":"1.0","id":[{"type":"org.symphonyoss.taxonomy.hashtag","value":"ht123"}]},`+
		`"mention3":{"type":"com.symphony.user.mention","version":"1.0","id":[{"type":"com.symphony.user.userId","value":"42"}]}}`)
}
