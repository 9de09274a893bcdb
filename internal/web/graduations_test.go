package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// TestGraduationForm: a cohort's admin ticks learners, sees whom they
// will graduate, confirms, and the learner finds the credential waiting;
// a mentor may not, and nothing is queued before the confirmation.
func TestGraduationForm(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		root, ada, bob, mia := srv.Learner(t, "root"), srv.Learner(t, "ada"), srv.Learner(t, "bob"), srv.Learner(t, "mia")
		res, _ := form(t, root, srv, "/cohorts", url.Values{"name": {"Autumn"}, "roadmap": {"backend"}, "start_date": {"2025-09-01"},
			"end_date": {"2026-06-30"}, "target_date": {"2026-03-01"}, "weekly_hours": {"15"}, "time_zone": {"Europe/Berlin"}})
		path := res.Header.Get("Location")
		for _, email := range []string{"ada@example.org", "bob@example.org"} {
			form(t, root, srv, path+"/members", url.Values{"member_email": {email}})
		}
		form(t, root, srv, path+"/staff", url.Values{"email": {"mia@example.org"}, "role": {"mentor"}})
		page := root.Expect(t, "GET", path, "", 200, "Learners to graduate")
		adaID := regexp.MustCompile(`name="learner" value="(\d+)"`).FindStringSubmatch(page)[1] // names sort: ada first

		res, body := form(t, root, srv, path+"/graduations", url.Values{})
		if res.StatusCode != 422 || !strings.Contains(body, `id="learners-error"`) {
			t.Fatalf("nobody ticked: %d", res.StatusCode)
		}
		res, body = form(t, root, srv, path+"/graduations", url.Values{"learner": {adaID}})
		if res.StatusCode != 200 || !strings.Contains(body, "Graduate this learner of Autumn?") || !strings.Contains(body, "Confirm graduation") {
			t.Fatalf("confirmation: %d\n%s", res.StatusCode, body)
		}
		ada.Expect(t, "GET", "/credentials", "", 200, "No credentials yet") // nothing before the confirmation
		if res, _ := form(t, mia, srv, path+"/graduations", url.Values{"learner": {adaID}, "confirm": {"yes"}}); res.StatusCode != 403 {
			t.Fatalf("a mentor graduated: %d", res.StatusCode)
		}
		if res, _ := form(t, bob, srv, path+"/graduations", url.Values{"learner": {adaID}, "confirm": {"yes"}}); res.StatusCode != 403 {
			t.Fatalf("a learner graduated: %d", res.StatusCode)
		}
		res, _ = form(t, root, srv, path+"/graduations", url.Values{"learner": {adaID}, "confirm": {"yes"}})
		if res.StatusCode != 303 || !strings.HasSuffix(res.Header.Get("Location"), "?graduated=1#graduate") {
			t.Fatalf("graduate: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		devpathtest.Eventually(t, "ada's credential", func() bool {
			_, page := ada.Do(t, "GET", "/credentials", "")
			return strings.Contains(page, "Graduate of Autumn")
		})
		bob.Expect(t, "GET", "/credentials", "", 200, "No credentials yet")
		root.Expect(t, "GET", path, "", 200, "graduated ")
		mia.Expect(t, "GET", path, "", 200, "root graduated ada (ada@example.org)")
	})
}
