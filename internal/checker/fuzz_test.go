package checker

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReplyBody reads what a learner's server sends back as a body: value
// and object accept exactly one JSON document sent as JSON, every refusal is
// a failure whose message is text, and the transcript and messages show text
// bodies as text.
func FuzzReplyBody(f *testing.F) {
	for _, s := range [][2]string{
		{"application/json", `{"id":1,"title":"t","body":"b","tags":["a"]}`},
		{"application/json; charset=utf-8", `{"notes":[],"page":1,"per_page":2,"total":0}`},
		{"application/problem+json", `{"title":"Not Found","status":404}`},
		{"text/html", "<!DOCTYPE html><html><body>502</body></html>"},
		{"", "  <HTML>"},
		{"text/plain", `{"a":1}`},
		{"application/json", `[1,2,3]`},
		{"application/json", `{"a":1} {"b":2}`},
		{"application/json", "   \n"},
		{"application/json", `{"a":"\u00e9\ud83d\ude00"}`},
		{"application/json", "\xff\xfe{"},
		{"APPLICATION/JSON", `"just a string"`},
		{"text/plain", "Service indisponible: la base de données ne répond pas, réessayez plus tard."},
	} {
		f.Add(s[0], []byte(s[1]))
	}
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		r := &reply{what: "GET /notes/1", status: 200, header: http.Header{"Content-Type": {contentType}}, body: body}
		v, err := r.value()
		checkFailure(t, err)
		if err == nil {
			if !json.Valid(body) || !isJSONType(contentType) {
				t.Fatalf("value accepted %q sent as %q", body, contentType)
			}
			if _, isObject := v.(map[string]any); isObject != bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")) {
				t.Fatalf("value of %q is %T", body, v)
			}
		}
		o, err := r.object()
		checkFailure(t, err)
		if (err == nil) != (o != nil) {
			t.Fatalf("object(%q) = %v, %v", body, o, err)
		}
		text := utf8.Valid(body) && bytes.IndexByte(body, 0) < 0
		for _, cut := range []bool{false, true} {
			shown := showBody(body, cut)
			if !utf8.ValidString(shown) || (text && len(body) > 0 && strings.Contains(shown, "binary data")) {
				t.Fatalf("showBody(%q, %v) = %q", body, cut, shown)
			}
		}
		if s := snippet(body, 60); !utf8.ValidString(s) || (text && s == "(binary data)") || len(s) > 60 {
			t.Fatalf("snippet(%q) = %q", body, s)
		}
	})
}

// FuzzReadObjects hands a JSON object from a learner's server to each reader
// of notes-api and conduit answers, and a Location header to checkLocation:
// they refuse with failures, and what they accept holds the fields they
// read.
func FuzzReadObjects(f *testing.F) {
	for _, s := range [][2]string{
		{`{"id":1,"title":"t","body":"b","tags":["a","b"]}`, "/notes/1"},
		{`{"id":"abc","title":"","body":"","tags":[]}`, "http://localhost:8080/notes/1/"},
		{`{"id":"","title":1,"body":null,"tags":[1]}`, "::"},
		{`{"notes":[{"id":1,"title":"t","body":"b","tags":[]}],"page":1,"per_page":2,"total":3}`, "/api/notes/1?x=1"},
		{`{"notes":[null],"page":1.5,"per_page":"2","total":-1}`, "%zz"},
		{`{"user":{"email":"e@x","token":"t","username":"mira","bio":null,"image":"i"}}`, ""},
		{`{"article":{"slug":"s","title":"t","description":"d","body":"b","tagList":["x"],"createdAt":"2024-01-02T03:04:05Z",` +
			`"updatedAt":"2024-01-02T03:04:05.123+01:00","favorited":false,"favoritesCount":0,` +
			`"author":{"username":"a","bio":null,"image":null,"following":false}}}`, ""},
		{`{"articles":[{"slug":"s","title":"t","description":"d","tagList":[],"createdAt":"2024-01-02T03:04:05Z",` +
			`"updatedAt":"2024-01-02T03:04:05Z","favorited":true,"favoritesCount":1e3,"author":{}}],"articlesCount":1}`, ""},
		{`{"id":7,"createdAt":"2024-01-02T03:04:05Z","updatedAt":"2024-01-02T03:04:05Z","body":"b",` +
			`"author":{"username":"a","bio":"","image":"","following":true}}`, ""},
		{`{"id":99999999999999999999,"favoritesCount":-0,"tags":{}}`, ""},
	} {
		f.Add([]byte(s[0]), s[1])
	}
	f.Fuzz(func(t *testing.T, body []byte, location string) {
		r := &reply{what: "GET /x", status: 200, body: body,
			header: http.Header{"Content-Type": {"application/json"}, "Location": {location}}}
		err := checkLocation(r, "/notes/1")
		checkFailure(t, err)
		if u, perr := url.Parse(location); err == nil && (perr != nil || !strings.HasSuffix(strings.TrimSuffix(u.Path, "/"), "/notes/1")) {
			t.Fatalf("checkLocation accepted %q", location)
		}
		o, err := r.object()
		if err != nil {
			return
		}
		n, err := readNote("note", o)
		checkFailure(t, err)
		if err == nil && (n.ID == "" || n.Title != o["title"] || n.Body != o["body"] || len(n.Tags) != len(o["tags"].([]any)) || sameNote("note", n, n) != nil) {
			t.Fatalf("readNote(%s) = %+v", body, n)
		}
		p, err := readPage("page", o)
		checkFailure(t, err)
		if err == nil && len(p.notes) != len(o["notes"].([]any)) {
			t.Fatalf("readPage(%s) read %d notes", body, len(p.notes))
		}
		c := &conduit{h: quietHarness()}
		u, err := c.userIn(r, o, "mira")
		checkFailure(t, err)
		if err == nil && u["username"] != "mira" {
			t.Fatalf("userIn(%s) = %v", body, u)
		}
		a, err := c.articleIn(r, o)
		checkFailure(t, err)
		if err == nil && sameArticle("article", a, a) != nil {
			t.Fatalf("articleIn(%s) = %+v", body, a)
		}
		l, err := c.readListing("articles", o)
		checkFailure(t, err)
		if err == nil && (len(l.slugs) != len(o["articles"].([]any)) || len(l.authors) != len(l.slugs)) {
			t.Fatalf("readListing(%s) = %+v", body, l)
		}
		checkFailure(t, c.checkComment("comment", o, "b", "a"))
	})
}

// quietHarness is a harness that talks to no server and writes nowhere,
// for reading answers in tests.
func quietHarness() *harness {
	return &harness{w: io.Discard, out: io.Discard, made: map[string]bool{}, warned: map[string]bool{}}
}

// checkFailure holds an error from reading an answer to what the checker
// promises: nil, or a failure (the server's fault) with a text message.
func checkFailure(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if _, ok := asFailure(err); !ok || !utf8.ValidString(err.Error()) || err.Error() == "" {
		t.Fatalf("%T %q: want a failure with a text message", err, err)
	}
}
