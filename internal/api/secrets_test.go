package api_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

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
