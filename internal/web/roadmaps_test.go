package web_test

import (
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

func TestRoadmapPages(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		c := srv.Learner(t, "ada")
		anon := srv.Anonymous()
		anon.Expect(t, "GET", "/roadmaps/backend", "", 200, "Log in</a> to track your progress")
		anon.Expect(t, "GET", "/roadmaps/backend/topics/http", "", 200, "Resources")
		c.Expect(t, "GET", "/roadmaps", "", 200, `href="/roadmaps/backend"`)
		c.Expect(t, "GET", "/roadmaps/backend", "", 200, `<strong class="percent">0%</strong>`)

		// a plain form post (no JavaScript) redirects back to the topic in the list
		res, _ := form(t, c, srv, "/roadmaps/backend/topics/http/status", url.Values{"status": {"done"}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/roadmaps/backend#t-http" {
			t.Fatalf("no-JS status post: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		page := c.Expect(t, "GET", "/roadmaps/backend", "", 200, `<li class="topic status-done" id="t-http">`)
		if strings.Contains(page, `<strong class="percent">0%</strong>`) {
			t.Fatal("the percentage did not move")
		}
		// the picture is in the page, closed, and drawn with the learner's statuses
		details := strings.Index(page, `<details class="picture-box">`)
		if details < 0 || details > strings.Index(page, `id="t-http"`) || !strings.Contains(page, `class="done"><title>How HTTP works (done)</title>`) {
			t.Fatal("the roadmap page lacks its picture (closed, before the list, with statuses)")
		}

		// htmx gets the new row and the new counts, swapped out of band
		req, _ := http.NewRequest("POST", srv.URL+"/roadmaps/backend/topics/html/status", strings.NewReader("status=learning"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("HX-Request", "true")
		req.Header.Set("Authorization", "Bearer "+c.Token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body := readAll(t, res)
		for _, want := range []string{`<li class="topic status-learning" id="t-html">`, `id="summary" hx-swap-oob="true"`, `id="step-learn-count" hx-swap-oob="true"`,
			`<template><svg><a hx-swap-oob="true" id="rp-html" href="/roadmaps/backend/topics/html" class="learning">`} {
			if !strings.Contains(body, want) {
				t.Fatalf("htmx answer lacks %s:\n%s", want, body)
			}
		}
		if strings.Contains(body, "<html") {
			t.Fatal("htmx answer is a whole page")
		}

		// the note form keeps what was typed when it is refused
		long := strings.Repeat("x", 20001)
		res, body = form(t, c, srv, "/roadmaps/backend/topics/http/note", url.Values{"note": {long}})
		if res.StatusCode != 422 || !strings.Contains(body, long) || !strings.Contains(body, "at most 20000 characters") {
			t.Fatalf("refused note: %d", res.StatusCode)
		}
		res, _ = form(t, c, srv, "/roadmaps/backend/topics/http/note", url.Values{"note": {"Status codes matter."}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("note: %d", res.StatusCode)
		}
		c.Expect(t, "GET", "/roadmaps/backend/topics/http", "", 200, "Status codes matter.")
		c.Expect(t, "GET", "/roadmaps/backend/topics/http", "", 200, "todo → done")

		// bulk: a whole step, then reset
		form(t, c, srv, "/roadmaps/backend/bulk", url.Values{"step": {"learn"}, "status": {"done"}})
		c.Expect(t, "GET", "/roadmaps/backend", "", 200, `id="step-learn-count" class="muted step-count">100% done`)
		form(t, c, srv, "/roadmaps/backend/bulk", url.Values{"step": {"learn"}, "status": {"todo"}})
		c.Expect(t, "GET", "/roadmaps/backend", "", 200, `id="step-learn-count" class="muted step-count">0% done`)

		c.Expect(t, "GET", "/", "", 200, `aria-label="Activity over the last year"`)
		c.Expect(t, "GET", "/roadmaps/nope", "", 404, `no roadmap`)
		c.Expect(t, "GET", "/roadmaps/backend/topics/nope", "", 404, `no topic`)
	})
}

func readAll(t *testing.T, res *http.Response) string {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestGraph reads the roadmap's picture as a document of its own: coloured
// by the site's stylesheet (no style of its own, which the content policy
// would refuse), one link per topic.
func TestGraph(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Learner(t, "ada")
	c.Expect(t, "PUT", "/api/v1/me/progress/backend/topics/http", `{"status":"done"}`, 200, "")
	res := c.Request(t, "GET", "/roadmaps/backend/graph.svg", "", nil)
	body := readAll(t, res)
	if res.Header.Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(body, "<?xml") {
		t.Fatalf("graph: %s %.80s", res.Header.Get("Content-Type"), body)
	}
	for _, want := range []string{`<?xml-stylesheet href="/static/style.`, `<svg xmlns="http://www.w3.org/2000/svg"`,
		`href="/roadmaps/backend/topics/http" class="done"><title>How HTTP works (done)</title>`, `<title>Backend developer: 105 topics in 8 steps.`} {
		if !strings.Contains(body, want) {
			t.Fatalf("graph lacks %s", want)
		}
	}
	for _, refused := range []string{"<style", "style="} {
		if strings.Contains(body, refused) {
			t.Fatalf("graph has %s", refused)
		}
	}
	if n := strings.Count(body, `<a id="rp-`); n != 105 {
		t.Fatalf("%d topics, want 105", n)
	}
}

func TestImportPage(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Learner(t, "ada")
	c.Expect(t, "GET", "/account", "", 200, `action="/account/import"`)
}

// TestOperatorRoadmaps loads roadmaps from the data directory: a good one is
// served next to the shipped one, a broken one is skipped.
func TestOperatorRoadmaps(t *testing.T) {
	cfg := devpathtest.Config(t, devpathtest.Engine{})
	write := func(name, data string) {
		path := filepath.Join(cfg.DataDir, "roadmaps", name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	topic := "---\nresources:\n  - {kind: docs, title: Docs, url: 'https://go.dev/doc/', free: true}\n---\nLearn it.\n"
	write("go-extra/roadmap.yaml", "slug: go-extra\ntitle: Go extras\nversion: 1\nsteps:\n  - {id: one, title: One}\ntopics:\n  - {id: generics, title: Generics, step: one, estimate_hours: 5}\n")
	write("go-extra/topics/generics.md", topic)
	write("broken/roadmap.yaml", "slug: broken\ntitle: Broken\nversion: 1\nsteps:\n  - {id: one, title: One}\ntopics:\n  - {id: a, title: A, step: one, estimate_hours: 5, prerequisites: [b]}\n")
	write("broken/topics/a.md", topic)
	srv := devpathtest.Start(t, cfg)
	c := srv.Anonymous()
	body := c.Expect(t, "GET", "/api/v1/roadmaps", "", 200, `"slug":"go-extra"`)
	if strings.Contains(body, "broken") {
		t.Fatalf("a broken roadmap is served: %s", body)
	}
	c.Expect(t, "GET", "/roadmaps/go-extra/topics/generics", "", 200, "Learn it.")
}
