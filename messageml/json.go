package messageml

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// jkind is the kind of a JSON value.
type jkind int

const (
	jNull jkind = iota
	jBool
	jNumber
	jString
	jArray
	jObject
)

// jvalue is a JSON value that keeps the order of object keys, so EntityJSON
// comes out in the order it came in, with generated entities appended, as
// Jackson's ObjectNode does it.
type jvalue struct {
	kind jkind
	b    bool
	s    string // string value, or the literal text of a number
	arr  []*jvalue
	obj  *jobject
}

// jobject is an ordered JSON object.
type jobject struct {
	keys []string
	vals map[string]*jvalue
}

// newObject returns an empty ordered object.
func newObject() *jobject {
	return &jobject{vals: map[string]*jvalue{}}
}

// jstr returns a JSON string.
func jstr(s string) *jvalue { return &jvalue{kind: jString, s: s} }

// jobj returns o as a JSON value.
func jobj(o *jobject) *jvalue { return &jvalue{kind: jObject, obj: o} }

// get returns the value of key, or nil.
func (o *jobject) get(key string) *jvalue {
	return o.vals[key]
}

// set adds or replaces key; a replaced key keeps its position.
func (o *jobject) set(key string, v *jvalue) {
	if _, ok := o.vals[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.vals[key] = v
}

// path returns the value of key when o is an object, else nil (Jackson's
// path(), with nil for the missing node).
func (v *jvalue) path(key string) *jvalue {
	if v == nil || v.kind != jObject {
		return nil
	}
	return v.obj.get(key)
}

// index returns element i of an array, else nil.
func (v *jvalue) index(i int) *jvalue {
	if v == nil || v.kind != jArray || i >= len(v.arr) {
		return nil
	}
	return v.arr[i]
}

// findPath returns the first value of a field called name, searching v and
// then its children depth first (Jackson's findPath).
func (v *jvalue) findPath(name string) *jvalue {
	switch v.kind {
	case jObject:
		if found := v.obj.get(name); found != nil {
			return found
		}
		for _, k := range v.obj.keys {
			if found := v.obj.vals[k].findPath(name); found != nil {
				return found
			}
		}
	case jArray:
		for _, e := range v.arr {
			if found := e.findPath(name); found != nil {
				return found
			}
		}
	}
	return nil
}

// findValues returns every value of a field called name, without looking
// inside a value that matched (Jackson's findValues).
func (v *jvalue) findValues(name string, found []*jvalue) []*jvalue {
	switch v.kind {
	case jObject:
		for _, k := range v.obj.keys {
			if k == name {
				found = append(found, v.obj.vals[k])
			} else {
				found = v.obj.vals[k].findValues(name, found)
			}
		}
	case jArray:
		for _, e := range v.arr {
			found = e.findValues(name, found)
		}
	}
	return found
}

// text is Jackson's asText: the string, the number or boolean literal, or "".
func (v *jvalue) text() string {
	if v == nil {
		return ""
	}
	switch v.kind {
	case jString, jNumber:
		return v.s
	case jBool:
		return strconv.FormatBool(v.b)
	case jNull:
		return "null"
	}
	return ""
}

// asLong is Jackson's asLong: numbers are truncated, numeric strings parsed,
// anything else is 0.
func (v *jvalue) asLong() int64 {
	if v == nil {
		return 0
	}
	switch v.kind {
	case jNumber:
		if n, err := strconv.ParseInt(v.s, 10, 64); err == nil {
			return n
		}
		if f, err := strconv.ParseFloat(v.s, 64); err == nil {
			return int64(f)
		}
	case jString:
		if n, err := strconv.ParseInt(strings.TrimSpace(v.s), 10, 64); err == nil {
			return n
		}
		if f, err := strconv.ParseFloat(strings.TrimSpace(v.s), 64); err == nil {
			return int64(f)
		}
	case jBool:
		if v.b {
			return 1
		}
	}
	return 0
}

// parseJSON reads exactly one JSON value.
func parseJSON(s string) (*jvalue, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("unexpected content after the JSON value")
	}
	return v, nil
}

// maxJSONDepth bounds nesting in EntityJSON.
const maxJSONDepth = 256

// decodeValue reads the next JSON value from dec.
func decodeValue(dec *json.Decoder) (*jvalue, error) {
	return decodeDepth(dec, 0)
}

// decodeDepth reads the next JSON value, depth levels down.
func decodeDepth(dec *json.Decoder, depth int) (*jvalue, error) {
	if depth > maxJSONDepth {
		return nil, fmt.Errorf("nesting deeper than %d levels", maxJSONDepth)
	}
	tok, err := dec.Token()
	if errors.Is(err, io.EOF) {
		return nil, io.ErrUnexpectedEOF
	}
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case nil:
		return &jvalue{kind: jNull}, nil
	case bool:
		return &jvalue{kind: jBool, b: t}, nil
	case json.Number:
		return &jvalue{kind: jNumber, s: t.String()}, nil
	case string:
		return jstr(t), nil
	case json.Delim:
		switch t {
		case '[':
			v := &jvalue{kind: jArray}
			for dec.More() {
				e, err := decodeDepth(dec, depth+1)
				if err != nil {
					return nil, err
				}
				v.arr = append(v.arr, e)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return v, nil
		case '{':
			o := newObject()
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, ok := kt.(string)
				if !ok {
					return nil, fmt.Errorf("object key is %v, not a string", kt)
				}
				e, err := decodeDepth(dec, depth+1)
				if err != nil {
					return nil, err
				}
				o.set(key, e)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return jobj(o), nil
		}
	}
	return nil, fmt.Errorf("unexpected token %v", tok)
}

// marshal writes v compactly, escaping as Jackson does: quotes, backslashes
// and control characters only; everything else is written as UTF-8.
func (v *jvalue) marshal() string {
	var b bytes.Buffer
	v.write(&b)
	return b.String()
}

// write appends v to b.
func (v *jvalue) write(b *bytes.Buffer) {
	switch v.kind {
	case jNull:
		b.WriteString("null")
	case jBool:
		b.WriteString(strconv.FormatBool(v.b))
	case jNumber:
		b.WriteString(v.s)
	case jString:
		writeJSONString(b, v.s)
	case jArray:
		b.WriteByte('[')
		for i, e := range v.arr {
			if i > 0 {
				b.WriteByte(',')
			}
			e.write(b)
		}
		b.WriteByte(']')
	case jObject:
		b.WriteByte('{')
		for i, k := range v.obj.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, k)
			b.WriteByte(':')
			v.obj.vals[k].write(b)
		}
		b.WriteByte('}')
	}
}

// writeJSONString appends s to b as a JSON string.
func writeJSONString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			_, size := utf8.DecodeRuneInString(s[i:])
			b.WriteString(s[i : i+size])
			i += size
			continue
		}
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if c < 0x20 {
				fmt.Fprintf(b, `\u%04X`, c)
			} else {
				b.WriteByte(c)
			}
		}
		i++
	}
	b.WriteByte('"')
}
