package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"devpath/internal/account"
	"devpath/internal/devpathtest"
)

// mentorNamed creates a mentor's account and returns a client logged in as them, with their id.
func mentorNamed(t *testing.T, srv *devpathtest.Server, name string) (*devpathtest.Client, int64) {
	t.Helper()
	r := account.Registration{Email: name + "@example.org", Password: devpathtest.Password, Name: name}
	u, err := srv.App.Accounts.CreateUser(context.Background(), r, account.Mentor)
	if err != nil {
		t.Fatal(err)
	}
	c := srv.Anonymous()
	c.Token = c.Login(t, r.Email, r.Password)
	return c, u.ID
}

// idOf reads the id of a JSON object.
func idOf(t *testing.T, body string) string {
	t.Helper()
	var v struct{ ID int64 }
	if err := json.Unmarshal([]byte(body), &v); err != nil || v.ID == 0 {
		t.Fatalf("no id in %s", body)
	}
	return itoa(v.ID)
}

const coachProfile = `{"topics":["http","sql"],"languages":["en","de"],"time_zone":"Europe/Berlin","max_mentees":5,"max_requests":10,
	"windows":[{"day":2,"from":"18:00","to":"20:00"}],"bio":"Backend developer for ten years.","public":true}`

func TestMentorshipAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		root := srv.Learner(t, "root") // the first account: an admin
		ada, bob, anon := srv.Learner(t, "ada"), srv.Learner(t, "bob"), srv.Anonymous()
		coach, coachID := mentorNamed(t, srv, "coach")
		rival, _ := mentorNamed(t, srv, "rival")
		coach.Expect(t, "PUT", "/api/v1/mentor/profile", coachProfile, 200, `"topics":["http","sql"]`)
		rival.Expect(t, "PUT", "/api/v1/mentor/profile", `{"topics":["http"],"max_mentees":3,"max_requests":3}`, 200, `"time_zone":"UTC"`)

		req := "/api/v1/me/mentorship/requests/" + idOf(t, ada.Expect(t, "POST", "/api/v1/me/mentorship/requests",
			`{"topic":"http","kind":"topic","question":"Why does my server answer 200 to a POST that creates?"}`, 201, `"status":"open"`))
		bobReq := "/api/v1/me/mentorship/requests/" + idOf(t, bob.Expect(t, "POST", "/api/v1/me/mentorship/requests",
			`{"topic":"sql","kind":"career","question":"Which SQL should I know for interviews?"}`, 201, `"status":"open"`))
		id := strings.TrimPrefix(req, "/api/v1/me/mentorship/requests/")
		lock := "/api/v1/mentor/queue/" + id + "/lock"

		cases := []devpathtest.Case{
			{Name: "capacity 0 and 51, each named", As: coach, Method: "PUT", Path: "/api/v1/mentor/profile",
				Body: `{"topics":["http"],"max_mentees":0,"max_requests":51}`, Status: 422, Want: `"location":"body.max_requests"`},
			{Name: "capacity 0 names max_mentees", As: coach, Method: "PUT", Path: "/api/v1/mentor/profile",
				Body: `{"topics":["nope"],"max_mentees":0,"max_requests":5,"windows":[{"day":9,"from":"20:00","to":"18:00"}]}`, Status: 422, Want: `"location":"body.max_mentees"`},
			{Name: "the refused profile changed nothing", As: coach, Method: "GET", Path: "/api/v1/mentor/profile", Status: 200, Want: `"max_requests":10`},
			{Name: "a learner has no mentor profile", As: ada, Method: "PUT", Path: "/api/v1/mentor/profile", Body: coachProfile, Status: 403},
			{Name: "a request needs a question", As: ada, Method: "POST", Path: "/api/v1/me/mentorship/requests",
				Body: `{"topic":"http","kind":"topic","question":"  "}`, Status: 422, Want: `"location":"body.question"`},
			{Name: "a check request needs its run", As: ada, Method: "POST", Path: "/api/v1/me/mentorship/requests",
				Body: `{"topic":"http","kind":"check","question":"Why?"}`, Status: 422, Want: `"location":"body.item_id"`},
			{Name: "someone else's run is not attached", As: ada, Method: "POST", Path: "/api/v1/me/mentorship/requests",
				Body: `{"topic":"http","kind":"check","item_id":999,"question":"Why?"}`, Status: 422, Want: `body.item_id`},
			{Name: "an unknown topic", As: ada, Method: "POST", Path: "/api/v1/me/mentorship/requests",
				Body: `{"topic":"cobol","kind":"topic","question":"Why?"}`, Status: 422, Want: `body.topic`},
			{Name: "a mentor who is not hers", As: ada, Method: "POST", Path: "/api/v1/me/mentorship/requests",
				Body: `{"topic":"http","kind":"topic","question":"Why?","mentor_id":` + itoa(coachID) + `}`, Status: 422, Want: `body.mentor_id`},
			{Name: "the queue shows the question and its wait", As: coach, Method: "GET", Path: "/api/v1/mentor/queue", Status: 200, Want: `"wait":"under a minute"`},
			{Name: "oldest first", As: coach, Method: "GET", Path: "/api/v1/mentor/queue", Status: 200, Want: `"id":` + id + `,"topic":"http"`},
			{Name: "another topic's mentor does not see sql", As: rival, Method: "GET", Path: "/api/v1/mentor/queue", Status: 200, Want: `answer 200`},
			{Name: "a learner has no queue", As: ada, Method: "GET", Path: "/api/v1/mentor/queue", Status: 403},
			{Name: "the median wait before any answer", As: ada, Method: "GET", Path: "/api/v1/me/mentorship/wait?topic=http", Status: 200, Want: `"answered":false`},
			{Name: "the learner sees her request", As: ada, Method: "GET", Path: req, Status: 200, Want: `"role":"learner"`},
			{Name: "a mentor sees nothing before holding it", As: coach, Method: "GET", Path: req, Status: 404},
			{Name: "lock", As: coach, Method: "POST", Path: lock, Status: 200, Want: `"locked_by":` + itoa(coachID)},
			{Name: "extend", As: coach, Method: "POST", Path: lock, Status: 200, Want: `"lock_until"`},
			{Name: "another mentor's lock is 409", As: rival, Method: "POST", Path: lock, Status: 409, Want: "another mentor holds"},
			{Name: "held: gone from the rival's queue", As: rival, Method: "GET", Path: "/api/v1/mentor/queue", Status: 200, Want: `[]`},
			{Name: "the holder sees the learner's context", As: coach, Method: "GET", Path: req, Status: 200, Want: `"prerequisites":[`},
			{Name: "the holder sees no other request of hers", As: coach, Method: "GET", Path: bobReq, Status: 404},
			{Name: "no message without text", As: coach, Method: "POST", Path: req + "/messages", Body: `{"body":""}`, Status: 422, Want: `body.body`},
			{Name: "the holder takes it by answering", As: coach, Method: "POST", Path: req + "/messages",
				Body: `{"body":"Answer **201 Created** with a Location header."}`, Status: 201, Want: `"author_name":"coach"`},
			{Name: "now it is the coach's", As: ada, Method: "GET", Path: req, Status: 200, Want: `"mentor_name":"coach"`},
			{Name: "and the thread shows", As: ada, Method: "GET", Path: req, Status: 200, Want: `201 Created`},
			{Name: "she answers", As: ada, Method: "POST", Path: req + "/messages", Body: `{"body":"Thanks!"}`, Status: 201},
			{Name: "her mentors", As: ada, Method: "GET", Path: "/api/v1/me/mentorship/mentorships", Status: 200, Want: `"mentor_name":"coach"`},
			{Name: "the median wait once answered", As: ada, Method: "GET", Path: "/api/v1/me/mentorship/wait?topic=http", Status: 200, Want: `"answered":true`},
			{Name: "a rating before closing", As: ada, Method: "PUT", Path: req + "/feedback", Body: `{"rating":4}`, Status: 409},
			{Name: "close", As: ada, Method: "POST", Path: req + "/close", Status: 200, Want: `"status":"closed"`},
			{Name: "no message once closed", As: coach, Method: "POST", Path: req + "/messages", Body: `{"body":"one more"}`, Status: 409},
			{Name: "a rating off the scale", As: ada, Method: "PUT", Path: req + "/feedback", Body: `{"rating":5}`, Status: 422, Want: `body.rating`},
			{Name: "the mentor cannot rate", As: coach, Method: "PUT", Path: req + "/feedback", Body: `{"rating":4}`, Status: 404},
			{Name: "rate with a testimonial", As: ada, Method: "PUT", Path: req + "/feedback",
				Body: `{"rating":4,"testimonial":"Clear and kind."}`, Status: 200, Want: `"rating":4`},
			{Name: "not shown until the mentor chooses", As: anon, Method: "GET", Path: "/api/v1/mentors/" + itoa(coachID), Status: 200, Want: `"bio":"Backend developer`},
			{Name: "the mentor shows it", As: coach, Method: "PUT", Path: "/api/v1/mentor/testimonials/" + id, Body: `{"shown":true}`, Status: 204},
			{Name: "shown on the public profile", As: anon, Method: "GET", Path: "/api/v1/mentors/" + itoa(coachID), Status: 200, Want: `Clear and kind.`},
			{Name: "another mentor cannot show it", As: rival, Method: "PUT", Path: "/api/v1/mentor/testimonials/" + id, Body: `{"shown":false}`, Status: 404},
			{Name: "the mentor's own figures", As: coach, Method: "GET", Path: "/api/v1/mentor/figures", Status: 200, Want: `"ratings":[0,0,0,0,1]`},
			{Name: "the directory", As: anon, Method: "GET", Path: "/api/v1/mentors", Status: 200, Want: `"name":"coach"`},
			{Name: "a named mentor she works with", As: ada, Method: "POST", Path: "/api/v1/me/mentorship/requests",
				Body: `{"topic":"sql","kind":"topic","question":"Indexes?","mentor_id":` + itoa(coachID) + `}`, Status: 201, Want: `"wanted_mentor_id":` + itoa(coachID)},
			{Name: "for the named mentor alone", As: coach, Method: "GET", Path: "/api/v1/mentor/queue", Status: 200, Want: `"for_you":true`},
			{Name: "anonymous: the queue", As: anon, Method: "GET", Path: "/api/v1/mentor/queue", Status: 401},
			{Name: "a learner cannot match", As: ada, Method: "GET", Path: "/api/v1/mentor-matching", Status: 403},
		}
		for _, who := range []struct {
			name string
			as   *devpathtest.Client
		}{{"another learner", bob}, {"another mentor", rival}, {"an admin", root}} {
			for _, r := range []struct{ method, path, body string }{
				{"GET", req, ""}, {"POST", req + "/messages", `{"body":"hi"}`}, {"POST", req + "/close", ""},
				{"PUT", req + "/feedback", `{"rating":1}`},
			} {
				cases = append(cases, devpathtest.Case{Name: "private from " + who.name + ": " + r.method + " " + r.path,
					As: who.as, Method: r.method, Path: r.path, Body: r.body, Status: 404, Want: "not found"})
			}
		}
		for _, path := range []string{req, "/api/v1/me/mentorship/requests", "/api/v1/mentor/profile", "/api/v1/me/mentorship/mentorships"} {
			cases = append(cases, devpathtest.Case{Name: "anonymous: " + path, As: anon, Method: "GET", Path: path, Status: 401})
		}
		devpathtest.Run(t, cases)

		// Leaving a mentor puts the request that named him back in the queue for all.
		ada.Expect(t, "DELETE", "/api/v1/me/mentorship/mentorships/"+itoa(coachID), "", 204, "")
		ada.Expect(t, "GET", "/api/v1/me/mentorship/mentorships", "", 200, `[]`)
		coach.Expect(t, "GET", "/api/v1/mentor/queue", "", 200, `"for_you":false`)
		ada.Expect(t, "DELETE", "/api/v1/me/mentorship/mentorships/"+itoa(coachID), "", 404, "")
	})
}

func TestMentorLockLimit(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		srv.Learner(t, "root")
		ada := srv.Learner(t, "ada")
		coach, _ := mentorNamed(t, srv, "coach")
		coach.Expect(t, "PUT", "/api/v1/mentor/profile", coachProfile, 200, "")
		var ids []string
		for range 5 {
			ids = append(ids, idOf(t, ada.Expect(t, "POST", "/api/v1/me/mentorship/requests", `{"topic":"sql","kind":"topic","question":"Joins?"}`, 201, "")))
		}
		for _, id := range ids[:4] {
			coach.Expect(t, "POST", "/api/v1/mentor/queue/"+id+"/lock", "", 200, "")
		}
		coach.Expect(t, "POST", "/api/v1/mentor/queue/"+ids[4]+"/lock", "", 409, "you hold 4 requests already")
		coach.Expect(t, "DELETE", "/api/v1/mentor/queue/"+ids[0]+"/lock", "", 204, "")
		coach.Expect(t, "POST", "/api/v1/mentor/queue/"+ids[4]+"/lock", "", 200, "")
		coach.Expect(t, "GET", "/api/v1/mentor/requests", "", 200, `"id":`+ids[4])
	})
}

func TestMentorInvitationAndMatching(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		root := srv.Learner(t, "root")
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		var inv struct{ Link string }
		json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/mentorship/invitations", `{}`, 201, `"link":`)), &inv)
		code := inv.Link[strings.LastIndex(inv.Link, "/")+1:]
		ada.Expect(t, "POST", "/api/v1/me/mentorship/invitations", `{"email":"not an email"}`, 422, `body.email`)
		ada.Expect(t, "POST", "/api/v1/mentor/invitations/accept", `{"code":"`+code+`"}`, 422, `your own`)

		// Grace registers through the link and becomes Ada's mentor.
		grace := srv.Anonymous()
		grace.Expect(t, "POST", "/api/v1/users", `{"email":"grace@example.org","password":"`+devpathtest.Password+`","name":"grace","invitation":"`+code+`"}`, 201, `"name":"grace"`)
		grace.Token = grace.Login(t, "grace@example.org", devpathtest.Password)
		grace.Expect(t, "GET", "/api/v1/mentor/profile", "", 404, "mentor profile not found") // a mentor now: a learner gets 403
		grace.Expect(t, "GET", "/api/v1/me/mentorship/mentorships", "", 200, `"learner_name":"ada"`)
		bob.Expect(t, "POST", "/api/v1/mentor/invitations/accept", `{"code":"`+code+`"}`, 422, `taken up`)

		// Matching: bob waits on sql; grace mentors sql with room.
		grace.Expect(t, "PUT", "/api/v1/mentor/profile", `{"topics":["sql"],"languages":["en"],"max_mentees":3,"max_requests":3}`, 200, "")
		bob.Expect(t, "POST", "/api/v1/me/mentorship/requests", `{"topic":"sql","kind":"topic","question":"Joins?","language":"en"}`, 201, "")
		root.Expect(t, "GET", "/api/v1/mentor-matching", "", 200, `"why":"mentors sql (1 of 1 topics asked`)
		root.Expect(t, "POST", "/api/v1/mentor-matching", "", 200, `"mentee_name":"bob"`)
		bob.Expect(t, "GET", "/api/v1/me/mentorship/requests", "", 200, `"mentor_name":"grace"`)
		root.Expect(t, "GET", "/api/v1/mentor-matching", "", 200, `"pairs":[]`)
	})
}

func TestMentorSessionsAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv, box := devpathtest.MailServer(t, e)
		srv.Learner(t, "root")
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		coach, coachID := mentorNamed(t, srv, "coach")
		rival, _ := mentorNamed(t, srv, "rival")
		var inv struct{ Link string }
		json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/mentorship/invitations", `{}`, 201, "")), &inv)
		coach.Expect(t, "POST", "/api/v1/mentor/invitations/accept", `{"code":"`+inv.Link[strings.LastIndex(inv.Link, "/")+1:]+`"}`, 200, "")
		ada.Expect(t, "GET", "/api/v1/me/mentorship/mentorships", "", 200, `"mentor_name":"coach"`)

		const path = "/api/v1/me/mentorship/sessions"
		at := func(s string) string { return `"starts_at":"` + s + `"` }
		with := `"with":` + itoa(coachID)
		s := ada.Expect(t, "POST", path, `{`+with+`,`+at("2099-03-01T18:00:00Z")+`,"minutes":60,"place":"https://meet.example.org/ada","agenda":"Indexes"}`,
			201, `"ends_at":"2099-03-01T19:00:00Z"`)
		one := path + "/" + idOf(t, s)
		devpathtest.Run(t, []devpathtest.Case{
			{Name: "in the past", As: ada, Method: "POST", Path: path, Body: `{` + with + `,` + at("2001-01-01T10:00:00Z") + `,"minutes":60}`, Status: 422, Want: `"location":"body.starts_at"`},
			{Name: "too long, every field named", As: ada, Method: "POST", Path: path, Body: `{` + with + `,` + at("2001-01-01T10:00:00Z") + `,"minutes":600}`, Status: 422, Want: `"location":"body.minutes"`},
			{Name: "overlapping the mentor's other session", As: ada, Method: "POST", Path: path, Body: `{` + with + `,` + at("2099-03-01T18:30:00Z") + `,"minutes":30}`,
				Status: 422, Want: `overlaps the mentor's session from 1 Mar 2099 18:00 to 19:00 UTC`},
			{Name: "right after it", As: coach, Method: "POST", Path: path, Body: `{"with":` + itoa(learnerID(t, ada)) + `,` + at("2099-03-01T19:00:00Z") + `,"minutes":30}`, Status: 201},
			{Name: "not a mentor of bob", As: bob, Method: "POST", Path: path, Body: `{` + with + `,` + at("2099-03-02T18:00:00Z") + `,"minutes":30}`, Status: 422, Want: `body.with`},
			{Name: "the mentor's list", As: coach, Method: "GET", Path: path, Status: 200, Want: `"learner_name":"ada"`},
			{Name: "notes before it happened", As: ada, Method: "PUT", Path: one + "/outcome", Body: `{"notes":"x","actions":[]}`, Status: 409},
			{Name: "private from another learner", As: bob, Method: "GET", Path: one, Status: 404},
			{Name: "private from another mentor", As: rival, Method: "GET", Path: one, Status: 404},
			{Name: "anonymous", As: srv.Anonymous(), Method: "GET", Path: one, Status: 401},
		})
		// both get the invitation, with METHOD:REQUEST, and the session is in both calendar feeds
		box.Wait(t, 2)
		for _, m := range box.All()[:2] {
			if d := string(m.Data); !strings.Contains(d, "text/calendar; method=REQUEST") || !strings.Contains(d, "METHOD:REQUEST") {
				t.Fatalf("the letter has no iCalendar invitation:\n%s", d)
			}
		}
		for _, c := range []*devpathtest.Client{ada, coach} {
			var feed struct{ URL string }
			json.Unmarshal([]byte(c.Expect(t, "GET", "/api/v1/me/calendar", "", 200, "")), &feed)
			u := feed.URL[strings.Index(feed.URL, "/calendar/"):]
			c.Expect(t, "GET", u, "", 200, "Mentoring with")
		}
	})
}

// learnerID reads the id of the logged-in person.
func learnerID(t *testing.T, c *devpathtest.Client) int64 {
	t.Helper()
	var me struct{ ID int64 }
	json.Unmarshal([]byte(c.Expect(t, "GET", "/api/v1/me", "", 200, "")), &me)
	return me.ID
}
