package api_test

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// TestAPIDocs: the documentation page loads only this server's files, runs
// no inline script, and its viewer is served as JavaScript.
func TestAPIDocs(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	res, page := get(t, srv.URL+"/api/docs")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("/api/docs: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	policy := directives(res.Header.Get("Content-Security-Policy"))
	if policy["script-src"] != "'self'" || policy["default-src"] != "'self'" {
		t.Errorf("policy lets scripts or requests go beyond this site: %q", res.Header.Get("Content-Security-Policy"))
	}
	for name, sources := range policy {
		for _, s := range strings.Fields(sources) {
			if s != "'self'" && s != "'none'" && s != "data:" && !(s == "'unsafe-inline'" && name == "style-src") {
				t.Errorf("policy allows %s in %s", s, name)
			}
		}
	}
	if strings.Contains(page, "//") || strings.Contains(page, "style=") || regexp.MustCompile(`<script[^>]*>[^<]`).MatchString(page) {
		t.Errorf("the page names another origin, or has inline script or style:\n%s", page)
	}

	refs := regexp.MustCompile(`(?:src|href|apiDescriptionUrl)="([^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(refs) < 3 {
		t.Fatalf("the page loads %d files, want the viewer's script and stylesheet and the OpenAPI document:\n%s", len(refs), page)
	}
	types := map[string]string{".js": "text/javascript", ".css": "text/css", ".json": "application/openapi+json"}
	for _, ref := range refs {
		path := ref[1]
		res, _ := get(t, srv.URL+path)
		want := types[path[strings.LastIndex(path, "."):]]
		if res.StatusCode != 200 || want == "" || !strings.HasPrefix(res.Header.Get("Content-Type"), want) {
			t.Errorf("%s: %d %s, want 200 %s", path, res.StatusCode, res.Header.Get("Content-Type"), want)
		}
	}
	if !strings.Contains(page, `<script src="/api/docs/elements.min.js">`) {
		t.Errorf("the page does not load the vendored viewer:\n%s", page)
	}
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

// directives splits a content policy into its directives' sources.
func directives(policy string) map[string]string {
	out := map[string]string{}
	for _, d := range strings.Split(policy, ";") {
		name, sources, _ := strings.Cut(strings.TrimSpace(d), " ")
		out[name] = sources
	}
	return out
}
