package symphony

import (
	"context"
	"net/http"
)

// MaxSignalsPerPage is the largest limit the signals list accepts.
const MaxSignalsPerPage = 500

// BaseSignal is what makes a signal: its name, its query ("field:value"
// pairs of the fields author, hashtag and cashtag, joined by AND and OR,
// at least one tag), whether it shows on its creator's profile and whether
// it is pushed to every user of the company.
type BaseSignal struct {
	Name             string `json:"name"`
	Query            string `json:"query"`
	VisibleOnProfile bool   `json:"visibleOnProfile"`
	CompanyWide      bool   `json:"companyWide"`
}

// Signal is a signal as the agent answers it.
type Signal struct {
	BaseSignal
	ID        string `json:"id"`
	Timestamp int64  `json:"timestamp"` // creation, Unix ms
}

// Signals returns a page of the caller's signals: those they created and
// those they are subscribed to, from skip on, at most limit (0: the
// agent's default, 50) (GET /agent/v1/signals/list).
func (c *Client) Signals(ctx context.Context, skip, limit int) ([]Signal, error) {
	const op = "list signals"
	if err := checkLimit(op, limit, MaxSignalsPerPage); err != nil {
		return nil, err
	}
	var out []Signal
	_, err := c.do(ctx, request{op: op, srv: &c.agent, method: http.MethodGet,
		path: "/agent/v1/signals/list", query: pageQuery(skip, limit), auth: authSessionKey, out: &out})
	return out, err
}

// AllSignals returns every signal of the caller, a page after another.
func (c *Client) AllSignals(ctx context.Context) ([]Signal, error) {
	var all []Signal
	for {
		page, err := c.Signals(ctx, len(all), MaxSignalsPerPage)
		if err != nil {
			return all, err
		}
		all = append(all, page...)
		if len(page) < MaxSignalsPerPage {
			return all, nil
		}
	}
}

// CreateSignal creates a signal of the caller, who is subscribed to it
// (POST /agent/v1/signals/create).
func (c *Client) CreateSignal(ctx context.Context, s BaseSignal) (Signal, error) {
	var out Signal
	_, err := c.do(ctx, request{op: "create signal", srv: &c.agent, method: http.MethodPost,
		path: "/agent/v1/signals/create", in: s, auth: authSessionKey, out: &out})
	return out, err
}
