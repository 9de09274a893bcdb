package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// TestAdminPages: the instance admin finds an account, disables it (its
// browser session ends at once), enables it, makes a reset link and
// closes registration, all through forms without JavaScript; the log
// shows it, and nobody else reaches these pages.
func TestAdminPages(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		root, bob := srv.Learner(t, "root"), srv.Learner(t, "bob")
		page := root.Expect(t, "GET", "/admin/users?q=BOB", "", 200, "bob@example.org")
		if strings.Contains(page, "root@example.org") {
			t.Fatal("the search shows everyone")
		}
		action := regexp.MustCompile(`action="/admin/users/(\d+)/disabled"`).FindStringSubmatch(page)
		if action == nil {
			t.Fatalf("no disable form:\n%s", page)
		}
		user := "/admin/users/" + action[1]
		bob.Expect(t, "GET", "/api/v1/me", "", 200, "")
		if res, _ := form(t, root, srv, user+"/disabled", url.Values{"disabled": {"1"}, "q": {"bob"}}); res.StatusCode != 303 ||
			res.Header.Get("Location") != "/admin/users?q=bob#user-"+action[1] {
			t.Fatalf("disable: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		bob.Expect(t, "GET", "/api/v1/me", "", 401, "")
		root.Expect(t, "GET", "/admin/users?q=bob", "", 200, `<span class="badge warn">disabled</span>`)
		form(t, root, srv, user+"/disabled", url.Values{"disabled": {"0"}})
		if res, body := form(t, root, srv, user+"/reset-link", url.Values{}); res.StatusCode != 200 || !strings.Contains(body, "/password/reset?token=dp_") {
			t.Fatalf("reset link: %d\n%s", res.StatusCode, body)
		}
		if res, body := form(t, root, srv, user+"/role", url.Values{"role": {"boss"}}); res.StatusCode != 422 || !strings.Contains(body, "must be one of learner") {
			t.Fatalf("a bad role: %d\n%s", res.StatusCode, body)
		}
		if res, _ := form(t, root, srv, "/admin/settings", url.Values{"registration": {"closed"}}); res.StatusCode != 303 {
			t.Fatalf("settings: %d", res.StatusCode)
		}
		admin := root.Expect(t, "GET", "/admin", "", 200, `value="closed" checked`)
		for _, want := range []string{"root set registration to closed.", "root disabled bob (bob@example.org).", "root made a password reset link for bob"} {
			if !strings.Contains(admin, want) {
				t.Errorf("the log lacks %q", want)
			}
		}
		srv.Anonymous().Expect(t, "GET", "/register", "", 200, "closed")
		bob.Token = bob.Login(t, "bob@example.org", devpathtest.Password)
		for _, path := range []string{"/admin", "/admin/users"} {
			bob.Expect(t, "GET", path, "", 403, "")
		}
		if res, _ := form(t, bob, srv, "/admin/settings", url.Values{"registration": {"open"}}); res.StatusCode != 403 {
			t.Errorf("a learner changed the settings: %d", res.StatusCode)
		}
	})
}
