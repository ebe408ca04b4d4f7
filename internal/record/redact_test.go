package record_test

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/internal/record"
	"github.com/tutti-chat/tutti/internal/testio"
	"github.com/tutti-chat/tutti/simulator"
	"github.com/tutti-chat/tutti/simulator/simtest"
	"github.com/tutti-chat/tutti/symphony"
)

// TestRedactedRecordingNamesNobody records every kind of answer with
// redaction and looks for every user of the pod in it: no id, username,
// e-mail address or name may be left in a field, a mention or a mention
// span.
func TestRedactedRecordingNamesNobody(t *testing.T) {
	srv := simtest.Start(t, simulator.Options{})
	var out testio.Buffer
	w, err := record.NewWriter(&out, record.WriterOptions{Redact: true})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := recordingClient(t, srv, w)
	exercise(t, srv, c)
	data := out.Bytes()
	rec, err := record.Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if !rec.Header.Redacted {
		t.Error("the header does not say the recording is redacted")
	}
	for _, u := range srv.Users() {
		for what, s := range map[string]string{"id": strconv.FormatInt(u.ID, 10), "username": u.Username,
			"e-mail": u.EmailAddress, "display name": u.DisplayName} {
			if s != "" && bytes.Contains(data, []byte(s)) {
				t.Errorf("the %s of user %d is in the redacted recording: %q", what, u.ID, s)
			}
		}
	}
	// The pseudonyms are consistent: the session user, the author of its
	// own messages and the members of its streams are one pseudonym.
	var me symphony.UserV2
	for _, e := range rec.Entries {
		if e.Kind == record.KindSession {
			if me, err = e.User(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if me.ID == 0 || me.ID == srv.AccountID() || me.Username == srv.Account() || !strings.Contains(me.EmailAddress, "@redacted.example") {
		t.Fatalf("session user not redacted: %+v", me)
	}
	mentioned := false
	for _, e := range rec.Entries {
		switch e.Kind {
		case record.KindStreams:
			ss, _ := e.Streams()
			for _, s := range ss {
				if s.StreamAttributes != nil && len(s.StreamAttributes.Members) > 0 && !contains(s.StreamAttributes.Members, me.ID) {
					t.Errorf("IM %s: members %v lack the account %d", s.ID, s.StreamAttributes.Members, me.ID)
				}
			}
		case record.KindDatafeed:
			evs, _ := e.Events()
			for _, ev := range evs {
				m := ev.Message()
				if m == nil {
					continue
				}
				// The message mentions the account: its EntityJSON id
				// and its span are the account's pseudonym.
				if !strings.Contains(m.Data, strconv.FormatInt(me.ID, 10)) {
					t.Errorf("the mention's user id is not the account's pseudonym: %s", m.Data)
				}
				span := regexp.MustCompile(`data-entity-id="[^"]+">([^<]*)<`).FindStringSubmatch(m.Message)
				if span == nil || span[1] != "@"+me.DisplayName {
					t.Errorf("mention span %q, want @%s in %s", span, me.DisplayName, m.Message)
				}
				if m.User == nil || m.User.UserID < 900_000_000_000_000 || ev.Initiator.User.UserID != m.User.UserID {
					t.Errorf("author %+v, initiator %+v", m.User, ev.Initiator.User)
				}
				mentioned = true
			}
		}
	}
	if !mentioned {
		t.Error("no message with a mention in the recording")
	}
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// TestRedactorIsConsistent gives the same person the same pseudonym across
// kinds, by id and by name, and keeps numbers numbers in EntityJSON.
func TestRedactorIsConsistent(t *testing.T) {
	r := record.NewRedactor()
	users, err := r.Body(record.KindUsers, []byte(`[{"id":42,"displayName":"Ana Lima","firstName":"Ana","lastName":"Lima",
		"username":"alima","emailAddress":"ana@bank.example","workPhoneNumber":"+44 1","avatars":[{"size":"small","url":"x"}]}]`))
	if err != nil {
		t.Fatal(err)
	}
	history, err := r.Body(record.KindHistory, []byte(`[{"messageId":"m1","timestamp":1,
		"message":"<div data-format=\"PresentationML\" data-version=\"2.0\">Hi <span class=\"entity\" data-entity-id=\"mention1\">@Ana Lima</span> and <span class=\"entity\" data-entity-id=\"mention2\">@Bo</span></div>",
		"data":"{\"mention1\":{\"type\":\"com.symphony.user.mention\",\"version\":\"1.0\",\"id\":[{\"type\":\"com.symphony.user.userId\",\"value\":\"42\"}]},\"mention2\":{\"type\":\"com.symphony.user.mention\",\"id\":[{\"type\":\"com.symphony.user.userId\",\"value\":7}]}}",
		"user":{"userId":7,"displayName":"Bo Chen","email":"bo@bank.example"}}]`))
	if err != nil {
		t.Fatal(err)
	}
	feed, err := r.Body(record.KindDatafeed, []byte(`[{"id":"e1","type":"USERJOINEDROOM","initiator":{"user":{"displayName":"Bo Chen"}},
		"payload":{"userJoinedRoom":{"stream":{"streamId":"s1"},"affectedUser":{"userId":42,"firstName":"Ana","lastName":"Lima"}}}}]`))
	if err != nil {
		t.Fatal(err)
	}
	all := string(users) + string(history) + string(feed)
	for _, s := range []string{"Ana", "Lima", "alima", "bank.example", `"42"`, ":42", "Bo", "Chen", ":7,", `"7"`, "+44", "avatars"} {
		if strings.Contains(all, s) {
			t.Errorf("%q is left in %s", s, all)
		}
	}
	// Ana is person 1 (by id, then by name), Bo person 2 (by id as a
	// JSON number in EntityJSON, as an author, then by display name
	// alone in an initiator).
	for _, want := range []string{`"id":900000000000001`, `"displayName":"Avery Ashdown"`, `@Avery Ashdown</span>`,
		`@Blake Birch</span>`, `\"value\":\"900000000000001\"`, `\"value\":900000000000002`,
		`"userId":900000000000002,"displayName":"Blake Birch"`, `"initiator":{"user":{"displayName":"Blake Birch"}}`,
		`"affectedUser":{"userId":900000000000001,"firstName":"Avery","lastName":"Ashdown"}`} {
		if !strings.Contains(all, want) {
			t.Errorf("%s not in %s", want, all)
		}
	}
}
