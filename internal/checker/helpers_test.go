package checker

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"devpath/internal/checker/checkertest"
)

// The reference servers, under short names.
type fault = checkertest.Fault

var (
	newNotesServer   = checkertest.NewNotesServer
	newConduitServer = checkertest.NewConduitServer
)

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// serve starts h on a loopback port for the length of the test.
func serve(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// contentFS is the repository's content folder, which the binary embeds;
// the tests read it from disk because checker does not import it.
var contentFS = os.DirFS("../../content")

// loadShipped reads the shipped projects once for the whole package.
var loadShipped = sync.OnceValues(func() (*Catalog, error) { return Load(contentFS, "projects") })

// shipped returns the shipped projects.
func shipped(t *testing.T) *Catalog {
	t.Helper()
	c, err := loadShipped()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func mustLookup(t *testing.T, name string) Project {
	t.Helper()
	p, err := shipped(t).Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// check runs a project against url with a fixed seed and a short stage timeout.
func check(t *testing.T, project, url string, opts Options) Report {
	t.Helper()
	if opts.Seed == 0 {
		opts.Seed = 42
	}
	if opts.RequestTimeout == 0 {
		opts.RequestTimeout = 5 * time.Second
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	return Run(ctx, mustLookup(t, project), url, opts)
}

// expectFirst asserts that the first stage that did not pass is slug, with
// status st and a message containing every fragment.
func expectFirst(t *testing.T, rep Report, slug string, st Status, fragments ...string) Result {
	t.Helper()
	if len(rep.Results) != rep.Stages {
		t.Fatalf("%d results for %d stages", len(rep.Results), rep.Stages)
	}
	i := slices.IndexFunc(rep.Results, func(r Result) bool { return r.Status != StatusPass })
	if i < 0 {
		t.Fatalf("every stage passed; want %s (%s)", slug, st)
	}
	first := rep.Results[i]
	if first.Slug != slug || first.Status != st {
		t.Fatalf("first problem at %s (%s): %s; want %s (%s)\n%s", first.Slug, first.Status, first.Message, slug, st, first.Transcript)
	}
	for _, f := range fragments {
		if !strings.Contains(first.Message, f) {
			t.Errorf("message %q lacks %q", first.Message, f)
		}
	}
	if rep.Passed {
		t.Error("report says passed")
	}
	return first
}

// expectOnly asserts that stage slug failed with a finding whose message
// holds every fragment, and that every other stage passed or was skipped
// for want of what a failed stage was to make.
func expectOnly(t *testing.T, rep Report, slug string, fragments ...string) Result {
	t.Helper()
	var got Result
	for _, res := range rep.Results {
		switch {
		case res.Slug == slug:
			got = res
		case res.Status == StatusSkip && strings.Contains(res.Message, ", from stage "):
		case res.Status != StatusPass:
			t.Errorf("stage %s: %s: %s\n%s", res.Slug, res.Status, res.Message, res.Transcript)
		}
	}
	if got.Status != StatusFail {
		t.Fatalf("stage %s: %s, want fail: %s\n%s", slug, got.Status, got.Message, got.Transcript)
	}
	if !slices.ContainsFunc(got.Findings, func(f Finding) bool { return containsAll(f.Message, fragments) }) {
		t.Errorf("no finding of %s holds %q:\n%s", slug, fragments, got.Transcript)
	}
	if rep.Passed {
		t.Error("report says passed")
	}
	return got
}

func containsAll(s string, fragments []string) bool {
	for _, f := range fragments {
		if !strings.Contains(s, f) {
			return false
		}
	}
	return true
}

// expectPass asserts that every stage passed with nothing to say.
func expectPass(t *testing.T, rep Report) {
	t.Helper()
	for _, res := range rep.Results {
		if res.Status != StatusPass || len(res.Findings) > 0 {
			t.Fatalf("stage %s: %s: %s (%d findings)\n%s", res.Slug, res.Status, res.Message, len(res.Findings), res.Transcript)
		}
	}
	if !rep.Passed || len(rep.Results) != rep.Stages {
		t.Fatalf("passed=%v after %d of %d stages", rep.Passed, len(rep.Results), rep.Stages)
	}
}

// expectWarning asserts that the run passed, that stage slug has one
// warning whose message holds every fragment and which cites the spec, and
// that no other stage found anything.
func expectWarning(t *testing.T, rep Report, slug string, fragments ...string) Finding {
	t.Helper()
	var got []Finding
	for _, res := range rep.Results {
		if res.Status != StatusPass {
			t.Errorf("stage %s: %s: %s\n%s", res.Slug, res.Status, res.Message, res.Transcript)
		}
		if res.Slug == slug {
			got = res.Findings
		} else if len(res.Findings) > 0 {
			t.Errorf("stage %s found %q too", res.Slug, res.Findings[0].Message)
		}
	}
	if len(got) != 1 || got[0].Level != Warning || got[0].Spec == "" || !containsAll(got[0].Message, fragments) {
		t.Fatalf("stage %s: findings %+v; want one warning with a spec line, holding %q", slug, got, fragments)
	}
	if !rep.Passed {
		t.Error("a run with only warnings did not pass")
	}
	return got[0]
}
