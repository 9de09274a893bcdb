package api_test

import (
	"encoding/json"
	"io"
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
		devpathtest.Run(t, []devpathtest.Case{
			{Name: "first user is admin", As: ada, Method: "GET", Path: "/api/v1/me", Status: 200, Want: `"role":"admin"`},
			{Name: "later users are learners", As: bob, Method: "GET", Path: "/api/v1/me", Status: 200, Want: `"role":"learner"`},
			{Name: "duplicate email names the field", As: anon, Method: "POST", Path: "/api/v1/users", Body: `{"email":"ADA@example.org","password":"long enough pw","name":"Ada"}`, Status: 409, Want: `"location":"body.email"`},
			{Name: "short password names the field", As: anon, Method: "POST", Path: "/api/v1/users", Body: `{"email":"c@example.org","password":"short","name":"C"}`, Status: 422, Want: `"location":"body.password"`},
			{Name: "short password is not echoed", As: anon, Method: "POST", Path: "/api/v1/users", Body: `{"email":"c@example.org","password":"sh0rtpw","name":"C"}`, Status: 422, Want: `{"message":"must be at least 10 characters","location":"body.password"}`},
			{Name: "bad email", As: anon, Method: "POST", Path: "/api/v1/users", Body: `{"email":"not-an-email","password":"long enough pw","name":"C"}`, Status: 422, Want: `"location":"body.email"`},
			{Name: "missing name", As: anon, Method: "POST", Path: "/api/v1/users", Body: `{"email":"c@example.org","password":"long enough pw"}`, Status: 422, Want: `name`},
			{Name: "malformed json", As: anon, Method: "POST", Path: "/api/v1/users", Body: `{"email":`, Status: 400, Want: `"status":400`},
			{Name: "10 MB body", As: anon, Method: "POST", Path: "/api/v1/users", Body: huge, Status: 413, Want: `"status":413`},
			{Name: "wrong password", As: anon, Method: "POST", Path: "/api/v1/sessions", Body: `{"email":"ada@example.org","password":"wrong password"}`, Status: 401, Want: `wrong email or password`},
			{Name: "unknown email, same answer", As: anon, Method: "POST", Path: "/api/v1/sessions", Body: `{"email":"who@example.org","password":"wrong password"}`, Status: 401, Want: `wrong email or password`},
			{Name: "me needs a login", As: anon, Method: "GET", Path: "/api/v1/me", Status: 401, Want: `log in first`},
			{Name: "openapi document", As: anon, Method: "GET", Path: "/api/openapi.json", Status: 200, Want: `"openapi":"3.1.0"`},
			{Name: "health", As: anon, Method: "GET", Path: "/healthz", Status: 200, Want: "ok"},
			{Name: "ready", As: anon, Method: "GET", Path: "/readyz", Status: 200, Want: "ready"},
		})
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

func TestMetrics(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Anonymous()
	c.Expect(t, "GET", "/api/v1/me", "", 401, "")
	// the site's visitors cannot read them; the operator's listener can
	c.Expect(t, "GET", "/metrics", "", 404, "")
	res, err := http.Get(srv.MetricsURL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	body := string(b)
	if want := `devpath_http_requests_total{code="401",route="GET /api/v1/me"} 1`; res.StatusCode != 200 || !strings.Contains(body, want) {
		t.Fatalf("metrics: %d, lack %s", res.StatusCode, want)
	}
	for _, want := range []string{"devpath_http_request_duration_seconds_bucket", "go_sql_open_connections"} {
		if !strings.Contains(body, want) {
			t.Fatalf("metrics lack %s", want)
		}
	}
}
