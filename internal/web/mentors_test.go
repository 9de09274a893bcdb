package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"devpath/internal/account"
	"devpath/internal/devpathtest"
)

// TestMentorshipPages: a learner asks, a mentor holds, answers and takes
// the request, the learner closes and rates it, all through forms without
// JavaScript; refused forms keep what was typed; others see nothing.
func TestMentorshipPages(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		root := srv.Learner(t, "root")
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		reg := account.Registration{Email: "coach@example.org", Password: devpathtest.Password, Name: "Coach"}
		if _, err := srv.App.Accounts.CreateUser(context.Background(), reg, account.Mentor); err != nil {
			t.Fatal(err)
		}
		coach := srv.Anonymous()
		coach.Token = coach.Login(t, reg.Email, reg.Password)

		res, body := form(t, coach, srv, "/mentor/profile", url.Values{"topics": {"http"}, "max_mentees": {"0"}, "max_requests": {"4"},
			"windows": {"Someday 18:00"}, "bio": {"Ten years of APIs."}})
		if res.StatusCode != 422 || !strings.Contains(body, "Mentees at once must be from 1 to 50") || !strings.Contains(body, `href="#f-windows"`) ||
			!strings.Contains(body, "Ten years of APIs.") {
			t.Fatalf("refused profile: %d\n%s", res.StatusCode, body)
		}
		res, _ = form(t, coach, srv, "/mentor/profile", url.Values{"topics": {"http, sql"}, "max_mentees": {"3"}, "max_requests": {"4"},
			"windows": {"Tuesday 18:00-20:00"}, "bio": {"Ten years of APIs."}, "public": {"on"}, "time_zone": {"Europe/Berlin"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save profile: %d", res.StatusCode)
		}

		res, body = form(t, ada, srv, "/mentorship/requests", url.Values{"topic": {"http"}, "kind": {"topic"}, "question": {""}, "language": {"en"}})
		if res.StatusCode != 422 || !strings.Contains(body, "Your question is required") || !strings.Contains(body, `value="en"`) {
			t.Fatalf("refused request: %d\n%s", res.StatusCode, body)
		}
		res, _ = form(t, ada, srv, "/mentorship/requests", url.Values{"topic": {"http"}, "kind": {"topic"}, "question": {"Which **status** for a create?"}})
		page := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(page, "/mentorship/requests/") {
			t.Fatalf("ask: %d %s", res.StatusCode, page)
		}
		id := strings.TrimPrefix(page, "/mentorship/requests/")
		ada.Expect(t, "GET", page, "", 200, "no typical wait to show yet")
		ada.Expect(t, "GET", "/mentorship", "", 200, `href="/mentorship/requests/`+id+`"`)
		coach.Expect(t, "GET", "/mentor", "", 200, "Which **status** for a create?")
		coach.Expect(t, "GET", page, "", 404, "")

		if res, _ = form(t, coach, srv, "/mentor/queue/"+id+"/lock", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("hold: %d", res.StatusCode)
		}
		coach.Expect(t, "GET", page, "", 200, "You hold this request until")
		if res, _ = form(t, coach, srv, page+"/messages", url.Values{"body": {"Send **201** <script>alert(1)</script>"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("answer: %d", res.StatusCode)
		}
		body = ada.Expect(t, "GET", page, "", 200, "<strong>201</strong>")
		if strings.Contains(body, "<script>alert") {
			t.Fatal("a message was not sanitised")
		}
		bob.Expect(t, "GET", page, "", 404, "")
		srv.Anonymous().Expect(t, "GET", page, "", http.StatusSeeOther, "")

		if res, _ = form(t, ada, srv, page+"/close", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("close: %d", res.StatusCode)
		}
		res, body = form(t, ada, srv, page+"/feedback", url.Values{"rating": {"7"}, "testimonial": {"Kind and clear."}})
		if res.StatusCode != 422 || !strings.Contains(body, "Rating must be from 1") || !strings.Contains(body, "Kind and clear.") {
			t.Fatalf("refused rating: %d\n%s", res.StatusCode, body)
		}
		if res, _ = form(t, ada, srv, page+"/feedback", url.Values{"rating": {"4"}, "testimonial": {"Kind and clear."}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("rate: %d", res.StatusCode)
		}
		coach.Expect(t, "GET", "/mentor", "", 200, "Kind and clear.")
		if res, _ = form(t, coach, srv, "/mentor/testimonials/"+id, url.Values{"shown": {"true"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("show: %d", res.StatusCode)
		}
		srv.Anonymous().Expect(t, "GET", "/mentors", "", 200, "Coach")
		body = srv.Anonymous().Expect(t, "GET", "/mentors", "", 200, "")
		coachPage := body[strings.Index(body, `href="/mentors/`)+6:]
		coachPage = coachPage[:strings.Index(coachPage, `"`)]
		srv.Anonymous().Expect(t, "GET", coachPage, "", 200, "Kind and clear.")

		// a session: refused in the past with what was typed kept, then booked
		ada.Expect(t, "GET", "/mentorship", "", 200, "Coach (your mentor)")
		body = ada.Expect(t, "GET", "/mentorship", "", 200, "")
		coachID := body[strings.Index(body, `name="with"`):]
		coachID = coachID[strings.Index(coachID, `<option value="`)+15:]
		coachID = coachID[:strings.Index(coachID, `"`)]
		res, body = form(t, ada, srv, "/mentorship/sessions", url.Values{"with": {coachID}, "starts_at": {"2001-01-01T10:00"}, "minutes": {"45"},
			"place": {"https://meet.example.org/ada"}})
		if res.StatusCode != 422 || !strings.Contains(body, "Starts must be in the future") || !strings.Contains(body, "https://meet.example.org/ada") {
			t.Fatalf("refused session: %d\n%s", res.StatusCode, body)
		}
		res, _ = form(t, ada, srv, "/mentorship/sessions", url.Values{"with": {coachID}, "starts_at": {"2099-01-01T10:00"}, "minutes": {"45"},
			"place": {"https://meet.example.org/ada"}, "agenda": {"Status codes"}})
		session := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(session, "/mentorship/sessions/") {
			t.Fatalf("schedule: %d %s", res.StatusCode, session)
		}
		coach.Expect(t, "GET", session, "", 200, "once the session has begun")
		bob.Expect(t, "GET", session, "", 404, "")

		res, body = form(t, ada, srv, "/mentorship/invitations", url.Values{"email": {""}})
		if res.StatusCode != 200 || !strings.Contains(body, "/mentor/invitation/mentor_") {
			t.Fatalf("invite: %d\n%s", res.StatusCode, body)
		}
		link := body[strings.Index(body, "/mentor/invitation/"):]
		link = link[:strings.Index(link, "<")]
		srv.Anonymous().Expect(t, "GET", link, "", 200, "Create a mentor account")
		root.Expect(t, "GET", "/mentor/matching", "", 200, "Match mentees to mentors")
		ada.Expect(t, "GET", "/mentor/matching", "", 403, "")
	})
}
