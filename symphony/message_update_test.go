package symphony_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

// TestUpdateMessage: the update of one's message comes back as a new
// version naming the first; a message of another is refused with 403.
func TestUpdateMessage(t *testing.T) {
	srv := startPod(t, nil)
	c, _ := newClient(t, srv)
	ctx := context.Background()
	im := createIMWithSomeone(t, c)
	m, err := c.SendMessage(ctx, im, "<messageML>first</messageML>", "")
	if err != nil {
		t.Fatal(err)
	}
	upd, err := c.UpdateMessage(ctx, im, m.MessageID, "<messageML>second</messageML>", "")
	if err != nil {
		t.Fatal(err)
	}
	if upd.Replacing != m.MessageID || upd.InitialMessageID != m.MessageID || !strings.Contains(upd.Message, "second") {
		t.Fatalf("update = %+v", upd)
	}
	info, err := c.StreamInfo(ctx, im)
	if err != nil || info.StreamAttributes == nil {
		t.Fatalf("stream info: %+v, %v", info, err)
	}
	var other int64
	for _, id := range info.StreamAttributes.Members {
		if id != srv.AccountID() {
			other = id
		}
	}
	theirs, err := srv.Post(im, other, "<messageML>theirs</messageML>")
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.UpdateMessage(ctx, im, theirs.MessageID, "<messageML>mine now</messageML>", "")
	var apiErr *symphony.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusForbidden || !strings.Contains(err.Error(), "update message") {
		t.Fatalf("update of another's message: %v", err)
	}
}
