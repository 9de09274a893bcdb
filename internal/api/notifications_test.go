package api_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// TestNotificationsAPI follows a notification from a finished check run
// through the job queue to the inbox and an email, on each engine: the
// email's one-click unsubscribe works without logging in, and another
// learner can neither see nor mark it.
func TestNotificationsAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv, box := devpathtest.MailServer(t, e)
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		devpathtest.Run(t, []devpathtest.Case{
			{Name: "email is available", As: ada, Method: "GET", Path: "/api/v1/me/notification-settings", Body: "", Status: 200, Want: `"email":true`},
			{Name: "the app by default", As: ada, Method: "GET", Path: "/api/v1/me/notification-settings", Body: "", Status: 200, Want: `{"kind":"check_finished","label":"Project checks finished","about":"A check of your project's server has ended, passed or failed.","delivery":"app"}`},
			{Name: "unknown kind", As: ada, Method: "PUT", Path: "/api/v1/me/notification-settings", Body: `{"settings":{"gossip":"email"}}`, Status: 422, Want: `"location":"body.settings.gossip"`},
			{Name: "unknown delivery", As: ada, Method: "PUT", Path: "/api/v1/me/notification-settings", Body: `{"settings":{"reviews_due":"pigeon"}}`, Status: 422, Want: "app, email or digest"},
			{Name: "choose email", As: ada, Method: "PUT", Path: "/api/v1/me/notification-settings", Body: `{"settings":{"check_finished":"email"}}`, Status: 200, Want: `"kind":"check_finished","label":"Project checks finished","about":"A check of your project's server has ended, passed or failed.","delivery":"email"`},
			{Name: "empty inbox", As: ada, Method: "GET", Path: "/api/v1/me/notifications", Body: "", Status: 200, Want: `{"unread":0,"notifications":[],"older":null}`},
			{Name: "a check", As: ada, Method: "POST", Path: "/api/v1/me/checks", Body: `{"project":"notes-api","url":"http://127.0.0.1:9"}`, Status: 202, Want: `"status":"running"`},
		})
		var inbox struct {
			Unread        int
			Notifications []struct {
				ID          int64
				Kind, Title string
				Link        string
			}
		}
		devpathtest.Eventually(t, "the check's notification", func() bool {
			_, body := ada.Do(t, "GET", "/api/v1/me/notifications", "")
			json.Unmarshal([]byte(body), &inbox)
			return len(inbox.Notifications) > 0
		})
		n := inbox.Notifications[0]
		if inbox.Unread != 1 || n.Kind != "check_finished" || n.Title != "Your notes-api check failed" || !strings.HasPrefix(n.Link, "/practice/checks/") {
			t.Fatalf("inbox: %+v", inbox)
		}
		checkEmail(t, srv, box.Wait(t, 1), n.Link)

		id := itoa(n.ID)
		devpathtest.Run(t, []devpathtest.Case{
			{Name: "the email unsubscribed ada", As: ada, Method: "GET", Path: "/api/v1/me/notification-settings", Body: "", Status: 200, Want: `"kind":"check_finished","label":"Project checks finished","about":"A check of your project's server has ended, passed or failed.","delivery":"app"`},
			{Name: "bob sees none", As: bob, Method: "GET", Path: "/api/v1/me/notifications", Body: "", Status: 200, Want: `"notifications":[]`},
			{Name: "bob cannot mark it", As: bob, Method: "POST", Path: "/api/v1/me/notifications/" + id + "/read", Body: "", Status: 404, Want: "not found"},
			{Name: "still unread", As: ada, Method: "GET", Path: "/api/v1/me/notifications", Body: "", Status: 200, Want: `"unread":1`},
			{Name: "ada marks it", As: ada, Method: "POST", Path: "/api/v1/me/notifications/" + id + "/read", Body: "", Status: 204, Want: ""},
			{Name: "read", As: ada, Method: "GET", Path: "/api/v1/me/notifications", Body: "", Status: 200, Want: `"unread":0`},
			{Name: "marking all is fine too", As: ada, Method: "POST", Path: "/api/v1/me/notifications/read", Body: "", Status: 204, Want: ""},
			{Name: "anonymous", As: srv.Anonymous(), Method: "GET", Path: "/api/v1/me/notifications", Body: "", Status: 401, Want: ""},
		})
	})
}

// checkEmail checks the email of a finished check, then unsubscribes with
// its List-Unsubscribe address as a mail program does: a POST with no
// cookie or token (RFC 8058).
func checkEmail(t *testing.T, srv *devpathtest.Server, m devpathtest.Mail, link string) {
	t.Helper()
	h := m.Header(t)
	if h.Get("From") != `"devpath" <devpath@example.org>` || h.Get("To") != `"ada" <ada@example.org>` ||
		h.Get("Subject") != "Your notes-api check failed" || h.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
		t.Errorf("headers: %v", h)
	}
	parts := m.Parts(t)
	for _, part := range []string{"text/plain", "text/html"} {
		if !strings.Contains(parts[part], "https://devpath.test"+link) || !strings.Contains(parts[part], "0 of 11 stages passed") {
			t.Errorf("%s lacks the link or the stages:\n%s", part, parts[part])
		}
	}
	u, err := url.Parse(strings.Trim(h.Get("List-Unsubscribe"), "<>"))
	if err != nil || u.Scheme != "https" || u.Host != "devpath.test" || !strings.Contains(u.Path, "/check_finished/") {
		t.Fatalf("List-Unsubscribe %q", h.Get("List-Unsubscribe"))
	}
	res, err := http.Post(srv.URL+u.Path, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("one-click unsubscribe: %d", res.StatusCode)
	}
}
