package checker

import (
	"bytes"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"devpath/internal/checker/checkertest"
)

// Two mistakes in two stages are both reported, and every other stage runs
// and passes.
func TestEveryStageRuns(t *testing.T) {
	url := serve(t, newNotesServer(NotesToken, checkertest.NotesNoPaging|checkertest.NotesNoETag))
	rep := check(t, "notes-api", url, Options{})
	for _, res := range rep.Results {
		want := StatusPass
		if res.Slug == "paginate" || res.Slug == "etag" {
			want = StatusFail
		}
		if res.Status != want {
			t.Errorf("%s: %s (%s), want %s", res.Slug, res.Status, res.Message, want)
		}
	}
	if rep.Passed || rep.passedCount() != 9 {
		t.Errorf("passed=%v with %d stages passed", rep.Passed, rep.passedCount())
	}
}

// Every failure of a stage is a finding of its own, each with the exchange
// that showed it.
func TestEveryFailureWithItsExchange(t *testing.T) {
	url := serve(t, newNotesServer(NotesToken, checkertest.NotesNoValidation))
	res := expectOnly(t, check(t, "notes-api", url, Options{}), "validation", "(without a title) answered 201 Created")
	if len(res.Findings) != 2 {
		t.Fatalf("%d findings, want 2 (no title, blank title):\n%s", len(res.Findings), res.Transcript)
	}
	for i, label := range []string{"without a title", "with a blank title"} {
		f := res.Findings[i]
		if f.Level != Failure || !strings.Contains(f.Message, label) {
			t.Errorf("finding %d: %+v", i, f)
		}
		if !strings.Contains(f.Exchange, "$ curl -i -X POST") || !strings.Contains(f.Exchange, "HTTP/1.1 201 Created") || strings.Count(f.Exchange, "$ curl") != 1 {
			t.Errorf("finding %d: the exchange is not its one request and answer:\n%s", i, f.Exchange)
		}
	}
}

// A stage that needs what a failed stage was to make is skipped, saying so;
// the stages that need nothing from it still run.
func TestSkippedForWantOfANeed(t *testing.T) {
	url := serve(t, newNotesServer("something-else", 0))
	rep := check(t, "notes-api", url, Options{})
	want := map[string]Status{
		"health": StatusPass, "create-note": StatusFail, "read-note": StatusSkip, "paginate": StatusSkip,
		"filter-by-tag": StatusSkip, "update-note": StatusSkip, "delete-note": StatusSkip,
		"validation": StatusFail, "not-found": StatusFail, "auth": StatusPass, "etag": StatusSkip,
	}
	for _, res := range rep.Results {
		if res.Status != want[res.Slug] {
			t.Errorf("%s: %s (%s), want %s", res.Slug, res.Status, res.Message, want[res.Slug])
		}
	}
	read := rep.Results[2]
	if read.Message != "not run: it needs a note created by the server, from stage create-note, which failed" {
		t.Errorf("read-note: %q", read.Message)
	}
	if !strings.Contains(read.Transcript, "SKIP read-note: not run: it needs") {
		t.Errorf("read-note's transcript:\n%s", read.Transcript)
	}
}

// Once nothing listens, no later stage is tried: each would say the same.
func TestUnreachableSkipsTheRest(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	rep := check(t, "notes-api", "http://"+addr, Options{})
	for _, res := range rep.Results[1:] {
		if res.Status != StatusSkip || res.Message != "not run: the server could not be reached at stage health" {
			t.Errorf("%s: %s: %s", res.Slug, res.Status, res.Message)
		}
	}
}

// The stage list must be able to give each stage what it needs.
func TestNeedsAreGivenEarlier(t *testing.T) {
	for _, s := range suites() {
		if err := checkNeeds(s.name, s.suite(nil)); err != nil {
			t.Error(err)
		}
	}
	bad := []step{{slug: "read", needs: []string{"note"}}, {slug: "create", gives: []string{"note"}}}
	if err := checkNeeds("p", bad); err == nil || !strings.Contains(err.Error(), `stage "read" needs "note", which no earlier stage gives`) {
		t.Errorf("got %v", err)
	}
}

// A run's duration is its own, not 0: at least the time of its stages, in
// the report, its JSON and its summary, whether it ran or could not start.
func TestRunDuration(t *testing.T) {
	notes := newNotesServer(NotesToken, 0)
	url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(2 * time.Millisecond) // so that the run lasts whole milliseconds
		notes.ServeHTTP(w, r)
	}))
	rep := check(t, "notes-api", url, Options{})
	var stages time.Duration
	for _, res := range rep.Results {
		stages += res.Duration
	}
	if rep.Duration <= 0 || rep.Duration < stages {
		t.Errorf("the run took %s; its stages %s", rep.Duration, stages)
	}
	if ms := rep.JSON().DurationMS; ms < 20 {
		t.Errorf("duration_ms is %d; the run made over ten requests of 2 ms", ms)
	}
	var buf bytes.Buffer
	PrintSummary(&buf, rep)
	if strings.Contains(buf.String(), " in 0s.") {
		t.Errorf("the summary says 0s:\n%s", buf.String())
	}
	if bad := check(t, "notes-api", "not a url", Options{}); bad.Duration <= 0 {
		t.Errorf("a run that could not start took %s", bad.Duration)
	}
}
