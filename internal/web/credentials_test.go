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

		// the portfolio shows it verified, with what was checked and its files
		page := ada.Expect(t, "GET", "/portfolio", "", 200, "Verified by devpath just now")
		for _, want := range []string{"<strong>signature</strong>: <span class=\"detail\">signed with RS256", "<strong>revocation</strong>",
			`href="/credentials/` + id + `/credential.jwt"`, `href="/credentials/` + id + `/credential.json"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the portfolio lacks %s", want)
			}
		}
		bob.Expect(t, "GET", "/portfolio", "", 200, "No credentials accepted yet")

		// the public page shows it with the verified mark, and a reviewer downloads it
		files := "/u/ada-l/credentials/" + id
		visitor.Expect(t, "GET", files+"/credential.jwt", "", 404, "") // no public page yet
		form(t, ada, srv, "/portfolio/settings", url.Values{"handle": {"ada-l"}, "public": {"on"}})
		page = visitor.Expect(t, "GET", "/u/ada-l", "", 200, "Verified by devpath")
		if !strings.Contains(page, `href="`+files+`/credential.jwt"`) || !strings.Contains(page, "<strong>dates</strong>") {
			t.Error("the public page lacks the download or what was checked")
		}
		if got := visitor.Expect(t, "GET", files+"/credential.jwt", "", 200, ""); got != jwt {
			t.Errorf("the public download is not the credential: %s", got)
		}
		visitor.Expect(t, "GET", files+"/credential.json", "", 200, `"OpenBadgeCredential"`)
		visitor.Expect(t, "GET", "/u/ada-l/credentials/999/credential.jwt", "", 404, "")
		form(t, ada, srv, "/credentials/"+id+"/public", nil) // hidden again
		visitor.Expect(t, "GET", files+"/credential.jwt", "", 404, "")
		if page := visitor.Expect(t, "GET", "/u/ada-l", "", 200, ""); strings.Contains(page, "Graduate of Spring 2027") {
			t.Error("a hidden credential is still on the public page")
		}

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
