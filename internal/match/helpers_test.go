package match

import (
	"testing"

	"devpath/content"
	"devpath/internal/roadmap"
)

func backendMatcher(t testing.TB) *Matcher {
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
