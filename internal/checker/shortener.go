package checker

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// ShortenerToken is the bearer token the checker sends to a shortener
// server. SPEC.md tells the learner to accept it, read from SHORTENER_TOKEN.
const ShortenerToken = "devpath-shortener-token"

// The rate limit SPEC.md sets: requests to POST /links per token per window.
const (
	linksPerWindow = 20
	maxRetryWait   = 10 * time.Second // the window: no wait the spec asks for is longer
)

// shortener holds what its stages create, for the stages after them.
//
// Each check says beside it why a departure from SPEC.md is a failure (a
// client written to the spec breaks) or only a warning (it still works).
type shortener struct {
	h    *harness
	link link // made by create-link, clicked by redirect
}

type link struct {
	code, url string
	clicks    int64
}

func shortenerSuite(h *harness) []step {
	s := &shortener{h: h}
	return []step{
		{slug: "create-link", run: s.create, gives: []string{"link"}},
		{slug: "redirect", run: s.redirect, needs: []string{"link"}, gives: []string{"clicks"}},
		{slug: "stats", run: s.stats, needs: []string{"clicks"}},
		{slug: "custom-code", run: s.customCode},
		{slug: "validation", run: s.validation},
		{slug: "not-found", run: s.notFound},
		{slug: "auth", run: s.auth, needs: []string{"link"}},
		{slug: "caching", run: s.caching, needs: []string{"link"}},
		{slug: "rate-limit", run: s.rateLimit},
	}
}

func (s *shortener) token() map[string]string {
	return map[string]string{"Authorization": "Bearer " + ShortenerToken}
}

// longURL is a made-up address, different each time, with a query string so
// that a server that mangles one is caught.
func (s *shortener) longURL() string {
	f := s.h.fake
	return fmt.Sprintf("https://example.com/%s/%s-%d?ref=%s", f.word(), f.pick(nouns), f.number(), f.pick(adjectives))
}

func linkPath(code string) string { return "/links/" + url.PathEscape(code) }

// readLink checks a link's shape: extra fields pass, as the spec says.
func readLink(where string, o map[string]any) (link, error) {
	if err := shape(where, o, field{"code", kString}, field{"url", kString}, field{"clicks", kInt}); err != nil {
		return link{}, err
	}
	return link{code: o["code"].(string), url: o["url"].(string), clicks: num(o["clicks"])}, nil
}

// sameLink fails on a wrong url or click count: a client shows both.
func sameLink(where string, got, want link) error {
	if want.code != "" {
		if err := equal(where, "code", got.code, want.code); err != nil {
			return err
		}
	}
	if err := equal(where, "url", got.url, want.url); err != nil {
		return err
	}
	if got.clicks != want.clicks {
		return fail(issueValue, "%s: \"clicks\" is %d; expected %d", where, got.clicks, want.clicks)
	}
	return nil
}

// post creates a link: 201; another 2xx warns (anySuccess). A 429 left over
// from an earlier run (its rate-limit stage filled the window) is waited out
// once, as a client would, so that runs close together do not fail here.
func (s *shortener) post(ctx context.Context, body map[string]string, expect string) (link, *reply, error) {
	c := call{method: http.MethodPost, path: "/links", header: s.token(), body: body,
		want: []int{201}, near: anySuccess, spec: shCreate201, expect: expect}
	r, err := s.h.do(ctx, c)
	if err == nil && r.status == http.StatusTooManyRequests {
		fmt.Fprintf(s.h.w, "# rate limited, perhaps by an earlier run: waiting as Retry-After asks, then once more\n\n")
		if err = sleep(ctx, retryAfter(r)); err == nil {
			r, err = s.h.do(ctx, c)
		}
	}
	if err == nil {
		err = s.h.status(r, c)
	}
	if err != nil {
		return link{}, r, err
	}
	o, err := r.object()
	if err != nil {
		return link{}, r, err
	}
	got, err := readLink(r.what, o)
	if err != nil {
		return link{}, r, err
	}
	return got, r, sameLink(r.what, got, link{code: body["code"], url: body["url"]})
}

// retryAfter reads Retry-After in seconds, bounded by the window; without
// one, the whole window.
func retryAfter(r *reply) time.Duration {
	n, err := strconv.Atoi(r.header.Get("Retry-After"))
	if err != nil || n < 0 || time.Duration(n)*time.Second > maxRetryWait {
		return maxRetryWait
	}
	return time.Duration(n)*time.Second + 100*time.Millisecond
}

func sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

// create makes the run's link. A missing Location warns: the code is in the
// body and the spec gives the address. One that points elsewhere fails.
func (s *shortener) create(ctx context.Context) error {
	want := s.longURL()
	got, r, err := s.post(ctx, map[string]string{"url": want}, "the new link, with its code and 0 clicks, and a Location header")
	if got.code != "" {
		s.link = link{code: got.code, url: want}
		s.h.give("link")
	}
	if err != nil {
		return err
	}
	if r.header.Get("Location") == "" {
		s.h.warn(issueLocation, shLocation, "%s: the answer has no Location header; it should hold the link's address, %s", r.what, linkPath(got.code))
		return nil
	}
	return checkLocation(r, linkPath(got.code))
}

// redirect visits the link twice without a token and without following.
func (s *shortener) redirect(ctx context.Context) error {
	for range 2 {
		if err := s.visit(ctx, "a visitor, who has no token"); err != nil {
			return err
		}
		s.link.clicks++
	}
	s.h.give("clicks")
	return nil
}

// visit asks for the short link: 302 to the long address. Another redirect
// warns: the visitor arrives all the same, though after a permanent one
// (301, 308) browsers skip the server and the clicks go uncounted. No
// redirect, or one elsewhere, fails; so does a refusal, as visitors have no
// token.
func (s *shortener) visit(ctx context.Context, label string) error {
	r, err := s.h.do(ctx, call{method: http.MethodGet, path: "/" + url.PathEscape(s.link.code), label: label, noFollow: true,
		want: []int{302}, expect: "a redirect to " + s.link.url})
	if err != nil {
		return err
	}
	if r.status != http.StatusFound && r.status >= 300 && r.status < 400 {
		s.h.warn(issueRedirect, shRedirect302, "%s answered %s; the spec says 302 Found", r.what, statusText(r.status))
	} else if err := s.h.status(r, call{want: []int{302}, spec: shRedirect302}); err != nil {
		return err
	}
	if loc := r.header.Get("Location"); loc != s.link.url {
		return fail(issueLocation, "%s: the Location header is %q; expected the long address, %q", r.what, loc, s.link.url)
	}
	return nil
}

// getLink reads a link's statistics with the token: 200 (another 2xx warns,
// anySuccess).
func (s *shortener) getLink(ctx context.Context, want link, header map[string]string, expect string) (*reply, error) {
	if header == nil {
		header = s.token()
	}
	o, r, err := s.h.object(ctx, call{method: http.MethodGet, path: linkPath(want.code), header: header,
		want: []int{200}, near: anySuccess, spec: shStats200, expect: expect})
	if err != nil {
		return r, err
	}
	got, err := readLink(r.what, o)
	if err == nil {
		err = sameLink(r.what, got, want)
	}
	return r, err
}

// stats: the two clicks are counted; a wrong count fails.
func (s *shortener) stats(ctx context.Context) error {
	_, err := s.getLink(ctx, s.link, nil, "the link with its 2 clicks")
	return err
}

// customCode asks for a code, then for the same code again: 409, another
// refusal warns (anyRefusal). Success fails: the first link was replaced or
// shadowed. Either way the first link must be as it was.
func (s *shortener) customCode(ctx context.Context) error {
	code := fmt.Sprintf("%s-%s-%d", s.h.fake.pick(adjectives), s.h.fake.pick(nouns), s.h.fake.number())
	first := link{code: code, url: s.longURL()}
	if _, _, err := s.post(ctx, map[string]string{"url": first.url, "code": code}, "the new link, with the code asked for"); err != nil {
		return err
	}
	o, r, err := s.h.object(ctx, call{method: http.MethodPost, path: "/links", header: s.token(), body: map[string]string{"url": s.longURL(), "code": code},
		label: "with a code that is taken", want: []int{409}, near: anyRefusal, spec: shConflict409, expect: `a JSON error, {"error": "..."}`})
	if err == nil {
		err = errorBody(r, o)
	}
	if err != nil {
		return err
	}
	_, err = s.getLink(ctx, first, nil, "the first link with that code, unchanged")
	return err
}

// validation posts invalid links, each on its own: 422 naming the field,
// another refusal warns (anyRefusal), success fails (a short link could send
// people anywhere, javascript: included). Malformed JSON: 400, and 422 warns.
func (s *shortener) validation(ctx context.Context) error {
	var checks []func(context.Context) error
	for _, tc := range []struct {
		label string
		body  any
	}{
		{"without a url", map[string]string{}},
		{"with a url that is not an address", map[string]string{"url": "not an address"}},
		{"with an ftp url", map[string]string{"url": "ftp://example.com/file"}},
		{"with a javascript: url", map[string]string{"url": "javascript:alert(1)"}},
	} {
		checks = append(checks, func(ctx context.Context) error {
			return s.rejects(ctx, call{body: tc.body, label: tc.label, want: []int{422}, spec: shInvalid422}, "url")
		})
	}
	checks = append(checks, func(ctx context.Context) error {
		return s.rejects(ctx, call{raw: `{"url": "https://exa`, label: "with malformed JSON", want: []int{400}, spec: shMalformed400}, "")
	})
	return s.h.all(ctx, checks...)
}

// rejects posts c to /links and expects a JSON error naming name.
func (s *shortener) rejects(ctx context.Context, c call, name string) error {
	c.method, c.path, c.header, c.near = http.MethodPost, "/links", s.token(), anyRefusal
	c.expect = `a JSON error, {"error": "..."}`
	if name != "" {
		c.expect = fmt.Sprintf(`a JSON error naming the field, e.g. {"error": "...", "fields": {%q: "..."}}`, name)
	}
	o, r, err := s.h.object(ctx, c)
	if err == nil {
		err = errorBody(r, o)
	}
	if err == nil && name != "" && !mentions(o, name) {
		err = fail(issueErrorBody, "%s: the error does not name the field %q", r.what, name)
	}
	return err
}

// notFound: 404 with a JSON error; another refusal warns (anyRefusal). A
// redirect or a success fails, as does an error that is not JSON.
func (s *shortener) notFound(ctx context.Context) error {
	code := fmt.Sprintf("no-such-link-%d", s.h.fake.number())
	var checks []func(context.Context) error
	for _, c := range []call{
		{method: http.MethodGet, path: "/" + code, noFollow: true},
		{method: http.MethodGet, path: linkPath(code), header: s.token()},
	} {
		c.want, c.near, c.spec, c.label, c.expect = []int{404}, anyRefusal, shNotFound404, "a code no link has", `a JSON error, {"error": "..."}`
		checks = append(checks, func(ctx context.Context) error {
			o, r, err := s.h.object(ctx, c)
			if err == nil {
				err = errorBody(r, o)
			}
			return err
		})
	}
	return s.h.all(ctx, checks...)
}

// auth: without the token, or with another, 401; 403 warns (forbidden);
// success fails. A redirect without a token must still work (visit).
func (s *shortener) auth(ctx context.Context) error {
	wrong := map[string]string{"Authorization": "Bearer not-" + ShortenerToken}
	var checks []func(context.Context) error
	for _, c := range []call{
		{method: http.MethodPost, path: "/links", body: map[string]string{"url": s.longURL()}, label: "without a token"},
		{method: http.MethodGet, path: linkPath(s.link.code), label: "without a token"},
		{method: http.MethodGet, path: linkPath(s.link.code), header: wrong, label: "with a wrong token"},
	} {
		c.want, c.near, c.spec = []int{401}, forbidden, shUnauthorized
		checks = append(checks, func(ctx context.Context) error {
			_, err := s.h.expect(ctx, c)
			return err
		})
	}
	checks = append(checks, func(ctx context.Context) error {
		if err := s.visit(ctx, "a visitor, who has no token"); err != nil {
			return err
		}
		s.link.clicks++
		return nil
	})
	return s.h.all(ctx, checks...)
}

// caching reads the link's ETag, asks again with If-None-Match, clicks, and
// asks with the old ETag.
func (s *shortener) caching(ctx context.Context) error {
	r, err := s.h.expect(ctx, call{method: http.MethodGet, path: linkPath(s.link.code), header: s.token(),
		want: []int{200}, near: anySuccess, spec: shStats200, expect: "the link and an ETag header"})
	if err != nil {
		return err
	}
	// No ETag fails: a client polling for clicks has nothing to send back.
	old := r.header.Get("ETag")
	if old == "" {
		return fail(issueETag, "%s: the answer has no ETag header; send one that changes with every click, e.g. ETag: \"%s-%d\"", r.what, s.link.code, s.link.clicks)
	}
	if err := s.notModified(ctx, old); err != nil {
		return err
	}
	if err := s.visit(ctx, "one more click, which changes the link"); err != nil {
		return err
	}
	return s.modified(ctx, old)
}

// notModified: with the current ETag, 304 and no body. A full 200 warns:
// the client gets what it asked for, only with bytes it did not need.
func (s *shortener) notModified(ctx context.Context, etag string) error {
	header := s.token()
	header["If-None-Match"] = etag
	r, err := s.h.do(ctx, call{method: http.MethodGet, path: linkPath(s.link.code), header: header, label: "with If-None-Match, unchanged",
		want: []int{304}, expect: "304 Not Modified, no body"})
	switch {
	case err != nil:
		return err
	case r.status == http.StatusOK:
		s.h.warn(issueETag, shNotModified, "%s answered 200 OK with the whole link; the spec says 304 Not Modified, with no body", r.what)
		return nil
	}
	return s.h.status(r, call{want: []int{304}, spec: shNotModified})
}

// modified: with an ETag from before the click, the link as it is now. A
// 304 fails: the client keeps showing an old count.
func (s *shortener) modified(ctx context.Context, etag string) error {
	header := s.token()
	header["If-None-Match"] = etag
	r, err := s.h.expect(ctx, call{method: http.MethodGet, path: linkPath(s.link.code), header: header, label: "with the ETag from before a click",
		want: []int{200}, near: anySuccess, spec: shStats200, expect: "the link with the new click: it changed"})
	if f, ok := asFailure(err); ok && r != nil && r.status == http.StatusNotModified {
		return fail(issueETag, "%s answered 304 Not Modified, but a click changed the link since that ETag; the ETag must change with every click (%s)", r.what, f.msg)
	}
	if err != nil {
		return err
	}
	if now := r.header.Get("ETag"); now == etag {
		return fail(issueETag, "%s: the ETag is still %s although a click changed the link", r.what, now)
	}
	return nil
}

// rateLimit sends requests to POST /links until one is refused with 429.
// None within twice the limit, and one more, fails: a fixed window may let
// a burst through across its edge, but not more. A 429 without Retry-After
// warns: the client still backs off, only by guessing for how long. Once the
// wait is over, creating must work again; a limit that never lifts fails.
func (s *shortener) rateLimit(ctx context.Context) error {
	var limited *reply
	for i := 0; i <= 2*linksPerWindow && limited == nil; i++ {
		r, err := s.h.do(ctx, call{method: http.MethodPost, path: "/links", header: s.token(), body: map[string]string{"url": s.longURL()},
			label: fmt.Sprintf("request %d of a burst", i+1), want: []int{201, 429}, expect: "201 Created, until 429 Too Many Requests"})
		if err != nil {
			return err
		}
		if err := s.h.status(r, call{want: []int{201, 429}, near: anySuccess, spec: shCreate201}); err != nil {
			return err
		}
		if r.status == http.StatusTooManyRequests {
			limited = r
		}
	}
	if limited == nil {
		return fail(issueRateLimit, "POST /links: %d requests in a burst were all accepted; past %d in 10 seconds, the answer is 429 Too Many Requests",
			2*linksPerWindow+1, linksPerWindow)
	}
	return s.afterLimit(ctx, limited)
}

// afterLimit checks the 429 and waits as it asks, then creates once more.
func (s *shortener) afterLimit(ctx context.Context, r *reply) error {
	if o, err := r.object(); err != nil {
		return err
	} else if err := errorBody(r, o); err != nil {
		return err
	}
	if n, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || n < 0 {
		s.h.warn(issueRateLimit, shRetryAfter, "%s: the 429 has no Retry-After header in seconds (it is %q); the client cannot tell how long to wait",
			r.what, r.header.Get("Retry-After"))
	}
	wait := retryAfter(r)
	fmt.Fprintf(s.h.w, "# waiting %s, as Retry-After asks (at most %s)\n\n", wait.Round(100*time.Millisecond), maxRetryWait)
	if err := sleep(ctx, wait); err != nil {
		return err
	}
	_, err := s.h.expect(ctx, call{method: http.MethodPost, path: "/links", header: s.token(), body: map[string]string{"url": s.longURL()},
		label: "once Retry-After has passed", want: []int{201}, near: anySuccess, spec: shCreate201, expect: "201 Created: the limit has lifted"})
	if f, ok := asFailure(err); ok && f.issue == issueStatus {
		f.issue, f.spec = issueRateLimit, shRetryAfter
	}
	return err
}
