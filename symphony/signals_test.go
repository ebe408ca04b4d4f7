package symphony_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/tutti-chat/tutti/symphony"
)

// TestClientSignals creates signals and lists them a page at a time.
func TestClientSignals(t *testing.T) {
	srv, c, _ := startEmptyPod(t)
	ctx := context.Background()
	before, err := c.AllSignals(ctx)
	if err != nil {
		t.Fatalf("list: %v", err)
	}
	made, err := c.CreateSignal(ctx, symphony.BaseSignal{Name: "Rates", Query: "cashtag:UST10Y OR hashtag:rates"})
	if err != nil || made.ID == "" || made.Name != "Rates" || made.Timestamp == 0 {
		t.Fatalf("create: %+v, %v", made, err)
	}
	if _, err := c.CreateSignal(ctx, symphony.BaseSignal{Name: "Ops", Query: "hashtag:incident AND author:" + strconv.FormatInt(srv.AccountID(), 10)}); err != nil {
		t.Fatalf("create: %v", err)
	}
	page, err := c.Signals(ctx, len(before), 1)
	if err != nil || len(page) != 1 || page[0].ID != made.ID || page[0].Query != "cashtag:UST10Y OR hashtag:rates" {
		t.Fatalf("a page of one: %+v, %v", page, err)
	}
	all, err := c.AllSignals(ctx)
	if err != nil || len(all) != len(before)+2 || all[len(all)-1].Name != "Ops" {
		t.Fatalf("all: %+v, %v", all, err)
	}
	_, err = c.CreateSignal(ctx, symphony.BaseSignal{Name: "Bad", Query: "author:1"})
	wantStatus(t, "a query without a tag", err, http.StatusBadRequest)
	if _, err := c.Signals(ctx, 0, symphony.MaxSignalsPerPage+1); err == nil {
		t.Error("a limit past the agent's was sent")
	}
}
