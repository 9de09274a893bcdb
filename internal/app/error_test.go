package app_test

import (
	"errors"
	"testing"

	"devpath/internal/app"
)

func TestMerge(t *testing.T) {
	bad := app.Errorf(app.NotFound, "no such thing")
	got := app.Merge(nil, app.FieldError("a", "is wrong"), bad, app.FieldError("b", "is missing"), app.FieldError("a", "again"))
	var e *app.Error
	if !errors.As(got, &e) || e.Code != app.Invalid || len(e.Fields) != 2 || e.Fields["a"] != "is wrong" || e.Fields["b"] != "is missing" {
		t.Fatalf("field problems: %v", got)
	}
	if got := app.Merge(nil, bad, app.Errorf(app.Internal, "later")); got != bad {
		t.Fatalf("no field problems: %v, want the first other error", got)
	}
	if got := app.Merge(nil, nil); got != nil {
		t.Fatalf("nothing wrong: %v", got)
	}
}
