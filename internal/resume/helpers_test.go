package resume

import (
	"os"
	"testing"
)

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
