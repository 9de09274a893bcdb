package checker

import (
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
	}{
		{"Bearer instead of Token", conduitBearer, "current-user", []string{"GET /api/user answered 401", "scheme Token, not Bearer"}},
		{"unfollow ignored", conduitStickyFollow, "profiles", []string{"DELETE /api/profiles/", `"following" is true; expected false`}},
		{"no articlesCount", conduitNoCount, "list-articles", []string{"GET /api/articles?author=", `has no "articlesCount" field`}},
		{"feed has everyone", conduitFeedAll, "feed", []string{"GET /api/articles/feed", "whom the user does not follow"}},
		{"flat 422 body", conduitFlatErrors, "errors", []string{"POST /api/users (without a username)", `has no "errors" field`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			url := serve(t, newConduitServer(tc.fault))
			expectStop(t, check(t, "conduit", url, Options{}), tc.stage, StatusFail, tc.fragments...)
		})
	}
}

// Running the same seed twice against one server reuses the user names, and
// registration says so through the server's own 422.
func TestConduitSameSeedTwice(t *testing.T) {
	url := serve(t, newConduitServer(0))
	expectPass(t, check(t, "conduit", url, Options{Seed: 7}))
	expectStop(t, check(t, "conduit", url, Options{Seed: 7}), "register", StatusFail, "answered 422 Unprocessable Entity", "expected 201 Created")
}
