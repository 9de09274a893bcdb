package web_test

import (
	"net/url"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// TestPageFurniture guards what the design promises on every page: the
// menu marks the current page, a refused form names its problems once,
// beside their fields, under a summary that links to them.
func TestPageFurniture(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Learner(t, "ada")

	page := c.Expect(t, "GET", "/applications/new", "", 200, `<a href="/applications" aria-current="page">Applications</a>`)
	if n := strings.Count(page, `aria-current="page"`); n != 1 {
		t.Errorf("%d links marked as the current page", n)
	}
	c.Expect(t, "GET", "/resumes/1", "", 404, `<a href="/resume" aria-current="page">Resume</a>`)
	// the profile form and the plan are reached from the dashboard
	dashboard := `<a href="/" aria-current="page">Dashboard</a>`
	c.Expect(t, "GET", "/onboarding", "", 200, dashboard)
	if res, _ := form(t, c, srv, "/onboarding", profileAnswers); res.StatusCode != 303 {
		t.Fatalf("onboarding: %d", res.StatusCode)
	}
	c.Expect(t, "GET", "/plan/backend", "", 200, dashboard)

	res, body := form(t, c, srv, "/applications", url.Values{"kind": {"job"}})
	if res.StatusCode != 422 {
		t.Fatalf("empty application: %d", res.StatusCode)
	}
	summary := body[strings.Index(body, `class="alert error-summary"`):]
	summary = summary[:strings.Index(summary, "</div>")]
	for _, want := range []string{"2 answers need a change", `<li><a href="#f-company">Company</a></li><li><a href="#f-title">Title</a></li>`} {
		if !strings.Contains(summary, want) {
			t.Errorf("the summary lacks %s (in the order of the form):\n%s", want, summary)
		}
	}

	res, body = form(t, c, srv, "/applications", url.Values{"kind": {"job"}, "company": {"Acme"}, "title": {"Dev"}, "salary_min": {"lots"}})
	if res.StatusCode != 422 || !strings.Contains(body, `<a href="#f-salary_min">Salary from</a>`) {
		t.Fatalf("a salary that is no number: %d", res.StatusCode)
	}
	if n := strings.Count(body, "a whole number, such as 65000"); n != 1 {
		t.Errorf("the salary's problem shows %d times", n)
	}
	for _, want := range []string{`id="f-salary_min"`, `aria-describedby="app-salary_min-error"`,
		`<p id="app-salary_min-error" class="field-error">Salary from must be a whole number, such as 65000.</p>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the form lacks %s", want)
		}
	}
}

// TestOverdueFollowUps: a follow-up date that has passed, in the learner's
// time zone, is flagged on the board's card and in the list; a closed
// application and a later date are not.
func TestOverdueFollowUps(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Learner(t, "grace")
	for _, a := range []url.Values{
		{"kind": {"job"}, "company": {"Late Ltd"}, "title": {"Dev"}, "follow_up": {"2024-01-15"}},
		{"kind": {"job"}, "company": {"Later Ltd"}, "title": {"Dev"}, "follow_up": {"2999-01-15"}},
	} {
		if res, _ := form(t, c, srv, "/applications", a); res.StatusCode != 303 {
			t.Fatalf("add %s: %d", a.Get("company"), res.StatusCode)
		}
	}
	board := c.Expect(t, "GET", "/applications", "", 200, "follow-up overdue")
	if n := strings.Count(board, "follow-up overdue"); n != 2 { // the card and the list row of Late Ltd
		t.Errorf("%d overdue badges, want 2", n)
	}
	card := board[strings.Index(board, "Late Ltd"):]
	if !strings.Contains(card[:strings.Index(card, "</li>")], "follow-up overdue") {
		t.Error("the card of Late Ltd is not flagged")
	}
}

// TestPublicPortfolioForVisitors: an employer's page has no menu of
// devpath's and shows no step at 0%.
func TestPublicPortfolioForVisitors(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Learner(t, "ada")
	if res, _ := form(t, c, srv, "/portfolio/settings", url.Values{"handle": {"ada-l"}, "public": {"on"}, "show_progress": {"on"}}); res.StatusCode != 303 {
		t.Fatalf("settings: %d", res.StatusCode)
	}
	visitor := srv.Anonymous()
	page := visitor.Expect(t, "GET", "/u/ada-l", "", 200, "ada")
	for _, banned := range []string{"Create an account", `<nav aria-label="Main">`, "0%", "Log in"} {
		if strings.Contains(page, banned) {
			t.Errorf("a visitor of a page where nothing is done sees %q", banned)
		}
	}
	if res, _ := form(t, c, srv, "/roadmaps/backend/topics/http/status", url.Values{"status": {"done"}}); res.StatusCode != 303 {
		t.Fatalf("mark done: %d", res.StatusCode)
	}
	page = visitor.Expect(t, "GET", "/u/ada-l", "", 200, "Learn the foundations")
	if strings.Contains(page, ">0%<") || strings.Contains(page, "Become proficient in a language") {
		t.Error("a visitor sees a step with nothing done")
	}
}
