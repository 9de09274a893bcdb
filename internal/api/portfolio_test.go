package api_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"devpath/internal/checker"
	"devpath/internal/devpathtest"
)

// userID asks the API who the client is.
func userID(t *testing.T, c *devpathtest.Client) int64 {
	t.Helper()
	var me struct{ ID int64 }
	json.Unmarshal([]byte(c.Expect(t, "GET", "/api/v1/me", "", 200, "")), &me)
	return me.ID
}

// finishedRun stores a notes-api run of the learner's that ended with status.
func finishedRun(t *testing.T, srv *devpathtest.Server, user int64, status checker.RunStatus) int64 {
	t.Helper()
	ctx := context.Background()
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	run, err := srv.App.Store.StartRun(ctx, checker.StoredRun{UserID: user, Project: "notes-api",
		URL: "http://localhost:3000", Status: checker.Running, Stages: 11, StartedAt: start})
	if err != nil {
		t.Fatal(err)
	}
	passed := 11
	if status != checker.Passed {
		passed = 4
	}
	if err := srv.App.Store.FinishRun(ctx, run.ID, status, passed, []byte(`{}`), start.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	return run.ID
}

const notesProject = `{"kind":"personal","title":"Notes API","role":"sole developer",
	"repository_url":"https://git.example.org/ada/notes","start_date":"2026-01-10","end_date":"2026-03-01",
	"description":"A notes service in **Go**.","topics":["http","rest-api-design"],"public":true`

func TestPortfolioProjectsAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		passed := finishedRun(t, srv, userID(t, ada), checker.Passed)
		failed := finishedRun(t, srv, userID(t, ada), checker.Failed)
		bobs := finishedRun(t, srv, userID(t, bob), checker.Passed)

		created := ada.Expect(t, "POST", "/api/v1/me/portfolio/projects", notesProject+`,"check_run_id":`+itoa(passed)+`}`, 201,
			`"verified":{"run_id":`+itoa(passed)+`,"project":"notes-api","title":"Notes API","stages":11,"at":"2026-03-02T10:01:00Z"}`)
		var p struct{ ID int64 }
		json.Unmarshal([]byte(created), &p)
		one := "/api/v1/me/portfolio/projects/" + itoa(p.ID)

		for _, tc := range []struct {
			name   string
			as     *devpathtest.Client
			method string
			path   string
			body   string
			status int
			want   string
		}{
			{"end before start", ada, "POST", "/api/v1/me/portfolio/projects", `{"kind":"freelance","title":"Shop","start_date":"2026-02-01","end_date":"2026-01-01"}`, 422, `"location":"body.end_date"`},
			{"not a date", ada, "POST", "/api/v1/me/portfolio/projects", `{"kind":"freelance","title":"Shop","start_date":"March"}`, 422, `body.start_date`},
			{"unknown kind", ada, "POST", "/api/v1/me/portfolio/projects", `{"kind":"hobby","title":"Shop"}`, 422, `body.kind`},
			{"no title", ada, "POST", "/api/v1/me/portfolio/projects", `{"kind":"volunteer","title":""}`, 422, `body.title`},
			{"unsafe link", ada, "POST", "/api/v1/me/portfolio/projects", `{"kind":"volunteer","title":"X","live_url":"javascript:alert(1)"}`, 422, `body.live_url`},
			{"unknown topic", ada, "POST", "/api/v1/me/portfolio/projects", `{"kind":"personal","title":"X","topics":["http","astrology"]}`, 422, `body.topics`},
			{"another learner's run", ada, "POST", "/api/v1/me/portfolio/projects", `{"kind":"personal","title":"X","check_run_id":` + itoa(bobs) + `}`, 404, "check run not found"},
			{"no such run", ada, "POST", "/api/v1/me/portfolio/projects", `{"kind":"personal","title":"X","check_run_id":999999}`, 404, "not found"},
			{"failed run does not verify", ada, "POST", "/api/v1/me/portfolio/projects", `{"kind":"coding_challenge","title":"Kata","check_run_id":` + itoa(failed) + `}`, 201, `"verified":null`},
			{"list", ada, "GET", "/api/v1/me/portfolio/projects", "", 200, `"title":"Kata"`},
			{"one", ada, "GET", one, "", 200, `"topics":["http","rest-api-design"]`},
			{"update", ada, "PUT", one, notesProject + `}`, 200, `"verified":null`},
			{"others' list", bob, "GET", "/api/v1/me/portfolio/projects", "", 200, `[]`},
			{"others get 404", bob, "GET", one, "", 404, "not found"},
			{"others' update 404", bob, "PUT", one, notesProject + `}`, 404, "not found"},
			{"others' delete 404", bob, "DELETE", one, "", 404, "not found"},
			{"delete", ada, "DELETE", one, "", 204, ""},
			{"deleted", ada, "GET", one, "", 404, "not found"},
		} {
			t.Run(tc.name, func(t *testing.T) { tc.as.Expect(t, tc.method, tc.path, tc.body, tc.status, tc.want) })
		}
	})
}

func TestPortfolioSettingsAndPublicPage(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob, visitor := srv.Learner(t, "ada"), srv.Learner(t, "bob"), srv.Anonymous()
		run := finishedRun(t, srv, userID(t, ada), checker.Passed)
		ada.Expect(t, "POST", "/api/v1/me/portfolio/projects", notesProject+`,"check_run_id":`+itoa(run)+`}`, 201, "")
		ada.Expect(t, "POST", "/api/v1/me/portfolio/projects", `{"kind":"freelance","title":"Secret client work","public":false}`, 201, "")
		ada.Expect(t, "PUT", "/api/v1/me/progress/backend/topics/http", `{"status":"done","note":"my private note"}`, 200, "")

		for _, tc := range []struct {
			name   string
			as     *devpathtest.Client
			body   string
			status int
			want   string
		}{
			{"off by default", ada, "", 200, `{"handle":"","public":false,"show_progress":false,"headline":""}`},
			{"bad handle", ada, `{"handle":"Ada!"}`, 422, `"location":"body.handle"`},
			{"too short", ada, `{"handle":"ad"}`, 422, `body.handle`},
			{"public needs a handle", ada, `{"public":true}`, 422, `body.handle`},
			{"chosen", ada, `{"handle":"ada-l","headline":"Backend developer in training"}`, 200, `"handle":"ada-l"`},
			{"taken", bob, `{"handle":"ada-l"}`, 409, `"location":"body.handle"`},
			{"bob without a handle", bob, `{"headline":"hello"}`, 200, `"handle":""`},
		} {
			t.Run(tc.name, func(t *testing.T) {
				method := "PUT"
				if tc.body == "" {
					method = "GET"
				}
				tc.as.Expect(t, method, "/api/v1/me/portfolio/settings", tc.body, tc.status, tc.want)
			})
		}

		// a page that is off answers like a handle nobody has
		off := visitor.Expect(t, "GET", "/u/ada-l", "", 404, "")
		unknown := visitor.Expect(t, "GET", "/u/nobody-here", "", 404, "")
		if strings.Replace(off, "ada-l", "nobody-here", -1) != unknown {
			t.Error("a page that is off answers differently from an unknown handle")
		}

		ada.Expect(t, "PUT", "/api/v1/me/portfolio/settings", `{"handle":"ada-l","public":true,"headline":"Backend developer in training"}`, 200, "")
		page := visitor.Expect(t, "GET", "/u/ada-l", "", 200, "Notes API")
		for _, want := range []string{"<h1>ada</h1>", "Backend developer in training", "Verified by devpath", "<strong>Go</strong>", "HTTP"} {
			if !strings.Contains(page, want) {
				t.Errorf("public page lacks %q", want)
			}
		}
		for _, private := range []string{"Secret client work", "ada@example.org", "my private note", "Progress on"} {
			if strings.Contains(page, private) {
				t.Errorf("public page shows %q", private)
			}
		}
		ada.Expect(t, "PUT", "/api/v1/me/portfolio/settings", `{"handle":"ada-l","public":true,"show_progress":true}`, 200, "")
		visitor.Expect(t, "GET", "/u/ada-l", "", 200, "Progress on the Backend developer roadmap")
	})
}
