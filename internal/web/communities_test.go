package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// TestCommunityPages: topic pages list their communities; a learner
// records the ones they joined without JavaScript, a refused form keeps
// what was typed beside its problem, and memberships are private.
func TestCommunityPages(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		srv.Anonymous().Expect(t, "GET", "/roadmaps/backend/topics/online-communities", "", 200, `href="https://www.reddit.com/r/golang/"`)
		ada.Expect(t, "GET", "/roadmaps/backend/topics/online-communities", "", 200, `href="/network/communities"`)
		if page := ada.Expect(t, "GET", "/roadmaps/backend/topics/http", "", 200, ""); strings.Contains(page, "Communities to join") {
			t.Error("a topic with no communities lists some")
		}

		res, page := form(t, ada, srv, "/network/communities/r-golang", url.Values{"handle": {"u/ada"}, "joined_on": {"2999-01-01"}})
		if res.StatusCode != 422 || !strings.Contains(page, `value="u/ada"`) || !strings.Contains(page, `href="#f-joined_on"`) ||
			!strings.Contains(page, `id="joined-r-golang-error"`) {
			t.Fatalf("refused: %d\n%s", res.StatusCode, page)
		}
		res, _ = form(t, ada, srv, "/network/communities/r-golang", url.Values{"handle": {"u/ada"}, "joined_on": {"2026-01-10"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("join: %d", res.StatusCode)
		}
		ada.Expect(t, "GET", "/network/communities", "", 200, "Joined on 2026-01-10 as <strong>u/ada</strong>")
		if page := bob.Expect(t, "GET", "/network/communities", "", 200, ""); strings.Contains(page, "u/ada") {
			t.Fatal("bob sees ada's handle")
		}
		if res, _ := form(t, bob, srv, "/network/communities/r-golang/leave", nil); res.StatusCode != 404 {
			t.Fatalf("bob left for ada: %d", res.StatusCode)
		}
		if res, _ := form(t, ada, srv, "/network/communities/myspace", url.Values{"handle": {"x"}}); res.StatusCode != 404 {
			t.Fatalf("an unknown community: %d", res.StatusCode)
		}
		if res, _ := form(t, ada, srv, "/network/communities/r-golang/leave", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("leave: %d", res.StatusCode)
		}
		if page := ada.Expect(t, "GET", "/network/communities", "", 200, ""); strings.Contains(page, "u/ada") {
			t.Fatal("still joined after leaving")
		}
		srv.Anonymous().Expect(t, "GET", "/network/communities", "", http.StatusSeeOther, "")
	})
}
