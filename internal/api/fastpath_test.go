package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// The plain progress write answers exactly as Huma does. Each request goes
// once as every client sends it (Content-Type application/json, which the
// plain handler takes) and once with a charset parameter, which it leaves to
// Huma; the two answers must match but for the time of the write.
func TestProgressWriteAnswersAsHuma(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada := srv.Learner(t, "ada")
		long := strings.Repeat("n", 20001)
		const topic = "/api/v1/me/progress/backend/topics/"
		for _, tc := range []struct {
			name, path, body string
			status           int
		}{
			{"status", topic + "http", `{"status":"done"}`, 200},
			{"note", topic + "http", `{"note":"read <RFC> 9110 & \u00e9"}`, 200},
			{"both, spaced", topic + "sql", " {\n \"status\" : \"learning\", \"note\": \"joins\" }\n", 200},
			{"former id", topic + "git", `{"status":"skipped"}`, 200},
			{"repeated member, the last wins", topic + "http", `{"status":"todo","status":"done"}`, 200},
			{"unknown status", topic + "http", `{"status":"finished"}`, 422},
			{"empty object", topic + "http", `{}`, 422},
			{"note too long", topic + "http", `{"note":"` + long + `"}`, 422},
			{"unknown member", topic + "http", `{"status":"done","extra":1}`, 422},
			{"member in another case (Huma takes it)", topic + "http", `{"Status":"done"}`, 200},
			{"null", topic + "http", `{"status":null}`, 422},
			{"number", topic + "http", `{"status":3}`, 422},
			{"array", topic + "http", `["done"]`, 422},
			{"not JSON", topic + "http", `{"status":`, 400},
			{"trailing data", topic + "http", `{"status":"done"} {}`, 400},
			{"empty body", topic + "http", ``, 400},
			{"unknown topic", topic + "nope", `{"status":"done"}`, 404},
			{"unknown roadmap", "/api/v1/me/progress/frontend/topics/http", `{"status":"done"}`, 404},
		} {
			t.Run(tc.name, func(t *testing.T) {
				plainStatus, plainType, plain := send(t, ada, tc.path, tc.body, "application/json")
				humaStatus, humaType, viaHuma := send(t, ada, tc.path, tc.body, "application/json; charset=utf-8")
				if plainStatus != tc.status {
					t.Errorf("status %d, want %d: %s", plainStatus, tc.status, plain)
				}
				if plainStatus != humaStatus || plainType != humaType || plain != viaHuma {
					t.Errorf("the plain handler answers\n%d %s %s\nHuma answers\n%d %s %s", plainStatus, plainType, plain, humaStatus, humaType, viaHuma)
				}
			})
		}
		anon := srv.Anonymous()
		s1, t1, b1 := send(t, anon, topic+"http", `{"status":"done"}`, "application/json")
		s2, t2, b2 := send(t, anon, topic+"http", `{"status":"done"}`, "application/json; charset=utf-8")
		if s1 != 401 || s1 != s2 || t1 != t2 || b1 != b2 {
			t.Errorf("anonymous: %d %s %s / %d %s %s", s1, t1, b1, s2, t2, b2)
		}
	})
}

var updatedAt = regexp.MustCompile(`"updated_at":"[^"]*"`)

func send(t *testing.T, c *devpathtest.Client, path, body, contentType string) (int, string, string) {
	t.Helper()
	res := c.Request(t, http.MethodPut, path, body, http.Header{"Content-Type": {contentType}})
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header.Get("Content-Type"), updatedAt.ReplaceAllString(string(b), `"updated_at":"T"`)
}

// The OpenAPI document describes the progress write as it did before the
// plain handler: the operation and every schema it reaches, compared with
// the document of the commit before it (testdata/put-progress.openapi.json).
func TestProgressWriteDocumented(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	_, body := srv.Anonymous().Do(t, "GET", "/api/openapi.json", "")
	var doc struct {
		Paths      map[string]map[string]any
		Components struct{ Schemas map[string]any }
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	op := doc.Paths["/api/v1/me/progress/{slug}/topics/{id}"]["put"]
	got := map[string]any{"operation": op, "schemas": reached(op, doc.Components.Schemas, map[string]any{})}
	want := map[string]any{}
	b, err := os.ReadFile("testdata/put-progress.openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", "  ")
		t.Fatalf("the documented operation changed:\n%s", g)
	}
}

// reached adds to out every schema v refers to, and theirs.
func reached(v any, schemas, out map[string]any) map[string]any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if ref, ok := x.(string); ok && k == "$ref" {
				name := ref[strings.LastIndex(ref, "/")+1:]
				if _, done := out[name]; !done {
					out[name] = schemas[name]
					reached(schemas[name], schemas, out)
				}
				continue
			}
			reached(x, schemas, out)
		}
	case []any:
		for _, x := range v {
			reached(x, schemas, out)
		}
	}
	return out
}
