package web_test

import (
	"html"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"devpath/internal/checker"
	"devpath/internal/checker/checkertest"
	"devpath/internal/devpathtest"
)

func TestProjectCheckPages(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Learner(t, "ada")
	srv.Anonymous().Expect(t, "GET", "/practice", "", 200, `href="/practice/projects/conduit"`)
	c.Expect(t, "GET", "/practice/projects/notes-api", "", 200, "The specification")

	res, body := form(t, c, srv, "/practice/projects/notes-api/checks", url.Values{"url": {"not a url"}})
	if res.StatusCode != 422 || !strings.Contains(body, `value="not a url"`) {
		t.Fatalf("bad url: %d", res.StatusCode)
	}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := "http://" + ln.Addr().String()
	ln.Close()
	res, _ = form(t, c, srv, "/practice/projects/notes-api/checks", url.Values{"url": {addr}})
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/practice/checks/") {
		t.Fatalf("start: %d %s", res.StatusCode, loc)
	}
	srv.WaitForChecks(t)
	page := c.Expect(t, "GET", loc, "", 200, "Failed: 0 stages passed, 1 could not be checked, 10 skipped, in ")
	if !strings.Contains(page, "$ curl -i") {
		t.Fatal("no transcript on the page")
	}
	srv.Learner(t, "bob").Expect(t, "GET", loc, "", 404, "not found")
}

// A run's page shows its summary, then each stage with its failures and its
// warnings, each warning with the spec's line.
func TestCheckPageFailuresAndWarnings(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Learner(t, "ada")
	api := httptest.NewServer(checkertest.NewNotesServer(checker.NotesToken, checkertest.NotesCreate200|checkertest.NotesNoETag))
	t.Cleanup(api.Close)
	res, _ := form(t, c, srv, "/practice/projects/notes-api/checks", url.Values{"url": {api.URL}})
	loc := res.Header.Get("Location")
	srv.WaitForChecks(t)
	page := c.Expect(t, "GET", loc, "", 200, "Failed: 10 stages passed, 1 failed, 1 warning, in ")
	for _, want := range []string{
		`<strong>Warning:</strong> POST /notes answered 200 OK; the spec says 201 Created`,
		`Spec: notes-api SPEC.md line 73: POST /notes answers 201 Created`,
		`<strong>Failure:</strong> GET /notes/1: the answer has no ETag header`,
		`<span class="badge warn">1 warning</span>`,
		`<summary>The request and the answer</summary>`,
		`<p class="hint-label">Hint</p><p>201, not 200: a POST that creates something says so.`,
		`<p class="hint-label">Hint</p><p>Keep a version number per note`,
	} {
		if !strings.Contains(page, html.EscapeString(want)) && !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// A report stored before failures and warnings existed (its run stopped at
// the first failure) still reads well.
func TestCheckPageOldReport(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Learner(t, "ada")
	res, _ := form(t, c, srv, "/practice/projects/notes-api/checks", url.Values{"url": {"http://127.0.0.1:1"}})
	loc := res.Header.Get("Location")
	srv.WaitForChecks(t)
	id, _ := strconv.ParseInt(loc[strings.LastIndexByte(loc, '/')+1:], 10, 64)
	old := `{"project":"notes-api","url":"http://localhost:8080","seed":7,"passed":false,"started_at":"2026-01-02T03:04:05Z",
		"duration_ms":0,"stages":11,"results":[
		{"slug":"health","title":"Health check","status":"pass","duration_ms":1,"transcript":"PASS health"},
		{"slug":"create-note","title":"Create a note","status":"fail","message":"POST /notes answered 200 OK; expected 201 Created","duration_ms":2,"transcript":"FAIL create-note"}]}`
	if err := srv.App.Store.FinishRun(t.Context(), id, checker.Failed, 1, []byte(old), time.Now()); err != nil {
		t.Fatal(err)
	}
	page := c.Expect(t, "GET", loc, "", 200, "Failed: 1 stage passed, 1 failed, 9 not run, in 0 ms.")
	if !strings.Contains(page, "<p>POST /notes answered 200 OK; expected 201 Created</p>") {
		t.Error("the old failure's message is not shown")
	}
}
