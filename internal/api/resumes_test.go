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
		for _, tc := range []struct {
			name   string
			body   string
			status int
			want   string
		}{
			{"nothing saved yet", "", 404, "no master resume yet"},
			{"schema errors by path", `{"basics":{"name":"Ada","email":"not an email"},"work":[{"startDate":"May 2024"}]}`, 422, `"location":"body./basics/email"`},
			{"dates by path", `{"work":[{"startDate":"May 2024"}]}`, 422, `"location":"body./work/0/startDate"`},
			{"end before start", `{"work":[{"name":"X","startDate":"2024-05","endDate":"2023-01"}]}`, 422, `body./work/0/endDate`},
			{"wrong type", `{"basics":"Ada"}`, 422, `body./basics`},
			{"not JSON", `{"basics":`, 400, ""},
			{"over 2 MB", bigResume(2<<20 + 1000), 422, "the limit is 2 MB"},
			{"far over 2 MB", bigResume(5 << 20), 413, "too large"},
			{"saved", adaResume, 200, `"x-devpath-test":{"keep":"me"}`},
		} {
			t.Run(tc.name, func(t *testing.T) {
				method := "PUT"
				if tc.body == "" {
					method = "GET"
				}
				ada.Expect(t, method, "/api/v1/me/resume", tc.body, tc.status, tc.want)
			})
		}
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

		created := ada.Expect(t, "POST", "/api/v1/me/resumes", `{"name":"Acme internship","application_id":7,"ops":[
			{"op":"hide","section":"work","index":1},
			{"op":"reword","path":"/work/0/highlights/0","text":"Built the Go REST API behind 40 depots"}]}`, 201, `"application_id":7`)
		var tr struct{ ID int64 }
		json.Unmarshal([]byte(created), &tr)
		one := "/api/v1/me/resumes/" + itoa(tr.ID)

		for _, tc := range []struct {
			name   string
			as     *devpathtest.Client
			method string
			path   string
			body   string
			status int
			want   string
		}{
			{"no name", ada, "POST", "/api/v1/me/resumes", `{"name":" "}`, 422, `body.name`},
			{"no such entry", ada, "POST", "/api/v1/me/resumes", `{"name":"X","ops":[{"op":"hide","section":"work","index":5}]}`, 422, `body.ops/0/index`},
			{"no such text", ada, "POST", "/api/v1/me/resumes", `{"name":"X","ops":[{"op":"reword","path":"/basics/phone","text":"1"}]}`, 422, `body.ops/0/path`},
			{"unknown op", ada, "POST", "/api/v1/me/resumes", `{"name":"X","ops":[{"op":"shout"}]}`, 422, `ops`},
			{"list", ada, "GET", "/api/v1/me/resumes", "", 200, `"name":"Acme internship"`},
			{"one, tailored", ada, "GET", one, "", 200, `Built the Go REST API behind 40 depots`},
			{"diff", ada, "GET", one + "/diff", "", 200, `"kind":"hidden","section":"work","entry":"Assistant, Babbage and Co"`},
			{"diff rewording", ada, "GET", one + "/diff", "", 200, `"old":"Wrote a REST API in Go","new":"Built the Go REST API behind 40 depots"`},
			{"update", ada, "PUT", one, `{"name":"Acme, second round","ops":[{"op":"order","section":"work","order":[1,0]}]}`, 200, `"application_id":null`},
			{"diff after update", ada, "GET", one + "/diff", "", 200, `"kind":"moved"`},
			{"others' list", bob, "GET", "/api/v1/me/resumes", "", 200, `[]`},
			{"others get 404", bob, "GET", one, "", 404, "not found"},
			{"others' diff 404", bob, "GET", one + "/diff", "", 404, "not found"},
			{"others' update 404", bob, "PUT", one, `{"name":"mine now"}`, 404, "not found"},
			{"others' delete 404", bob, "DELETE", one, "", 404, "not found"},
		} {
			t.Run(tc.name, func(t *testing.T) { tc.as.Expect(t, tc.method, tc.path, tc.body, tc.status, tc.want) })
		}
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
