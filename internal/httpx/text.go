package httpx

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// badText says what is wrong with text a person sent, or "" when nothing
// is: no NUL or other control character (tab, line feed and carriage
// return are text) and valid UTF-8. Databases refuse such text, and no
// field of devpath has a use for it.
func badText(s string) string {
	if !utf8.ValidString(s) {
		return "is not valid UTF-8 text"
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f }) {
		return "contains a control character (such as NUL); remove it"
	}
	return ""
}

// textProblems adds to p, by field, the text of a request that badText refuses:
// the path, the query, and a JSON body's strings and keys. Field names
// follow the API's problem locations: path, query.x, body.a[0].b.
func textProblems(r *http.Request, body []byte, p map[string]string) {
	if msg := badText(r.URL.Path); msg != "" {
		p["path"] = msg
	}
	if r.URL.RawQuery != "" {
		for k, msg := range FormText(r.URL.Query()) {
			p["query."+k] = msg
		}
	}
	// A JSON string can hold a control character only escaped (\u0000, \b,
	// \f), and the decoder makes bad UTF-8 valid: most bodies need no walk.
	if bytes.Contains(body, []byte(`\u`)) || bytes.Contains(body, []byte(`\b`)) || bytes.Contains(body, []byte(`\f`)) {
		var doc any
		if json.Unmarshal(body, &doc) == nil {
			walkText(doc, "body", p)
		}
	}
}

func walkText(v any, at string, p map[string]string) {
	switch v := v.(type) {
	case string:
		if msg := badText(v); msg != "" {
			p[at] = msg
		}
	case []any:
		for i, e := range v {
			walkText(e, at+"["+strconv.Itoa(i)+"]", p)
		}
	case map[string]any:
		for k, e := range v {
			if msg := badText(k); msg != "" {
				p[at] = "a member's name " + msg
			}
			walkText(e, at+"."+k, p)
		}
	}
}

// isJSON tells whether a request says its body is JSON.
func isJSON(r *http.Request) bool {
	t, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return t == "application/json" || strings.HasSuffix(t, "+json")
}

// RefuseBadText answers 422, naming every field, for a request whose path,
// query or JSON body holds text that badText refuses, before any handler
// or database sees it. Forms are checked where pages parse them (FormText).
func RefuseBadText(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body []byte
		if r.Body != nil && isJSON(r) {
			var err error
			if body, err = io.ReadAll(r.Body); err != nil {
				r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), errReader{err}))
				next.ServeHTTP(w, r) // the handler meets the same error (too large) and says so
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		p := map[string]string{} // on the stack: nothing keeps it
		if textProblems(r, body, p); len(p) > 0 {
			writeProblems(w, p)
			return
		}
		next.ServeHTTP(w, r)
	})
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// writeProblems answers 422 problem+json listing field problems, in the
// shape of the API's own validation errors.
func writeProblems(w http.ResponseWriter, p map[string]string) {
	fields := make([]string, 0, len(p))
	for f := range p {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	type detail struct {
		Message  string `json:"message"`
		Location string `json:"location"`
	}
	out := struct {
		Title  string   `json:"title"`
		Status int      `json:"status"`
		Detail string   `json:"detail"`
		Errors []detail `json:"errors"`
	}{Title: http.StatusText(http.StatusUnprocessableEntity), Status: http.StatusUnprocessableEntity, Detail: "validation failed"}
	for _, f := range fields {
		out.Errors = append(out.Errors, detail{Message: p[f], Location: f})
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(http.StatusUnprocessableEntity)
	json.NewEncoder(w).Encode(out)
}

// FormText checks a parsed form's values as RefuseBadText checks JSON, and
// returns the problems by field name, nil when there are none.
func FormText(form url.Values) map[string]string {
	var p map[string]string
	for k, vs := range form {
		for _, v := range append(vs, k) {
			if msg := badText(v); msg != "" {
				if p == nil {
					p = map[string]string{}
				}
				p[k] = msg
			}
		}
	}
	return p
}
