package career

import (
	"errors"
	"os"
	"testing"

	"devpath/content"
	"devpath/internal/app"
	"devpath/internal/roadmap"
)

func backendMatcher(t *testing.T) *Matcher {
	t.Helper()
	r, err := roadmap.Load(content.Roadmaps, "roadmaps/backend")
	if err != nil {
		t.Fatal(err)
	}
	v, verr := LoadVocabulary(content.Career)
	if verr != nil {
		t.Fatal(verr)
	}
	return NewMatcher(r, v)
}

func sampleResumeJSON(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/resume.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func sampleResume(t *testing.T) Resume {
	t.Helper()
	r, err := ParseResume(sampleResumeJSON(t))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// appError asserts that err is an *app.Error with the code and returns it.
func appError(t *testing.T, err error, code app.Code) *app.Error {
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
