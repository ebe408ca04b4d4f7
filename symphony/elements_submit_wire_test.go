package symphony_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

// tokenClient returns a client of srv in session-token mode: it never logs
// in.
func tokenClient(t *testing.T, srv *httptest.Server) *symphony.Client {
	t.Helper()
	c, err := symphony.New(symphony.Options{PodURL: srv.URL, SessionToken: "session-1", KeyManagerToken: "km-1"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCanSubmitFormsReadsTheProbe tells a pod that takes submissions from
// one that does not know the path (a real pod) and from one that fails.
func TestCanSubmitFormsReadsTheProbe(t *testing.T) {
	for _, tc := range []struct {
		name    string
		status  int
		body    string
		want    bool
		wantErr bool
	}{
		{"simulator", http.StatusOK, `{"submit":true}`, true, false},
		{"submission off", http.StatusOK, `{"submit":false}`, false, false},
		{"real pod", http.StatusNotFound, `{"code":404,"message":"Not found"}`, false, false},
		{"failing pod", http.StatusInternalServerError, `{"code":500,"message":"boom"}`, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method != http.MethodGet || r.URL.Path != symphony.ElementsCapabilityPath {
					http.Error(w, "unexpected call", http.StatusTeapot)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tc.status)
				io.WriteString(w, tc.body)
			}))
			defer srv.Close()
			got, err := tokenClient(t, srv).CanSubmitForms(context.Background())
			if got != tc.want || (err != nil) != tc.wantErr {
				t.Errorf("CanSubmitForms = %v, %v; want %v, error %v", got, err, tc.want, tc.wantErr)
			}
		})
	}
}

// TestSubmitFormSendsTheSubmission checks the request SubmitForm makes: the
// session token, and the message, form, button and values as JSON.
func TestSubmitFormSendsTheSubmission(t *testing.T) {
	var got map[string]any
	var token string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != symphony.ElementsSubmitPath {
			http.Error(w, "unexpected call", http.StatusTeapot)
			return
		}
		token = r.Header.Get("sessionToken")
		if err := json.NewDecoder(r.Body).Decode(&got); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, "{}")
	}))
	defer srv.Close()
	c := tokenClient(t, srv)
	err := c.SubmitForm(context.Background(), symphony.FormSubmission{MessageID: "bWVzc2FnZQ", FormID: "order",
		Action: "send", Values: map[string]any{"qty": "5", "who": []int64{7, 8}}})
	if err != nil {
		t.Fatalf("SubmitForm: %v", err)
	}
	if token != "session-1" {
		t.Errorf("sessionToken header %q, want the session's", token)
	}
	want := `{"action":"send","formId":"order","formValues":{"qty":"5","who":[7,8]},"messageId":"bWVzc2FnZQ"}`
	if data, _ := json.Marshal(got); string(data) != want {
		t.Errorf("body %s, want %s", data, want)
	}
	if err := c.SubmitForm(context.Background(), symphony.FormSubmission{MessageID: "bWVzc2FnZQ", FormID: "order"}); err == nil {
		t.Error("a submission without a button was sent")
	}
}
