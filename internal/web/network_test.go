package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// TestNetworkPages: the contact form, the log and the lists work without
// JavaScript, keep what was typed when refused, and are private.
func TestNetworkPages(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		grace := url.Values{"name": {"Grace Hopper"}, "how_met": {"event"}, "company": {"Navy"}, "cadence_days": {"400"},
			"links.github": {"not a link"}, "tags": {"Go, speaker"},
			"notes": {"**keynote** <script>alert(1)</script> [site](javascript:alert(1))"}}

		res, body := form(t, ada, srv, "/network/contacts", grace)
		if res.StatusCode != 422 || !strings.Contains(body, `value="Grace Hopper"`) || !strings.Contains(body, "Keep in touch every must be from 1 to 365") ||
			!strings.Contains(body, `href="#f-links.github"`) {
			t.Fatalf("refused contact: %d\n%s", res.StatusCode, body)
		}
		grace.Set("cadence_days", "1")
		grace.Del("links.github")
		res, _ = form(t, ada, srv, "/network/contacts", grace)
		page := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(page, "/network/contacts/") {
			t.Fatalf("create: %d %s", res.StatusCode, page)
		}
		body = ada.Expect(t, "GET", page, "", 200, "<strong>keynote</strong>")
		notes := body[strings.Index(body, `<div class="prose">`):]
		if notes = notes[:strings.Index(notes, "</div>")]; strings.Contains(notes, "<script") || strings.Contains(notes, "javascript:") {
			t.Fatalf("the notes were not sanitised: %s", notes)
		}

		res, body = form(t, ada, srv, page+"/interactions", url.Values{"kind": {"gave_help"}, "on": {"2999-01-01"}, "note": {"talk review"}})
		if res.StatusCode != 422 || !strings.Contains(body, "in the future") || !strings.Contains(body, `value="talk review"`) {
			t.Fatalf("future interaction: %d\n%s", res.StatusCode, body)
		}
		res, _ = form(t, ada, srv, page+"/interactions", url.Values{"kind": {"gave_help"}, "on": {"2026-01-15"}, "note": {"talk review"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("log: %d", res.StatusCode)
		}
		ada.Expect(t, "GET", page, "", 200, "2026-01-15 · Gave help: talk review")
		ada.Expect(t, "GET", "/network?tag=go", "", 200, "Grace Hopper")
		ada.Expect(t, "GET", "/network/losing-touch", "", 200, `<span class="badge warn">overdue</span>`)
		ada.Expect(t, "GET", "/", "", 200, `href="/network/losing-touch"`)

		bob.Expect(t, "GET", page, "", 404, "")
		bob.Expect(t, "GET", "/network", "", 200, "No contacts match")
		if res, _ := form(t, bob, srv, page+"/delete", nil); res.StatusCode != 404 {
			t.Fatalf("bob deleted ada's contact: %d", res.StatusCode)
		}
		srv.Anonymous().Expect(t, "GET", page, "", http.StatusSeeOther, "")
	})
}

// TestEventPages: an event added by form, a person met there, the
// follow-up offered the day after and logged in one click.
func TestEventPages(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	ada := srv.Learner(t, "ada")
	ev := url.Values{"title": {"Go meetup"}, "kind": {"meetup"}, "starts_at": {"2026-03-05T18:30"}, "ends_at": {"2026-03-05T17:00"},
		"time_zone": {"Europe/Berlin"}, "place": {"c-base"}}
	res, body := form(t, ada, srv, "/network/events", ev)
	if res.StatusCode != 422 || !strings.Contains(body, "Ends must not be before the start") || !strings.Contains(body, `value="c-base"`) {
		t.Fatalf("an event ending before it starts: %d", res.StatusCode)
	}
	ev.Set("ends_at", "2026-03-05T21:00")
	res, _ = form(t, ada, srv, "/network/events", ev)
	page := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(page, "/network/events/") {
		t.Fatalf("create: %d %s", res.StatusCode, page)
	}
	ada.Expect(t, "GET", page, "", 200, "Thu 5 Mar 2026 18:30 (Europe/Berlin)")
	form(t, ada, srv, page+"/people", url.Values{"name": {"Rob"}})
	ada.Expect(t, "GET", page, "", 200, "Log a follow-up message today")
	res, _ = form(t, ada, srv, page+"/follow-ups", url.Values{"contact_id": {contactID(t, ada)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("follow-up: %d", res.StatusCode)
	}
	if body := ada.Expect(t, "GET", page, "", 200, "Rob"); strings.Contains(body, "Log a follow-up message today") {
		t.Fatal("the follow-up is still offered after it was logged")
	}
	srv.Learner(t, "bob").Expect(t, "GET", page, "", 404, "")
}

func contactID(t *testing.T, c *devpathtest.Client) string {
	t.Helper()
	body := c.Expect(t, "GET", "/api/v1/me/contacts", "", 200, `"name":"Rob"`)
	i := strings.Index(body, `"id":`) + len(`"id":`)
	return body[i : i+strings.IndexAny(body[i:], ",}")]
}
