package api_test

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

const acme = `{"company":"Acme Inc.","title":"Junior Backend Developer","location":"Berlin","remote":true,"salary_min":60000,"salary_max":70000,"currency":"EUR","source_url":"https://jobs.example.org/1","deadline":"2027-01-31"}`

func TestApplicationsAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		var app struct{ ID int64 }
		json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/applications", acme, 201, `"stage":"saved"`)), &app)
		id := "/api/v1/me/applications/" + itoa(app.ID)
		for _, tc := range []struct {
			name   string
			as     *devpathtest.Client
			method string
			path   string
			body   string
			status int
			want   string
		}{
			{"applying again warns", ada, "POST", "/api/v1/me/applications", strings.Replace(acme, "Acme Inc.", "ACME", 1), 201, `"warning":"You already have an application at ACME`},
			{"company required", ada, "POST", "/api/v1/me/applications", `{"title":"Dev"}`, 422, `body.company`},
			{"salary range upside down", ada, "POST", "/api/v1/me/applications", strings.Replace(acme, `"salary_min":60000`, `"salary_min":90000`, 1), 422, `body.salary_max`},
			{"end before start", ada, "POST", "/api/v1/me/applications", `{"kind":"internship","company":"Beta","title":"Intern","start_date":"2027-06-01","end_date":"2027-03-01"}`, 422, `body.end_date`},
			{"move to applied", ada, "PATCH", id, `{"stage":"applied","applied_on":"2026-11-20","follow_up":"2026-11-25"}`, 200, `"stage":"applied"`},
			{"unknown stage", ada, "PATCH", id, `{"stage":"hired"}`, 422, `body.stage`},
			{"interview", ada, "POST", id + "/interviews", `{"at":"2026-12-01T10:00:00Z","kind":"video","people":"Grace (CTO)"}`, 201, `"kind":"video"`},
			{"bad interview", ada, "POST", id + "/interviews", `{"at":"soon","kind":"chat"}`, 422, `body.at`},
			{"contact", ada, "POST", id + "/contacts", `{"name":"Grace","role":"CTO","email":"grace@acme.example"}`, 201, `"name":"Grace"`},
			{"offer against salary levels", ada, "PATCH", id, `{"stage":"offer","offer_amount":82000,"offer_currency":"USD"}`, 200, `"offer_against":[`},
			{"rejected", ada, "PATCH", id, `{"stage":"rejected"}`, 200, `"stage":"rejected"`},
			{"reopening asks for confirmation", ada, "PATCH", id, `{"stage":"saved"}`, 409, `confirm`},
			{"confirmed", ada, "PATCH", id, `{"stage":"saved","confirm":true}`, 200, `"stage":"saved"`},
			{"history", ada, "GET", id, "", 200, `"history":[{"stage":"saved"`},
			{"filter", ada, "GET", "/api/v1/me/applications?q=junior&stage=saved", "", 200, `"company":"Acme Inc."`},
			{"funnel", ada, "GET", "/api/v1/me/applications/funnel", "", 200, `{"stage":"offer","count":1`},
			{"salaries", ada, "GET", "/api/v1/salaries", "", 200, `77467`},
			{"private: read", bob, "GET", id, "", 404, "not found"},
			{"private: change", bob, "PATCH", id, `{"stage":"applied"}`, 404, "not found"},
			{"private: interview", bob, "POST", id + "/interviews", `{"at":"2026-12-01","kind":"phone"}`, 404, "not found"},
			{"private: contact", bob, "POST", id + "/contacts", `{"name":"Eve"}`, 404, "not found"},
			{"private: delete", bob, "DELETE", id, "", 404, "not found"},
			{"private: list", bob, "GET", "/api/v1/me/applications", "", 200, `[]`},
		} {
			t.Run(tc.name, func(t *testing.T) { tc.as.Expect(t, tc.method, tc.path, tc.body, tc.status, tc.want) })
		}

		res := ada.Request(t, "GET", "/api/v1/me/applications.csv", "", nil)
		defer res.Body.Close()
		rows, err := csv.NewReader(res.Body).ReadAll()
		if err != nil || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
			t.Fatalf("csv: %v %s", err, res.Header.Get("Content-Type"))
		}
		stages := []string{}
		for _, r := range rows[1:] {
			if r[0] == "Acme Inc." {
				stages = append(stages, r[4])
			}
		}
		if strings.Join(stages, ",") != "saved,applied,offer,rejected,saved" {
			t.Fatalf("csv history: %v", rows)
		}
		ada.Expect(t, "DELETE", id, "", 204, "")
		ada.Expect(t, "GET", id, "", 404, "")
	})
}

// TestApplicationResumeIsYourOwn records the tailored resume sent, and
// refuses another learner's.
func TestApplicationResumeIsYourOwn(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
	resume := `{"basics":{"name":"Bob","email":"bob@example.org"}}`
	bob.Expect(t, "PUT", "/api/v1/me/resume", resume, 200, "")
	var tailored struct{ ID int64 }
	json.Unmarshal([]byte(bob.Expect(t, "POST", "/api/v1/me/resumes", `{"name":"for Acme"}`, 201, "")), &tailored)
	ada.Expect(t, "POST", "/api/v1/me/applications", `{"company":"Acme","title":"Dev","resume_id":`+itoa(tailored.ID)+`}`, 422, "body.resume_id")
	bob.Expect(t, "POST", "/api/v1/me/applications", `{"company":"Acme","title":"Dev","resume_id":`+itoa(tailored.ID)+`}`, 201, `"resume_id":`+itoa(tailored.ID))
}
