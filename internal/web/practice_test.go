package web_test

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

func TestProjectCheckPages(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Learner(t, "ada")
	srv.Anonymous().Expect(t, "GET", "/practice", "", 200, `href="/practice/projects/conduit"`)
	c.Expect(t, "GET", "/practice/projects/notes-api", "", 200, "The specification")

	res, body := form(t, c, srv, "/practice/projects/notes-api/checks", url.Values{"url": {"not a url"}})
	if res.StatusCode != 422 || !strings.Contains(body, `value="not a url"`) {
		t.Fatalf("bad url: %d", res.StatusCode)
	}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := "http://" + ln.Addr().String()
	ln.Close()
	res, _ = form(t, c, srv, "/practice/projects/notes-api/checks", url.Values{"url": {addr}})
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/practice/checks/") {
		t.Fatalf("start: %d %s", res.StatusCode, loc)
	}
	srv.WaitForChecks(t)
	page := c.Expect(t, "GET", loc, "", 200, "0 of 11 stages passed")
	if !strings.Contains(page, "$ curl -i") {
		t.Fatal("no transcript on the page")
	}
	srv.Learner(t, "bob").Expect(t, "GET", loc, "", 404, "not found")
}
