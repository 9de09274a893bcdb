package checker

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"devpath/internal/checker/checkertest"
)

func TestWriteJSON(t *testing.T) {
	url := serve(t, newNotesServer(NotesToken, checkertest.NotesNoETag))
	rep := check(t, "notes-api", url, Options{Seed: 5})
	var buf bytes.Buffer
	if err := WriteJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	var got ReportJSON
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Project != "notes-api" || got.URL != url || got.Seed != 5 || got.Passed || got.Stages != 11 || len(got.Results) != 11 {
		t.Errorf("header: %+v", got)
	}
	last := got.Results[10]
	if last.Slug != "etag" || last.Status != StatusFail || !strings.Contains(last.Message, "no ETag header") || last.Transcript == "" {
		t.Errorf("last result: %+v", last)
	}
	for _, key := range []string{`"status": "pass"`, `"duration_ms":`, `"passed": false`, `"message":`} {
		if !strings.Contains(buf.String(), key) {
			t.Errorf("the JSON lacks %s", key)
		}
	}
}

func TestPrintSummary(t *testing.T) {
	url := serve(t, newNotesServer(NotesToken, checkertest.NotesNoPaging))
	var buf bytes.Buffer
	if err := PrintSummary(&buf, check(t, "notes-api", url, Options{Seed: 77})); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"notes-api at " + url + " (seed 77)", "PASS  health", "FAIL  paginate", "PASS  etag",
		"FAIL paginate: GET /notes?page=1&per_page=2: asked for per_page=2",
		"10 stages passed, 1 failed in ", ". Repeat this exact check with --seed 77."} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary lacks %q:\n%s", want, out)
		}
	}

	buf.Reset()
	PrintSummary(&buf, check(t, "notes-api", serve(t, newNotesServer(NotesToken, 0)), Options{}))
	if !strings.Contains(buf.String(), "\n11 stages passed in ") {
		t.Errorf("the summary of a passing run:\n%s", buf.String())
	}
}
