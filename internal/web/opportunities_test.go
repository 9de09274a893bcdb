package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// TestOpportunityPages: a mentor posts an internship through the form (a
// bad one comes back with every problem and what was typed), the learner
// applies with one button and lands on the application in their pipeline,
// staff see the count by stage and record outcomes, and the placement rate
// shows on the cohort page; someone outside the cohort gets 404.
func TestOpportunityPages(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		root, mentor, bob, eve := srv.Learner(t, "root"), srv.Learner(t, "mentor"), srv.Learner(t, "bob"), srv.Learner(t, "eve")
		res, _ := form(t, root, srv, "/cohorts", url.Values{"name": {"Autumn"}, "roadmap": {"backend"}, "start_date": {"2025-09-01"},
			"end_date": {"2026-06-30"}, "target_date": {"2026-03-01"}, "weekly_hours": {"15"}, "time_zone": {"Europe/Berlin"}})
		path := res.Header.Get("Location")
		form(t, root, srv, path+"/members", url.Values{"member_email": {"bob@example.org"}})
		form(t, root, srv, path+"/staff", url.Values{"email": {"mentor@example.org"}, "role": {"mentor"}})

		bad := url.Values{"kind": {"job"}, "company": {"Acme"}, "title": {""}, "deadline": {"next week"}, "link": {"acme.example"}}
		res, body := form(t, mentor, srv, path+"/opportunities", bad)
		for _, want := range []string{"Title", "Apply by", "Link to the posting", `value="Acme"`, `value="next week"`} {
			if res.StatusCode != 422 || !strings.Contains(body, want) {
				t.Fatalf("a bad posting (%d) lacks %s:\n%s", res.StatusCode, want, body)
			}
		}
		good := url.Values{"kind": {"internship"}, "company": {"Acme"}, "title": {"Backend intern"}, "deadline": {"2099-01-31"},
			"link": {"https://acme.example/1"}, "description": {"Go, SQL\nand HTTP"}}
		if res, _ := form(t, mentor, srv, path+"/opportunities", good); res.StatusCode != 303 {
			t.Fatalf("post: %d", res.StatusCode)
		}
		page := bob.Expect(t, "GET", path+"/opportunities", "", 200, "Backend intern")
		apply := regexp.MustCompile(`action="(/cohorts/\d+/opportunities/\d+/apply)"`).FindStringSubmatch(page)
		if apply == nil {
			t.Fatalf("no apply button:\n%s", page)
		}
		res, _ = form(t, bob, srv, apply[1], url.Values{})
		if res.StatusCode != 303 || !strings.HasPrefix(res.Header.Get("Location"), "/applications/") {
			t.Fatalf("apply: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		bob.Expect(t, "GET", res.Header.Get("Location"), "", 200, "Acme")
		bob.Expect(t, "GET", path+"/opportunities", "", 200, "Follow it in your applications")
		if res, body := form(t, bob, srv, apply[1], url.Values{}); res.StatusCode != 409 || !strings.Contains(body, "applied to this one already") {
			t.Fatalf("applying twice: %d", res.StatusCode)
		}

		staff := mentor.Expect(t, "GET", path+"/opportunities", "", 200, `1 applied; where they are now: <span class="badge">applied: 1</span>`)
		outcome := regexp.MustCompile(`action="(/cohorts/\d+/learners/\d+/outcome)"`).FindStringSubmatch(staff)
		if outcome == nil {
			t.Fatalf("no outcome form:\n%s", staff)
		}
		if res, _ := form(t, mentor, srv, outcome[1], url.Values{"outcome": {"hired"}}); res.StatusCode != 303 {
			t.Fatalf("record: %d", res.StatusCode)
		}
		mentor.Expect(t, "GET", path+"/opportunities", "", 200, "100% placed")
		mentor.Expect(t, "GET", path, "", 200, "100% placed")
		eve.Expect(t, "GET", path+"/opportunities", "", 404, "")
		if res, _ := form(t, eve, srv, apply[1], url.Values{}); res.StatusCode != 404 {
			t.Errorf("an outsider applied: %d", res.StatusCode)
		}
	})
}
