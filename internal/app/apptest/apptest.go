// Package apptest holds assertions on devpath's error type for the tests of
// domain packages, which cannot import the server-backed devpathtest.
package apptest

import (
	"errors"
	"testing"

	"devpath/internal/app"
)

// Error asserts that err is an *app.Error with the code and returns it.
func Error(t *testing.T, err error, code app.Code) *app.Error {
	t.Helper()
	var e *app.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not an app error", err)
	}
	if e.Code != code {
		t.Fatalf("code %s, want %s (%v)", e.Code, code, err)
	}
	return e
}
