package web

import (
	"bytes"
	"net/http"
	"sync"
)

// visitorPages keeps the roadmap and topic pages as visitors see them: the
// same for every visitor, so drawn once per roadmap version, compressed
// once, and answered 304 to a browser that has the page already.
type visitorPages struct {
	mu sync.Mutex
	m  map[visitorKey]*encoded
}

type visitorKey struct {
	path    string
	version int
}

// serveVisitor answers a visitor with the page kept for the request's path
// and the roadmap version, drawing it with draw on first use. Browsers ask
// again each time (no-cache) and get 304 while the page is the same.
func (w *Web) serveVisitor(rw http.ResponseWriter, r *http.Request, version int, draw func(buf *bytes.Buffer) error) {
	key := visitorKey{r.URL.Path, version}
	w.visitors.mu.Lock()
	page, ok := w.visitors.m[key]
	w.visitors.mu.Unlock()
	if !ok {
		var buf bytes.Buffer
		if err := draw(&buf); err != nil {
			w.fail(rw, r, err)
			return
		}
		page = newEncoded(buf.Bytes(), "text/html; charset=utf-8")
		w.visitors.mu.Lock()
		if w.visitors.m == nil || len(w.visitors.m) >= memoLimit {
			w.visitors.m = map[visitorKey]*encoded{}
		}
		w.visitors.m[key] = page
		w.visitors.mu.Unlock()
	}
	page.serve(rw, r, "no-cache")
}

// drawPage draws a whole page into buf, as render writes it.
func (w *Web) drawPage(buf *bytes.Buffer, page string, v view) error {
	return w.pages[page].ExecuteTemplate(buf, "layout", v)
}

// drawAround draws content inside the layout into buf, as renderAround writes it.
func (w *Web) drawAround(buf *bytes.Buffer, v view, content []byte) error {
	layout, head, tail, err := w.layoutAround(v)
	defer w.buffers.Put(layout)
	buf.Write(head)
	buf.Write(content)
	buf.Write(tail)
	return err
}
