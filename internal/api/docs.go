package api

import (
	"embed"
	"io/fs"
	"net/http"

	"devpath/internal/httpx"
)

// docsPage is the page of API documentation. It loads the viewer, Stoplight
// Elements, from docsFiles (vendored by scripts/vendor-apidocs.sh) and
// nothing from other sites, so it works offline.
//
//go:embed docs.html
var docsPage []byte

//go:embed docs
var docsFiles embed.FS

// mountDocs serves the documentation page at /api/docs and its files
// under /api/docs/.
func mountDocs(mux *http.ServeMux) {
	files, _ := fs.Sub(docsFiles, "docs")
	mux.HandleFunc("GET /api/docs", func(w http.ResponseWriter, r *http.Request) {
		// The viewer's request-body editor writes <style> elements naming
		// its own generated id (see ARCHITECTURE.md).
		httpx.AllowInlineStyle(w)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(docsPage)
	})
	mux.HandleFunc("GET /api/docs/{file}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		http.ServeFileFS(w, r, files, r.PathValue("file"))
	})
}
