package httpx

import (
	"errors"
	"fmt"
	"net/http"

	"devpath/internal/app"
)

// ParseForm reads the request's form. A body over the server's limit is
// TooLarge, not an empty form, so a long note is refused as too long rather
// than as missing.
func ParseForm(r *http.Request) error {
	err := r.ParseForm()
	if err == nil {
		return nil
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return app.Errorf(app.TooLarge, "the form is larger than %s; shorten what you typed", sizeText(tooBig.Limit))
	}
	return app.Errorf(app.Invalid, "the form could not be read: send it as a web form")
}

func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}
