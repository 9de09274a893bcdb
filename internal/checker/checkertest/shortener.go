package checkertest

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"
)

// A reference shortener server: what content/projects/shortener/SPEC.md asks
// for, in memory, with a rate limit window of ShortenerWindow so that tests
// wait one second, not ten. Each fault turns on one typical mistake.
const (
	ShortenerCreate200          Fault = 1 << iota // 200 instead of 201 on a create
	ShortenerNoLocation                           // no Location header on a create
	ShortenerPermanent                            // 301 instead of 302
	ShortenerNoClicks                             // redirects are not counted
	ShortenerOverwrite                            // a taken code is given to the new link
	ShortenerAnyURL                               // any url is accepted, javascript: too
	ShortenerRedirectNeedsToken                   // the redirect wants the token too
	ShortenerForbidden                            // 403 instead of 401 without the token
	ShortenerNoETag                               // statistics without an ETag
	ShortenerStaleETag                            // the ETag does not change with clicks
	ShortenerIgnoreIfNoneMatch                    // If-None-Match is ignored: always 200
	ShortenerNoRateLimit                          // no rate limit at all
	ShortenerNoRetryAfter                         // 429 without Retry-After
	ShortenerStuckLimit                           // once limited, always limited
	ShortenerTextNotFound                         // 404 as plain text from http.NotFound
)

// ShortenerWindow is the reference server's rate limit window; SPEC.md says
// 10 seconds, and a shorter one is as correct.
const ShortenerWindow = time.Second

// shortenerLimit is SPEC.md's: requests to POST /links per token per window.
const shortenerLimit = 20

type shortLink struct {
	Code   string `json:"code"`
	URL    string `json:"url"`
	Clicks int    `json:"clicks"`
}

type shortenerServer struct {
	mu      sync.Mutex
	token   string
	faults  Fault
	links   map[string]*shortLink
	lastID  int
	posts   []time.Time // POST /links with the token, oldest first
	limited bool        // for ShortenerStuckLimit
}

// NewShortenerServer returns a shortener that accepts token and makes the
// mistakes in faults.
func NewShortenerServer(token string, faults Fault) http.Handler {
	s := &shortenerServer{token: token, faults: faults, links: map[string]*shortLink{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /links", s.authed(s.limit(s.create)))
	mux.HandleFunc("GET /links/{code}", s.authed(s.withLink(s.stats)))
	mux.HandleFunc("GET /{code}", s.serial(s.withLink(s.redirect)))
	return mux
}

// serial runs one request at a time.
func (s *shortenerServer) serial(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		h(w, r)
	}
}

func (s *shortenerServer) authed(h http.HandlerFunc) http.HandlerFunc {
	return s.serial(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+s.token {
			status := http.StatusUnauthorized
			if s.faults.has(ShortenerForbidden) {
				status = http.StatusForbidden
			}
			errorJSON(w, status, "missing or wrong token", nil)
			return
		}
		h(w, r)
	})
}

// limit keeps the times of the window's requests and refuses past the limit.
func (s *shortenerServer) limit(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		now := time.Now()
		for len(s.posts) > 0 && now.Sub(s.posts[0]) >= ShortenerWindow {
			s.posts = s.posts[1:]
		}
		if (len(s.posts) >= shortenerLimit || s.limited) && !s.faults.has(ShortenerNoRateLimit) {
			s.limited = s.faults.has(ShortenerStuckLimit)
			if !s.faults.has(ShortenerNoRetryAfter) {
				wait := ShortenerWindow
				if len(s.posts) > 0 {
					wait -= now.Sub(s.posts[0])
				}
				w.Header().Set("Retry-After", fmt.Sprint(int(math.Ceil(wait.Seconds()))))
			}
			errorJSON(w, http.StatusTooManyRequests, "too many new links; wait a moment", nil)
			return
		}
		s.posts = append(s.posts, now)
		h(w, r)
	}
}

func (s *shortenerServer) withLink(h func(http.ResponseWriter, *http.Request, *shortLink)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		l, ok := s.links[r.PathValue("code")]
		switch {
		case !ok && s.faults.has(ShortenerTextNotFound):
			http.NotFound(w, r)
		case !ok:
			errorJSON(w, http.StatusNotFound, "link not found", nil)
		default:
			h(w, r, l)
		}
	}
}

var codeRule = regexp.MustCompile(`^[A-Za-z0-9_-]{3,32}$`)

func (s *shortenerServer) create(w http.ResponseWriter, r *http.Request) {
	var in struct{ URL, Code string }
	if err := readJSON(r, &in); err != nil {
		errorJSON(w, http.StatusBadRequest, "the body is not valid JSON", nil)
		return
	}
	if fields := s.invalid(in.URL, in.Code); len(fields) > 0 {
		errorJSON(w, http.StatusUnprocessableEntity, "invalid link", fields)
		return
	}
	if _, taken := s.links[in.Code]; taken && !s.faults.has(ShortenerOverwrite) {
		errorJSON(w, http.StatusConflict, "that code is taken", nil)
		return
	}
	if in.Code == "" {
		s.lastID++
		in.Code = fmt.Sprintf("l%d", s.lastID)
	}
	l := &shortLink{Code: in.Code, URL: in.URL}
	s.links[l.Code] = l
	if !s.faults.has(ShortenerNoLocation) {
		w.Header().Set("Location", "/links/"+url.PathEscape(l.Code))
	}
	status := http.StatusCreated
	if s.faults.has(ShortenerCreate200) {
		status = http.StatusOK
	}
	writeJSON(w, status, l)
}

// invalid names the fields that break SPEC.md's rules.
func (s *shortenerServer) invalid(raw, code string) map[string]string {
	fields := map[string]string{}
	u, err := url.Parse(raw)
	if !s.faults.has(ShortenerAnyURL) && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		fields["url"] = "must be an absolute http or https address"
	}
	if code != "" && (!codeRule.MatchString(code) || code == "links") {
		fields["code"] = "must be 3 to 32 letters, digits, - or _"
	}
	return fields
}

func (s *shortenerServer) redirect(w http.ResponseWriter, r *http.Request, l *shortLink) {
	if s.faults.has(ShortenerRedirectNeedsToken) && r.Header.Get("Authorization") != "Bearer "+s.token {
		errorJSON(w, http.StatusUnauthorized, "missing or wrong token", nil)
		return
	}
	if !s.faults.has(ShortenerNoClicks) {
		l.Clicks++
	}
	status := http.StatusFound
	if s.faults.has(ShortenerPermanent) {
		status = http.StatusMovedPermanently
	}
	w.Header().Set("Location", l.URL)
	w.WriteHeader(status)
}

func (s *shortenerServer) stats(w http.ResponseWriter, r *http.Request, l *shortLink) {
	etag := fmt.Sprintf(`"%s-%d"`, l.Code, l.Clicks)
	if s.faults.has(ShortenerStaleETag) {
		etag = fmt.Sprintf(`"%s"`, l.Code)
	}
	if !s.faults.has(ShortenerNoETag) {
		w.Header().Set("ETag", etag)
	}
	if match := r.Header.Get("If-None-Match"); match != "" && !s.faults.has(ShortenerIgnoreIfNoneMatch) && strings.Contains(match, etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	writeJSON(w, http.StatusOK, l)
}
