package httpx

import (
	"encoding/json"
	"net/http"
	"strings"
)

// contentPolicy lets pages load only this site's own scripts, styles,
// images and frames, run no inline script, and be framed by no one; style
// names the sources of stylesheets.
func contentPolicy(style string) string {
	return "default-src 'self'; script-src 'self'; style-src " + style + "; img-src 'self' data:; " +
		"object-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
}

// SecurityHeaders sets the headers every answer carries: the content
// policy, no MIME sniffing, and no referrer sent to other sites.
func SecurityHeaders(next http.Handler) http.Handler {
	policy := contentPolicy("'self'")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", policy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// AllowStyle widens the page's content policy to one inline stylesheet,
// named by its CSP hash ('sha256-...'), for a page that must stand alone.
func AllowStyle(w http.ResponseWriter, hash string) {
	w.Header().Set("Content-Security-Policy", contentPolicy("'self' '"+hash+"'"))
}

// AllowInlineStyle widens the page's content policy to inline styles, for
// a page whose vendored script writes <style> elements that differ from one
// use to the next, so that no hash can name them. Scripts stay 'self'.
func AllowInlineStyle(w http.ResponseWriter) {
	w.Header().Set("Content-Security-Policy", contentPolicy("'self' 'unsafe-inline'"))
}

// RouterProblems answers the router's own refusals as problem+json: a
// method the path does not allow (405, with Allow), and an unknown path
// under /api/ (404). The router writes them as plain text.
func RouterProblems(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&problemWriter{ResponseWriter: w, api: strings.HasPrefix(r.URL.Path, "/api/")}, r)
	})
}

type problemWriter struct {
	http.ResponseWriter
	api      bool
	replaced bool
}

func (w *problemWriter) WriteHeader(code int) {
	plain := strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain")
	if plain && (code == http.StatusMethodNotAllowed || code == http.StatusNotFound && w.api) {
		w.replaced = true
		title := http.StatusText(code)
		detail := "no such address in the API"
		if code == http.StatusMethodNotAllowed {
			detail = "this address allows only " + w.Header().Get("Allow")
		}
		w.Header().Set("Content-Type", "application/problem+json")
		w.Header().Del("Content-Length")
		w.ResponseWriter.WriteHeader(code)
		json.NewEncoder(w.ResponseWriter).Encode(map[string]any{"title": title, "status": code, "detail": detail})
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *problemWriter) Write(b []byte) (int, error) {
	if w.replaced {
		return len(b), nil // the router's plain text, already replaced
	}
	return w.ResponseWriter.Write(b)
}

func (w *problemWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
