package httpx

import (
	"compress/gzip"
	"net/http"

	"github.com/klauspost/compress/gzhttp"
)

// compressed are the media types worth compressing: text, which shrinks
// to a fifth or less. Images other than SVG, fonts and archives are
// compressed already.
var compressed = []string{
	"text/html", "text/css", "text/javascript", "application/javascript",
	"application/json", "application/problem+json", "image/svg+xml",
}

// Compress answers with zstd or gzip, whichever the client accepts (zstd
// first), when the body is one of the compressed types and over 1 KB.
// gzip runs at its fastest level: a roadmap page is 130 KB, and the default
// level costs more CPU than drawing it, for a tenth fewer bytes. An answer
// that sets its own Content-Encoding (precompressed static files) passes
// through as it is.
func Compress(next http.Handler) (http.Handler, error) {
	wrap, err := gzhttp.NewWrapper(gzhttp.MinSize(1024), gzhttp.ContentTypes(compressed),
		gzhttp.CompressionLevel(gzip.BestSpeed))
	if err != nil {
		return nil, err
	}
	return wrap(next), nil
}
