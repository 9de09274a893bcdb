package api_test

import (
	"strings"
	"sync"
	"testing"

	"devpath/internal/devpathtest"
)

func TestRoadmapsAPI(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Anonymous()
	devpathtest.Run(t, []devpathtest.Case{
		{Name: "list", As: c, Method: "GET", Path: "/api/v1/roadmaps", Status: 200, Want: `"slug":"backend"`},
		{Name: "roadmap", As: c, Method: "GET", Path: "/api/v1/roadmaps/backend", Status: 200, Want: `"id":"http","title":"How HTTP works"`},
		{Name: "choice group", As: c, Method: "GET", Path: "/api/v1/roadmaps/backend", Status: 200, Want: `"choice_group":"language"`},
		{Name: "topic", As: c, Method: "GET", Path: "/api/v1/roadmaps/backend/topics/http", Status: 200, Want: `"resources":[{"kind":`},
		{Name: "topic by former id", As: c, Method: "GET", Path: "/api/v1/roadmaps/backend/topics/git", Status: 200, Want: `"id":"git-github"`},
		{Name: "unknown roadmap", As: c, Method: "GET", Path: "/api/v1/roadmaps/frontend", Status: 404, Want: `no roadmap \"frontend\"`},
		{Name: "unknown topic", As: c, Method: "GET", Path: "/api/v1/roadmaps/backend/topics/nope", Status: 404, Want: `no topic \"nope\"`},
	})
}

func TestProgressAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		alice, bob := srv.Learner(t, "alice"), srv.Learner(t, "bob")
		anon := srv.Anonymous()
		long := strings.Repeat("n", 20001)
		devpathtest.Run(t, []devpathtest.Case{
			{Name: "mark done", As: alice, Method: "PUT", Path: "/api/v1/me/progress/backend/topics/http", Body: `{"status":"done"}`, Status: 200, Want: `"status":"done"`},
			{Name: "note alone keeps the status", As: alice, Method: "PUT", Path: "/api/v1/me/progress/backend/topics/http", Body: `{"note":"read RFC 9110"}`, Status: 200, Want: `"status":"done","note":"read RFC 9110"`},
			{Name: "former id is resolved", As: alice, Method: "PUT", Path: "/api/v1/me/progress/backend/topics/git", Body: `{"status":"learning"}`, Status: 200, Want: `"topic":"git-github"`},
			{Name: "summary counts it", As: alice, Method: "GET", Path: "/api/v1/me/progress/backend", Status: 200, Want: `"done":1,"learning":1`},
			{Name: "bad status lists the allowed values", As: alice, Method: "PUT", Path: "/api/v1/me/progress/backend/topics/http", Body: `{"status":"finished"}`, Status: 422, Want: `must be one of todo, learning, done, skipped`},
			{Name: "empty update", As: alice, Method: "PUT", Path: "/api/v1/me/progress/backend/topics/http", Body: `{}`, Status: 422, Want: `"location":"body.status"`},
			{Name: "note too long", As: alice, Method: "PUT", Path: "/api/v1/me/progress/backend/topics/http", Body: `{"note":"` + long + `"}`, Status: 422, Want: `"location":"body.note"`},
			{Name: "unknown topic", As: alice, Method: "PUT", Path: "/api/v1/me/progress/backend/topics/nope", Body: `{"status":"done"}`, Status: 404, Want: `nope`},
			{Name: "unknown roadmap", As: alice, Method: "GET", Path: "/api/v1/me/progress/frontend", Status: 404, Want: `frontend`},
			{Name: "others stay private", As: bob, Method: "GET", Path: "/api/v1/me/progress/backend", Status: 200, Want: `"topics":{}`},
			{Name: "needs a login", As: anon, Method: "GET", Path: "/api/v1/me/progress/backend", Status: 401},
			{Name: "history", As: alice, Method: "GET", Path: "/api/v1/me/progress/backend/history?topic=http", Status: 200, Want: `"from":"todo","to":"done"`},
			{Name: "activity", As: alice, Method: "GET", Path: "/api/v1/me/activity?tz=Europe/Berlin", Status: 200, Want: `"current_streak":1`},
			{Name: "activity with a bad zone", As: alice, Method: "GET", Path: "/api/v1/me/activity?tz=Mars/Olympus", Status: 422, Want: `query.tz`},
		})
		// the note is never in another learner's answers, nor in bob's history
		if _, body := bob.Do(t, "GET", "/api/v1/me/progress/backend/history", ""); strings.Contains(body, "http") {
			t.Fatalf("bob sees alice's history: %s", body)
		}
	})
}

func TestBulkProgress(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	c := srv.Learner(t, "ada")
	c.Expect(t, "POST", "/api/v1/me/progress/backend/bulk", `{"status":"done","step":"learn"}`, 200, `"changed":14`)
	c.Expect(t, "POST", "/api/v1/me/progress/backend/bulk", `{"status":"done","step":"learn"}`, 200, `"changed":0`)
	c.Expect(t, "GET", "/api/v1/me/progress/backend", "", 200, `"step":"learn","title":"Learn the foundations","done":14`)
	c.Expect(t, "POST", "/api/v1/me/progress/backend/bulk", `{"status":"todo"}`, 200, `"changed":14`)
	c.Expect(t, "GET", "/api/v1/me/progress/backend", "", 200, `"done":0`)
	c.Expect(t, "POST", "/api/v1/me/progress/backend/bulk", `{"status":"done","step":"nope"}`, 404, `no step \"nope\"`)
	c.Expect(t, "POST", "/api/v1/me/progress/backend/bulk", `{"status":"great"}`, 422, `body.status`)
}

func TestExportImport(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		ada.Expect(t, "PUT", "/api/v1/me/progress/backend/topics/http", `{"status":"done","note":"Status codes: 2xx, 4xx"}`, 200, "")
		ada.Expect(t, "PUT", "/api/v1/me/progress/backend/topics/python", `{"status":"learning"}`, 200, "")
		doc := ada.Expect(t, "GET", "/api/v1/me/progress", "", 200, `"format":"devpath-progress"`)

		bob.Expect(t, "PUT", "/api/v1/me/progress/backend/topics/html", `{"status":"done"}`, 200, "")
		bad := strings.Replace(doc, `"python"`, `"cobol"`, 1)
		bad = strings.Replace(bad, `"learning"`, `"learnt"`, 1)
		bob.Expect(t, "POST", "/api/v1/me/progress", bad, 422, `roadmaps.backend.topics.cobol`)
		bob.Expect(t, "POST", "/api/v1/me/progress", `{"format":"something-else","version":1,"roadmaps":{}}`, 422, `format`)
		bob.Expect(t, "POST", "/api/v1/me/progress", `[1,2,3]`, 422, "")
		bob.Expect(t, "GET", "/api/v1/me/progress/backend", "", 200, `"done":1,"learning":0`) // nothing changed

		bob.Expect(t, "POST", "/api/v1/me/progress", doc, 200, `"changed":2`)
		got := bob.Expect(t, "GET", "/api/v1/me/progress/backend", "", 200, `"note":"Status codes: 2xx, 4xx"`)
		if !strings.Contains(got, `"python":{"status":"learning"`) || !strings.Contains(got, `"html":{"status":"done"`) {
			t.Fatalf("after import: %s", got)
		}
	})
}

// TestConcurrentUpdatesKeepHistory sends many updates of one topic at once
// through the API: every acknowledged change is in the history.
func TestConcurrentUpdatesKeepHistory(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada := srv.Learner(t, "ada")
		var wg sync.WaitGroup
		for i := range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				status, body := ada.Do(t, "PUT", "/api/v1/me/progress/backend/topics/http", `{"note":"edit `+itoa(int64(i))+`"}`)
				if status != 200 {
					t.Errorf("update %d: %d %s", i, status, body)
				}
			}()
		}
		wg.Wait()
		body := ada.Expect(t, "GET", "/api/v1/me/progress/backend/history?topic=http", "", 200, "")
		if n := strings.Count(body, `"topic":"http"`); n != 20 {
			t.Fatalf("%d history entries, want 20", n)
		}
	})
}
