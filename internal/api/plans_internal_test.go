package api

import (
	"reflect"
	"strings"
	"testing"

	"devpath/internal/roadmap"
)

// A struct tag must be a constant, so the OpenAPI enum of starting_point
// repeats roadmap.StartingPoints; this keeps the two the same.
func TestStartingPointEnum(t *testing.T) {
	f, _ := reflect.TypeFor[profileBody]().FieldByName("StartingPoint")
	var want []string
	for _, sp := range roadmap.StartingPoints() {
		want = append(want, string(sp))
	}
	if got := f.Tag.Get("enum"); got != strings.Join(want, ",") {
		t.Errorf("enum tag %q, starting points %v", got, want)
	}
}
