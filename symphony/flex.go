package symphony

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// FlexBool is a boolean that also decodes from the strings "true" and
// "false", as some agents send it.
type FlexBool bool

// UnmarshalJSON accepts true, false, "true", "false" and null.
func (b *FlexBool) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch string(data) {
	case "true", `"true"`, `"TRUE"`, `"True"`:
		*b = true
	case "false", `"false"`, `"FALSE"`, `"False"`, "null", `""`:
		*b = false
	default:
		return &json.UnmarshalTypeError{Value: string(data), Type: nil}
	}
	return nil
}

// FlexString is a string that also decodes from a JSON number, as some pods
// send ids that the specification calls strings.
type FlexString string

// UnmarshalJSON accepts a string, a number or null.
func (s *FlexString) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '"' {
		var str string
		if err := json.Unmarshal(data, &str); err != nil {
			return err
		}
		*s = FlexString(str)
		return nil
	}
	if string(data) == "null" {
		*s = ""
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(data, &n); err != nil {
		return err
	}
	*s = FlexString(n.String())
	return nil
}

// Int64 returns the value as an integer, or 0 when it is not one.
func (s FlexString) Int64() int64 {
	n, _ := strconv.ParseInt(string(s), 10, 64)
	return n
}
