package symphony_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

// TestClientSearchUsers searches the directory by a word of a name, pages
// through the matches, keeps to the pod's users with local and gives no
// users, not an error, when nothing matches.
func TestClientSearchUsers(t *testing.T) {
	_, c, ct := startEmptyPod(t)
	ctx := context.Background()
	res, err := c.SearchUsers(ctx, "Tutti", true, 0, 0)
	if err != nil || res.Count != 4 || len(res.Users) != 4 || res.Limit != 50 {
		t.Fatalf("search: %+v, %v", res, err)
	}
	if ct.count(http.MethodPost+" /pod/v1/user/search") != 1 {
		t.Errorf("SearchUsers did not call POST /pod/v1/user/search")
	}
	page, err := c.SearchUsers(ctx, "tutti", true, 1, 2)
	if err != nil || page.Count != 4 || len(page.Users) != 2 || page.Users[0].ID != res.Users[1].ID {
		t.Fatalf("second page: %+v, %v", page, err)
	}
	if res.SearchQuery == nil || res.SearchQuery.Query != "Tutti" {
		t.Errorf("the answer's query: %+v", res.SearchQuery)
	}
	if res, err := c.SearchUsers(ctx, "okafor", true, 0, 10); err != nil || res.Count != 0 || res.Users == nil {
		t.Errorf("a user of another pod, local: %+v, %v", res, err)
	}
	if res, err := c.SearchUsers(ctx, "okafor", false, 0, 10); err != nil || res.Count != 1 || res.Users[0].LastName != "Okafor" {
		t.Errorf("a user of another pod, directory: %+v, %v", res, err)
	}
	_, err = c.SearchUsers(ctx, " ", false, 0, 0)
	var apiErr *symphony.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest {
		t.Errorf("blank query: %v, want a 400", err)
	}
	if _, err := c.SearchUsers(ctx, "alice", false, -1, 0); err == nil {
		t.Errorf("a negative skip was sent")
	}
}
