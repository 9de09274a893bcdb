package httpx

import (
	"net/http"

	"devpath/internal/app"
)

// statuses is the one place where error codes become HTTP statuses.
var statuses = map[app.Code]int{
	app.Invalid:      http.StatusUnprocessableEntity,
	app.NotFound:     http.StatusNotFound,
	app.Conflict:     http.StatusConflict,
	app.Unauthorized: http.StatusUnauthorized,
	app.Forbidden:    http.StatusForbidden,
	app.TooLarge:     http.StatusRequestEntityTooLarge,
	app.TooMany:      http.StatusTooManyRequests,
}

// Status is the HTTP status for an error code; 500 for Internal and any
// code it does not know.
func Status(code app.Code) int {
	if s, ok := statuses[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}
