package checker

import (
	"strings"
	"testing"

	"devpath/internal/checker/checkertest"
)

func TestShortenerReferencePasses(t *testing.T) {
	url := serve(t, checkertest.NewShortenerServer(ShortenerToken, 0))
	rep := check(t, "shortener", url, Options{})
	expectPass(t, rep)
	if rep.Stages != 9 {
		t.Errorf("shortener has %d stages, want 9", rep.Stages)
	}
}

// Each typical mistake that breaks a client is caught at its own stage.
func TestShortenerFaults(t *testing.T) {
	for _, tc := range []struct {
		name      string
		fault     fault
		stage     string
		fragments []string
		also      string // another stage the same mistake fails
	}{
		{"clicks not counted", checkertest.ShortenerNoClicks, "stats", []string{`"clicks" is 0; expected 2`}, "caching"},
		{"a taken code given away", checkertest.ShortenerOverwrite, "custom-code", []string{"(with a code that is taken) answered 201 Created; expected 409 Conflict"}, ""},
		{"any url accepted", checkertest.ShortenerAnyURL, "validation", []string{"(with a javascript: url) answered 201 Created; expected 422"}, ""},
		{"no ETag", checkertest.ShortenerNoETag, "caching", []string{"no ETag header"}, ""},
		{"ETag blind to clicks", checkertest.ShortenerStaleETag, "caching", []string{"answered 304 Not Modified, but a click changed the link since that ETag"}, ""},
		{"no rate limit", checkertest.ShortenerNoRateLimit, "rate-limit", []string{"41 requests in a burst were all accepted"}, ""},
		{"a limit that never lifts", checkertest.ShortenerStuckLimit, "rate-limit", []string{"(once Retry-After has passed) answered 429 Too Many Requests"}, ""},
		{"plain-text 404", checkertest.ShortenerTextNotFound, "not-found", []string{"(a code no link has)", "text/plain"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			url := serve(t, checkertest.NewShortenerServer(ShortenerToken, tc.fault))
			rep := check(t, "shortener", url, Options{})
			for i, res := range rep.Results {
				if res.Slug == tc.also && res.Status == StatusFail {
					rep.Results[i].Status = StatusPass // the same mistake, seen again
				}
			}
			expectOnly(t, rep, tc.stage, tc.fragments...)
		})
	}
}

// A redirect that wants the token fails where visitors are sent on, and
// nowhere else.
func TestShortenerRedirectNeedsToken(t *testing.T) {
	url := serve(t, checkertest.NewShortenerServer(ShortenerToken, checkertest.ShortenerRedirectNeedsToken))
	rep := check(t, "shortener", url, Options{})
	for _, res := range rep.Results {
		want := map[string]Status{"redirect": StatusFail, "stats": StatusSkip, "auth": StatusFail, "caching": StatusFail}[res.Slug]
		if want == "" {
			want = StatusPass
		}
		if res.Status != want {
			t.Errorf("%s: %s (%s), want %s", res.Slug, res.Status, res.Message, want)
		}
		for _, f := range res.Findings {
			if f.Issue != issueOptionalAuth || !strings.Contains(f.Hint, "Visitors have no token") {
				t.Errorf("%s: %+v", res.Slug, f)
			}
		}
	}
}

// Departures a client survives pass with a warning that cites the spec.
func TestShortenerWarnings(t *testing.T) {
	for _, tc := range []struct {
		name      string
		fault     fault
		stage     string
		fragments []string
	}{
		{"200 for 201", checkertest.ShortenerCreate200, "create-link", []string{"POST /links answered 200 OK; the spec says 201 Created"}},
		{"no Location", checkertest.ShortenerNoLocation, "create-link", []string{"POST /links: the answer has no Location header"}},
		{"301 for 302", checkertest.ShortenerPermanent, "redirect", []string{"answered 301 Moved Permanently; the spec says 302 Found"}},
		{"403 for 401", checkertest.ShortenerForbidden, "auth", []string{"POST /links (without a token) answered 403 Forbidden; the spec says 401 Unauthorized"}},
		{"If-None-Match ignored", checkertest.ShortenerIgnoreIfNoneMatch, "caching", []string{"(with If-None-Match, unchanged) answered 200 OK with the whole link"}},
		{"no Retry-After", checkertest.ShortenerNoRetryAfter, "rate-limit", []string{"the 429 has no Retry-After header"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			url := serve(t, checkertest.NewShortenerServer(ShortenerToken, tc.fault))
			w := expectWarning(t, check(t, "shortener", url, Options{}), tc.stage, tc.fragments...)
			if !strings.Contains(w.Spec, "shortener SPEC.md line ") {
				t.Errorf("the warning cites %q", w.Spec)
			}
		})
	}
}
