package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// browser is a person logged in through the login form, with a session cookie.
func browser(t *testing.T, srv *devpathtest.Server, email, password string) *devpathtest.Client {
	t.Helper()
	c := srv.Anonymous()
	if res, body := form(t, c, srv, "/login", url.Values{"email": {email}, "password": {password}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("log in as %s: %d\n%s", email, res.StatusCode, body)
	}
	return c
}

// loggedIn tells whether c's session still opens the account page.
func loggedIn(t *testing.T, c *devpathtest.Client) bool {
	t.Helper()
	status, _ := c.Do(t, "GET", "/account", "")
	return status == http.StatusOK
}

func TestForgotPasswordPage(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		srv.Learner(t, "ada")
		c := srv.Anonymous()
		c.Expect(t, "GET", "/login", "", 200, `href="/password/forgot"`)
		c.Expect(t, "GET", "/password/forgot", "", 200, `action="/password/forgot"`)

		// the answer is the same page whether or not the email has an account
		answers := map[string]string{}
		for _, email := range []string{"ada@example.org", "nobody@example.org"} {
			res, body := form(t, c, srv, "/password/forgot", url.Values{"email": {email}})
			if res.StatusCode != 200 || !strings.Contains(body, "Check your email") {
				t.Fatalf("forgot %s: %d\n%s", email, res.StatusCode, body)
			}
			answers[email] = strings.ReplaceAll(body, email, "EMAIL")
		}
		if answers["ada@example.org"] != answers["nobody@example.org"] {
			t.Fatal("the page tells a known email from an unknown one")
		}
		res, body := form(t, c, srv, "/password/forgot", url.Values{"email": {"ada at example"}})
		if res.StatusCode != 422 || !strings.Contains(body, `id="email-error"`) || !strings.Contains(body, `value="ada at example"`) {
			t.Fatalf("a malformed email: %d\n%s", res.StatusCode, body)
		}
	})
}

func TestResetPasswordPage(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		srv.Learner(t, "ada")
		before := browser(t, srv, "ada@example.org", devpathtest.Password)
		link, err := srv.App.Accounts.ResetLink(context.Background(), "ada@example.org")
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(link)
		token := u.Query().Get("token")
		c := srv.Anonymous()
		c.Expect(t, "GET", u.RequestURI(), "", 200, "ada@example.org")
		c.Expect(t, "GET", "/password/reset?token=dp_made-up", "", 404, "This link no longer works")
		c.Expect(t, "GET", "/password/reset", "", 404, `href="/password/forgot"`)

		res, body := form(t, c, srv, "/password/reset", url.Values{"token": {token}, "password": {"short"}})
		if res.StatusCode != 422 || !strings.Contains(body, `id="password-error" class="field-error">Password must be at least 10 characters.`) ||
			!strings.Contains(body, `value="`+token+`"`) {
			t.Fatalf("a short password: %d\n%s", res.StatusCode, body)
		}
		res, _ = form(t, c, srv, "/password/reset", url.Values{"token": {token}, "password": {"a brand new password"}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login?notice=reset" {
			t.Fatalf("reset: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		c.Expect(t, "GET", "/login?notice=reset", "", 200, "Your new password is set")
		if loggedIn(t, before) {
			t.Fatal("the session from before the reset still works")
		}
		res, body = form(t, c, srv, "/password/reset", url.Values{"token": {token}, "password": {"another new password"}})
		if res.StatusCode != 404 || !strings.Contains(body, "expired or was already used") {
			t.Fatalf("the link used twice: %d\n%s", res.StatusCode, body)
		}
		browser(t, srv, "ada@example.org", "a brand new password")
	})
}

func TestChangePasswordAndLogoutEverywherePages(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		srv.Learner(t, "ada")
		c := browser(t, srv, "ada@example.org", devpathtest.Password)
		laptop := browser(t, srv, "ada@example.org", devpathtest.Password)
		c.Expect(t, "GET", "/account", "", 200, `action="/account/password"`)

		res, body := form(t, c, srv, "/account/password", url.Values{"current_password": {""}, "new_password": {"short"}})
		for _, want := range []string{"2 answers need a change", `id="current_password-error" class="field-error">Current password is required.`,
			`id="new_password-error" class="field-error">New password must be at least 10 characters.`} {
			if res.StatusCode != 422 || !strings.Contains(body, want) {
				t.Fatalf("empty current password and a short new one: %d, want %q\n%s", res.StatusCode, want, body)
			}
		}
		res, body = form(t, c, srv, "/account/password", url.Values{"current_password": {"not my password"}, "new_password": {"a brand new password"}})
		if res.StatusCode != 422 || !strings.Contains(body, "Current password is not the one you log in with.") {
			t.Fatalf("wrong current password: %d\n%s", res.StatusCode, body)
		}
		res, _ = form(t, c, srv, "/account/password", url.Values{"current_password": {devpathtest.Password}, "new_password": {"a brand new password"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("change: %d", res.StatusCode)
		}
		c.Expect(t, "GET", "/account?password=changed", "", 200, "Your password is changed")
		if loggedIn(t, laptop) {
			t.Fatal("the other device is still logged in after the change")
		}

		laptop = browser(t, srv, "ada@example.org", "a brand new password")
		res, _ = form(t, c, srv, "/account/logout-everywhere", nil)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login?notice=everywhere" {
			t.Fatalf("log out everywhere: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		c.Expect(t, "GET", "/login?notice=everywhere", "", 200, "You are logged out on every device")
		if loggedIn(t, c) || loggedIn(t, laptop) {
			t.Fatal("a session survived logging out everywhere")
		}
	})
}
