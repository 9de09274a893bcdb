package checker

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"devpath/internal/checker/checkertest"
)

func TestConduitReferencePasses(t *testing.T) {
	url := serve(t, newConduitServer(0))
	rep := check(t, "conduit", url, Options{})
	expectPass(t, rep)
	if rep.Stages != 15 {
		t.Errorf("conduit has %d stages, want 15", rep.Stages)
	}
}

// The server keeps working for a second run with other data, as a learner's
// server that is not restarted between runs would.
func TestConduitTwoRunsOnOneServer(t *testing.T) {
	url := serve(t, newConduitServer(0))
	expectPass(t, check(t, "conduit", url, Options{Seed: 1}))
	expectPass(t, check(t, "conduit", url, Options{Seed: 2}))
}

func TestConduitFaults(t *testing.T) {
	for _, tc := range []struct {
		name      string
		fault     fault
		stage     string
		fragments []string
		also      []string // other stages the same mistake fails
	}{
		{"Bearer instead of Token", checkertest.ConduitBearer, "current-user", []string{`refused "Authorization: Token <token>" but accepted "Bearer <token>"`}, nil},
		{"unfollow ignored", checkertest.ConduitStickyFollow, "profiles", []string{"DELETE /api/profiles/", `"following" is true; expected false`}, nil},
		{"no articlesCount", checkertest.ConduitNoCount, "list-articles", []string{"GET /api/articles?author=", `has no "articlesCount" field`}, []string{"feed"}},
		{"feed has everyone", checkertest.ConduitFeedAll, "feed", []string{"GET /api/articles/feed", "whom the user does not follow"}, nil},
		{"flat 422 body", checkertest.ConduitFlatErrors, "errors", []string{"POST /api/users (without a username)", `has no "errors" object`}, nil},
		{"profile needs a token", checkertest.ConduitProfileNeedsToken, "profiles", []string{"(without a token) answered 401 Unauthorized; expected 200 OK"}, nil},
		{"500 on a profile without a token", checkertest.ConduitProfile500, "profiles", []string{"(without a token) answered 500 Internal Server Error: the server failed on its own"}, nil},
		{"empty new comment", checkertest.ConduitEmptyComment, "comments", []string{"POST /api/articles/", `"body" is ""`}, nil},
		{"articlesCount of the page", checkertest.ConduitPageCount, "list-articles", []string{"&limit=1&offset=1", `"articlesCount" is 1; expected 3`}, nil},
		{"password hash sent", checkertest.ConduitPasswordHash, "register", []string{`"passwordHash" is sent back`}, []string{"login", "current-user", "update-user", "profiles", "feed"}},
		{"update wipes what was not sent", checkertest.ConduitUpdateWipes, "update-user", []string{"PUT /api/user", `"bio" is ""; expected`}, nil},
		{"new password not saved", checkertest.ConduitPasswordIgnored, "update-user", []string{"(with the new password) was refused: the password sent by PUT /api/user was not saved"}, nil},
		{"500 for an empty update", checkertest.ConduitEmptyUpdate500, "update-user", []string{"PUT /api/user (with no field) answered 500"}, nil},
		{"anyone edits", checkertest.ConduitAnyoneEdits, "update-article", []string{"(by a user who is not the author) answered 200 OK: the server rewrote another user's article"}, []string{"delete-article"}},
		{"comments need a token", checkertest.ConduitCommentsNeedToken, "comments", []string{"(without a token) answered 401 Unauthorized; expected 200 OK"}, nil},
		{"null for an empty list", checkertest.ConduitNullEmptyList, "feed", []string{`"articles" should be an array, but it is null`}, nil},
		{"dates not RFC 3339", checkertest.ConduitLocalDates, "create-article", []string{`"createdAt" should be an RFC 3339 date-time string`}, []string{"get-article", "update-article", "favorites", "list-articles", "comments", "feed", "delete-article"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			url := serve(t, newConduitServer(tc.fault))
			rep := check(t, "conduit", url, Options{})
			for i, res := range rep.Results {
				if slices.Contains(tc.also, res.Slug) && res.Status == StatusFail {
					rep.Results[i].Status = StatusPass // the same mistake, seen again
				}
			}
			expectOnly(t, rep, tc.stage, tc.fragments...)
		})
	}
}

// Departures a client survives pass with a warning that cites the spec, and
// fail under Strict.
func TestConduitWarnings(t *testing.T) {
	for _, tc := range []struct {
		name      string
		fault     fault
		stage     string
		fragments []string
	}{
		{"200 for 201", checkertest.ConduitCreated200, "register", []string{"POST /api/users answered 200 OK; the spec says 201 Created"}},
		{"403 for 401", checkertest.ConduitForbidden, "current-user", []string{"GET /api/user (without a token) answered 403 Forbidden; the spec says 401 Unauthorized"}},
		{"an extra field", checkertest.ConduitExtraField, "register", []string{`POST /api/users: user: "id" is not a field of the spec's user`}},
		{"201 for a comment", checkertest.ConduitComment201, "comments", []string{"answered 201 Created; the spec says 200 OK"}},
		{"200 for a deleted article", checkertest.ConduitDelete200, "delete-article", []string{"DELETE /api/articles/", "answered 200 OK; the spec says 204 No Content"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			url := serve(t, newConduitServer(tc.fault))
			rep := check(t, "conduit", url, Options{})
			w := warningsOf(rep)
			if len(w) == 0 || !containsAll(w[0].Message, tc.fragments) || w[0].Spec == "" || rep.Results[slices.IndexFunc(rep.Results, func(r Result) bool { return r.Slug == tc.stage })].count(Warning) == 0 {
				t.Fatalf("warnings: %+v; want the first at %s holding %q", w, tc.stage, tc.fragments)
			}
			if !rep.Passed || rep.passedCount() != rep.Stages {
				t.Errorf("a run with only warnings did not pass: %s", rep.JSON().Summary())
			}
			if strict := check(t, "conduit", url, Options{Strict: true, Seed: 43}); strict.Passed {
				t.Error("a run with warnings passed under Strict")
			}
		})
	}
}

func warningsOf(rep Report) []Finding {
	var out []Finding
	for _, res := range rep.Results {
		for _, f := range res.Findings {
			if f.Level != Warning {
				panic(fmt.Sprintf("%s: %s", res.Slug, f.Message))
			}
			out = append(out, f)
		}
	}
	return out
}

// A server whose password hashing is slow passes with a warning for each
// address that hashes, while the other requests keep the short limit.
func TestConduitSlowHash(t *testing.T) {
	url := serve(t, newConduitServer(checkertest.ConduitSlowHash))
	opts := Options{RequestTimeout: checkertest.SlowHash * 2 / 3, SlowTimeout: 10 * checkertest.SlowHash, SlowAfter: checkertest.SlowHash / 3}
	rep := check(t, "conduit", url, opts)
	var slow []string
	for _, f := range warningsOf(rep) {
		if f.Issue != issueSlow || !strings.Contains(f.Spec, "conduit SPEC.md line 22") {
			t.Errorf("warning %+v", f)
		}
		slow = append(slow, f.Message[:strings.Index(f.Message, " took ")])
	}
	if want := []string{"POST /api/users", "POST /api/users/login", "PUT /api/user"}; !slices.Equal(slow, want) {
		t.Errorf("slow: %q, want %q", slow, want)
	}
	if !rep.Passed {
		t.Errorf("a slow but correct server did not pass: %s", rep.JSON().Summary())
	}
	opts.SlowTimeout, opts.Seed = checkertest.SlowHash/2, 43
	expectFirst(t, check(t, "conduit", url, opts), "register", StatusError, "/api/users: no complete answer within 150ms, the time limit of this request")
}

// Running the same seed twice against one server reuses the user names, and
// registration says so through the server's own 422.
func TestConduitSameSeedTwice(t *testing.T) {
	url := serve(t, newConduitServer(0))
	expectPass(t, check(t, "conduit", url, Options{Seed: 7}))
	expectFirst(t, check(t, "conduit", url, Options{Seed: 7}), "register", StatusFail, "answered 422 Unprocessable Entity", "expected 201 Created")
}
