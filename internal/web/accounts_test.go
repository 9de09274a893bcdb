package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// form posts a form the way a browser without JavaScript does.
func form(t *testing.T, c *devpathtest.Client, srv *devpathtest.Server, path string, v url.Values) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", srv.URL+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := c.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestRegisterLoginLogoutForms(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		c := srv.Anonymous()
		c.Expect(t, "GET", "/register", "", 200, `name="password"`)

		// a failed form keeps what was typed, except the password
		res, body := form(t, c, srv, "/register", url.Values{"name": {"Grace Hopper"}, "email": {"grace@example.org"}, "password": {"tiny"}})
		if res.StatusCode != 422 || !strings.Contains(body, `value="grace@example.org"`) || !strings.Contains(body, `value="Grace Hopper"`) ||
			!strings.Contains(body, "at least 10 characters") || strings.Contains(body, "tiny") {
			t.Fatalf("re-rendered form: %d\n%s", res.StatusCode, body)
		}

		res, _ = form(t, c, srv, "/register", url.Values{"name": {"Grace Hopper"}, "email": {"grace@example.org"}, "password": {"compilers rock"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("register: %d", res.StatusCode)
		}
		c.Expect(t, "GET", "/", "", 200, "Welcome back, Grace Hopper")
		c.Expect(t, "GET", "/account", "", 200, "grace@example.org")

		// a token made on the account page is shown once
		res, body = form(t, c, srv, "/account/tokens", url.Values{"name": {"laptop"}})
		if res.StatusCode != 201 || !strings.Contains(body, `id="new-token">dp_`) {
			t.Fatalf("create token: %d\n%s", res.StatusCode, body)
		}

		res, _ = form(t, c, srv, "/logout", nil)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("logout: %d", res.StatusCode)
		}
		res, _ = c.HTTP.Get(srv.URL + "/account")
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login?next=%2Faccount" {
			t.Fatalf("after logout, /account: %d %s", res.StatusCode, res.Header.Get("Location"))
		}

		res, body = form(t, c, srv, "/login", url.Values{"email": {"grace@example.org"}, "password": {"wrong password"}})
		if res.StatusCode != 401 || !strings.Contains(body, "Wrong email or password.") || !strings.Contains(body, `value="grace@example.org"`) {
			t.Fatalf("bad login: %d\n%s", res.StatusCode, body)
		}
		res, _ = form(t, c, srv, "/login", url.Values{"email": {"grace@example.org"}, "password": {"compilers rock"}, "next": {"/account"}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/account" {
			t.Fatalf("login: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
	})
}

func TestOpenRedirectRefused(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	srv.Learner(t, "ada")
	c := srv.Anonymous()
	res, _ := form(t, c, srv, "/login", url.Values{"email": {"ada@example.org"}, "password": {devpathtest.Password}, "next": {"//evil.example"}})
	if loc := res.Header.Get("Location"); loc != "/" {
		t.Fatalf("redirected to %q", loc)
	}
}

// A form over the body limit is refused as too large (413), not read as an
// empty form and answered "required" (422).
func TestOversizeFormRefused(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Learner(t, "ada")
	note := strings.Repeat("x", 9<<20)
	res, body := form(t, c, srv, "/roadmaps/backend/topics/internet/note", url.Values{"note": {note}})
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "larger than 8 MiB") {
		t.Fatalf("oversize note: %d\n%.300s", res.StatusCode, body)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	req, _ := http.NewRequest("POST", srv.URL+"/login", strings.NewReader("email=a%40b.c&password=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-origin form post: %d, want 403", res.StatusCode)
	}
}

func TestSecureCookieOnHTTPS(t *testing.T) {
	cfg := devpathtest.Config(t, devpathtest.Engine{})
	cfg.BaseURL = "https://learn.example.org"
	srv := devpathtest.Start(t, cfg)
	srv.Learner(t, "ada")
	res := srv.Anonymous().Request(t, "POST", "/api/v1/sessions", `{"email":"ada@example.org","password":"`+devpathtest.Password+`"}`, nil)
	res.Body.Close()
	if c := res.Header.Get("Set-Cookie"); !strings.Contains(c, "; Secure") {
		t.Fatalf("cookie on an https base URL is not Secure: %q", c)
	}
}

func TestStaticAssets(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Anonymous()
	c.Expect(t, "GET", "/static/htmx.min.js", "", 200, "htmx")
	c.Expect(t, "GET", "/static/style.css", "", 200, "prefers-color-scheme: dark")
}

// TestImportProblems: a progress file that cannot be imported is named
// under the file field, in the file's terms rather than Go's.
func TestImportProblems(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Learner(t, "ada")
	for _, tc := range []struct{ name, file, want string }{
		{"empty", ``, "File is empty."},
		{"not JSON", `{"format":`, "File is not valid JSON."},
		{"a wrong type", `{"format":"devpath-progress","version":"one"}`, "File is not a devpath progress file: version cannot be a string."},
		{"an unknown field", `{"colour":"blue"}`, "File is not a devpath progress file: unknown field &#34;colour&#34;."},
		{"another format", `{"format":"other","version":1}`, "File cannot be imported: format: want format &#34;devpath-progress&#34; version 1."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			part, _ := mw.CreateFormFile("file", "progress.json")
			part.Write([]byte(tc.file))
			mw.Close()
			res := c.Request(t, "POST", "/account/import", body.String(), http.Header{"Content-Type": {mw.FormDataContentType()}})
			defer res.Body.Close()
			page, _ := io.ReadAll(res.Body)
			want := `<p id="import-file-error" class="field-error">` + tc.want + "</p>"
			if res.StatusCode != 422 || !strings.Contains(string(page), want) {
				t.Fatalf("status %d, want 422 and %s", res.StatusCode, want)
			}
		})
	}
}
