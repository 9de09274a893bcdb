// Package app holds what every part of devpath shares: the error type that
// carries a code from the domain to the edges, and the request-scoped logger.
package app

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Code says what kind of failure an Error is; httpx maps it to a status.
type Code string

const (
	Invalid      Code = "invalid"
	NotFound     Code = "not_found"
	Conflict     Code = "conflict"
	Unauthorized Code = "unauthorized"
	Forbidden    Code = "forbidden"
	TooLarge     Code = "too_large"
	TooMany      Code = "too_many_requests"
	Internal     Code = "internal"
)

// Error is a failure whose Message is safe to show to the person who caused it.
type Error struct {
	Code    Code
	Message string
	Fields  map[string]string // field -> problem, for Invalid and Conflict
}

func (e *Error) Error() string { return string(e.Code) + ": " + e.Message }

// Errorf builds an Error with a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError is an Invalid error about one field.
func FieldError(field, problem string) *Error {
	return &Error{Code: Invalid, Message: field + ": " + problem, Fields: map[string]string{field: problem}}
}

// Problems collects field problems while validating, in the order found.
type Problems map[string]string

// Add records a problem unless the field already has one.
func (p Problems) Add(field, problem string) {
	if _, ok := p[field]; !ok {
		p[field] = problem
	}
}

// Err returns nil when there are no problems, else an Invalid Error listing them.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	fields := make([]string, 0, len(p))
	for f := range p {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = f + ": " + p[f]
	}
	return &Error{Code: Invalid, Message: strings.Join(parts, "; "), Fields: map[string]string(p)}
}

// ErrorCode returns the code of err, Internal when it carries none.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Merge joins the field problems of several checks into one Invalid Error,
// so that a form hears about all of them at once. Field problems come first:
// when there are none, the first other error is returned as it is.
func Merge(errs ...error) error {
	p := Problems{}
	var other error
	for _, err := range errs {
		var e *Error
		switch {
		case err == nil:
		case errors.As(err, &e) && e.Code == Invalid && len(e.Fields) > 0:
			for f, msg := range e.Fields {
				p.Add(f, msg)
			}
		case other == nil:
			other = err
		}
	}
	if len(p) > 0 {
		return p.Err()
	}
	return other
}
