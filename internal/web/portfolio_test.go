package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

func TestPortfolioPages(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		c, bob, visitor := srv.Learner(t, "ada"), srv.Learner(t, "bob"), srv.Anonymous()
		c.Expect(t, "GET", "/portfolio", "", 200, "Your page is off")
		c.Expect(t, "GET", "/portfolio/projects/new", "", 200, `name="topics" value="http"`)

		// a wrong field keeps everything typed, ticked topics included
		project := url.Values{
			"kind": {"open_source"}, "title": {"Queue library"}, "role": {"contributor"},
			"repository_url": {"https://git.example.org/q"}, "start_date": {"2026-02-01"}, "end_date": {"2026-01-01"},
			"topics": {"http", "unit-testing"}, "public": {"on"},
			"description": {"Fixed *three* bugs. <script>alert(1)</script> [x](javascript:alert(2))"},
		}
		res, body := form(t, c, srv, "/portfolio/projects", project)
		if res.StatusCode != 422 || !strings.Contains(body, `value="Queue library"`) || !strings.Contains(body, `value="unit-testing" checked`) ||
			!strings.Contains(body, "before it starts") {
			t.Fatalf("end before start: %d", res.StatusCode)
		}
		project.Set("end_date", "2026-03-01")
		res, _ = form(t, c, srv, "/portfolio/projects", project)
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/portfolio?saved#project-") {
			t.Fatalf("create: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		id := strings.TrimPrefix(res.Header.Get("Location"), "/portfolio?saved#project-")
		form(t, c, srv, "/portfolio/projects", url.Values{"kind": {"freelance"}, "title": {"Private gig"}})
		c.Expect(t, "GET", "/portfolio", "", 200, "Queue library")
		c.Expect(t, "GET", "/portfolio/projects/"+id, "", 200, `value="open_source" selected`)
		bob.Expect(t, "GET", "/portfolio/projects/"+id, "", 404, "not found")
		if res, _ := form(t, bob, srv, "/portfolio/projects/"+id, project); res.StatusCode != 404 {
			t.Errorf("another learner changed the project: %d", res.StatusCode)
		}

		// settings: a taken handle is named, and what was typed stays
		form(t, bob, srv, "/portfolio/settings", url.Values{"handle": {"ada"}})
		res, body = form(t, c, srv, "/portfolio/settings", url.Values{"handle": {"ada"}, "headline": {"Go developer"}, "public": {"on"}})
		if res.StatusCode != 409 || !strings.Contains(body, "is taken") || !strings.Contains(body, `value="Go developer"`) {
			t.Fatalf("taken handle: %d", res.StatusCode)
		}
		visitor.Expect(t, "GET", "/u/ada", "", 404, "")
		res, _ = form(t, c, srv, "/portfolio/settings", url.Values{"handle": {"ada-l"}, "headline": {"Go developer"}, "public": {"on"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("settings: %d", res.StatusCode)
		}
		page := visitor.Expect(t, "GET", "/u/ada-l", "", 200, "Queue library")
		if strings.Contains(page, "Private gig") || strings.Contains(page, "<script>alert") || strings.Contains(page, "javascript:") ||
			!strings.Contains(page, "<em>three</em>") {
			t.Errorf("public page: %s", page)
		}

		res, _ = form(t, c, srv, "/portfolio/projects/"+id+"/delete", nil)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %d", res.StatusCode)
		}
		if page := visitor.Expect(t, "GET", "/u/ada-l", "", 200, ""); strings.Contains(page, "Queue library") {
			t.Error("a deleted project is still public")
		}
	})
}
