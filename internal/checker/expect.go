package checker

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// failure is a wrong answer: the server replied, but not as the stage expects.
// Any other error from stage code means there was no usable answer.
type failure struct {
	issue string  // the kind of problem; empty when it has no name
	msg   string  //
	spec  specRef // the line the answer goes against, when one says it plainly
}

func (f *failure) Error() string { return f.msg }

// fail makes a failure of the kind issue, whose hint goes with it.
func fail(issue, format string, args ...any) error {
	return &failure{issue: issue, msg: fmt.Sprintf(format, args...)}
}

// against adds the spec's line to a failure; other errors pass through.
func against(err error, spec specRef) error {
	if f, ok := asFailure(err); ok && f.spec.doc == "" {
		f.spec = spec
	}
	return err
}

func asFailure(err error) (*failure, bool) { return errors.AsType[*failure](err) }

// kind is the JSON type a field must have.
type kind int

const (
	kString     kind = iota
	kNullString      // a string or null; RealWorld's bio and image are often null
	kBool
	kInt
	kStrings // an array of strings
	kObject
	kArray
	kTime // an RFC 3339 date-time string
	kID   // a number or a string: notes-api lets the learner choose
)

func (k kind) String() string {
	return [...]string{"a string", "a string or null", "true or false", "an integer", "an array of strings",
		"an object", "an array", "an RFC 3339 date-time string", "a number or a string"}[k]
}

func (k kind) matches(v any) bool {
	switch k {
	case kString:
		_, ok := v.(string)
		return ok
	case kNullString:
		_, ok := v.(string)
		return ok || v == nil
	case kBool:
		_, ok := v.(bool)
		return ok
	case kInt:
		n, ok := v.(json.Number)
		_, err := n.Int64()
		return ok && err == nil
	case kStrings:
		return isStrings(v)
	case kObject:
		_, ok := v.(map[string]any)
		return ok
	case kArray:
		_, ok := v.([]any)
		return ok
	case kTime:
		s, ok := v.(string)
		_, err := time.Parse(time.RFC3339, s)
		return ok && err == nil
	case kID:
		s, ok := v.(string)
		_, isNum := v.(json.Number)
		return (ok && s != "") || isNum
	}
	return false
}

func isStrings(v any) bool {
	list, ok := v.([]any)
	if !ok {
		return false
	}
	for _, e := range list {
		if _, ok := e.(string); !ok {
			return false
		}
	}
	return true
}

// field is a required member of a JSON object.
type field struct {
	name string
	kind kind
}

// shape checks that o has every field with the right type. After it passes,
// type assertions on those fields are safe.
func shape(where string, o map[string]any, fields ...field) error {
	for _, f := range fields {
		v, ok := o[f.name]
		if !ok {
			return fail(issueShape, "%s has no %q field", where, f.name)
		}
		if !f.kind.matches(v) && f.kind == kTime {
			return fail(issueDate, "%s: %q should be %s, such as 2024-05-01T09:30:00Z, but it is %s", where, f.name, f.kind, describe(v))
		}
		if !f.kind.matches(v) {
			return fail(issueShape, "%s: %q should be %s, but it is %s", where, f.name, f.kind, describe(v))
		}
	}
	return nil
}

// member returns o[name], which must be a JSON object.
func member(where string, o map[string]any, name string) (map[string]any, error) {
	if err := shape(where, o, field{name, kObject}); err != nil {
		return nil, err
	}
	return o[name].(map[string]any), nil
}

// objects returns o[name], which must be an array of objects.
func objects(where string, o map[string]any, name string) ([]map[string]any, error) {
	if err := shape(where, o, field{name, kArray}); err != nil {
		return nil, err
	}
	list := o[name].([]any)
	out := make([]map[string]any, len(list))
	for i, v := range list {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, fail(issueShape, "%s: %s[%d] should be an object, but it is %s", where, name, i, describe(v))
		}
		out[i] = m
	}
	return out, nil
}

// describe names a decoded JSON value for a message.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		if len(v) > 40 {
			v = v[:40] + "..."
		}
		return fmt.Sprintf("the string %q", v)
	case bool:
		return fmt.Sprint(v)
	case json.Number:
		return "the number " + v.String()
	case []any:
		return fmt.Sprintf("an array of %d", len(v))
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%v", v)
}

func num(v any) int64 {
	n, _ := v.(json.Number).Int64()
	return n
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		s, _ := e.(string)
		out = append(out, s)
	}
	return out
}

// idString turns a checked kID value into the text used in URLs.
func idString(v any) string {
	if n, ok := v.(json.Number); ok {
		return n.String()
	}
	return v.(string)
}

// sameSet compares two lists of strings ignoring order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// equal checks one returned field against the value the checker sent.
func equal(where, name string, got, want string) error {
	if got != want {
		return fail(issueValue, "%s: %q is %q; expected %q, the value the checker sent", where, name, got, want)
	}
	return nil
}

// mentions reports whether a JSON value names word as a key or inside a string.
func mentions(v any, word string) bool {
	switch v := v.(type) {
	case string:
		return strings.Contains(strings.ToLower(v), word)
	case []any:
		return slices.ContainsFunc(v, func(e any) bool { return mentions(e, word) })
	case map[string]any:
		for k, e := range v {
			if strings.EqualFold(k, word) || mentions(e, word) {
				return true
			}
		}
	}
	return false
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
