package web_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"

	"devpath/internal/devpathtest"
)

// Pages link the static files by names that hold their content's hash; those
// are kept a year, sent compressed when the browser accepts it, and answer
// 304 to a browser that has them. Plain names still work, kept an hour.
func TestHashedAssets(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Anonymous()
	page := c.Expect(t, "GET", "/roadmaps/backend", "", 200, "")
	href := regexp.MustCompile(`href="(/static/style\.[0-9a-f]{10}\.css)"`).FindStringSubmatch(page)
	if href == nil {
		t.Fatalf("the page links no hashed stylesheet")
	}
	want, err := os.ReadFile("static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	var etag string
	for _, enc := range []string{"", "gzip", "zstd", "gzip, zstd;q=0"} {
		res := c.Request(t, "GET", href[1], "", http.Header{"Accept-Encoding": {enc}})
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" ||
			!strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
			t.Fatalf("%q: %d %v", enc, res.StatusCode, res.Header)
		}
		wantEnc := map[string]string{"": "", "gzip": "gzip", "zstd": "zstd", "gzip, zstd;q=0": "gzip"}[enc]
		if got := res.Header.Get("Content-Encoding"); got != wantEnc {
			t.Fatalf("%q: Content-Encoding %q, want %q", enc, got, wantEnc)
		}
		if !bytes.Equal(decode(t, wantEnc, body), want) {
			t.Fatalf("%q: the body is not the stylesheet", enc)
		}
		etag = res.Header.Get("ETag")
	}
	res := c.Request(t, "GET", href[1], "", http.Header{"If-None-Match": {etag}})
	res.Body.Close()
	if res.StatusCode != http.StatusNotModified {
		t.Fatalf("revalidation: %d", res.StatusCode)
	}
	res = c.Request(t, "GET", "/static/style.css", "", nil)
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Cache-Control") != "public, max-age=3600" {
		t.Fatalf("plain name: %d %v", res.StatusCode, res.Header)
	}
}

// decode undoes a Content-Encoding.
func decode(t *testing.T, enc string, body []byte) []byte {
	t.Helper()
	var r io.Reader = bytes.NewReader(body)
	switch enc {
	case "gzip":
		gz, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = gz
	case "zstd":
		zr, err := zstd.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		r = zr
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Visitors get the roadmap and topic pages with an ETag and 304 when they
// have them; a learner's page, which is theirs alone, has none. Pages come
// compressed when the browser accepts it, the same page once decoded.
func TestPagesOnTheWire(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	anon, ada := srv.Anonymous(), srv.Learner(t, "ada")
	for _, path := range []string{"/roadmaps/backend", "/roadmaps/backend/topics/http"} {
		plain := get(t, anon, path, nil)
		etag := plain.Header.Get("ETag")
		if etag == "" || plain.Header.Get("Cache-Control") != "no-cache" {
			t.Fatalf("%s: a visitor's page has no ETag: %v", path, plain.Header)
		}
		if again := get(t, anon, path, http.Header{"If-None-Match": {etag}}); again.StatusCode != http.StatusNotModified {
			t.Fatalf("%s: revalidation answers %d", path, again.StatusCode)
		}
		for _, enc := range []string{"gzip", "zstd"} {
			res := get(t, anon, path, http.Header{"Accept-Encoding": {enc}})
			if res.Header.Get("Content-Encoding") != enc || !bytes.Equal(decode(t, enc, res.body), plain.body) {
				t.Fatalf("%s, %s: %v", path, enc, res.Header)
			}
		}
		mine := get(t, ada, path, http.Header{"Accept-Encoding": {"zstd"}})
		if mine.Header.Get("ETag") != "" || mine.Header.Get("Content-Encoding") != "zstd" ||
			!bytes.Contains(decode(t, "zstd", mine.body), []byte("Log out")) {
			t.Fatalf("%s, as a learner: %v", path, mine.Header)
		}
	}
}

type response struct {
	*http.Response
	body []byte
}

func get(t *testing.T, c *devpathtest.Client, path string, h http.Header) response {
	t.Helper()
	res := c.Request(t, "GET", path, "", h)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{res, body}
}
