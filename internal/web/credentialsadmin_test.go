package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// TestCredentialsAdminPage: the instance admin finds a credential by
// learner, revokes it with a reason (refused past 500 characters, with
// what was typed kept), after which it verifies as revoked; rotating the
// key publishes a second one; both acts are in the audit log. Nobody else
// sees the page or may act.
func TestCredentialsAdminPage(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		root, ada, visitor := srv.Learner(t, "root"), srv.Learner(t, "ada"), srv.Anonymous()
		c, err := srv.App.Credentials.Graduate(context.Background(), 2, "7", "Spring 2027")
		if err != nil {
			t.Fatal(err)
		}
		id := strconv.FormatInt(c.ID, 10)
		root.Expect(t, "GET", "/credentials", "", 200, `href="/admin/credentials"`)
		root.Expect(t, "GET", "/admin/credentials?learner=ADA", "", 200, "Graduate of Spring 2027")
		root.Expect(t, "GET", "/admin/credentials?learner=nobody", "", 200, "No credential matches.")
		root.Expect(t, "GET", "/admin/credentials?status=accepted", "", 200, "No credential matches.")
		root.Expect(t, "GET", "/admin/credentials?status=pending&achievement=cohort-graduate", "", 200, "ada@example.org")
		root.Expect(t, "GET", "/admin/credentials?status=lost&achievement=nope", "", 422, "must be one of pending, accepted, revoked")
		ada.Expect(t, "GET", "/admin/credentials", "", 403, "")
		visitor.Expect(t, "GET", "/admin/credentials", "", http.StatusSeeOther, "")
		if res, _ := form(t, ada, srv, "/admin/credentials/"+id+"/revocation", url.Values{"reason": {"mine"}}); res.StatusCode != 403 {
			t.Fatalf("a learner revoked: %d", res.StatusCode)
		}
		if res, _ := form(t, ada, srv, "/admin/credentials/keys", nil); res.StatusCode != 403 {
			t.Fatalf("a learner rotated the key: %d", res.StatusCode)
		}

		long := strings.Repeat("x", 501)
		res, body := form(t, root, srv, "/admin/credentials/"+id+"/revocation", url.Values{"reason": {long}})
		if res.StatusCode != 422 || !strings.Contains(body, `id="reason-`+id+`-error"`) || !strings.Contains(body, `id="f-reason"`) || !strings.Contains(body, `value="`+long+`"`) {
			t.Fatalf("a long reason: %d", res.StatusCode)
		}
		res, _ = form(t, root, srv, "/admin/credentials/"+id+"/revocation", url.Values{"reason": {"issued in error"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("revoke: %d", res.StatusCode)
		}
		root.Expect(t, "GET", "/admin/credentials?status=revoked", "", 200, "issued in error")
		visitor.Expect(t, "GET", "/api/v1/credentials/verify?jwt="+url.QueryEscape(c.JWT), "", 200, `"verdict":"failed","detail":"revoked`)

		if res, _ := form(t, root, srv, "/admin/credentials/keys", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("rotate: %d", res.StatusCode)
		}
		page := root.Expect(t, "GET", "/admin/credentials", "", 200, "retired")
		for _, want := range []string{"root retired the signing key", "root revoked credential " + id + ", Graduate of Spring 2027 (user 2): issued in error"} {
			if !strings.Contains(page, want) {
				t.Errorf("the audit log lacks %q", want)
			}
		}
	})
}
