package simulator

import (
	"net/http"
	"strconv"
)

// pathUserID reads the user id of the path parameter name: a malformed one
// is a 400.
func pathUserID(r *http.Request, name string) (int64, error) {
	v := r.PathValue(name)
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, badRequest("Invalid user id %q", v)
	}
	return id, nil
}
