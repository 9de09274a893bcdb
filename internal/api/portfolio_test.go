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
	// stored as finished, so that no job works it: the test sets its result
	run, err := srv.App.Store.StartRun(ctx, checker.StoredRun{UserID: user, Project: "notes-api",
		URL: "http://localhost:3000", Status: status, Stages: 11, StartedAt: start})
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

		devpathtest.Run(t, []devpathtest.Case{
			{Name: "end before start", As: ada, Method: "POST", Path: "/api/v1/me/portfolio/projects", Body: `{"kind":"freelance","title":"Shop","start_date":"2026-02-01","end_date":"2026-01-01"}`, Status: 422, Want: `"location":"body.end_date"`},
			{Name: "not a date", As: ada, Method: "POST", Path: "/api/v1/me/portfolio/projects", Body: `{"kind":"freelance","title":"Shop","start_date":"March"}`, Status: 422, Want: `body.start_date`},
			{Name: "unknown kind", As: ada, Method: "POST", Path: "/api/v1/me/portfolio/projects", Body: `{"kind":"hobby","title":"Shop"}`, Status: 422, Want: `body.kind`},
			{Name: "no title", As: ada, Method: "POST", Path: "/api/v1/me/portfolio/projects", Body: `{"kind":"volunteer","title":""}`, Status: 422, Want: `body.title`},
			{Name: "unsafe link", As: ada, Method: "POST", Path: "/api/v1/me/portfolio/projects", Body: `{"kind":"volunteer","title":"X","live_url":"javascript:alert(1)"}`, Status: 422, Want: `body.live_url`},
			{Name: "unknown topic", As: ada, Method: "POST", Path: "/api/v1/me/portfolio/projects", Body: `{"kind":"personal","title":"X","topics":["http","astrology"]}`, Status: 422, Want: `body.topics`},
			{Name: "another learner's run", As: ada, Method: "POST", Path: "/api/v1/me/portfolio/projects", Body: `{"kind":"personal","title":"X","check_run_id":` + itoa(bobs) + `}`, Status: 404, Want: "check run not found"},
			{Name: "no such run", As: ada, Method: "POST", Path: "/api/v1/me/portfolio/projects", Body: `{"kind":"personal","title":"X","check_run_id":999999}`, Status: 404, Want: "not found"},
			{Name: "failed run does not verify", As: ada, Method: "POST", Path: "/api/v1/me/portfolio/projects", Body: `{"kind":"coding_challenge","title":"Kata","check_run_id":` + itoa(failed) + `}`, Status: 201, Want: `"verified":null`},
			{Name: "list", As: ada, Method: "GET", Path: "/api/v1/me/portfolio/projects", Status: 200, Want: `"title":"Kata"`},
			{Name: "one", As: ada, Method: "GET", Path: one, Status: 200, Want: `"topics":["http","rest-api-design"]`},
			{Name: "update", As: ada, Method: "PUT", Path: one, Body: notesProject + `}`, Status: 200, Want: `"verified":null`},
			{Name: "others' list", As: bob, Method: "GET", Path: "/api/v1/me/portfolio/projects", Status: 200, Want: `[]`},
			{Name: "others get 404", As: bob, Method: "GET", Path: one, Status: 404, Want: "not found"},
			{Name: "others' update 404", As: bob, Method: "PUT", Path: one, Body: notesProject + `}`, Status: 404, Want: "not found"},
			{Name: "others' delete 404", As: bob, Method: "DELETE", Path: one, Status: 404, Want: "not found"},
			{Name: "delete", As: ada, Method: "DELETE", Path: one, Status: 204},
			{Name: "deleted", As: ada, Method: "GET", Path: one, Status: 404, Want: "not found"},
		})
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

		devpathtest.Run(t, []devpathtest.Case{
			{Name: "off by default", As: ada, Method: "GET", Path: "/api/v1/me/portfolio/settings", Status: 200, Want: `{"handle":"","public":false,"show_progress":false,"headline":""}`},
			{Name: "bad handle", As: ada, Method: "PUT", Path: "/api/v1/me/portfolio/settings", Body: `{"handle":"Ada!"}`, Status: 422, Want: `"location":"body.handle"`},
			{Name: "too short", As: ada, Method: "PUT", Path: "/api/v1/me/portfolio/settings", Body: `{"handle":"ad"}`, Status: 422, Want: `body.handle`},
			{Name: "public needs a handle", As: ada, Method: "PUT", Path: "/api/v1/me/portfolio/settings", Body: `{"public":true}`, Status: 422, Want: `body.handle`},
			{Name: "chosen", As: ada, Method: "PUT", Path: "/api/v1/me/portfolio/settings", Body: `{"handle":"ada-l","headline":"Backend developer in training"}`, Status: 200, Want: `"handle":"ada-l"`},
			{Name: "taken", As: bob, Method: "PUT", Path: "/api/v1/me/portfolio/settings", Body: `{"handle":"ada-l"}`, Status: 409, Want: `"location":"body.handle"`},
			{Name: "bob without a handle", As: bob, Method: "PUT", Path: "/api/v1/me/portfolio/settings", Body: `{"headline":"hello"}`, Status: 200, Want: `"handle":""`},
		})

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
