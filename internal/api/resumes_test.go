package api_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// adaResume is a master resume with a member JSON Resume does not define,
// which must survive the round trip.
const adaResume = `{
  "basics": {"name": "Ada Lovelace", "label": "Backend developer", "email": "ada@example.org",
             "summary": "I build small, well-tested APIs."},
  "work": [
    {"name": "Analytical Engines", "position": "Backend intern", "startDate": "2024-01", "endDate": "2024-06",
     "highlights": ["Wrote a REST API in Go", "Tuned PostgreSQL queries"]},
    {"name": "Babbage and Co", "position": "Assistant", "startDate": "2022", "endDate": "2023"}
  ],
  "skills": [{"name": "Backend", "keywords": ["Go", "PostgreSQL", "Docker"]}],
  "x-devpath-test": {"keep": "me"}
}`

// compact is a document as the API answers it: the same members, no layout.
func compact(t *testing.T, doc string) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(doc)); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// bigResume is a valid document of about n bytes.
func bigResume(n int) string {
	return `{"basics":{"name":"Ada","summary":"` + strings.Repeat("a", n) + `"}}`
}

func TestMasterResumeAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		devpathtest.Run(t, []devpathtest.Case{
			{Name: "nothing saved yet", As: ada, Method: "GET", Path: "/api/v1/me/resume", Status: 404, Want: "no master resume yet"},
			{Name: "schema errors by path", As: ada, Method: "PUT", Path: "/api/v1/me/resume", Body: `{"basics":{"name":"Ada","email":"not an email"},"work":[{"startDate":"May 2024"}]}`, Status: 422, Want: `"location":"body./basics/email"`},
			{Name: "dates by path", As: ada, Method: "PUT", Path: "/api/v1/me/resume", Body: `{"work":[{"startDate":"May 2024"}]}`, Status: 422, Want: `"location":"body./work/0/startDate"`},
			{Name: "end before start", As: ada, Method: "PUT", Path: "/api/v1/me/resume", Body: `{"work":[{"name":"X","startDate":"2024-05","endDate":"2023-01"}]}`, Status: 422, Want: `body./work/0/endDate`},
			{Name: "wrong type", As: ada, Method: "PUT", Path: "/api/v1/me/resume", Body: `{"basics":"Ada"}`, Status: 422, Want: `body./basics`},
			{Name: "not JSON", As: ada, Method: "PUT", Path: "/api/v1/me/resume", Body: `{"basics":`, Status: 400},
			{Name: "over 2 MB", As: ada, Method: "PUT", Path: "/api/v1/me/resume", Body: bigResume(2<<20 + 1000), Status: 422, Want: "the limit is 2 MB"},
			{Name: "far over 2 MB", As: ada, Method: "PUT", Path: "/api/v1/me/resume", Body: bigResume(5 << 20), Status: 413, Want: "too large"},
			{Name: "saved", As: ada, Method: "PUT", Path: "/api/v1/me/resume", Body: adaResume, Status: 200, Want: `"x-devpath-test":{"keep":"me"}`},
		})
		got := ada.Expect(t, "GET", "/api/v1/me/resume", "", 200, "Ada Lovelace")
		if strings.TrimSpace(got) != compact(t, adaResume) {
			t.Errorf("the resume came back different:\n%s\n%s", got, compact(t, adaResume))
		}
		bob.Expect(t, "GET", "/api/v1/me/resume", "", 404, "no master resume")
		srv.Anonymous().Expect(t, "GET", "/api/v1/me/resume", "", 401, "")
	})
}

func TestTailoredResumesAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		bob.Expect(t, "POST", "/api/v1/me/resumes", `{"name":"Acme"}`, 409, "save the master first")
		ada.Expect(t, "PUT", "/api/v1/me/resume", adaResume, 200, "")
		master := ada.Expect(t, "GET", "/api/v1/me/resume", "", 200, "")

		var acme, theirs struct{ ID int64 }
		json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/applications", `{"kind":"internship","company":"Acme","title":"Intern"}`, 201, "")), &acme)
		json.Unmarshal([]byte(bob.Expect(t, "POST", "/api/v1/me/applications", `{"kind":"job","company":"Bobco","title":"Dev"}`, 201, "")), &theirs)
		for _, id := range []int64{theirs.ID, 9999, 1 << 62, 0, -1} {
			ada.Expect(t, "POST", "/api/v1/me/resumes", `{"name":"X","application_id":`+itoa(id)+`}`, 422, `"location":"body.application_id"`)
		}
		created := ada.Expect(t, "POST", "/api/v1/me/resumes", `{"name":"Acme internship","application_id":`+itoa(acme.ID)+`,"ops":[
			{"op":"hide","section":"work","index":1},
			{"op":"reword","path":"/work/0/highlights/0","text":"Built the Go REST API behind 40 depots"}]}`, 201, `"application_id":`+itoa(acme.ID))
		var tr struct{ ID int64 }
		json.Unmarshal([]byte(created), &tr)
		one := "/api/v1/me/resumes/" + itoa(tr.ID)

		devpathtest.Run(t, []devpathtest.Case{
			{Name: "no name", As: ada, Method: "POST", Path: "/api/v1/me/resumes", Body: `{"name":" "}`, Status: 422, Want: `body.name`},
			{Name: "no such entry", As: ada, Method: "POST", Path: "/api/v1/me/resumes", Body: `{"name":"X","ops":[{"op":"hide","section":"work","index":5}]}`, Status: 422, Want: `body.ops[0].index`},
			{Name: "no such text", As: ada, Method: "POST", Path: "/api/v1/me/resumes", Body: `{"name":"X","ops":[{"op":"reword","path":"/basics/phone","text":"1"}]}`, Status: 422, Want: `body.ops[0].path`},
			{Name: "unknown op", As: ada, Method: "POST", Path: "/api/v1/me/resumes", Body: `{"name":"X","ops":[{"op":"shout"}]}`, Status: 422, Want: `ops`},
			{Name: "list", As: ada, Method: "GET", Path: "/api/v1/me/resumes", Status: 200, Want: `"name":"Acme internship"`},
			{Name: "one, tailored", As: ada, Method: "GET", Path: one, Status: 200, Want: `Built the Go REST API behind 40 depots`},
			{Name: "diff", As: ada, Method: "GET", Path: one + "/diff", Status: 200, Want: `"kind":"hidden","section":"work","entry":"Assistant at Babbage and Co"`},
			{Name: "diff rewording", As: ada, Method: "GET", Path: one + "/diff", Status: 200, Want: `"old":"Wrote a REST API in Go","new":"Built the Go REST API behind 40 depots"`},
			{Name: "update", As: ada, Method: "PUT", Path: one, Body: `{"name":"Acme, second round","ops":[{"op":"order","section":"work","order":[1,0]}]}`, Status: 200, Want: `"application_id":null`},
			{Name: "diff after update", As: ada, Method: "GET", Path: one + "/diff", Status: 200, Want: `"kind":"moved"`},
			{Name: "others' list", As: bob, Method: "GET", Path: "/api/v1/me/resumes", Status: 200, Want: `[]`},
			{Name: "others get 404", As: bob, Method: "GET", Path: one, Status: 404, Want: "not found"},
			{Name: "others' diff 404", As: bob, Method: "GET", Path: one + "/diff", Status: 404, Want: "not found"},
			{Name: "others' update 404", As: bob, Method: "PUT", Path: one, Body: `{"name":"mine now"}`, Status: 404, Want: "not found"},
			{Name: "others' delete 404", As: bob, Method: "DELETE", Path: one, Status: 404, Want: "not found"},
		})
		if got := ada.Expect(t, "GET", "/api/v1/me/resume", "", 200, ""); got != master {
			t.Errorf("tailoring changed the master:\n%s\n%s", got, master)
		}
		ada.Expect(t, "GET", one, "", 200, `"name":"Acme, second round"`)
		ada.Expect(t, "DELETE", one, "", 204, "")
		ada.Expect(t, "GET", one, "", 404, "not found")
	})
}

// TestTailoredResumeOutlivesMasterChanges: a copy whose hidden entry left
// the master still opens, listing the change that no longer fits.
func TestTailoredResumeOutlivesMasterChanges(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	ada := srv.Learner(t, "ada")
	ada.Expect(t, "PUT", "/api/v1/me/resume", adaResume, 200, "")
	created := ada.Expect(t, "POST", "/api/v1/me/resumes", `{"name":"Acme","ops":[
		{"op":"hide","section":"work","index":1},{"op":"reword","path":"/basics/summary","text":"Go and PostgreSQL."}]}`, 201, "")
	var tr struct{ ID int64 }
	json.Unmarshal([]byte(created), &tr)
	ada.Expect(t, "PUT", "/api/v1/me/resume", `{"basics":{"name":"Ada Lovelace","summary":"Shorter now."}}`, 200, "")
	got := ada.Expect(t, "GET", "/api/v1/me/resumes/"+itoa(tr.ID), "", 200, `"unfitted":[{"op":"hide","section":"work","index":1}]`)
	if !strings.Contains(got, `"summary":"Go and PostgreSQL."`) {
		t.Errorf("the rewording that still fits was dropped: %s", got)
	}
}

func TestMatchAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		const job = `{"job_description":"Backend developer. Requirements: Go, PostgreSQL and Docker. Nice to have: Kubernetes."}`
		ada.Expect(t, "POST", "/api/v1/me/match", `{"job_description":"  "}`, 422, `body.job_description`)
		ada.Expect(t, "POST", "/api/v1/me/match", `{"job_description":"`+strings.Repeat("Go ", 40000)+`"}`, 422, `at most`)

		// with nothing known, everything is missing and each names its topic
		bob.Expect(t, "POST", "/api/v1/me/match", job, 200, `"score":0`)
		bob.Expect(t, "POST", "/api/v1/me/match", job, 200, `{"skill":"Kubernetes","topic":"deployment"`)

		// skills from the master resume count
		ada.Expect(t, "PUT", "/api/v1/me/resume", adaResume, 200, "")
		got := ada.Expect(t, "POST", "/api/v1/me/match", job, 200, `"formula":`)
		var r struct {
			Score       int
			Matched     []string
			Missing     []struct{ Skill, Topic string }
			Explanation []struct{ Skill, Text string }
		}
		if err := json.Unmarshal([]byte(got), &r); err != nil {
			t.Fatal(err)
		}
		if r.Score < 50 || len(r.Matched) != 3 || len(r.Missing) != 1 || r.Missing[0].Skill != "Kubernetes" {
			t.Errorf("match %s", got)
		}
		if len(r.Explanation) != 4 || !strings.Contains(r.Explanation[0].Text, "worth") {
			t.Errorf("explanation %s", got)
		}

		// and so do topics done on the roadmap
		bob.Expect(t, "PUT", "/api/v1/me/progress/backend/topics/deployment", `{"status":"done"}`, 200, "")
		bob.Expect(t, "POST", "/api/v1/me/match", job, 200, `"matched":["Kubernetes"]`)
	})
}
