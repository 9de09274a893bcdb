package httpx

import (
	"net/http"
	"strings"
	"time"
)

// CookieName is the cookie that carries a browser's session.
const CookieName = "devpath_session"

// SessionCookie is the session cookie for secret; an empty secret clears it.
func SessionCookie(secret string, expires time.Time, secure bool) http.Cookie {
	c := http.Cookie{Name: CookieName, Value: secret, Path: "/", Expires: expires,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: secure}
	if secret == "" {
		c.MaxAge = -1
		c.Expires = time.Time{}
	}
	return c
}

// Credential is the secret a request presents: a Bearer token, else the
// session cookie; empty when there is neither.
func Credential(r *http.Request) string {
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		return strings.TrimSpace(strings.TrimPrefix(h, "Bearer "))
	}
	if c, err := r.Cookie(CookieName); err == nil {
		return c.Value
	}
	return ""
}
