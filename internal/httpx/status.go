package httpx

import (
	"net/http"

	"devpath/internal/app"
)

// Status is the one place where error codes become HTTP statuses.
func Status(code app.Code) int {
	switch code {
	case app.Invalid:
		return http.StatusUnprocessableEntity
	case app.NotFound:
		return http.StatusNotFound
	case app.Conflict:
		return http.StatusConflict
	case app.Unauthorized:
		return http.StatusUnauthorized
	case app.Forbidden:
		return http.StatusForbidden
	case app.TooLarge:
		return http.StatusRequestEntityTooLarge
	case app.TooMany:
		return http.StatusTooManyRequests
	default:
		return http.StatusInternalServerError
	}
}
