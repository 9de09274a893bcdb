package api

import (
	"net/http"
	"testing"

	"github.com/danielgtaylor/huma/v2"
)

func TestLocation(t *testing.T) {
	for field, want := range map[string]string{
		"name":                      "body.name",
		"ops/0/index":               "body.ops[0].index",
		"roadmaps.backend.topics.x": "body.roadmaps.backend.topics.x",
		"/work/0/name":              "body./work/0/name", // put-resume documents its problems by JSON pointer
		"query.tz":                  "query.tz",
	} {
		if got := location(field); got != want {
			t.Errorf("location(%q) = %q, want %q", field, got, want)
		}
	}
}

// TestOneProblemPerField: where schema and domain name one field, the
// domain's sentence is said, unless the value had the wrong type; a body
// that could not be read hears nothing from the domain.
func TestOneProblemPerField(t *testing.T) {
	errs := []error{
		&huma.ErrorDetail{Location: "body.kind", Message: `expected value to be one of "job, internship"`, Value: "gig"},
		&huma.ErrorDetail{Location: "body.hours", Message: "expected integer"},
		&huma.ErrorDetail{Location: "body", Message: "expected required property route to be present"},
		&domainProblem{&huma.ErrorDetail{Location: "body.kind", Message: "one of job, internship"}},
		&domainProblem{&huma.ErrorDetail{Location: "body.hours", Message: "must be from 1 to 80"}},
		&domainProblem{&huma.ErrorDetail{Location: "body.route", Message: "must be one of self_taught, bootcamp"}},
	}
	want := []string{"body.hours: must be a whole number", "body.kind: one of job, internship", "body.route: must be one of self_taught, bootcamp"}
	got := oneProblemPerField(http.StatusUnprocessableEntity, errs)
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i, err := range got {
		d := err.(*huma.ErrorDetail)
		if d.Location+": "+d.Message != want[i] || d.Value != nil {
			t.Errorf("problem %d: %+v, want %s without the value", i, d, want[i])
		}
	}
	if got := oneProblemPerField(http.StatusBadRequest, errs[3:]); len(got) != 0 {
		t.Errorf("unreadable body: %v, want no domain problems", got)
	}
}
