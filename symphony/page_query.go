package symphony

import (
	"net/url"
	"strconv"
)

// pageQuery is the query of a page of a skip and limit list: each set only
// when positive, leaving the server its defaults.
func pageQuery(skip, limit int) url.Values {
	q := url.Values{}
	if skip > 0 {
		q.Set("skip", strconv.Itoa(skip))
	}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	return q
}
