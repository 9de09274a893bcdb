package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

func TestAccountsAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		anon := srv.Anonymous()
		ada := srv.Learner(t, "ada") // first account: admin
		bob := srv.Learner(t, "bob")
		huge := `{"email":"x@example.org","password":"` + strings.Repeat("a", 10<<20) + `","name":"x"}`
		for _, tc := range []struct {
			name   string
			as     *devpathtest.Client
			method string
			path   string
			body   string
			status int
			want   string
		}{
			{"first user is admin", ada, "GET", "/api/v1/me", "", 200, `"role":"admin"`},
			{"later users are learners", bob, "GET", "/api/v1/me", "", 200, `"role":"learner"`},
			{"duplicate email names the field", anon, "POST", "/api/v1/users", `{"email":"ADA@example.org","password":"long enough pw","name":"Ada"}`, 409, `"location":"body.email"`},
			{"short password names the field", anon, "POST", "/api/v1/users", `{"email":"c@example.org","password":"short","name":"C"}`, 422, `"location":"body.password"`},
			{"short password is not echoed", anon, "POST", "/api/v1/users", `{"email":"c@example.org","password":"sh0rtpw","name":"C"}`, 422, `"detail":"password: must be at least 10 characters"`},
			{"bad email", anon, "POST", "/api/v1/users", `{"email":"not-an-email","password":"long enough pw","name":"C"}`, 422, `"location":"body.email"`},
			{"missing name", anon, "POST", "/api/v1/users", `{"email":"c@example.org","password":"long enough pw"}`, 422, `name`},
			{"malformed json", anon, "POST", "/api/v1/users", `{"email":`, 400, `"status":400`},
			{"10 MB body", anon, "POST", "/api/v1/users", huge, 413, `"status":413`},
			{"wrong password", anon, "POST", "/api/v1/sessions", `{"email":"ada@example.org","password":"wrong password"}`, 401, `wrong email or password`},
			{"unknown email, same answer", anon, "POST", "/api/v1/sessions", `{"email":"who@example.org","password":"wrong password"}`, 401, `wrong email or password`},
			{"me needs a login", anon, "GET", "/api/v1/me", "", 401, `log in first`},
			{"openapi document", anon, "GET", "/api/openapi.json", "", 200, `"openapi":"3.1.0"`},
			{"health", anon, "GET", "/healthz", "", 200, "ok"},
			{"ready", anon, "GET", "/readyz", "", 200, "ready"},
		} {
			t.Run(tc.name, func(t *testing.T) { tc.as.Expect(t, tc.method, tc.path, tc.body, tc.status, tc.want) })
		}
		if _, body := anon.Do(t, "POST", "/api/v1/users", `{"email":"c@example.org","password":"sh0rtpw","name":"C"}`); strings.Contains(body, "sh0rtpw") {
			t.Fatalf("the password is echoed in the error: %s", body)
		}
	})
}

func TestProblemJSON(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Anonymous()
	for _, tc := range []struct {
		name, contentType, body string
		status                  int
	}{
		{"wrong content type", "text/plain", `{"email":"a@example.org","password":"long enough pw","name":"A"}`, 415},
		{"malformed json", "application/json", `{"email":`, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := c.Request(t, "POST", "/api/v1/users", tc.body, http.Header{"Content-Type": {tc.contentType}})
			defer res.Body.Close()
			if res.StatusCode != tc.status || res.Header.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("got %d %s, want %d problem+json", res.StatusCode, res.Header.Get("Content-Type"), tc.status)
			}
		})
	}
}

func TestSessionsAndTokens(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada := srv.Learner(t, "ada")
		bob := srv.Learner(t, "bob")

		// the login answer sets a session cookie that works without the bearer token
		browser := srv.Anonymous()
		res := browser.Request(t, "POST", "/api/v1/sessions", `{"email":"ada@example.org","password":"`+devpathtest.Password+`"}`, nil)
		res.Body.Close()
		cookie := res.Header.Get("Set-Cookie")
		for _, attr := range []string{"devpath_session=dp_", "HttpOnly", "SameSite=Lax"} {
			if !strings.Contains(cookie, attr) {
				t.Fatalf("session cookie %q lacks %s", cookie, attr)
			}
		}
		if strings.Contains(cookie, "Secure") {
			t.Fatalf("cookie is Secure on an http base URL: %q", cookie)
		}
		browser.Expect(t, "GET", "/api/v1/me", "", 200, `"email":"ada@example.org"`)

		// a personal token: created, listed, used, revoked
		body := ada.Expect(t, "POST", "/api/v1/me/tokens", `{"name":"laptop CLI"}`, 201, `"token":"dp_`)
		var tok struct {
			ID    int64
			Token string
		}
		json.Unmarshal([]byte(body), &tok)
		ada.Expect(t, "GET", "/api/v1/me/tokens", "", 200, `"name":"laptop CLI"`)
		if _, list := ada.Do(t, "GET", "/api/v1/me/tokens", ""); strings.Contains(list, tok.Token) {
			t.Fatal("the token list shows the secret")
		}
		script := srv.Anonymous()
		script.Token = tok.Token
		script.Expect(t, "GET", "/api/v1/me", "", 200, `"name":"ada"`)
		bob.Expect(t, "GET", "/api/v1/me/tokens", "", 200, `[]`)
		bob.Expect(t, "DELETE", "/api/v1/me/tokens/"+itoa(tok.ID), "", 404, "not found")
		ada.Expect(t, "POST", "/api/v1/me/tokens", `{"name":""}`, 422, `body.name`)
		ada.Expect(t, "DELETE", "/api/v1/me/tokens/"+itoa(tok.ID), "", 204, "")
		script.Expect(t, "GET", "/api/v1/me", "", 401, "")

		// logging out ends that session only
		second := srv.Anonymous()
		second.Token = second.Login(t, "ada@example.org", devpathtest.Password)
		second.Expect(t, "DELETE", "/api/v1/sessions/current", "", 204, "")
		second.Expect(t, "GET", "/api/v1/me", "", 401, "")
		ada.Expect(t, "GET", "/api/v1/me", "", 200, `"name":"ada"`)
	})
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

// TestTwoInstances runs two servers on one database: a session opened on
// one is accepted by the other, as behind a load balancer.
func TestTwoInstances(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		cfg := devpathtest.Config(t, e)
		a, b := devpathtest.Start(t, cfg), devpathtest.Start(t, cfg)
		onA := a.Learner(t, "ada")
		onB := b.Anonymous()
		onB.Token = onA.Token
		onB.Expect(t, "GET", "/api/v1/me", "", 200, `"email":"ada@example.org"`)
		onB.Expect(t, "DELETE", "/api/v1/sessions/current", "", 204, "")
		onA.Expect(t, "GET", "/api/v1/me", "", 401, "")
	})
}

func TestLoginRateLimit(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	srv.Learner(t, "ada")
	c := srv.Anonymous()
	status := 0
	for range 11 {
		status, _ = c.Do(t, "POST", "/api/v1/sessions", `{"email":"ada@example.org","password":"guess guess"}`)
	}
	if status != http.StatusTooManyRequests {
		t.Fatalf("11th wrong guess: status %d, want 429", status)
	}
	// the account stays locked for guessers even with the right password, for now
	c.Expect(t, "POST", "/api/v1/sessions", `{"email":"ada@example.org","password":"`+devpathtest.Password+`"}`, 429, "too many")
}

func TestMetrics(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Anonymous()
	c.Expect(t, "GET", "/api/v1/me", "", 401, "")
	body := c.Expect(t, "GET", "/metrics", "", 200, `devpath_http_requests_total{code="401",route="GET /api/v1/me"} 1`)
	for _, want := range []string{"devpath_http_request_duration_seconds_bucket", "go_sql_open_connections"} {
		if !strings.Contains(body, want) {
			t.Fatalf("metrics lack %s", want)
		}
	}
}
