package simulator

import "net/http"

// querySkipLimit reads the skip and limit parameters of a paged call:
// absent, skip is 0 and limit defLimit. The range they may take is the
// call's to check.
func querySkipLimit(r *http.Request, defLimit int64) (skip, limit int64, err error) {
	if skip, _, err = queryInt(r, "skip", 0); err != nil {
		return 0, 0, err
	}
	if limit, _, err = queryInt(r, "limit", defLimit); err != nil {
		return 0, 0, err
	}
	return skip, limit, nil
}

// agentSkipLimit reads skip and limit as the agent's history and message
// search check them: skip ≥ 0, limit 0..maxLimit, 0 or none meaning
// defLimit.
func agentSkipLimit(r *http.Request, defLimit, maxLimit int64) (skip, limit int, err error) {
	s, l, err := querySkipLimit(r, defLimit)
	if err != nil {
		return 0, 0, err
	}
	switch {
	case s < 0:
		return 0, 0, badRequest("The skip parameter must not be negative")
	case l < 0 || l > maxLimit:
		return 0, 0, badRequest("The limit parameter must be between 0 and %d", maxLimit)
	case l == 0:
		l = defLimit
	}
	return int(s), int(l), nil
}
