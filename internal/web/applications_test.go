package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

func TestApplicationPages(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		c := srv.Learner(t, "ada")
		job := url.Values{"kind": {"job"}, "company": {"Acme"}, "title": {"Backend Developer"}, "salary_min": {"60k"}, "currency": {"usd"}}

		// a wrong number keeps what was typed
		res, body := form(t, c, srv, "/applications", job)
		if res.StatusCode != 422 || !strings.Contains(body, `value="Acme"`) || !strings.Contains(body, "a whole number") {
			t.Fatalf("bad salary: %d", res.StatusCode)
		}
		job.Set("salary_min", "60000")
		res, _ = form(t, c, srv, "/applications", job)
		first := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(first, "/applications/") || strings.Contains(first, "again") {
			t.Fatalf("create: %d %s", res.StatusCode, first)
		}
		res, _ = form(t, c, srv, "/applications", job)
		second := res.Header.Get("Location")
		if !strings.HasSuffix(second, "?again=1") {
			t.Fatalf("the second application at Acme is not flagged: %s", second)
		}
		c.Expect(t, "GET", second, "", 200, "You already have an application at this company")

		// moving a card without JavaScript
		res, _ = form(t, c, srv, first+"/stage", url.Values{"stage": {"rejected"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("move: %d", res.StatusCode)
		}
		board := c.Expect(t, "GET", "/applications", "", 200, `aria-label="`)
		col := board[strings.Index(board, `id="col-rejected"`):]
		if !strings.Contains(col[:strings.Index(col, "</section>")], "Acme") {
			t.Fatal("the card is not in the rejected column")
		}
		// back to saved asks first, and changes nothing until confirmed
		res, body = form(t, c, srv, first+"/stage", url.Values{"stage": {"saved"}})
		if res.StatusCode != http.StatusConflict || !strings.Contains(body, "Yes, reopen it") {
			t.Fatalf("reopen: %d", res.StatusCode)
		}
		c.Expect(t, "GET", first, "", 200, `<span class="badge">rejected</span>`)
		form(t, c, srv, first+"/stage", url.Values{"stage": {"saved"}, "confirm": {"yes"}})
		c.Expect(t, "GET", first, "", 200, `<span class="badge">saved</span>`)

		res, body = form(t, c, srv, first+"/interviews", url.Values{"at": {"2026-12-01"}, "kind": {"video"}, "people": {"Grace"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("interview: %d %s", res.StatusCode, body)
		}
		c.Expect(t, "GET", first, "", 200, "2026-12-01 · video · Grace")

		// a refused contact keeps what was typed in it, and the details stay as stored
		res, body = form(t, c, srv, first+"/contacts", url.Values{"name": {"Linus"}, "role": {"CTO"}, "email": {"linus at acme"}})
		if res.StatusCode != 422 {
			t.Fatalf("bad contact: %d", res.StatusCode)
		}
		for _, want := range []string{`id="ct-name" name="name" required value="Linus"`, `id="ct-role" name="role" value="CTO"`,
			`value="linus at acme"`, `<p id="ct-email-error" class="field-error">Email is not a valid email address.</p>`,
			`id="app-company" name="company" required maxlength="200" value="Acme"`, `id="iv-people" name="people" value=""`} {
			if !strings.Contains(body, want) {
				t.Errorf("after a refused contact, the page lacks %s", want)
			}
		}
		c.Expect(t, "GET", "/applications?stage=saved&q=acme", "", 200, "Backend Developer")
		srv.Learner(t, "bob").Expect(t, "GET", first, "", 404, "not found")
	})
}

// TestReferrerClearedOnPage: choosing "Nobody" on the application form
// clears who referred it.
func TestReferrerClearedOnPage(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		c := srv.Learner(t, "ada")
		res, _ := form(t, c, srv, "/network/contacts", url.Values{"name": {"Grace Hopper"}})
		grace := strings.TrimPrefix(res.Header.Get("Location"), "/network/contacts/")
		job := url.Values{"kind": {"job"}, "company": {"Navy"}, "title": {"Backend developer"}, "referred_by": {grace}}
		res, _ = form(t, c, srv, "/applications", job)
		page := res.Header.Get("Location")
		c.Expect(t, "GET", page, "", 200, `Referred by <a href="/network/contacts/`+grace+`">Grace Hopper</a>`)
		job.Set("referred_by", "")
		if res, body := form(t, c, srv, page, job); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("clear: %d\n%s", res.StatusCode, body)
		}
		if body := c.Expect(t, "GET", page, "", 200, ""); strings.Contains(body, "Referred by <a") {
			t.Fatal("the referrer stayed")
		}
	})
}
