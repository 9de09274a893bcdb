package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

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
	if res.StatusCode != 429 || !strings.Contains(strings.ToLower(string(b)), "too many new accounts") {
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

// TestControlCharactersRefused: a NUL (or another control character, or
// bytes that are not UTF-8) anywhere a person sends text is refused with
// 422 naming the field, on both engines alike, before any database sees it.
func TestControlCharactersRefused(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, anon := srv.Learner(t, "ada"), srv.Anonymous()
		nul := `a\u0000b`
		cases := []devpathtest.Case{
			{Name: "login email", As: anon, Method: "POST", Path: "/api/v1/sessions", Body: `{"email":"` + nul + `","password":"x"}`, Want: `"location":"body.email"`},
			{Name: "login password", As: anon, Method: "POST", Path: "/api/v1/sessions", Body: `{"email":"a@example.org","password":"` + nul + `"}`, Want: `"location":"body.password"`},
			{Name: "register, all fields at once", As: anon, Method: "POST", Path: "/api/v1/users", Body: `{"email":"` + nul + `","password":"long enough \u0001","name":"` + nul + `"}`, Want: `"body.name"`},
			{Name: "backspace escape", As: anon, Method: "POST", Path: "/api/v1/users", Body: `{"email":"a@example.org","password":"long enough pw","name":"A\b"}`, Want: `"body.name"`},
			{Name: "topic id in the path", As: ada, Method: "PUT", Path: "/api/v1/me/progress/backend/topics/in%00ternet", Body: `{"status":"done"}`, Want: `"location":"path"`},
			{Name: "slug in the path", As: ada, Method: "GET", Path: "/api/v1/roadmaps/back%00end", Want: `"location":"path"`},
			{Name: "bad UTF-8 in the path", As: ada, Method: "GET", Path: "/api/v1/roadmaps/back%ffend", Want: `not valid UTF-8`},
			{Name: "query", As: ada, Method: "GET", Path: "/api/v1/me/applications?stage=sa%00ved", Want: `"location":"query.stage"`},
			{Name: "note", As: ada, Method: "PUT", Path: "/api/v1/me/progress/backend/topics/internet", Body: `{"note":"` + nul + `"}`, Want: `"body.note"`},
			{Name: "profile time zone", As: ada, Method: "PUT", Path: "/api/v1/me/profile", Body: `{"starting_point":"no_experience","route":"self_taught","hours_per_week":10,"languages":["go"],"time_zone":"` + nul + `"}`, Want: `"body.time_zone"`},
			{Name: "languages list", As: ada, Method: "PUT", Path: "/api/v1/me/profile", Body: `{"starting_point":"no_experience","route":"self_taught","hours_per_week":10,"languages":["` + nul + `"],"time_zone":"UTC"}`, Want: `"body.languages[0]"`},
			{Name: "application company", As: ada, Method: "POST", Path: "/api/v1/me/applications", Body: `{"kind":"job","company":"` + nul + `","title":"Dev"}`, Want: `"body.company"`},
			{Name: "resume, deep", As: ada, Method: "PUT", Path: "/api/v1/me/resume", Body: `{"basics":{"name":"Ada"},"work":[{"name":"` + nul + `"}]}`, Want: `"body.work[0].name"`},
			{Name: "resume member name", As: ada, Method: "PUT", Path: "/api/v1/me/resume", Body: `{"basics":{"name":"Ada","x` + `\u0000":1}}`, Want: `"body.basics"`},
			{Name: "job description", As: ada, Method: "POST", Path: "/api/v1/me/match", Body: `{"job_description":"Go ` + nul + `"}`, Want: `"body.job_description"`},
			{Name: "SQL answer", As: ada, Method: "POST", Path: "/api/v1/exercises/select-all-members/attempts", Body: `{"answer":"SELECT 1 ` + nul + `"}`, Want: `"body.answer"`},
			{Name: "check URL", As: ada, Method: "POST", Path: "/api/v1/me/checks", Body: `{"project":"notes-api","url":"http://127.0.0.1:1/` + nul + `"}`, Want: `"body.url"`},
			{Name: "token name", As: ada, Method: "POST", Path: "/api/v1/me/tokens", Body: `{"name":"` + nul + `"}`, Want: `"body.name"`},
			{Name: "portfolio handle", As: ada, Method: "PUT", Path: "/api/v1/me/portfolio/settings", Body: `{"handle":"` + nul + `"}`, Want: `"body.handle"`},
		}
		for i := range cases {
			cases[i].Status = http.StatusUnprocessableEntity
		}
		devpathtest.Run(t, cases)

		// the pages' forms: the login form, without an account
		for _, tc := range []struct{ path, form string }{
			{"/login", "email=a%00&password=x"},
			{"/register", "email=a%40example.org&password=long+enough+pw&name=%01A"},
			{"/login", "email=%ff%fe&password=x"},
		} {
			res, err := http.Post(srv.URL+tc.path, "application/x-www-form-urlencoded", strings.NewReader(tc.form))
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("POST %s %s: %d, want 422", tc.path, tc.form, res.StatusCode)
			}
		}
	})
}

// TestMalformedRequestsNever5xx sends every operation of the OpenAPI
// document, and every form of the pages, malformed paths, queries and
// bodies, as a learner and anonymously, on both engines: nothing may answer
// 5xx. It logs how many requests it sent.
func TestMalformedRequestsNever5xx(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, anon := srv.Learner(t, "ada"), srv.Anonymous()
		ada.Expect(t, "POST", "/api/v1/me/applications", `{"kind":"job","company":"Acme","title":"Dev"}`, 201, "")
		var doc struct {
			Paths map[string]map[string]json.RawMessage `json:"paths"`
		}
		if err := json.Unmarshal([]byte(anon.Expect(t, "GET", "/api/openapi.json", "", 200, "")), &doc); err != nil {
			t.Fatal(err)
		}
		params := []string{"1", "0", "-1", "x", "%00", "%ff", "9223372036854775808", "1e309", strings.Repeat("9", 400), "..%2f..", "%20", "backend"}
		bodies := []string{"", "{", "}", "[]", "null", "0", `"x"`, "{}", `{"a":1}`, `{"email":[],"password":{},"name":1}`,
			`{"status":"done","note":"` + strings.Repeat("é", 70000) + `"}`, strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
			`{"id":1e400}`, `{"x":"\ud800"}`, `{"name":"a\u0000"}`, "\xff\xfe", `{"kind":"job","company":"A","title":"B","salary_min":-9223372036854775808,"salary_max":9223372036854775807}`}
		queries := []string{"", "?stage=%00", "?limit=-1", "?limit=99999999999999999999", "?project=%ff", "?q=" + strings.Repeat("a", 5000), "?stage=saved&stage=applied"}
		sent, failed := 0, 0
		send := func(c *devpathtest.Client, method, path, body string) {
			sent++
			status, out := c.Do(t, method, path, body)
			if status >= 500 {
				failed++
				if failed < 10 {
					t.Errorf("%s %s %.60q: %d %.200s", method, path, body, status, out)
				}
			}
		}
		for path, ops := range doc.Paths {
			for method := range ops {
				method = strings.ToUpper(method)
				for _, p := range params {
					concrete := pathParam.ReplaceAllString(path, p)
					for _, c := range []*devpathtest.Client{ada, anon} {
						for _, q := range queries {
							send(c, method, concrete+q, "")
						}
						if method != "GET" && method != "DELETE" {
							for _, b := range bodies {
								send(c, method, concrete, b)
							}
						}
					}
				}
			}
		}
		apiSent := sent
		forms := []string{"email=a%00&password=x", "%zz", "a=" + strings.Repeat("x", 100000), "status=finished&note=%ff", "stage=nope&confirm=maybe",
			"name=&application_id=99999999999999999999&kind=%00", "hours_per_week=ten&languages=x&languages=y&time_zone=Mars/Base", "document={", "answer=SELECT+1%3B+ATTACH+1"}
		for _, path := range pagePosts {
			for _, p := range params {
				concrete := pathParam.ReplaceAllString(path, p)
				for _, c := range []*devpathtest.Client{ada, anon} {
					send(c, "GET", concrete, "")
					for _, f := range forms {
						sent++
						req, _ := http.NewRequest("POST", srv.URL+concrete, strings.NewReader(f))
						req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
						if c == ada {
							req.Header.Set("Authorization", "Bearer "+ada.Token)
						}
						res, err := http.DefaultClient.Do(req)
						if err != nil {
							t.Fatal(err)
						}
						res.Body.Close()
						if res.StatusCode >= 500 {
							failed++
							t.Errorf("POST %s %.60q: %d", concrete, f, res.StatusCode)
						}
					}
				}
			}
		}
		t.Logf("%s: %d malformed API requests and %d to the pages, %d answered 5xx", e.Name, apiSent, sent-apiSent, failed)
	})
}

// pagePosts are the pages' form targets (and, with GET, most of their pages).
var pagePosts = []string{"/register", "/login", "/account/tokens", "/account/tokens/{id}/revoke", "/account/import",
	"/roadmaps/{slug}/bulk", "/roadmaps/{slug}/topics/{id}/status", "/roadmaps/{slug}/topics/{id}/note", "/onboarding",
	"/plan/{slug}/reviews/{id}", "/calendar/rotate", "/applications", "/applications/{id}", "/applications/{id}/stage",
	"/applications/{id}/interviews", "/applications/{id}/contacts", "/applications/{id}/delete", "/practice/projects/{name}/checks",
	"/practice/sql/{id}", "/resume", "/resume/upload", "/resumes", "/resumes/{id}", "/resumes/{id}/delete", "/match", "/match/learn",
	"/portfolio/settings", "/portfolio/projects", "/portfolio/projects/{id}", "/portfolio/projects/{id}/delete",
	"/roadmaps/{slug}/graph.svg", "/calendar/{file}", "/practice/checks/{id}", "/resumes/{id}/print", "/u/{handle}", "/logout"} // logout last: it ends ada's session

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// TestNoGoTypeNames: a value of the wrong kind is refused in words that
// name the field, never with Go's type names.
func TestNoGoTypeNames(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	ada := srv.Learner(t, "ada")
	for _, hours := range []string{"1e30", "9223372036854775808"} {
		body := ada.Expect(t, "PUT", "/api/v1/me/profile", `{"starting_point":"no_experience","route":"self_taught","hours_per_week":`+hours+`,"languages":["go"],"time_zone":"UTC"}`,
			422, `"location":"body.hours_per_week"`)
		if strings.Contains(body, "Go ") || strings.Contains(body, "struct") || !strings.Contains(body, "whole number") {
			t.Errorf("hours %s: %s", hours, body)
		}
	}
}

// TestRegistrationErrorsAtOnce: a registration with a short password, no
// name and an email already taken hears about all three in one answer.
func TestRegistrationErrorsAtOnce(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	srv.Learner(t, "ada")
	body := srv.Anonymous().Expect(t, "POST", "/api/v1/users", `{"email":"ada@example.org","password":"short","name":""}`, 422, `"location":"body.password"`)
	for _, want := range []string{`"location":"body.name"`, `"location":"body.email"`, "already registered"} {
		if !strings.Contains(body, want) {
			t.Errorf("lacks %s: %s", want, body)
		}
	}
}

// TestSlowWriteKeepsItsContext holds the SQLite writer for longer than
// Huma's default body-read timeout while a registration waits for it: the
// request must still succeed. Huma's read deadline, set after the body had
// been read, used to cancel such a request's context after five seconds.
func TestSlowWriteKeepsItsContext(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{Name: "sqlite"})
	tx, err := srv.App.Store.QueueDB().Begin()
	if err != nil {
		t.Fatal(err)
	}
	released := make(chan struct{})
	go func() {
		time.Sleep(6 * time.Second)
		tx.Rollback()
		close(released)
	}()
	srv.Anonymous().Expect(t, "POST", "/api/v1/users",
		`{"email":"slow@example.org","password":"`+devpathtest.Password+`","name":"Slow"}`, 201, "slow@example.org")
	select {
	case <-released:
	default:
		t.Fatal("the registration did not wait for the writer: the test proves nothing")
	}
}
