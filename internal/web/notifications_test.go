package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// TestInboxPages: the menu counts unread notifications; the inbox lists
// them with a way to mark each or all read; the settings save a choice and
// name a wrong one; an unsubscribe link asks first, then unsubscribes,
// with no login.
func TestInboxPages(t *testing.T) {
	srv, box := devpathtest.MailServer(t, devpathtest.Engine{})
	ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
	if res, _ := form(t, ada, srv, "/notifications/settings", url.Values{"settings.check_finished": {"email"}}); res.StatusCode != 303 {
		t.Fatalf("saving settings: %d", res.StatusCode)
	}
	ada.Expect(t, "GET", "/notifications/settings?saved=1", "", 200, `value="email" checked`)
	res, body := form(t, ada, srv, "/notifications/settings", url.Values{"settings.reviews_due": {"pigeon"}})
	if res.StatusCode != 422 || !strings.Contains(body, `<a href="#f-settings.reviews_due">Reviews due</a>`) || !strings.Contains(body, "must be app, email or digest") {
		t.Fatalf("a wrong choice: %d\n%s", res.StatusCode, body)
	}
	ada.Expect(t, "GET", "/notifications", "", 200, "Nothing yet")

	ada.Expect(t, "POST", "/api/v1/me/checks", `{"project":"notes-api","url":"http://127.0.0.1:9"}`, 202, "")
	devpathtest.Eventually(t, "the check's notification", func() bool {
		_, page := ada.Do(t, "GET", "/", "")
		return strings.Contains(page, `Inbox <span class="badge count">1<span class="visually-hidden"> unread</span></span>`)
	})
	inbox := ada.Expect(t, "GET", "/notifications", "", 200, `<span class="badge new">New</span> <a href="/practice/checks/`)
	markOne := regexp.MustCompile(`action="(/notifications/\d+/read)"`).FindStringSubmatch(inbox)[1]
	if res, _ := form(t, bob, srv, markOne, nil); res.StatusCode != 404 {
		t.Errorf("bob marked ada's notification: %d", res.StatusCode)
	}
	if res, _ := form(t, ada, srv, markOne, nil); res.StatusCode != 303 {
		t.Fatalf("mark read: %d", res.StatusCode)
	}
	if _, page := ada.Do(t, "GET", "/notifications", ""); strings.Contains(page, "badge count") || !strings.Contains(page, "All read.") {
		t.Error("still counted unread after marking it read")
	}

	link := strings.Trim(box.Wait(t, 1).Header(t).Get("List-Unsubscribe"), "<>")
	path := strings.TrimPrefix(link, "https://devpath.test")
	visitor := srv.Anonymous()
	visitor.Expect(t, "GET", path, "", 200, "Stop emails about project checks finished?")
	visitor.Expect(t, "GET", path+"x", "", 404, "not one of ours")
	if res, body := form(t, visitor, srv, path, nil); res.StatusCode != 200 || !strings.Contains(body, "No more emails about project checks finished.") {
		t.Fatalf("unsubscribe: %d\n%s", res.StatusCode, body)
	}
	ada.Expect(t, "GET", "/notifications/settings", "", 200, `name="settings.check_finished" value="app" checked`)
}

// TestSettingsWithoutEmail: a server with no SMTP says notifications stay in the app.
func TestSettingsWithoutEmail(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	srv.Learner(t, "ada").Expect(t, "GET", "/notifications/settings", "", 200, "This server has no email set up")
}
