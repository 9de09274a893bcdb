package api_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// TestErrorsEchoNoSecret: whatever is wrong with a body, the error does
// not repeat what was sent, on either engine.
func TestErrorsEchoNoSecret(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		const secret = "hunter2-very-secret"
		for _, tc := range []struct {
			path, contentType, body string
			status                  int
		}{
			{"/api/v1/sessions", "application/json", `{"email":"a@example.org","password":"` + secret + `","extra":1}`, 422},
			{"/api/v1/users", "application/json", `{"email":"a@example.org","password":"` + secret + `","name":"A","role":"admin"}`, 422},
			{"/api/v1/users", "application/json", `{"email":5,"password":"` + secret + `"}`, 422},
			{"/api/v1/sessions", "text/plain", `{"email":"a@example.org","password":"` + secret + `"}`, 415},
		} {
			req, _ := http.NewRequest("POST", srv.URL+tc.path, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", tc.contentType)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.status || strings.Contains(string(b), secret) {
				t.Errorf("POST %s %s: %d, want %d and no secret:\n%s", tc.path, tc.body, res.StatusCode, tc.status, b)
			}
		}
	})
}

// TestRegistrationRateLimit: one client address registers a bounded number
// of accounts an hour; the next is told to wait, by the API and the page.
func TestRegistrationRateLimit(t *testing.T) {
	cfg := devpathtest.Config(t, devpathtest.Engine{})
	cfg.RegistrationsPerHour = 2
	srv := devpathtest.Start(t, cfg)
	c := srv.Anonymous()
	for i, name := range []string{"ada", "bob", "cy"} {
		status := 201
		if i == 2 {
			status = 429
		}
		c.Expect(t, "POST", "/api/v1/users", `{"email":"`+name+`@example.org","password":"`+devpathtest.Password+`","name":"`+name+`"}`, status, "")
	}
	res, err := http.PostForm(srv.URL+"/register", url.Values{"email": {"dee@example.org"}, "password": {devpathtest.Password}, "name": {"Dee"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 429 || !strings.Contains(string(b), "too many new accounts") {
		t.Fatalf("register page: %d\n%.300s", res.StatusCode, b)
	}
}

// TestSecurityHeaders: pages forbid inline script and framing, nothing is
// sniffed, and the router's own refusals are problem+json.
func TestSecurityHeaders(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	for _, path := range []string{"/", "/login", "/api/v1/roadmaps"} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self';") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") ||
			res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Referrer-Policy") != "same-origin" {
			t.Errorf("%s: headers %v", path, res.Header)
		}
	}
	for _, tc := range []struct {
		method, path string
		status       int
		want         string
	}{
		{"DELETE", "/api/v1/roadmaps", 405, "allows only GET, HEAD"},
		{"GET", "/api/v1/no-such-thing", 404, "no such address"},
	} {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tc.status || res.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(string(b), tc.want) {
			t.Errorf("%s %s: %d %s %s", tc.method, tc.path, res.StatusCode, res.Header.Get("Content-Type"), b)
		}
	}
}
