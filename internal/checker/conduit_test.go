package checker

import (
	"slices"
	"testing"
)

func TestConduitReferencePasses(t *testing.T) {
	url := serve(t, newConduitServer(0))
	rep := check(t, "conduit", url, Options{})
	expectPass(t, rep)
	if rep.Stages != 13 {
		t.Errorf("conduit has %d stages, want 13", rep.Stages)
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
		{"Bearer instead of Token", conduitBearer, "current-user", []string{"GET /api/user answered 401", "scheme Token, not Bearer"}, nil},
		{"unfollow ignored", conduitStickyFollow, "profiles", []string{"DELETE /api/profiles/", `"following" is true; expected false`}, nil},
		{"no articlesCount", conduitNoCount, "list-articles", []string{"GET /api/articles?author=", `has no "articlesCount" field`}, []string{"feed"}},
		{"feed has everyone", conduitFeedAll, "feed", []string{"GET /api/articles/feed", "whom the user does not follow"}, nil},
		{"flat 422 body", conduitFlatErrors, "errors", []string{"POST /api/users (without a username)", `has no "errors" field`}, nil},
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

// Running the same seed twice against one server reuses the user names, and
// registration says so through the server's own 422.
func TestConduitSameSeedTwice(t *testing.T) {
	url := serve(t, newConduitServer(0))
	expectPass(t, check(t, "conduit", url, Options{Seed: 7}))
	expectFirst(t, check(t, "conduit", url, Options{Seed: 7}), "register", StatusFail, "answered 422 Unprocessable Entity", "expected 201 Created")
}
