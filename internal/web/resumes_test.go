package web_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

const adaResume = `{
  "basics": {"name": "Ada Lovelace", "email": "ada@example.org", "summary": "I build small, well-tested APIs."},
  "work": [
    {"name": "Analytical Engines", "position": "Backend intern", "startDate": "2024-01", "endDate": "2024-06",
     "highlights": ["Wrote a REST API in Go", "Tuned PostgreSQL queries"]},
    {"name": "Babbage and Co", "position": "Assistant", "startDate": "2022", "endDate": "2023"},
    {"name": "Difference Ltd", "position": "Tester", "startDate": "2020", "endDate": "2021"}
  ],
  "x-devpath-test": {"keep": "me"}
}`

// upload posts a file the way a browser's file field does.
func upload(t *testing.T, c *devpathtest.Client, srv *devpathtest.Server, path, name string, content []byte) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest("POST", srv.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestMasterResumePage(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		c := srv.Learner(t, "ada")
		c.Expect(t, "GET", "/resume", "", 200, `&#34;name&#34;: &#34;ada&#34;`) // a starter document from the account
		c.Expect(t, "GET", "/resume/print", "", 404, "no master resume yet")

		// a failed save keeps what was typed and names each place by path
		bad := `{"basics":{"name":"Ada Lovelace","email":"nope"},"work":[{"startDate":"2024","endDate":"2020"}]}`
		res, body := form(t, c, srv, "/resume", url.Values{"document": {bad}})
		if res.StatusCode != 422 || !strings.Contains(body, "<code>/basics/email</code>") ||
			!strings.Contains(body, "<code>/work/0/endDate</code>") || !strings.Contains(body, "&#34;email&#34;:&#34;nope&#34;") {
			t.Fatalf("bad document: %d %s", res.StatusCode, body)
		}

		res, _ = form(t, c, srv, "/resume", url.Values{"document": {adaResume}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/resume?saved" {
			t.Fatalf("save: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		c.Expect(t, "GET", "/resume?saved", "", 200, "Saved.")
		if got := c.Expect(t, "GET", "/resume/export", "", 200, ""); got != adaResume {
			t.Errorf("the export is not the document as saved:\n%s", got)
		}
		page := c.Expect(t, "GET", "/resume/print", "", 200, "<h1>Ada Lovelace</h1>")
		if !strings.Contains(page, "@media print") || strings.Contains(page, `<nav aria-label="Main">`) {
			t.Error("the printable resume is not a standalone page with the print stylesheet")
		}
	})
}

func TestResumeUpload(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		c := srv.Learner(t, "ada")
		res, body := upload(t, c, srv, "/resume/upload", "big.json", []byte(`{"basics":{"summary":"`+strings.Repeat("a", 2<<20+10)+`"}}`))
		if res.StatusCode != 422 || !strings.Contains(body, "the limit is 2 MB") {
			t.Fatalf("oversize upload: %d", res.StatusCode)
		}
		res, body = upload(t, c, srv, "/resume/upload", "bad.json", []byte(`{"basics":{"email":42}}`))
		if res.StatusCode != 422 || !strings.Contains(body, "<code>/basics/email</code>") {
			t.Fatalf("invalid upload: %d", res.StatusCode)
		}
		res, _ = upload(t, c, srv, "/resume/upload", "resume.json", []byte(adaResume))
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload: %d", res.StatusCode)
		}
		c.Expect(t, "GET", "/api/v1/me/resume", "", 200, `"x-devpath-test":{"keep":"me"}`)
	})
}

func TestTailoredResumePages(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		c, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		form(t, c, srv, "/resume", url.Values{"document": {adaResume}})

		res, body := form(t, c, srv, "/resumes", url.Values{"name": {""}, "application_id": {"seven"}})
		if res.StatusCode != 422 || !strings.Contains(body, `value="seven"`) {
			t.Fatalf("bad copy: %d", res.StatusCode)
		}
		var acme, theirs struct{ ID int64 }
		json.Unmarshal([]byte(c.Expect(t, "POST", "/api/v1/me/applications", `{"kind":"internship","company":"Acme","title":"Intern"}`, 201, "")), &acme)
		json.Unmarshal([]byte(bob.Expect(t, "POST", "/api/v1/me/applications", `{"kind":"job","company":"Bobco","title":"Dev"}`, 201, "")), &theirs)
		appID := strconv.FormatInt(acme.ID, 10)
		res, body = form(t, c, srv, "/resumes", url.Values{"name": {"Acme"}, "application_id": {strconv.FormatInt(theirs.ID, 10)}})
		if res.StatusCode != 422 || !strings.Contains(body, "one of your applications") {
			t.Fatalf("another learner's application: %d", res.StatusCode)
		}
		res, _ = form(t, c, srv, "/resumes", url.Values{"name": {"Acme"}, "application_id": {appID}})
		page := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(page, "/resumes/") {
			t.Fatalf("create: %d %s", res.StatusCode, page)
		}
		c.Expect(t, "GET", page, "", 200, `name="show:work" value="1" checked`)

		// hide the second job, reword a highlight, put the third job first by its position
		edit := url.Values{"name": {"Acme"}, "application_id": {appID}, "sections": {"work"}, "order:work": {"0,1,2"},
			"show:work": {"0", "2"}, "pos:work:0": {"1"}, "pos:work:1": {"2"}, "pos:work:2": {"1"},
			"text:/basics/summary":      {"I build small, well-tested APIs."},
			"text:/work/0/highlights/0": {"Built the Go REST API behind 40 depots"},
			"text:/work/0/highlights/1": {"Tuned PostgreSQL queries"},
		}
		res, _ = form(t, c, srv, page, edit)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d", res.StatusCode)
		}
		view := c.Expect(t, "GET", page, "", 200, "What differs from the master")
		for _, want := range []string{`hidden: work &#34;Assistant, Babbage and Co&#34;`, "moved: work &#34;Tester, Difference Ltd&#34; from position 3 to 1",
			"Built the Go REST API behind 40 depots", `name="order:work" value="2,0,1"`} {
			if !strings.Contains(view, want) {
				t.Errorf("tailored page lacks %s", want)
			}
		}

		// the up button moves an entry one place, keeping what else was typed
		up := cloneWith(edit, "order:work", "2,0,1")
		up.Set("pos:work:2", "1")
		up.Set("pos:work:0", "2")
		up.Set("pos:work:1", "3")
		up.Set("move", "work:1:up")
		up.Set("text:/work/0/highlights/1", "Made reports 13 times faster")
		res, _ = form(t, c, srv, page, up)
		if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "#section-work") {
			t.Fatalf("move: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		c.Expect(t, "GET", page, "", 200, `name="order:work" value="2,1,0"`)

		// a failed save keeps what was typed
		bad := cloneWith(up, "name", "")
		bad.Del("move")
		bad.Set("text:/work/0/highlights/1", "typed, not saved")
		res, body = form(t, c, srv, page, bad)
		if res.StatusCode != 422 || !strings.Contains(body, `value="typed, not saved"`) {
			t.Fatalf("bad save: %d", res.StatusCode)
		}

		printed := c.Expect(t, "GET", page+"/print", "", 200, "Made reports 13 times faster")
		if strings.Contains(printed, "Babbage") || strings.Index(printed, "Difference Ltd") > strings.Index(printed, "Analytical Engines") {
			t.Error("the printed copy does not follow the tailoring")
		}

		// the master is untouched, and the copy is private
		if got := c.Expect(t, "GET", "/resume/export", "", 200, ""); got != adaResume {
			t.Errorf("tailoring changed the master:\n%s", got)
		}
		for _, path := range []string{page, page + "/print"} {
			bob.Expect(t, "GET", path, "", 404, "not found")
		}
		res, _ = form(t, bob, srv, page, edit)
		if res.StatusCode != 404 {
			t.Errorf("another learner saved the copy: %d", res.StatusCode)
		}
		res, _ = form(t, bob, srv, page+"/delete", nil)
		if res.StatusCode != 404 {
			t.Errorf("another learner deleted the copy: %d", res.StatusCode)
		}
		res, _ = form(t, c, srv, page+"/delete", nil)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %d", res.StatusCode)
		}
		c.Expect(t, "GET", page, "", 404, "not found")
	})
}

func TestMatchPage(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		c := srv.Learner(t, "ada")
		c.Expect(t, "GET", "/match", "", 200, `name="job_description"`)
		res, _ := form(t, c, srv, "/match", url.Values{"job_description": {" "}})
		if res.StatusCode != 422 {
			t.Fatalf("empty description: %d", res.StatusCode)
		}
		job := "Requirements: Go and PostgreSQL. Nice to have: Kubernetes."
		res, body := form(t, c, srv, "/match", url.Values{"job_description": {job}})
		if res.StatusCode != 200 || !strings.Contains(body, `id="score">0<`) || !strings.Contains(body, `name="topic" value="deployment"`) ||
			!strings.Contains(body, `id="explanation"`) {
			t.Fatalf("match: %d %s", res.StatusCode, body)
		}

		// one click puts the missing skill's topic into the plan
		res, body = form(t, c, srv, "/match/learn", url.Values{"job_description": {job}, "topic": {"deployment"}})
		if res.StatusCode != 200 || !strings.Contains(body, "is in your plan now") || strings.Contains(body, `name="topic" value="deployment"`) {
			t.Fatalf("learn: %d", res.StatusCode)
		}
		progress := c.Expect(t, "GET", "/api/v1/me/progress/backend", "", 200, "")
		var p struct {
			Topics map[string]struct{ Status string }
		}
		json.Unmarshal([]byte(progress), &p)
		if p.Topics["deployment"].Status != "learning" {
			t.Errorf("deployment is %q", p.Topics["deployment"].Status)
		}
	})
}
