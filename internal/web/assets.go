package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// assets are the embedded static files under names that hold a hash of
// their content (style.3f2a9c1b0d.css), so that a browser may keep them for
// a year: a changed file has a new name. Each is sent compressed when the
// browser accepts it, compressed once, at the best level, on first use.
type assets struct {
	byName map[string]*encoded // hashed name -> file
	path   map[string]string   // plain name -> /static/hashed name
}

// immutable is how long a browser keeps a hashed file: a year, without asking again.
const immutable = "public, max-age=31536000, immutable"

func newAssets(static fs.FS) (*assets, error) {
	a := &assets{byName: map[string]*encoded{}, path: map[string]string{}}
	names, err := fs.Glob(static, "*")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		body, err := fs.ReadFile(static, name)
		if err != nil {
			return nil, err
		}
		e := newEncoded(body, mime.TypeByExtension(path.Ext(name)))
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + e.hash[:10] + ext
		a.byName[hashed] = e
		a.path[name] = "/static/" + hashed
	}
	return a, nil
}

// url is the address of the static file name, for templates: {{asset "style.css"}}.
func (a *assets) url(name string) string {
	if p, ok := a.path[name]; ok {
		return p
	}
	return "/static/" + name // not embedded: the file server answers 404
}

// serve answers /static/: hashed names from memory, plain names (the
// roadmap picture names its stylesheet so) from the file server, kept an hour.
func (a *assets) serve(files http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if e, ok := a.byName[strings.TrimPrefix(r.URL.Path, "/static/")]; ok {
			e.serve(w, r, immutable)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}

// encoded is a response body kept with its compressed forms.
type encoded struct {
	body   []byte
	ctype  string
	hash   string // hex SHA-256 of body
	etag   string
	once   sync.Once
	gz, zs []byte // made on first use; nil when compressing does not pay
}

func newEncoded(body []byte, ctype string) *encoded {
	sum := sha256.Sum256(body)
	h := hex.EncodeToString(sum[:])
	// Weak: the compressed forms share it, being the same content.
	return &encoded{body: body, ctype: ctype, hash: h, etag: `W/"` + h[:20] + `"`}
}

// compress makes the gzip and zstd forms of bodies worth compressing.
func (e *encoded) compress() {
	if len(e.body) < 1024 || !compressible(e.ctype) {
		return
	}
	var buf bytes.Buffer
	gz, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	gz.Write(e.body)
	gz.Close()
	e.gz = bytes.Clone(buf.Bytes())
	zs, _ := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression))
	e.zs = zs.EncodeAll(e.body, nil)
}

func compressible(ctype string) bool {
	for _, t := range []string{"text/", "application/javascript", "application/json", "image/svg+xml"} {
		if strings.HasPrefix(ctype, t) {
			return true
		}
	}
	return false
}

// serve answers with the body, or 304 when the client has it already, in
// the best encoding the client accepts. The compressing middleware leaves
// an answer with a Content-Encoding as it is.
func (e *encoded) serve(w http.ResponseWriter, r *http.Request, cacheControl string) {
	h := w.Header()
	h.Set("ETag", e.etag)
	h.Set("Cache-Control", cacheControl)
	if hasETag(r.Header.Get("If-None-Match"), e.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	e.once.Do(e.compress)
	body := e.body
	switch {
	case e.zs != nil && accepts(r, "zstd"):
		body = e.zs
		h.Set("Content-Encoding", "zstd")
	case e.gz != nil && accepts(r, "gzip"):
		body = e.gz
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Type", e.ctype)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// hasETag tells whether an If-None-Match header names etag, compared
// weakly (RFC 9110, 13.1.2).
func hasETag(header, etag string) bool {
	if header == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for tag := range strings.SplitSeq(header, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == want {
			return true
		}
	}
	return false
}

// accepts tells whether the request's Accept-Encoding allows coding.
func accepts(r *http.Request, coding string) bool {
	for part := range strings.SplitSeq(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(name), coding) {
			continue
		}
		q, found := strings.CutPrefix(strings.TrimSpace(params), "q=")
		weight, err := strconv.ParseFloat(q, 64)
		return !found || err != nil || weight > 0
	}
	return false
}
