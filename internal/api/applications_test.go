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
		devpathtest.Run(t, []devpathtest.Case{
			{Name: "applying again warns", As: ada, Method: "POST", Path: "/api/v1/me/applications", Body: strings.Replace(acme, "Acme Inc.", "ACME", 1), Status: 201, Want: `"warning":"You already have an application at ACME`},
			{Name: "company required", As: ada, Method: "POST", Path: "/api/v1/me/applications", Body: `{"title":"Dev"}`, Status: 422, Want: `body.company`},
			{Name: "salary range upside down", As: ada, Method: "POST", Path: "/api/v1/me/applications", Body: strings.Replace(acme, `"salary_min":60000`, `"salary_min":90000`, 1), Status: 422, Want: `body.salary_max`},
			{Name: "end before start", As: ada, Method: "POST", Path: "/api/v1/me/applications", Body: `{"kind":"internship","company":"Beta","title":"Intern","start_date":"2027-06-01","end_date":"2027-03-01"}`, Status: 422, Want: `body.end_date`},
			{Name: "move to applied", As: ada, Method: "PATCH", Path: id, Body: `{"stage":"applied","applied_on":"2026-11-20","follow_up":"2026-11-25"}`, Status: 200, Want: `"stage":"applied"`},
			{Name: "unknown stage", As: ada, Method: "PATCH", Path: id, Body: `{"stage":"hired"}`, Status: 422, Want: `body.stage`},
			{Name: "interview", As: ada, Method: "POST", Path: id + "/interviews", Body: `{"at":"2026-12-01T10:00:00Z","kind":"video","people":"Grace (CTO)"}`, Status: 201, Want: `"kind":"video"`},
			{Name: "bad interview", As: ada, Method: "POST", Path: id + "/interviews", Body: `{"at":"soon","kind":"chat"}`, Status: 422, Want: `body.at`},
			{Name: "contact", As: ada, Method: "POST", Path: id + "/contacts", Body: `{"name":"Grace","role":"CTO","email":"grace@acme.example"}`, Status: 201, Want: `"name":"Grace"`},
			{Name: "offer against salary levels", As: ada, Method: "PATCH", Path: id, Body: `{"stage":"offer","offer_amount":82000,"offer_currency":"USD"}`, Status: 200, Want: `"offer_against":[`},
			{Name: "rejected", As: ada, Method: "PATCH", Path: id, Body: `{"stage":"rejected"}`, Status: 200, Want: `"stage":"rejected"`},
			{Name: "reopening asks for confirmation", As: ada, Method: "PATCH", Path: id, Body: `{"stage":"saved"}`, Status: 409, Want: `confirm`},
			{Name: "confirmed", As: ada, Method: "PATCH", Path: id, Body: `{"stage":"saved","confirm":true}`, Status: 200, Want: `"stage":"saved"`},
			{Name: "history", As: ada, Method: "GET", Path: id, Status: 200, Want: `"history":[{"stage":"saved"`},
			{Name: "filter", As: ada, Method: "GET", Path: "/api/v1/me/applications?q=junior&stage=saved", Status: 200, Want: `"company":"Acme Inc."`},
			{Name: "funnel", As: ada, Method: "GET", Path: "/api/v1/me/applications/funnel", Status: 200, Want: `{"stage":"offer","count":1`},
			{Name: "salaries", As: ada, Method: "GET", Path: "/api/v1/salaries", Status: 200, Want: `77467`},
			{Name: "private: read", As: bob, Method: "GET", Path: id, Status: 404, Want: "not found"},
			{Name: "private: change", As: bob, Method: "PATCH", Path: id, Body: `{"stage":"applied"}`, Status: 404, Want: "not found"},
			{Name: "private: interview", As: bob, Method: "POST", Path: id + "/interviews", Body: `{"at":"2026-12-01","kind":"phone"}`, Status: 404, Want: "not found"},
			{Name: "private: contact", As: bob, Method: "POST", Path: id + "/contacts", Body: `{"name":"Eve"}`, Status: 404, Want: "not found"},
			{Name: "private: delete", As: bob, Method: "DELETE", Path: id, Status: 404, Want: "not found"},
			{Name: "private: list", As: bob, Method: "GET", Path: "/api/v1/me/applications", Status: 200, Want: `[]`},
		})

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
