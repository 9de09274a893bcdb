package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

const internship = `{"kind":"internship","company":"Acme","title":"Backend intern","description":"Go and SQL",
	"deadline":"2099-01-31","link":"https://acme.example/jobs/1"}`

// post makes an opportunity in a cohort as c and returns its path.
func post(t *testing.T, c *devpathtest.Client, cohortPath, body string) string {
	t.Helper()
	out := c.Expect(t, "POST", cohortPath+"/opportunities", body, 201, `"applicants":0`)
	var o struct{ ID int64 }
	json.Unmarshal([]byte(out), &o)
	return cohortPath + "/opportunities/" + itoa(o.ID)
}

func TestOpportunitiesAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		w := newCohortWorld(t, e)
		a := w.a
		w.mentorA.Expect(t, "POST", a+"/opportunities", `{"kind":"gig","company":" ","title":"","deadline":"soon","link":"ftp://x"}`, 422,
			`"body.kind"`)
		_, body := w.mentorA.Do(t, "POST", a+"/opportunities", `{"kind":"job","company":" ","title":"","deadline":"soon","link":"ftp://x"}`)
		for _, field := range []string{`"body.company"`, `"body.title"`, `"body.deadline"`, `"body.link"`} {
			if !strings.Contains(body, field) {
				t.Fatalf("422 lacks %s: %s", field, body)
			}
		}
		opp := post(t, w.mentorA, a, internship)
		closed := post(t, w.adminA, a, strings.Replace(internship, "2099-01-31", "2001-01-31", 1))

		// the learner sees it, applies once, and finds it in their own pipeline
		w.learnerA.Expect(t, "GET", a+"/opportunities", "", 200, `"company":"Acme"`)
		app := w.learnerA.Expect(t, "POST", opp+"/apply", "", 201, `"stage":"applied"`)
		for _, want := range []string{`"kind":"internship"`, `"title":"Backend intern"`, `"source_url":"https://acme.example/jobs/1"`,
			`"description":"Go and SQL"`, `"notes":"Posted for the cohort Cohort a: /cohorts/`} {
			if !strings.Contains(app, want) {
				t.Fatalf("application lacks %s: %s", want, app)
			}
		}
		var made struct{ ID int64 }
		json.Unmarshal([]byte(app), &made)
		w.learnerA.Expect(t, "POST", opp+"/apply", "", 409, "applied to this one already")
		w.learnerA.Expect(t, "POST", closed+"/apply", "", 409, "has passed")
		w.learnerA.Expect(t, "GET", "/api/v1/me/applications", "", 200, `"company":"Acme"`)
		w.learnerA.Expect(t, "GET", a+"/opportunities", "", 200, `"application_id":`+itoa(made.ID))

		// staff see counts by stage, and follow the learner's own moves
		w.learnerA.Expect(t, "PATCH", "/api/v1/me/applications/"+itoa(made.ID), `{"stage":"interview"}`, 200, "")
		list := w.mentorA.Expect(t, "GET", a+"/opportunities", "", 200, `"applicants":1,"stages":{"interview":1}`)
		if strings.Contains(list, "application_id") {
			t.Fatalf("staff see an application: %s", list)
		}

		// outcomes: staff or the learner record them; the rate counts everyone
		w.adminA.Expect(t, "POST", a+"/members", `{"email":"outsider@example.org"}`, 201, "")
		w.mentorA.Expect(t, "PUT", a+"/outcomes/"+itoa(w.learnerAID), `{"outcome":"retired"}`, 422, `"body.outcome"`)
		w.learnerA.Expect(t, "PUT", a+"/outcomes/"+itoa(w.learnerAID), `{"outcome":"internship"}`, 204, "")
		w.mentorA.Expect(t, "GET", a+"/placement", "", 200, `{"learners":2,"hired":0,"internship":1,"searching":0,"unrecorded":1,"rate":50}`)
		w.mentorA.Expect(t, "PUT", a+"/outcomes/"+itoa(w.learnerAID), `{"outcome":"hired"}`, 204, "")
		w.mentorA.Expect(t, "PUT", a+"/outcomes/"+itoa(w.learnerBID), `{"outcome":"hired"}`, 404, "")
		w.mentorA.Expect(t, "GET", a+"/dashboard", "", 200, `"placement":{"learners":2,"hired":1,`)
		w.mentorA.Expect(t, "GET", a+"/dashboard", "", 200, `"outcome":"hired"`)
		w.mentorA.Expect(t, "GET", a+"/audit", "", 200, `"action":"outcome","detail":"recorded hired for learner `)

		// the cohort admin assigns a mentor from the cohort's staff; the dashboard names them
		mentor := a + "/members/" + itoa(w.learnerAID) + "/mentor"
		w.adminA.Expect(t, "PUT", mentor, `{"mentor_id":`+itoa(userID(t, w.mentorB))+`}`, 422, "not staff of this cohort")
		w.mentorA.Expect(t, "PUT", mentor, `{"mentor_id":`+itoa(w.mAID)+`}`, 403, "")
		w.adminA.Expect(t, "PUT", mentor, `{"mentor_id":`+itoa(w.mAID)+`}`, 204, "")
		w.mentorA.Expect(t, "GET", a+"/dashboard", "", 200, `"mentor_id":`+itoa(w.mAID)+`,"mentor":"mentora"`)
		w.mentorA.Expect(t, "GET", a+"/dashboard.csv", "", 200, ",mentora,hired")

		// taking a posting down keeps the learner's application
		w.mentorA.Expect(t, "DELETE", opp, "", 204, "")
		w.learnerA.Expect(t, "GET", "/api/v1/me/applications/"+itoa(made.ID), "", 200, `"company":"Acme"`)
		w.mentorA.Expect(t, "GET", a+"/audit", "", 200, `"action":"withdrawn","detail":"took down the internship \"Backend intern\" at Acme"`)
	})
}

// TestOpportunityPrivacy asks every new endpoint as every principal.
func TestOpportunityPrivacy(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		w := newCohortWorld(t, e)
		a := w.a
		opp := post(t, w.adminA, a, internship)
		principals := []*devpathtest.Client{w.learnerA, w.learnerB, w.mentorA, w.mentorB, w.adminA, w.adminB, w.admin, w.anon}
		names := []string{"learner of the cohort", "learner of another", "mentor of the cohort", "mentor of another",
			"cohort admin", "admin of another", "instance admin", "anonymous"}
		learner := itoa(w.learnerAID)
		for _, ep := range []struct {
			method, path, body string
			want               [8]int
		}{
			{"GET", a + "/opportunities", "", [8]int{200, 404, 200, 404, 200, 404, 200, 401}},
			{"POST", a + "/opportunities", internship, [8]int{403, 404, 201, 404, 201, 404, 201, 401}},
			{"POST", opp + "/apply", "", [8]int{201, 404, 403, 404, 403, 404, 403, 401}},
			{"PUT", a + "/outcomes/" + learner, `{"outcome":"searching"}`, [8]int{204, 404, 204, 404, 204, 404, 204, 401}},
			{"GET", a + "/placement", "", [8]int{403, 404, 200, 404, 200, 404, 200, 401}},
			{"DELETE", opp, "", [8]int{403, 404, 204, 404, 404, 404, 404, 401}},
			{"PUT", a + "/members/" + learner + "/mentor", `{"mentor_id":` + itoa(w.mAID) + `}`, [8]int{403, 404, 403, 404, 204, 404, 204, 401}},
		} {
			for i, c := range principals {
				t.Run(ep.method+" "+ep.path+" as "+names[i], func(t *testing.T) {
					if got, body := c.Do(t, ep.method, ep.path, ep.body); got != ep.want[i] {
						t.Fatalf("status %d, want %d: %s", got, ep.want[i], body)
					}
				})
			}
		}
		// a learner records only their own outcome
		w.learnerA.Expect(t, "PUT", a+"/outcomes/"+itoa(w.mAID), `{"outcome":"hired"}`, 403, "")
		// staff never see the application itself, only its stage counted
		w.learnerA.Expect(t, "PATCH", "/api/v1/me/applications/1", `{"notes":"private words"}`, 200, "")
		for _, c := range []*devpathtest.Client{w.admin, w.adminA, w.mentorA} {
			if _, body := c.Do(t, "GET", a+"/opportunities", ""); strings.Contains(body, "private words") {
				t.Fatalf("staff see a note: %s", body)
			}
		}
	})
}
