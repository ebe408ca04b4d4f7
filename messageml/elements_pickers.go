package messageml

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // timezone-picker ids are checked against the tz database, whatever the host has
)

// Date, time and timezone pickers.

var (
	datePickerSpec = &spec{
		kind: kindDatePicker,
		attr: func(_ *converter, e *element, a xattr) error {
			switch a.name {
			case "name", "value", "required", "placeholder", "min", "max", "label", "title", "disabled", "readonly",
				"disabled-date", "highlighted-date", "format", "formnovalidate":
				e.attrs.set(a.name, a.value)
				return nil
			}
			return notAllowedAttr(e, a)
		},
		validate: validateDatePicker,
		render: func(cv *converter, w *writer, e *element) {
			attrs := attrList{{name: "type", value: "date"}, {name: "name", value: e.attrs.value("name")}}
			copyAttrs(&attrs, e.attrs, "value", "placeholder", "min", "max", "required")
			for _, name := range []string{"disabled-date", "highlighted-date"} {
				if v, ok := e.attrs.get(name); ok {
					attrs = append(attrs, attr{name: "data-" + name, value: dateIntervalsJSON(v), json: true})
				}
			}
			copyAttrs(&attrs, e.attrs, "format=data-format", "disabled", "readonly", "formnovalidate=data-formnovalidate")
			renderSplittable(cv, w, e, "date-picker", func(id string) {
				w.open("input", withID(attrs, id)...)
				w.close()
			})
		},
	}
	timePickerSpec = &spec{
		kind: kindTimePicker,
		attr: func(_ *converter, e *element, a xattr) error {
			switch a.name {
			case "name", "title", "label", "value", "strict", "required", "placeholder", "min", "max", "step",
				"disabled", "readonly", "formnovalidate", "disabled-time", "format":
				e.attrs.set(a.name, a.value)
				return nil
			}
			return notAllowedAttr(e, a)
		},
		validate: validateTimePicker,
		render: func(cv *converter, w *writer, e *element) {
			attrs := attrList{{name: "type", value: "time"}, {name: "name", value: e.attrs.value("name")}}
			copyAttrs(&attrs, e.attrs, "value", "placeholder", "min", "max", "step", "format=data-format", "strict=data-strict")
			if v, ok := e.attrs.get("disabled-time"); ok {
				attrs = append(attrs, attr{name: "data-disabled-time", value: timeIntervalsJSON(v), json: true})
			}
			copyAttrs(&attrs, e.attrs, "required", "disabled", "readonly", "formnovalidate=data-formnovalidate")
			renderSplittable(cv, w, e, "time-picker", func(id string) {
				w.empty("input", withID(attrs, id)...)
			})
		},
	}
	timezonePickerSpec = &spec{
		kind: kindTimezonePicker,
		attr: func(_ *converter, e *element, a xattr) error {
			switch a.name {
			case "name", "value", "title", "label", "required", "placeholder", "disabled-timezone", "formnovalidate":
				e.attrs.set(a.name, a.value)
				return nil
			}
			return notAllowedAttr(e, a)
		},
		validate: validateTimezonePicker,
		render: func(cv *converter, w *writer, e *element) {
			attrs := attrList{{name: "class", value: "timezone-picker"}}
			copyAttrs(&attrs, e.attrs, "name=data-name", "value=data-value", "placeholder=data-placeholder")
			if v, ok := e.attrs.get("disabled-timezone"); ok {
				zones, _ := parseStringList(v, false)
				attrs = append(attrs, attr{name: "data-disabled-timezone", value: marshalStrings(zones), json: true})
			}
			copyAttrs(&attrs, e.attrs, "required=data-required", "formnovalidate=data-formnovalidate")
			renderSplittable(cv, w, e, "timezone-picker", func(id string) {
				w.open("div", withID(attrs, id)...)
				w.close()
			})
		},
	}
)

// dateFormatChars is the agent's [0-9Mdy\/. -:]: digits, M, d, y, '/', '.'
// and the range from space to ':'.
var dateFormatChars = regexp.MustCompile(`^[0-9Mdy/. -:]+$`)

// validateDatePicker checks a <date-picker>.
func validateDatePicker(_ *converter, e *element) error {
	if err := validateFormElement(e, false); err != nil {
		return err
	}
	if err := firstError(assertNotBlank(e, "name"), assertMaxLength(e, "name", 64)); err != nil {
		return err
	}
	for _, name := range []string{"value", "required", "min", "max", "disabled", "readonly"} {
		v, ok := e.attrs.get(name)
		if !ok {
			continue
		}
		switch name {
		case "value", "min", "max":
			if !isISODate(v) {
				return errorf(`Attribute "%s" has invalid date format`, name)
			}
		default:
			if err := assertOptionalBool(e, name); err != nil {
				return err
			}
		}
	}
	for _, name := range []string{"disabled-date", "highlighted-date"} {
		if v, ok := e.attrs.get(name); ok {
			if err := validateDateIntervals(name, v); err != nil {
				return err
			}
		}
	}
	if f, ok := e.attrs.get("format"); ok {
		if err := assertMaxLength(e, "format", 64); err != nil {
			return err
		}
		if !dateFormatChars.MatchString(f) {
			return errorf(`Attribute "format" contains an unsupported date format, only 'M', 'd' and 'y' are supported with a space or '.','-','/',':' as separator`)
		}
		if !isJavaPattern(f, map[byte]int{'M': 5, 'd': 2, 'y': 1 << 30}) {
			return errorf(`Attribute "format" contains an invalid date format`)
		}
	}
	return firstError(assertMaxLength(e, "title", 64), assertMaxLength(e, "label", 64))
}

// validateTimePicker checks a <time-picker>.
func validateTimePicker(_ *converter, e *element) error {
	if err := validateFormElement(e, false); err != nil {
		return err
	}
	if err := firstError(assertNotBlank(e, "name"), assertMaxLength(e, "name", 64), assertMaxLength(e, "placeholder", 64)); err != nil {
		return err
	}
	if v, ok := e.attrs.get("disabled-time"); ok {
		if err := validateTimeIntervals(v); err != nil {
			return err
		}
	}
	if v, ok := e.attrs.get("step"); ok {
		step, err := strconv.ParseInt(v, 10, 32)
		if err != nil {
			return errorf(`Attribute "step" should be a number.`)
		}
		if step < 600 || step > 43200 {
			return errorf(`Attribute "step" must be less than "43200" and more than "600".`)
		}
	}
	if err := assertMaxLength(e, "format", 64); err != nil {
		return err
	}
	if f, ok := e.attrs.get("format"); ok {
		if strings.Trim(f, "hHmsa: ") != "" || f == "" {
			return errorf(`Attribute "format" contains an unsupported time format, only 'h', 'm' 's' and 'a' are supported with ':' or space as separator`)
		}
		if !isJavaPattern(f, map[byte]int{'h': 2, 'H': 2, 'm': 2, 's': 2, 'a': 1}) {
			return errorf(`Attribute "format" contains an invalid time format`)
		}
	}
	for _, name := range []string{"min", "max", "value"} {
		if v, ok := e.attrs.get(name); ok && !isTime(v) {
			return errorf(`Attribute "%s" has invalid time format, only HH:mm:ss format is allowed`, name)
		}
	}
	return assertOptionalBool(e, "required", "strict", "disabled", "readonly")
}

// validateTimezonePicker checks a <timezone-picker>.
func validateTimezonePicker(_ *converter, e *element) error {
	if err := validateFormElement(e, false); err != nil {
		return err
	}
	if err := firstError(assertNotBlank(e, "name"), assertOptionalBool(e, "required")); err != nil {
		return err
	}
	if v := e.attrs.value("value"); v != "" && !isTimezone(v) {
		return errorf(`Attribute "value" contains an invalid timezone: %s`, v)
	}
	if err := assertMaxLength(e, "disabled-timezone", 1024); err != nil {
		return err
	}
	if v, ok := e.attrs.get("disabled-timezone"); ok {
		zones, ok := parseStringList(v, false)
		if !ok {
			return errorf(`Error parsing json in attribute "disabled-timezone". It should contain an array of Strings`)
		}
		for _, z := range zones {
			if !isTimezone(z) {
				return errorf(`Attribute "disabled-timezone" contains an invalid timezone: %s`, z)
			}
		}
	}
	return nil
}

// dateInterval is an entry of disabled-date or highlighted-date.
type dateInterval struct {
	Day        *string `json:"day"`
	From       *string `json:"from"`
	To         *string `json:"to"`
	DaysOfWeek []int   `json:"daysOfWeek"`
}

// kind is the interval's type: "date", "range", "weekdays", or "" when the
// fields do not make one.
func (d dateInterval) kind() string {
	switch {
	case d.Day != nil && d.From == nil && d.To == nil && d.DaysOfWeek == nil:
		return "date"
	case d.From != nil && d.To != nil && d.Day == nil && d.DaysOfWeek == nil:
		return "range"
	case d.DaysOfWeek != nil && d.Day == nil && d.From == nil && d.To == nil:
		return "weekdays"
	}
	return ""
}

// decodeStrict decodes one JSON value into v, refusing unknown fields.
func decodeStrict(s string, v any) error {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("unexpected content after the JSON value")
	}
	return nil
}

// validateDateIntervals checks a disabled-date or highlighted-date value.
func validateDateIntervals(name, v string) error {
	if javaLen(v) > 1024 {
		return errorf(`Attribute "%s" exceed maximum allowed length (1024)`, name)
	}
	var intervals []dateInterval
	if err := decodeStrict(v, &intervals); err != nil {
		return &Error{Message: fmt.Sprintf(`Error parsing json in attribute "%s": %v`, name, err), cause: err}
	}
	for _, d := range intervals {
		switch d.kind() {
		case "date":
			if !isISODate(*d.Day) {
				return errorf(`"%s" is not a valid date in ISO_8601 format`, *d.Day)
			}
		case "range":
			for _, day := range []string{*d.From, *d.To} {
				if !isISODate(day) {
					return errorf(`"%s" is not a valid date in ISO_8601 format`, day)
				}
			}
		case "weekdays":
			for _, day := range d.DaysOfWeek {
				if day < 0 || day > 6 {
					return errorf("'daysOfWeek' out of range [0-6]")
				}
			}
		default:
			return errorf("Date interval 'type' is unknown or null")
		}
	}
	return nil
}

// dateIntervalsJSON rewrites validated date intervals for PresentationML:
// each gets its type first.
func dateIntervalsJSON(v string) string {
	var intervals []dateInterval
	_ = decodeStrict(v, &intervals) // validated already
	var b bytes.Buffer
	b.WriteByte('[')
	for i, d := range intervals {
		if i > 0 {
			b.WriteByte(',')
		}
		o := newObject()
		o.set("type", jstr(d.kind()))
		for _, f := range []struct {
			name string
			v    *string
		}{{"day", d.Day}, {"from", d.From}, {"to", d.To}} {
			if f.v != nil {
				o.set(f.name, jstr(*f.v))
			}
		}
		if d.DaysOfWeek != nil {
			days := &jvalue{kind: jArray}
			for _, day := range d.DaysOfWeek {
				days.arr = append(days.arr, &jvalue{kind: jNumber, s: strconv.Itoa(day)})
			}
			o.set("daysOfWeek", days)
		}
		jobj(o).write(&b)
	}
	b.WriteByte(']')
	return b.String()
}

// timeInterval is an entry of disabled-time.
type timeInterval struct {
	Time *string `json:"time"`
	From *string `json:"from"`
	To   *string `json:"to"`
}

// kind is the interval's type: "time", "range", or "" when the fields do
// not make one.
func (t timeInterval) kind() string {
	switch {
	case t.Time != nil && t.From == nil && t.To == nil:
		return "time"
	case t.Time == nil && t.From != nil && t.To != nil:
		return "range"
	}
	return ""
}

// validateTimeIntervals checks a disabled-time value.
func validateTimeIntervals(v string) error {
	if javaLen(v) > 1024 {
		return errorf(`Attribute "disabled-time" exceed maximum allowed length (1024)`)
	}
	var intervals []timeInterval
	if err := decodeStrict(v, &intervals); err != nil {
		return &Error{Message: fmt.Sprintf(`Error parsing json in attribute "disabled-time": %v`, err), cause: err}
	}
	for _, t := range intervals {
		var times []string
		switch t.kind() {
		case "time":
			times = []string{*t.Time}
		case "range":
			times = []string{*t.From, *t.To}
		default:
			return errorf("Time interval 'type' is unknown or null")
		}
		for _, s := range times {
			if !isTime(s) {
				return errorf(`"%s" is not a valid time, only HH:mm:ss format is allowed`, s)
			}
		}
	}
	return nil
}

// timeIntervalsJSON rewrites validated time intervals for PresentationML.
func timeIntervalsJSON(v string) string {
	var intervals []timeInterval
	_ = decodeStrict(v, &intervals) // validated already
	var b bytes.Buffer
	b.WriteByte('[')
	for i, t := range intervals {
		if i > 0 {
			b.WriteByte(',')
		}
		o := newObject()
		o.set("type", jstr(t.kind()))
		for _, f := range []struct {
			name string
			v    *string
		}{{"time", t.Time}, {"from", t.From}, {"to", t.To}} {
			if f.v != nil {
				o.set(f.name, jstr(*f.v))
			}
		}
		jobj(o).write(&b)
	}
	b.WriteByte(']')
	return b.String()
}

// isTime matches HH:mm:ss.
func isTime(s string) bool {
	if len(s) != 8 || s[2] != ':' || s[5] != ':' {
		return false
	}
	h, err1 := strconv.Atoi(s[0:2])
	m, err2 := strconv.Atoi(s[3:5])
	sec, err3 := strconv.Atoi(s[6:8])
	return err1 == nil && err2 == nil && err3 == nil && s[0] != '+' && s[3] != '+' && s[6] != '+' &&
		h >= 0 && h <= 23 && m >= 0 && m <= 59 && sec >= 0 && sec <= 59
}

// isJavaPattern reports whether DateTimeFormatter.ofPattern accepts a
// pattern made of the given letters, each repeated at most max times.
func isJavaPattern(p string, max map[byte]int) bool {
	quoted := false
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '\'':
			quoted = !quoted
			i++
		case quoted:
			i++
		case c == '#' || c == '{' || c == '}' || c == '[' || c == ']':
			return false
		case max[c] > 0:
			n := 1
			for i+n < len(p) && p[i+n] == c {
				n++
			}
			if n > max[c] {
				return false
			}
			i += n
		default:
			i++
		}
	}
	return !quoted
}

// javaOffset matches the offsets ZoneId.of accepts.
var javaOffset = regexp.MustCompile(`^[+-](\d{1,2}|\d{2}:?\d{2}|\d{2}:\d{2}:\d{2}|\d{6})$`)

// isTimezone reports whether ZoneId.of accepts id: Z, an offset, UTC, GMT or
// UT with an optional offset, or a region of the tz database.
func isTimezone(id string) bool {
	if id == "Z" || javaOffset.MatchString(id) {
		return true
	}
	for _, prefix := range []string{"UTC", "GMT", "UT"} {
		if rest, ok := strings.CutPrefix(id, prefix); ok && (rest == "" || javaOffset.MatchString(rest)) {
			return true
		}
	}
	if id == "Local" || strings.ContainsAny(id, " \\") || strings.HasPrefix(id, "/") {
		return false
	}
	_, err := time.LoadLocation(id)
	return err == nil
}

// parseStringList reads a JSON array of strings; numbers and booleans are
// read as their text, as Jackson coerces them. singleQuotes also accepts
// 'strings' in single quotes.
func parseStringList(s string, singleQuotes bool) ([]string, bool) {
	v, err := parseJSON(s)
	if err != nil && singleQuotes {
		v, err = parseJSON(doubleQuote(s))
	}
	if err != nil || v.kind != jArray {
		return nil, false
	}
	out := make([]string, 0, len(v.arr))
	for _, e := range v.arr {
		switch e.kind {
		case jString, jNumber, jBool:
			out = append(out, e.text())
		case jNull:
			out = append(out, "")
		default:
			return nil, false
		}
	}
	return out, true
}

// doubleQuote turns single-quoted JSON strings into double-quoted ones.
func doubleQuote(s string) string {
	var b strings.Builder
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote == 0 && (c == '\'' || c == '"'):
			quote = c
			b.WriteByte('"')
		case quote != 0 && c == '\\' && i+1 < len(s):
			b.WriteByte(c)
			b.WriteByte(s[i+1])
			i++
		case quote != 0 && c == quote:
			quote = 0
			b.WriteByte('"')
		case quote == '\'' && c == '"':
			b.WriteString(`\"`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// marshalStrings writes a JSON array of strings compactly.
func marshalStrings(list []string) string {
	arr := &jvalue{kind: jArray}
	for _, s := range list {
		arr.arr = append(arr.arr, jstr(s))
	}
	return arr.marshal()
}
