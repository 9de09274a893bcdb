package web_test

import (
	"bytes"
	"encoding/json"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
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
	return uploadAs(t, c, srv, path, "file", name, content)
}

// uploadAs posts a file under field, as a form with a file input does.
func uploadAs(t *testing.T, c *devpathtest.Client, srv *devpathtest.Server, path, field, name string, content []byte) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile(field, name)
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

// formResume has a member of every kind the form does not show: a
// section it leaves to the JSON editor, members of entries and of basics it
// has no input for, the document's metadata and a tool's own member.
const formResume = `{
  "basics": {"name": "Ada Lovelace", "label": "Backend developer", "email": "ada@example.org", "image": "https://example.org/ada.png",
             "summary": "I build small,\nwell-tested APIs.", "location": {"address": "12 St James's Square", "city": "London", "countryCode": "GB"},
             "profiles": [{"network": "GitHub", "username": "ada", "url": "https://github.example.org/ada"}], "pronouns": "she/her"},
  "work": [
    {"name": "Analytical Engines", "position": "Backend intern", "location": "London", "startDate": "2024-01", "endDate": "2024-06",
     "highlights": ["Wrote a REST API in Go", "Tuned PostgreSQL queries"], "x-team": "platform"},
    {"name": "Babbage and Co", "position": "Assistant", "startDate": "2022", "endDate": "2023"},
    {"name": "Difference Ltd", "position": "Tester", "startDate": "2020", "endDate": "2021", "description": "A small test lab"}
  ],
  "education": [{"institution": "Open Backend Bootcamp", "area": "Backend development", "studyType": "Certificate", "courses": ["HTTP", "SQL"]}],
  "awards": [{"title": "Best project", "date": "2023-09", "awarder": "Open Backend Bootcamp"}],
  "skills": [{"name": "Backend", "level": "Junior", "keywords": ["Go", "PostgreSQL", "REST APIs"]}],
  "projects": [{"name": "Depot finder", "description": "Finds the nearest depot.", "keywords": ["Go"], "roles": ["Author"]}],
  "meta": {"version": "v1.0.0", "theme": "even"},
  "x-devpath-test": {"keep": "me"}
}`

// formOf reads the inputs of the form posting to action as a browser sends
// them when Save is pressed: every named input and text area, no button.
func formOf(t *testing.T, page, action string) url.Values {
	t.Helper()
	start := strings.Index(page, `<form method="post" action="`+action+`"`)
	if start < 0 {
		t.Fatalf("no form for %s", action)
	}
	f := page[start : start+strings.Index(page[start:], "</form>")]
	out := url.Values{}
	for _, tag := range regexp.MustCompile(`<input [^>]*>`).FindAllString(f, -1) {
		name, value := attr(tag, "name"), attr(tag, "value")
		if name != "" && !strings.Contains(tag, `type="file"`) {
			out.Add(name, value)
		}
	}
	for _, m := range regexp.MustCompile(`(?s)<textarea [^>]*name="([^"]*)"[^>]*>(.*?)</textarea>`).FindAllStringSubmatch(f, -1) {
		out.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	return out
}

func attr(tag, name string) string {
	m := regexp.MustCompile(` ` + name + `="([^"]*)"`).FindStringSubmatch(tag)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// sameJSON tells whether two documents hold the same values.
func sameJSON(t *testing.T, a, b string) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal([]byte(a), &x); err != nil {
		t.Fatalf("%v: %s", err, a)
	}
	if err := json.Unmarshal([]byte(b), &y); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return reflect.DeepEqual(x, y)
}

func TestResumeForm(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		c := srv.Learner(t, "ada")
		save := func(t *testing.T, v url.Values) {
			t.Helper()
			if res, body := form(t, c, srv, "/resume", v); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("save: %d %s", res.StatusCode, body)
			}
		}

		// a first resume, through the form: the account's name and email are in it already
		first := formOf(t, c.Expect(t, "GET", "/resume", "", 200, `value="ada"`), "/resume")
		first.Set("/basics/label", "Backend developer")
		save(t, first)
		if got := c.Expect(t, "GET", "/resume/export", "", 200, ""); !sameJSON(t, got, `{"basics": {"name": "ada", "label": "Backend developer", "email": "ada@example.org"}}`) {
			t.Errorf("first resume:\n%s", got)
		}

		// the form of a resume, sent back unchanged, saves the same document
		if res, _ := form(t, c, srv, "/resume/json", url.Values{"document": {formResume}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save as JSON: %d", res.StatusCode)
		}
		page := c.Expect(t, "GET", "/resume", "", 200, "")
		v := formOf(t, page, "/resume")
		save(t, v)
		if got := c.Expect(t, "GET", "/resume/export", "", 200, ""); !sameJSON(t, got, formResume) {
			t.Errorf("the form changed the resume:\n%s", got)
		}
		for _, want := range []string{`<label for="work-0-name">Company</label>`, `<textarea id="work-0-highlights" name="/work/0/highlights"`,
			`value="Go, PostgreSQL, REST APIs"`, `<legend>Work 3</legend>`, `aria-describedby="work-0-startDate-hint"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the form lacks %s", want)
			}
		}

		// buttons change the form, not the resume, and keep what was typed
		v.Set("/basics/summary", "typed, not saved yet")
		v.Set("op", "up:work:2")
		res, body := form(t, c, srv, "/resume", v)
		if res.StatusCode != 200 || !strings.Contains(body, "Moved Work 3 up: it is Work 2 now.") || !strings.Contains(body, "typed, not saved yet") {
			t.Fatalf("move up: %d", res.StatusCode)
		}
		moved := formOf(t, body, "/resume")
		if got := moved["/work/1/name"]; len(got) != 1 || got[0] != "Difference Ltd" {
			t.Errorf("after moving, work 2 is %v", got)
		}
		moved.Set("op", "remove:work:0")
		_, body = form(t, c, srv, "/resume", moved)
		removed := formOf(t, body, "/resume")
		removed.Set("op", "add:skills")
		_, body = form(t, c, srv, "/resume", removed)
		if !strings.Contains(body, `id="skills-1-name" name="/skills/1/name"`) || !strings.Contains(body, "Added Skill 2.") {
			t.Errorf("no second skill to fill in")
		}
		if got := c.Expect(t, "GET", "/resume/export", "", 200, ""); !sameJSON(t, got, formResume) {
			t.Error("a button saved the resume")
		}

		// Save: the new order, the entry removed, the empty skill left out, and all the form does not show kept
		added := formOf(t, body, "/resume")
		save(t, added)
		var want map[string]any
		json.Unmarshal([]byte(formResume), &want)
		work := want["work"].([]any)
		want["work"] = []any{work[2], work[1]} // the third moved up, then the first removed
		want["basics"].(map[string]any)["summary"] = "typed, not saved yet"
		b, _ := json.Marshal(want)
		if got := c.Expect(t, "GET", "/resume/export", "", 200, ""); !sameJSON(t, got, string(b)) {
			t.Errorf("after moving, removing and adding:\n%s\nwant\n%s", got, b)
		}
	})
}

func TestResumeFormErrors(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		c := srv.Learner(t, "ada")
		form(t, c, srv, "/resume/json", url.Values{"document": {formResume}})
		v := formOf(t, c.Expect(t, "GET", "/resume", "", 200, ""), "/resume")
		v.Set("/work/0/startDate", "May 2024")
		v.Set("/work/1/endDate", "2021")
		v.Set("/basics/email", "ada at example")
		v.Set("/work/2/highlights", "Found 3 bugs\r\nWrote the test plan")
		res, body := form(t, c, srv, "/resume", v)
		if res.StatusCode != 422 {
			t.Fatalf("bad date: %d", res.StatusCode)
		}
		for _, want := range []string{
			`<input id="work-0-startDate" name="/work/0/startDate" type="text" value="May 2024" aria-describedby="work-0-startDate-hint work-0-startDate-error" aria-invalid="true">`,
			`<p id="work-0-startDate-error" class="field-error">Work 1, start date: “May 2024” is not a date: write it like 2024, 2024-05 or 2024-05-17.</p>`,
			`<p id="work-1-endDate-error" class="field-error">Work 2, end date: ends (2021) before it starts (2022).</p>`,
			`<p id="basics-email-error" class="field-error">Email: must be an email address`,
			`<a href="#f-basics-email">Email</a></li><li><a href="#f-work-0-startDate">Work 1, start date</a></li><li><a href="#f-work-1-endDate">Work 2, end date</a>`,
			"3 answers need a change", "Found 3 bugs\r\nWrote the test plan",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("the refused form lacks %s", want)
			}
		}
		if got := formOf(t, body, "/resume"); !reflect.DeepEqual(got, v) {
			t.Errorf("the refused form lost what was typed:\n%v\nwant\n%v", got, v)
		}
		if text := visibleText(body); strings.Contains(text, "/work/") || strings.Contains(text, "/basics/") {
			t.Errorf("a person reads a JSON pointer:\n%s", text)
		}

		// a problem where the form has no input is listed in words, for the JSON editor
		v = formOf(t, body, "/resume")
		v.Set("rest:/work/0", `{"location": 7}`)
		res, body = form(t, c, srv, "/resume", v)
		if res.StatusCode != 422 || !strings.Contains(body, "<li>Work 1, location: got number, want string.</li>") {
			t.Errorf("a problem off the form: %d", res.StatusCode)
		}
	})
}

// visibleText is a page's text without its tags, as a person reads it.
func visibleText(page string) string {
	return regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(page, " ")
}

func TestMasterResumeAsJSON(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		c := srv.Learner(t, "ada")
		c.Expect(t, "GET", "/resume", "", 200, `&#34;name&#34;: &#34;ada&#34;`) // a starter document from the account
		c.Expect(t, "GET", "/resume/print", "", 404, "no master resume yet")

		// a failed save keeps what was typed and names each place in words
		bad := `{"basics":{"name":"Ada Lovelace","email":"nope"},"work":[{"startDate":"2024","endDate":"2020"}]}`
		res, body := form(t, c, srv, "/resume/json", url.Values{"document": {bad}})
		if res.StatusCode != 422 || !strings.Contains(body, "<li>Email: must be an email address, such as ada@example.org.</li>") ||
			!strings.Contains(body, "<li>Work 1, end date: ends (2020) before it starts (2024).</li>") ||
			!strings.Contains(body, `<details class="json-editor" id="f-document" open>`) || !strings.Contains(body, "&#34;email&#34;:&#34;nope&#34;") ||
			!strings.Contains(body, `<a href="#f-document">The document as JSON</a>`) {
			t.Fatalf("bad document: %d %s", res.StatusCode, body)
		}
		res, body = form(t, c, srv, "/resume/json", url.Values{"document": {`{"basics": {`}})
		if res.StatusCode != 422 || !strings.Contains(body, "<li>Not valid JSON: unexpected end of JSON input") {
			t.Fatalf("not JSON: %d", res.StatusCode)
		}

		res, _ = form(t, c, srv, "/resume/json", url.Values{"document": {adaResume}})
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
		if res.StatusCode != 422 || !strings.Contains(body, "The file was not saved") || !strings.Contains(body, "<li>Email: got number, want string.</li>") {
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
		form(t, c, srv, "/resume/json", url.Values{"document": {adaResume}})

		var acme, theirs struct{ ID int64 }
		json.Unmarshal([]byte(c.Expect(t, "POST", "/api/v1/me/applications", `{"kind":"internship","company":"Acme","title":"Intern"}`, 201, "")), &acme)
		json.Unmarshal([]byte(bob.Expect(t, "POST", "/api/v1/me/applications", `{"kind":"job","company":"Bobco","title":"Dev"}`, 201, "")), &theirs)
		appID := strconv.FormatInt(acme.ID, 10)

		// the application is chosen by its company and title
		option := `<option value="` + appID + `">Acme — Intern</option>`
		page := c.Expect(t, "GET", "/resume", "", 200, option)
		if strings.Contains(page, "Bobco") {
			t.Error("another learner's application is offered")
		}
		res, body := form(t, c, srv, "/resumes", url.Values{"name": {""}, "application_id": {appID}})
		if res.StatusCode != 422 || !strings.Contains(body, `<option value="`+appID+`" selected>Acme — Intern</option>`) {
			t.Fatalf("bad copy: %d", res.StatusCode)
		}
		res, body = form(t, c, srv, "/resumes", url.Values{"name": {"Acme"}, "application_id": {strconv.FormatInt(theirs.ID, 10)}})
		if res.StatusCode != 422 || !strings.Contains(body, "one of your applications") {
			t.Fatalf("another learner's application: %d", res.StatusCode)
		}
		res, _ = form(t, c, srv, "/resumes", url.Values{"name": {"Acme"}, "application_id": {appID}})
		page = res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(page, "/resumes/") {
			t.Fatalf("create: %d %s", res.StatusCode, page)
		}
		c.Expect(t, "GET", "/resume", "", 200, `<a href="/applications/`+appID+`">Acme — Intern</a>`)
		c.Expect(t, "GET", page, "", 200, `<option value="`+appID+`" selected>Acme — Intern</option>`)

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
		diff := view[strings.Index(view, `id="h-diff"`):]
		for _, want := range []string{"Work: Assistant at Babbage and Co — hidden", "Work: Tester at Difference Ltd — moved from position 3 to 1",
			"Work: Backend intern at Analytical Engines, highlight 1 — reworded from “Wrote a REST API in Go” to “Built the Go REST API behind 40 depots”"} {
			if !strings.Contains(diff, want) {
				t.Errorf("the differences lack %s", want)
			}
		}
		if strings.Contains(visibleText(diff), "/work/") {
			t.Errorf("the differences show a JSON pointer:\n%s", diff)
		}
		if !strings.Contains(view, `name="order:work" value="2,0,1"`) {
			t.Error("the order is not kept")
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
		if res.StatusCode != 422 || !strings.Contains(body, `value="typed, not saved"`) || !strings.Contains(body, `<option value="`+appID+`" selected>`) {
			t.Fatalf("bad save: %d", res.StatusCode)
		}

		printed := c.Expect(t, "GET", page+"/print", "", 200, "Made reports 13 times faster")
		if strings.Contains(printed, "Babbage") || strings.Index(printed, "Difference Ltd") > strings.Index(printed, "Analytical Engines") {
			t.Error("the printed copy does not follow the tailoring")
		}

		// a change of the master that a tailoring no longer fits is listed in words
		form(t, c, srv, "/resume/json", url.Values{"document": {`{"basics": {"name": "Ada Lovelace"}, "work": [{"name": "Analytical Engines"}]}`}})
		c.Expect(t, "GET", page, "", 200, "<li>hide Work 2</li>")
		form(t, c, srv, "/resume/json", url.Values{"document": {adaResume}})

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
