package api_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// problems is a 422's list of problems, as "location: message".
func problems(t *testing.T, body string) []string {
	t.Helper()
	var p struct {
		Errors []struct{ Location, Message string }
	}
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	out := make([]string, len(p.Errors))
	for i, e := range p.Errors {
		out[i] = e.Location + ": " + e.Message
	}
	return out
}

// jsonPointer finds a JSON pointer such as /work/0 in a sentence.
var jsonPointer = regexp.MustCompile(`(^|[\s"'])#?/[A-Za-z_]\w*/`)

// expectAtOnce sends body and checks that one 422 names exactly the
// locations of want, each once, in words; a want written "location: words"
// also says what the message must hold.
func expectAtOnce(t *testing.T, c *devpathtest.Client, method, path, body string, want ...string) {
	t.Helper()
	got := problems(t, c.Expect(t, method, path, body, 422, ""))
	var locations []string
	for _, p := range got {
		loc, msg, _ := strings.Cut(p, ": ")
		locations = append(locations, loc)
		if strings.Contains(msg, "Go struct") || strings.Contains(msg, "of type") || jsonPointer.MatchString(msg) || msg == "" {
			t.Errorf("%s %s: not in words: %q", method, path, p)
		}
	}
	var wantLocations []string
	for _, w := range want {
		loc, words, _ := strings.Cut(w, ": ")
		wantLocations = append(wantLocations, loc)
		if i := slices.Index(locations, loc); i >= 0 && !strings.Contains(got[i], words) {
			t.Errorf("%s %s: %q lacks %q", method, path, got[i], words)
		}
	}
	slices.Sort(wantLocations)
	if !slices.Equal(locations, wantLocations) {
		t.Errorf("%s %s: problems\n%s\nwant one at each of %v", method, path, strings.Join(got, "\n"), wantLocations)
	}
}

// TestWritesListEveryProblemAtOnce: each write answers one 422 that names
// every bad field, whether the schema or the domain finds it, each once, by
// its location and in words; a good request still goes through.
func TestWritesListEveryProblemAtOnce(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, anon := srv.Learner(t, "ada"), srv.Anonymous()
		for _, tc := range []struct {
			name, method, path, bad string
			want                    []string
			good                    string
			status                  int
		}{
			{"registration", "POST", "/api/v1/users", `{"email":"ADA@example.org","password":"short","name":5}`,
				[]string{"body.email: already registered", "body.name: must be text", "body.password: at least 10"},
				`{"email":"cy@example.org","password":"long enough pw","name":"Cy"}`, 201},
			{"token", "POST", "/api/v1/me/tokens", `{"name":""}`,
				[]string{"body.name: must be 1 to 100 characters"}, `{"name":"laptop"}`, 201},
			{"profile", "PUT", "/api/v1/me/profile",
				`{"starting_point":"astronaut","route":"self_taught","hours_per_week":"ten","languages":["cobol"],"target_date":"someday","time_zone":"Mars/Olympus"}`,
				[]string{"body.hours_per_week: whole number", "body.languages: cobol", "body.starting_point: must be one of", "body.target_date", "body.time_zone"},
				profile, 200},
			{"a profile without its required fields", "PUT", "/api/v1/me/profile", `{"languages":["go"]}`,
				[]string{"body.hours_per_week: from 1 to 80", "body.route", "body.starting_point: must be one of", "body.time_zone"},
				profile, 200},
			{"progress", "PUT", "/api/v1/me/progress/backend/topics/http", `{"status":"finished","note":5}`,
				[]string{"body.note: must be text", "body.status: must be one of"}, `{"status":"done","note":"ok"}`, 200},
			{"bulk progress", "POST", "/api/v1/me/progress/backend/bulk", `{"status":"finished","step":5}`,
				[]string{"body.status: must be one of", "body.step: must be text"}, `{"status":"todo"}`, 200},
			{"progress import", "POST", "/api/v1/me/progress",
				`{"format":"devpath-progress","version":1,"roadmaps":{"backend":{"topics":{"nope":{"status":"done"},"http":{"status":"finished"},"internet":{"status":"done","note":7}}}}}`,
				[]string{"body.roadmaps.backend.topics.http.status", "body.roadmaps.backend.topics.internet.note: must be text", "body.roadmaps.backend.topics.nope: no such topic"},
				`{"format":"devpath-progress","version":1,"roadmaps":{"backend":{"topics":{"http":{"status":"done"}}}}}`, 200},
			{"new application", "POST", "/api/v1/me/applications",
				`{"kind":"gig","company":"","title":"Dev","salary_min":"lots","salary_max":-1,"source_url":"ftp://x"}`,
				[]string{"body.company", "body.kind: one of job, internship", "body.salary_max", "body.salary_min: whole number", "body.source_url"},
				`{"kind":"job","company":"Acme","title":"Dev"}`, 201},
			{"portfolio settings", "PUT", "/api/v1/me/portfolio/settings", `{"handle":"-x","public":true,"headline":5}`,
				[]string{"body.handle", "body.headline: must be text"}, `{"handle":"ada-l","public":true}`, 200},
			{"portfolio project", "POST", "/api/v1/me/portfolio/projects",
				`{"kind":"hobby","title":"","repository_url":"javascript:alert(1)","topics":["nope"],"public":"yes"}`,
				[]string{"body.kind: one of open_source", "body.public: true or false", "body.repository_url", "body.title", "body.topics"},
				`{"kind":"personal","title":"Notes API","topics":["http"]}`, 201},
			{"check", "POST", "/api/v1/me/checks", `{"project":"todo-api","url":5}`,
				[]string{"body.project", "body.url: must be text"}, "", 0},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c := ada
				if tc.path == "/api/v1/users" {
					c = anon
				}
				expectAtOnce(t, c, tc.method, tc.path, tc.bad, tc.want...)
				if tc.good != "" {
					c.Expect(t, tc.method, tc.path, tc.good, tc.status, "")
				}
			})
		}

		var app, project struct{ ID int64 }
		json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/applications", `{"kind":"job","company":"Beta","title":"Dev"}`, 201, "")), &app)
		json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/portfolio/projects", `{"kind":"personal","title":"Blog"}`, 201, "")), &project)
		appPath, projectPath := "/api/v1/me/applications/"+itoa(app.ID), "/api/v1/me/portfolio/projects/"+itoa(project.ID)
		ada.Expect(t, "PUT", "/api/v1/me/resume", adaResume, 200, "")
		for _, tc := range []struct {
			name, method, path, bad string
			want                    []string
			good                    string
			status                  int
		}{
			{"application change", "PATCH", appPath, `{"kind":"gig","title":"","deadline":"soon","remote":"yes","stage":"hired"}`,
				[]string{"body.deadline", "body.kind", "body.remote: true or false", "body.stage", "body.title"}, `{"title":"Senior Dev"}`, 200},
			{"interview", "POST", appPath + "/interviews", `{"at":"soon","kind":"chat","people":5}`,
				[]string{"body.at", "body.kind", "body.people: must be text"}, `{"at":"2027-01-02","kind":"phone"}`, 201},
			{"contact", "POST", appPath + "/contacts", `{"name":" ","email":"nope","url":5}`,
				[]string{"body.email", "body.name", "body.url: must be text"}, `{"name":" Grace ","email":" grace@example.org "}`, 201},
			{"portfolio project change", "PUT", projectPath, `{"kind":"personal","title":5,"end_date":"2020-01-01","start_date":"2021-01-01","topics":["nope"]}`,
				[]string{"body.end_date", "body.title: must be text", "body.topics"}, `{"kind":"personal","title":"Blog, again"}`, 200},
			{"tailored resume", "POST", "/api/v1/me/resumes", `{"name":"","application_id":"x","ops":[{"op":"shout"},{"op":"hide","section":"work","index":9}]}`,
				[]string{"body.application_id: whole number", "body.name", "body.ops[0].op: one of hide, order, reword", "body.ops[1].index: no entry 9"},
				`{"name":"Acme","ops":[{"op":"hide","section":"work","index":1}]}`, 201},
		} {
			t.Run(tc.name, func(t *testing.T) {
				expectAtOnce(t, ada, tc.method, tc.path, tc.bad, tc.want...)
				ada.Expect(t, tc.method, tc.path, tc.good, tc.status, "")
			})
		}
	})
}

// TestUnreadableBodyIsNotJudged: a body that is not JSON gets one problem,
// not one per field of the empty form it leaves; and a request without a
// login hears 401 before anything about its body.
func TestUnreadableBodyIsNotJudged(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	anon := srv.Anonymous()
	if got := problems(t, anon.Expect(t, "POST", "/api/v1/users", `{"email":`, 400, "")); len(got) != 1 || !strings.HasPrefix(got[0], "body: ") {
		t.Errorf("malformed JSON: %q, want one problem of the body", got)
	}
	anon.Expect(t, "PUT", "/api/v1/me/profile", `{"hours_per_week":"ten"}`, 401, "log in first")
}

// TestTakenEmailLookupsAreLimited: telling a refused registration that its
// email is taken spends one of the address's registrations, as creating an
// account does, so that nobody learns without limit who has an account.
func TestTakenEmailLookupsAreLimited(t *testing.T) {
	cfg := devpathtest.Config(t, devpathtest.Engine{})
	cfg.RegistrationsPerHour = 2
	srv := devpathtest.Start(t, cfg)
	srv.Learner(t, "ada") // the first registration of this address
	c, refused := srv.Anonymous(), `{"email":"ada@example.org","password":"short","name":"Eve"}`
	c.Expect(t, "POST", "/api/v1/users", refused, 422, "already registered")
	if body := c.Expect(t, "POST", "/api/v1/users", refused, 429, "too many new accounts"); strings.Contains(body, "already registered") {
		t.Errorf("over the limit, the lookup still answered: %s", body)
	}
}
