package api_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// resetToken makes a reset link for email as an operator does, and returns its token.
func resetToken(t *testing.T, srv *devpathtest.Server, email string) string {
	t.Helper()
	link, err := srv.App.Accounts.ResetLink(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(link)
	return u.Query().Get("token")
}

func TestPasswordResetAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		anon := srv.Anonymous()
		ada := srv.Learner(t, "ada")
		pat := srv.Anonymous()
		pat.Token = strings.Split(ada.Expect(t, "POST", "/api/v1/me/tokens", `{"name":"cli"}`, 201, `"token":"dp_`), `"token":"`)[1][:46]
		pat.Expect(t, "GET", "/api/v1/me", "", 200, "ada@example.org")

		// the answer to "forgot" is the same whether or not the email has an account
		_, known := anon.Do(t, "POST", "/api/v1/password-resets", `{"email":"ada@example.org"}`)
		_, unknown := anon.Do(t, "POST", "/api/v1/password-resets", `{"email":"nobody@example.org"}`)
		if known != unknown {
			t.Fatalf("known and unknown emails answer differently: %q and %q", known, unknown)
		}
		anon.Expect(t, "POST", "/api/v1/password-resets", `{"email":"nobody@example.org"}`, 202, "")
		anon.Expect(t, "POST", "/api/v1/password-resets", `{"email":"not an email"}`, 422, `"location":"body.email"`)

		token := resetToken(t, srv, "ada@example.org")
		use := func(password string) string { return `{"token":"` + token + `","password":"` + password + `"}` }
		devpathtest.Run(t, []devpathtest.Case{
			{Name: "made-up token", As: anon, Method: "POST", Path: "/api/v1/password-resets/use", Body: `{"token":"dp_nope","password":"long enough pw"}`, Status: 404, Want: "expired or was already used"},
			{Name: "short password", As: anon, Method: "POST", Path: "/api/v1/password-resets/use", Body: use("short"), Status: 422, Want: `"location":"body.password"`},
			{Name: "reset", As: anon, Method: "POST", Path: "/api/v1/password-resets/use", Body: use("a brand new password"), Status: 204},
			{Name: "used twice", As: anon, Method: "POST", Path: "/api/v1/password-resets/use", Body: use("another new password"), Status: 404, Want: "expired or was already used"},
			{Name: "the session from before is revoked", As: ada, Method: "GET", Path: "/api/v1/me", Status: 401},
			{Name: "the personal token is revoked", As: pat, Method: "GET", Path: "/api/v1/me", Status: 401},
			{Name: "the old password is gone", As: anon, Method: "POST", Path: "/api/v1/sessions", Body: `{"email":"ada@example.org","password":"` + devpathtest.Password + `"}`, Status: 401},
			{Name: "the new one works", As: anon, Method: "POST", Path: "/api/v1/sessions", Body: `{"email":"ada@example.org","password":"a brand new password"}`, Status: 201},
		})
	})
}

func TestChangePasswordAndLogoutEverywhereAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada := srv.Learner(t, "ada")
		laptop := srv.Anonymous()
		laptop.Token = laptop.Login(t, "ada@example.org", devpathtest.Password)
		change := func(current, next string) string {
			return `{"current_password":"` + current + `","new_password":"` + next + `"}`
		}
		devpathtest.Run(t, []devpathtest.Case{
			{Name: "needs a login", As: srv.Anonymous(), Method: "PUT", Path: "/api/v1/me/password", Body: change(devpathtest.Password, "a brand new password"), Status: 401},
			{Name: "wrong current password", As: ada, Method: "PUT", Path: "/api/v1/me/password", Body: change("not my password", "a brand new password"), Status: 422, Want: `"location":"body.current_password"`},
			{Name: "change", As: ada, Method: "PUT", Path: "/api/v1/me/password", Body: change(devpathtest.Password, "a brand new password"), Status: 204},
			{Name: "this session stays", As: ada, Method: "GET", Path: "/api/v1/me", Status: 200},
			{Name: "the other session ends", As: laptop, Method: "GET", Path: "/api/v1/me", Status: 401},
		})
		expectAtOnce(t, ada, "PUT", "/api/v1/me/password", change("", "short"),
			"body.current_password: is required", "body.new_password: at least 10 characters")
		expectAtOnce(t, ada, "PUT", "/api/v1/me/password", change("not my password", "short"),
			"body.current_password: is not the one you log in with", "body.new_password: at least 10 characters")
		expectAtOnce(t, ada, "PUT", "/api/v1/me/password", `{"current_password":5,"new_password":"short"}`,
			"body.current_password: must be text", "body.new_password: at least 10 characters")

		laptop.Token = laptop.Login(t, "ada@example.org", "a brand new password")
		pat := srv.Anonymous()
		pat.Token = strings.Split(ada.Expect(t, "POST", "/api/v1/me/tokens", `{"name":"cli"}`, 201, ""), `"token":"`)[1][:46]
		res := ada.Request(t, "DELETE", "/api/v1/sessions", "", nil)
		res.Body.Close()
		if res.StatusCode != 204 || !strings.Contains(res.Header.Get("Set-Cookie"), "Max-Age=0") {
			t.Fatalf("log out everywhere: %d, cookie %q", res.StatusCode, res.Header.Get("Set-Cookie"))
		}
		for name, c := range map[string]*devpathtest.Client{"this session": ada, "another session": laptop, "a personal token": pat} {
			if status, _ := c.Do(t, "GET", "/api/v1/me", ""); status != 401 {
				t.Errorf("%s still works after logging out everywhere: %d", name, status)
			}
		}
	})
}

// loginFrom logs in as ada through a proxy that says the client is at addr
// ("" for no X-Forwarded-For), and returns the status.
func loginFrom(t *testing.T, c *devpathtest.Client, addr, password string) int {
	t.Helper()
	h := http.Header{}
	if addr != "" {
		h.Set("X-Forwarded-For", "198.51.100.200, "+addr)
	}
	res := c.Request(t, "POST", "/api/v1/sessions", `{"email":"ada@example.org","password":"`+password+`"}`, h)
	res.Body.Close()
	return res.StatusCode
}

// guess makes the 5 failed logins that the address is allowed, then one more.
func guess(t *testing.T, c *devpathtest.Client, addr string) {
	t.Helper()
	for i := range 5 {
		if got := loginFrom(t, c, addr, "wrong guess"); got != 401 {
			t.Fatalf("guess %d from %q: %d", i+1, addr, got)
		}
	}
	if got := loginFrom(t, c, addr, devpathtest.Password); got != http.StatusTooManyRequests {
		t.Fatalf("the right password right after 5 guesses from %q: %d, want 429", addr, got)
	}
}

// Guessing from one address slows that address down on that account; the
// owner logging in from elsewhere is not locked out.
func TestLoginThrottleByAddress(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		cfg := devpathtest.Config(t, e)
		cfg.TrustedProxies = "127.0.0.1"
		srv := devpathtest.Start(t, cfg)
		srv.Learner(t, "ada")
		c := srv.Anonymous()
		guess(t, c, "203.0.113.9")
		if got := loginFrom(t, c, "192.0.2.44", devpathtest.Password); got != 201 {
			t.Fatalf("the right password from another address: %d", got)
		}
		if got := loginFrom(t, c, "", devpathtest.Password); got != 201 {
			t.Fatalf("the right password from the proxy itself: %d", got)
		}
	})
}

// X-Forwarded-For names the client only when the peer is a trusted proxy:
// otherwise anyone could pick a fresh address for each guess.
func TestForwardedForOnlyFromTrustedProxy(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{}) // trusts no proxy
	srv.Learner(t, "ada")
	c := srv.Anonymous()
	guess(t, c, "203.0.113.9")
	if got := loginFrom(t, c, "192.0.2.44", devpathtest.Password); got != http.StatusTooManyRequests {
		t.Fatalf("a forwarded address from an untrusted peer counted as another client: %d", got)
	}
}

// Two instances on one database count failures together.
func TestLoginThrottleSharedByInstances(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		cfg := devpathtest.Config(t, e)
		a, b := devpathtest.Start(t, cfg), devpathtest.Start(t, cfg)
		a.Learner(t, "ada")
		onA, onB := a.Anonymous(), b.Anonymous()
		for i := range 5 {
			if got := loginFrom(t, onA, "", "wrong guess"); got != 401 {
				t.Fatalf("guess %d on A: %d", i+1, got)
			}
		}
		if got := loginFrom(t, onB, "", "wrong guess"); got != http.StatusTooManyRequests {
			t.Fatalf("6th guess on B: %d, want 429", got)
		}
	})
}

// TestPasswordResetByEmail: with SMTP configured, asking for a reset sends
// the link by email, in words and as HTML, and the link sets the password.
func TestPasswordResetByEmail(t *testing.T) {
	srv, box := devpathtest.MailServer(t, devpathtest.Engine{Name: "sqlite"})
	srv.Learner(t, "ada")
	anon := srv.Anonymous()
	anon.Expect(t, "POST", "/api/v1/password-resets", `{"email":"ada@example.org"}`, 202, "")
	m := box.Wait(t, 1)
	h := m.Header(t)
	if h.Get("To") == "" || !strings.Contains(h.Get("To"), "ada@example.org") || h.Get("List-Unsubscribe") != "" {
		t.Fatalf("headers: %v", h)
	}
	parts := m.Parts(t)
	text := parts["text/plain"]
	i := strings.Index(text, "https://devpath.test/password/reset?token=")
	if i < 0 || !strings.Contains(parts["text/html"], "Set a new password") {
		t.Fatalf("the letter has no link: %q", parts)
	}
	link, _ := url.Parse(strings.Fields(text[i:])[0])
	token := link.Query().Get("token")
	anon.Expect(t, "POST", "/api/v1/password-resets/use", `{"token":"`+token+`","password":"a brand new passphrase"}`, 204, "")
	if tok := anon.Login(t, "ada@example.org", "a brand new passphrase"); tok == "" {
		t.Fatal("no session with the new password")
	}
	anon.Expect(t, "POST", "/api/v1/password-resets", `{"email":"nobody@example.org"}`, 202, "")
	anon.Expect(t, "POST", "/api/v1/password-resets", `{"email":"ada@example.org"}`, 202, "")
	if got := box.Wait(t, 2); !strings.Contains(got.Header(t).Get("To"), "ada@example.org") || box.Count() != 2 {
		t.Fatalf("an unknown email got a letter: %d letters", box.Count())
	}
}
