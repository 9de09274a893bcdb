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

func TestCredentialPages(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob, visitor := srv.Learner(t, "ada"), srv.Learner(t, "bob"), srv.Anonymous()
		c, err := srv.App.Credentials.Graduate(context.Background(), 1, "spring-27", "Spring 2027")
		if err != nil {
			t.Fatal(err)
		}
		id := strconv.FormatInt(c.ID, 10)
		ada.Expect(t, "GET", "/credentials", "", 200, "waiting for you")
		bob.Expect(t, "GET", "/credentials", "", 200, "No credentials yet")
		visitor.Expect(t, "GET", "/credentials", "", http.StatusSeeOther, "")
		bob.Expect(t, "GET", "/credentials/"+id+"/credential.jwt", "", 404, "")
		if res, _ := form(t, bob, srv, "/credentials/"+id+"/accept", nil); res.StatusCode != 404 {
			t.Fatalf("another learner accepted it: %d", res.StatusCode)
		}
		if res, _ := form(t, ada, srv, "/credentials/"+id+"/public", url.Values{"public": {"on"}}); res.StatusCode != 409 {
			t.Fatalf("shown before being accepted: %d", res.StatusCode)
		}
		for _, step := range [][2]string{{"/accept", "?done=accepted"}, {"/public", "?done=shown"}} { // in this order
			path, want := step[0], step[1]
			res, _ := form(t, ada, srv, "/credentials/"+id+path, url.Values{"public": {"on"}})
			if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), want) {
				t.Fatalf("%s: %d %s", path, res.StatusCode, res.Header.Get("Location"))
			}
		}
		jwt := ada.Expect(t, "GET", "/credentials/"+id+"/credential.jwt", "", 200, "eyJ")
		ada.Expect(t, "GET", "/credentials/"+id+"/credential.json", "", 200, `"name": "Graduate of Spring 2027"`)

		// the public page shows it with the verified mark
		form(t, ada, srv, "/portfolio/settings", url.Values{"handle": {"ada-l"}, "public": {"on"}})
		visitor.Expect(t, "GET", "/u/ada-l", "", 200, "Verified by devpath")

		// anyone verifies, pasted or uploaded; bad input gets a verdict or a field error, never a 500
		for _, tc := range []struct {
			name   string
			post   func() (*http.Response, string)
			status int
			want   string
		}{
			{"pasted", func() (*http.Response, string) {
				return form(t, visitor, srv, "/credentials/verify", url.Values{"jwt": {jwt}})
			}, 200, "<h2 id=\"h-result\">Valid: Graduate of Spring 2027"},
			{"uploaded", func() (*http.Response, string) {
				return upload(t, visitor, srv, "/credentials/verify", "badge.jwt", []byte(jwt))
			}, 200, "Valid: Graduate"},
			{"garbage", func() (*http.Response, string) {
				return form(t, visitor, srv, "/credentials/verify", url.Values{"jwt": {"hello"}})
			}, 200, "Not valid"},
			{"empty", func() (*http.Response, string) {
				return form(t, visitor, srv, "/credentials/verify", url.Values{"jwt": {" "}})
			}, 422, "is empty"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res, body := tc.post()
				if res.StatusCode != tc.status || !strings.Contains(body, tc.want) {
					t.Fatalf("%d, want %d and %q:\n%s", res.StatusCode, tc.status, tc.want, body)
				}
			})
		}
		visitor.Expect(t, "GET", "/credentials/achievements/cohort-graduate.svg", "", 200, "<svg")
		visitor.Expect(t, "GET", "/credentials/achievements/cohort-graduate/spring-27", "", 200, "Graduate of spring-27")
		visitor.Expect(t, "GET", "/credentials/achievements/nope.svg", "", 404, "")
	})
}
