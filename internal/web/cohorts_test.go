package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// TestCohortPages: the instance admin makes a cohort and adds a learner;
// staff see the dashboard, the learner the cohort's facts and a way to
// leave, anyone else 404; a pasted list is reported line by line and the
// invited get a letter with a link to register.
func TestCohortPages(t *testing.T) {
	srv, box := devpathtest.MailServer(t, devpathtest.Engine{})
	root, bob, eve := srv.Learner(t, "root"), srv.Learner(t, "bob"), srv.Learner(t, "eve")
	cohort := url.Values{"name": {"Autumn"}, "roadmap": {"backend"}, "start_date": {"2025-09-01"}, "end_date": {"2025-08-01"},
		"target_date": {"2026-03-01"}, "weekly_hours": {"15"}, "time_zone": {"Europe/Berlin"}}
	res, body := form(t, root, srv, "/cohorts", cohort)
	if res.StatusCode != 422 || !strings.Contains(body, "End date must not be before the start date.") || !strings.Contains(body, `value="Autumn"`) {
		t.Fatalf("an end before the start: %d\n%s", res.StatusCode, body)
	}
	cohort.Set("end_date", "2026-06-30")
	res, _ = form(t, root, srv, "/cohorts", cohort)
	path := res.Header.Get("Location")
	if res.StatusCode != 303 || !regexp.MustCompile(`^/cohorts/\d+$`).MatchString(path) {
		t.Fatalf("create: %d %s", res.StatusCode, path)
	}
	if res, _ := form(t, bob, srv, "/cohorts", cohort); res.StatusCode != 403 {
		t.Errorf("a learner made a cohort: %d", res.StatusCode)
	}
	if res, _ := form(t, root, srv, path+"/members", url.Values{"member_email": {"bob@example.org"}}); res.StatusCode != 303 {
		t.Fatalf("add bob: %d", res.StatusCode)
	}
	bob.Expect(t, "PUT", "/api/v1/me/progress/backend/topics/http", `{"status":"learning","note":"bob's secret"}`, 200, "")

	page := root.Expect(t, "GET", path+"?sort=flags&stuck=1", "", 200, `<table class="cohort-grid">`)
	for _, want := range []string{"bob@example.org", "Behind the cohort&#39;s pace by", `aria-current="true">Most flags</a>`, `class="grid-none">0%</td>`} {
		if !strings.Contains(page, want) {
			t.Errorf("dashboard lacks %s", want)
		}
	}
	if strings.Contains(page, "bob&#39;s secret") {
		t.Error("the dashboard shows a learner's note")
	}
	bob.Expect(t, "GET", path, "", 200, "Leave this cohort")
	if _, page := bob.Do(t, "GET", path, ""); strings.Contains(page, "cohort-grid") {
		t.Error("a learner sees the dashboard")
	}
	eve.Expect(t, "GET", path, "", 404, "")

	res, body = form(t, root, srv, path+"/invitations", url.Values{"emails": {"ada@example.org\nnonsense\nbob@example.org"}})
	if res.StatusCode != 200 || !strings.Contains(body, "1 of 3 lines invited.") || !strings.Contains(body, "Line 2, <code>nonsense</code>: not an email address.") ||
		!strings.Contains(body, "already a learner here") {
		t.Fatalf("invite report: %d\n%s", res.StatusCode, body)
	}
	letter := box.Wait(t, 1)
	if h := letter.Header(t); !strings.Contains(h.Get("Subject"), "You are invited to Autumn") || !strings.Contains(h.Get("To"), "ada@example.org") {
		t.Fatalf("letter: %v", h)
	}
	srv.Anonymous().Expect(t, "GET", "/register?email=ada%40example.org&invitation=dp_x", "", 200, `<input type="hidden" name="invitation" value="dp_x">`)
}

// TestCohortSettingsForm: the cohort admin changes dates and thresholds on
// the cohort's page; a bad form comes back with each problem beside its
// field and what was typed, and a mentor cannot send it.
func TestCohortSettingsForm(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	root, mentor := srv.Learner(t, "root"), srv.Learner(t, "mentor")
	res, _ := form(t, root, srv, "/cohorts", url.Values{"name": {"Autumn"}, "roadmap": {"backend"}, "start_date": {"2025-09-01"},
		"end_date": {"2026-06-30"}, "target_date": {"2026-03-01"}, "weekly_hours": {"15"}, "time_zone": {"Europe/Berlin"}})
	path := res.Header.Get("Location")
	form(t, root, srv, path+"/staff", url.Values{"email": {"mentor@example.org"}, "role": {"mentor"}})
	page := root.Expect(t, "GET", path, "", 200, `name="thresholds.inactive_days" type="number" value="7"`)
	settings := formOf(t, page, path+"/settings")
	settings.Set("thresholds.inactive_days", "400")
	settings.Set("roadmap", "backend") // formOf reads inputs, not selects
	settings.Set("end_date", "2025-01-01")
	res, body := form(t, root, srv, path+"/settings", settings)
	for _, want := range []string{"Days without progress must be from 1 to 365.", "End date must not be before the start date.", `value="2025-01-01"`} {
		if res.StatusCode != 422 || !strings.Contains(body, want) {
			t.Fatalf("bad settings (%d) lack %q:\n%s", res.StatusCode, want, body)
		}
	}
	settings.Set("thresholds.inactive_days", "14")
	settings.Set("end_date", "2026-07-31")
	if res, _ := form(t, root, srv, path+"/settings", settings); res.StatusCode != 303 {
		t.Fatalf("save: %d", res.StatusCode)
	}
	root.Expect(t, "GET", path, "", 200, "no progress for 14 days")
	if res, _ := form(t, mentor, srv, path+"/settings", settings); res.StatusCode != 403 {
		t.Errorf("a mentor changed the settings: %d", res.StatusCode)
	}
}
