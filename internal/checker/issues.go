package checker

import (
	"net/http"
	"slices"
)

// The kinds of problem a finding can name. A project's stages.yaml may give
// a hint for any of them (hints:), shown only with findings of that kind.
const (
	// Status codes.
	issueCreatedStatus   = "created-status"    // another 2xx where the spec says 201
	issueNoContentStatus = "no-content-status" // another 2xx where the spec says 204
	issueSuccessStatus   = "success-status"    // another 2xx where the spec says 200
	issueForbidden       = "forbidden-status"  // 403 where the spec says 401
	issueRefusalStatus   = "refusal-status"    // another 4xx where the spec names one
	issueStatus          = "status"            // any other wrong status
	issueServerError     = "server-error"      // a 5xx
	issueNoAuthCheck     = "no-auth-check"     // success without a valid token
	issueOptionalAuth    = "optional-auth"     // refused without a token where none is needed
	issueTokenRefused    = "token-refused"     // refused with the token the server itself issued
	issueBearer          = "bearer-scheme"     // refused "Token <jwt>" but took "Bearer <jwt>"
	issueAcceptedInvalid = "accepted-invalid"  // success for input that must be refused
	issueFoundMissing    = "found-missing"     // success for something that does not exist

	// Bodies.
	issueNotJSON     = "not-json"        // no JSON, or JSON not sent as JSON
	issueShape       = "shape"           // a field missing or of the wrong type
	issueUnwrapped   = "unwrapped"       // conduit: a body not wrapped in {"user": ...} and the like
	issueValue       = "value"           // a field that does not hold what was sent
	issueDate        = "date-format"     // a date that is not RFC 3339
	issueSlug        = "slug"            // conduit: an article without a usable slug
	issueOrder       = "list-order"      // a list in the wrong order, or with the wrong items
	issueCount       = "list-count"      // a count that is not the number of all matches
	issueFeed        = "feed-authors"    // conduit: the feed holds an author not followed
	issueLocation    = "location"        // notes-api: a missing or wrong Location header
	issueDeleteAgain = "delete-again"    // notes-api: success for a note already deleted
	issueETag        = "etag"            // a missing or unchanging ETag, or If-None-Match ignored
	issueRedirect    = "redirect-status" // shortener: another redirect where the spec says 302
	issueRateLimit   = "rate-limit"      // shortener: no 429, no Retry-After, or a limit that never lifts
	issueExtraField  = "extra-field"     // a field the spec does not list
	issueSecretField = "secret-field"    // a password or its hash sent back
	issueErrorBody   = "error-body"      // an error body a client cannot read
	issueTooLarge    = "too-large"       // a body over the checker's limit
	issueRedirects   = "redirects"       // a redirect loop

	// Time.
	issueSlow = "slow" // a request that took longer than the spec's comfortable limit
)

// knownIssues is every kind above, for checking the hints' keys.
var knownIssues = map[string]bool{
	issueCreatedStatus: true, issueNoContentStatus: true, issueSuccessStatus: true, issueForbidden: true,
	issueRefusalStatus: true, issueStatus: true, issueServerError: true, issueNoAuthCheck: true,
	issueOptionalAuth: true, issueTokenRefused: true, issueBearer: true, issueAcceptedInvalid: true,
	issueFoundMissing: true, issueNotJSON: true, issueShape: true, issueUnwrapped: true, issueValue: true,
	issueDate: true, issueSlug: true, issueOrder: true, issueCount: true, issueFeed: true, issueLocation: true,
	issueDeleteAgain: true, issueETag: true, issueExtraField: true, issueSecretField: true,
	issueErrorBody: true, issueTooLarge: true, issueRedirects: true, issueSlow: true,
	issueRedirect: true, issueRateLimit: true,
}

// leeway says which other status codes pass with a warning. Where a call
// gives one, the reason is written beside it.
type leeway uint8

const (
	// anySuccess: another 2xx. Clients written to the spec test for success
	// (2xx) and then read the body; none tells 200 from 201 to work.
	anySuccess leeway = 1 << iota
	// forbidden: 403 for 401. The request is refused either way and nothing
	// leaks; only a client that sends its user to log in on 401 misses that.
	forbidden
	// anyRefusal: another 4xx, 401 and 403 aside. The client sees that it was
	// refused, which is what it must know; only the precise reason differs.
	anyRefusal
)

// allows reports whether got passes with a warning where want was asked
// for, and the issue to name.
func (l leeway) allows(got int, want []int) (string, bool) {
	w := want[0]
	switch {
	case l&anySuccess != 0 && success(got) && success(w):
		return successIssue(w), true
	case l&forbidden != 0 && got == http.StatusForbidden && slices.Contains(want, http.StatusUnauthorized):
		return issueForbidden, true
	case l&anyRefusal != 0 && refusal(got) && refusal(w) && got != http.StatusUnauthorized && got != http.StatusForbidden:
		return issueRefusalStatus, true
	}
	return "", false
}

func successIssue(want int) string {
	switch want {
	case http.StatusCreated:
		return issueCreatedStatus
	case http.StatusNoContent:
		return issueNoContentStatus
	}
	return issueSuccessStatus
}

func success(code int) bool { return code >= 200 && code < 300 }
func refusal(code int) bool { return code >= 400 && code < 500 }

// answered: the code of a request that was let through (2xx, 3xx).
func answered(code int) bool { return code >= 200 && code < 400 }

// statusIssue names a wrong status that is a failure, for its hint.
func statusIssue(got int, c call) string {
	w := c.want[0]
	_, withToken := c.header["Authorization"]
	switch {
	case got >= 500:
		return issueServerError
	case success(got) && slices.Contains(c.want, http.StatusUnauthorized):
		return issueNoAuthCheck
	case success(got) && w == http.StatusNotFound:
		return issueFoundMissing
	case success(got) && refusal(w):
		return issueAcceptedInvalid
	case (got == http.StatusUnauthorized || got == http.StatusForbidden) && answered(w) && !withToken:
		return issueOptionalAuth
	case (got == http.StatusUnauthorized || got == http.StatusForbidden) && answered(w):
		return issueTokenRefused
	}
	return issueStatus
}
