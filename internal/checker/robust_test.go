package checker

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"devpath/internal/checker/checkertest"
)

// shortTimeout keeps the tests that wait for a request's deadline quick.
const shortTimeout = 300 * time.Millisecond

// stoppedByStage bounds a notes-api run against a server that never answers:
// the five stages that need nothing from an earlier one (health, create-note,
// validation, not-found, auth) each wait for one request's limit, and the
// rest are skipped. That is well under the 30 s that check gives the whole
// run, which is what a run that ignored the limit would take, with room for
// a loaded machine.
const stoppedByStage = 5*shortTimeout + 3*time.Second

// within fails the test when a run took much longer than one stage timeout.
func within(t *testing.T, start time.Time, limit time.Duration) {
	t.Helper()
	if took := time.Since(start); took > limit {
		t.Errorf("the run took %s; want under %s", took, limit)
	}
}

func TestNothingListening(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	rep := check(t, "notes-api", "http://"+addr, Options{})
	expectFirst(t, rep, "health", StatusError, "connection refused", "nothing is listening at "+addr, "is your server running")
}

// blocking answers nothing until the client gives up (or, as a safety net,
// for 30 seconds). The server's Close waits for its handlers, so each must end
// when the checker hangs up.
func blocking(before func(http.ResponseWriter)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Read the body: only then does net/http watch the connection, and
		// cancel r's context when the checker hangs up.
		io.Copy(io.Discard, r.Body)
		before(w)
		select {
		case <-r.Context().Done():
		case <-time.After(30 * time.Second):
		}
	})
}

func TestHangingServer(t *testing.T) {
	for _, tc := range []struct {
		name   string
		before func(http.ResponseWriter)
	}{
		{"no headers", func(http.ResponseWriter) {}},
		{"headers then a stalled body", func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			w.Write([]byte(`{"status":`))
			w.(http.Flusher).Flush()
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := serve(t, blocking(tc.before))
			start := time.Now()
			rep := check(t, "notes-api", url, Options{RequestTimeout: shortTimeout})
			within(t, start, stoppedByStage)
			expectFirst(t, rep, "health", StatusError, "no complete answer within 300ms", "stuck")
		})
	}
}

// A listener that never accepts: the TCP handshake succeeds in the kernel's
// backlog, and then nothing ever answers.
func TestListenerThatNeverAccepts(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	start := time.Now()
	rep := check(t, "notes-api", "http://"+ln.Addr().String(), Options{RequestTimeout: shortTimeout})
	within(t, start, stoppedByStage)
	expectFirst(t, rep, "health", StatusError, "no complete answer within 300ms")
}

func TestHTMLInsteadOfJSON(t *testing.T) {
	url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html>\n<html><body><h1>Welcome to my site</h1></body></html>")
	}))
	expectFirst(t, check(t, "notes-api", url, Options{}), "health", StatusFail, "GET /health answered with HTML", "text/html", "not JSON")
}

// HTML with no Content-Type is recognised by its first bytes.
func TestHTMLWithoutContentType(t *testing.T) {
	url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // stop net/http from sniffing one
		fmt.Fprint(w, "<html><body>oops</body></html>")
	}))
	expectFirst(t, check(t, "notes-api", url, Options{}), "health", StatusFail, "answered with HTML")
}

func TestJSONWithWrongContentType(t *testing.T) {
	url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, `{"status": "ok"}`)
	}))
	expectFirst(t, check(t, "notes-api", url, Options{}), "health", StatusFail, `Content-Type "text/plain; charset=utf-8"`, "send Content-Type: application/json")
}

func TestRedirectLoop(t *testing.T) {
	url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next := map[string]string{"/health": "/status", "/status": "/health"}[r.URL.Path]
		http.Redirect(w, r, next, http.StatusFound)
	}))
	start := time.Now()
	rep := check(t, "notes-api", url, Options{})
	within(t, start, time.Second)
	expectFirst(t, rep, "health", StatusFail, "redirected 5 times", "redirect loop")
	if got := strings.Count(rep.Results[0].Transcript, "# redirected by 302 Found"); got != 5 {
		t.Errorf("transcript shows %d redirects, want 5:\n%s", got, rep.Results[0].Transcript)
	}
}

// A redirect that ends somewhere sensible is followed.
func TestRedirectFollowed(t *testing.T) {
	url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/health" {
			http.Redirect(w, r, "/v2/health", http.StatusMovedPermanently)
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	}))
	rep := check(t, "notes-api", url, Options{})
	if rep.Results[0].Status != StatusPass {
		t.Fatalf("health: %s: %s", rep.Results[0].Status, rep.Results[0].Message)
	}
}

func TestHugeBody(t *testing.T) {
	const size = 50 << 20
	for _, tc := range []struct {
		name          string
		contentLength bool
	}{{"streamed", false}, {"with Content-Length", true}} {
		t.Run(tc.name, func(t *testing.T) {
			url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				if tc.contentLength {
					w.Header().Set("Content-Length", fmt.Sprint(size))
				}
				chunk := bytes.Repeat([]byte("x"), 64<<10)
				for sent := 0; sent < size; sent += len(chunk) {
					if _, err := w.Write(chunk); err != nil {
						return // the checker hung up, as it should
					}
				}
			}))
			start := time.Now()
			rep := check(t, "notes-api", url, Options{})
			within(t, start, 2*time.Second)
			expectFirst(t, rep, "health", StatusFail, "GET /health answered with a body larger than 1 MiB")
			if n := len(rep.Results[0].Transcript); n > 8<<10 {
				t.Errorf("the transcript is %d bytes; the body should be cut short", n)
			}
		})
	}
}

func TestMaxBodyBytesOption(t *testing.T) {
	url := serve(t, newNotesServer(NotesToken, 0))
	rep := check(t, "notes-api", url, Options{MaxBodyBytes: 10})
	expectFirst(t, rep, "health", StatusFail, "larger than 10 bytes")
}

func TestServerClosesConnection(t *testing.T) {
	url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}))
	expectFirst(t, check(t, "notes-api", url, Options{}), "health", StatusError, "closed the connection without a complete answer")
}

func TestInvalidBaseURL(t *testing.T) {
	for _, raw := range []string{"localhost:8080", "ftp://example.com", "http://", "http://localhost:8080/?debug=1", "::not a url"} {
		t.Run(raw, func(t *testing.T) {
			rep := check(t, "notes-api", raw, Options{})
			expectFirst(t, rep, "health", StatusError, "for example http://localhost:8080")
		})
	}
}

// A base URL with a path prefix keeps it for every request.
func TestBaseURLWithPrefix(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("/app/", http.StripPrefix("/app", newNotesServer(NotesToken, 0)))
	expectPass(t, check(t, "notes-api", serve(t, mux)+"/app/", Options{}))
}

func TestCancelledRun(t *testing.T) {
	url := serve(t, newNotesServer(NotesToken, 0))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	rep := Run(ctx, mustLookup(t, "notes-api"), url, Options{Seed: 1})
	expectFirst(t, rep, "health", StatusError, "the check was cancelled")
}

func TestPanicInStageIsAnError(t *testing.T) {
	p := Project{Name: "fragile", Stages: []Stage{{Slug: "boom", Title: "Boom"}}, suite: func(*harness) []step {
		return []step{{slug: "boom", run: func(context.Context) error { panic("nil map somewhere") }}}
	}}
	rep := Run(t.Context(), p, "http://127.0.0.1:1", Options{})
	expectFirst(t, rep, "boom", StatusError, "internal error in the checker", "nil map somewhere")
}

func TestProjectWithoutCode(t *testing.T) {
	p := Project{Name: "handmade", Stages: []Stage{{Slug: "one", Title: "One"}}}
	expectFirst(t, Run(t.Context(), p, "http://127.0.0.1:1", Options{}), "one", StatusError, "has no stage code")
}

// requests keeps the lines of a transcript that show what was sent, with the
// server's address taken out.
func requests(rep Report, url string) string {
	var b strings.Builder
	for _, res := range rep.Results {
		for line := range strings.Lines(res.Transcript) {
			if strings.HasPrefix(line, "$ curl") || strings.HasPrefix(line, "    -") {
				b.WriteString(strings.ReplaceAll(line, url, "URL"))
			}
		}
	}
	return b.String()
}

func TestSeedReproducesARun(t *testing.T) {
	run := func(seed int64) string {
		url := serve(t, newNotesServer(NotesToken, 0))
		rep := check(t, "notes-api", url, Options{Seed: seed})
		expectPass(t, rep)
		return requests(rep, url)
	}
	first, again, other := run(99), run(99), run(100)
	if first != again {
		t.Error("the same seed sent different requests")
	}
	if first == other {
		t.Error("different seeds sent the same requests")
	}
}

func TestZeroSeedPicksOne(t *testing.T) {
	rep := Run(t.Context(), mustLookup(t, "notes-api"), "http://127.0.0.1:1", Options{})
	if rep.Seed == 0 {
		t.Error("Report.Seed is 0; a run without a seed should report the one it picked")
	}
}

// Options.Out sees the same text as the transcripts, while the run goes on.
func TestLiveOutput(t *testing.T) {
	var out bytes.Buffer
	url := serve(t, newNotesServer(NotesToken, checkertest.NotesNoETag))
	rep := check(t, "notes-api", url, Options{Out: &out})
	var all strings.Builder
	for _, res := range rep.Results {
		all.WriteString(res.Transcript)
	}
	if out.String() != all.String() {
		t.Error("Options.Out differs from the transcripts")
	}
	last := rep.Results[len(rep.Results)-1].Transcript
	for _, want := range []string{"$ curl -i 'http://", "# expect: 200 OK, an ETag header", "HTTP/1.1 200 OK", "FAIL etag:", "hint: Keep a version number"} {
		if !strings.Contains(last, want) {
			t.Errorf("the etag transcript lacks %q:\n%s", want, last)
		}
	}
}

// Headers are limited apart from the body: a header flood ends the stage too.
func TestHugeHeaders(t *testing.T) {
	url := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Padding", strings.Repeat("x", 200<<10))
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	}))
	expectFirst(t, check(t, "notes-api", url, Options{}), "health", StatusError, "headers exceeded")
}
