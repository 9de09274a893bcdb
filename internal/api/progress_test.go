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
	for _, tc := range []struct {
		name, path string
		status     int
		want       string
	}{
		{"list", "/api/v1/roadmaps", 200, `"slug":"backend"`},
		{"roadmap", "/api/v1/roadmaps/backend", 200, `"id":"http","title":"How HTTP works"`},
		{"choice group", "/api/v1/roadmaps/backend", 200, `"choice_group":"language"`},
		{"topic", "/api/v1/roadmaps/backend/topics/http", 200, `"resources":[{"kind":`},
		{"topic by former id", "/api/v1/roadmaps/backend/topics/git", 200, `"id":"git-github"`},
		{"unknown roadmap", "/api/v1/roadmaps/frontend", 404, `no roadmap \"frontend\"`},
		{"unknown topic", "/api/v1/roadmaps/backend/topics/nope", 404, `no topic \"nope\"`},
	} {
		t.Run(tc.name, func(t *testing.T) { c.Expect(t, "GET", tc.path, "", tc.status, tc.want) })
	}
}

func TestProgressAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		alice, bob := srv.Learner(t, "alice"), srv.Learner(t, "bob")
		anon := srv.Anonymous()
		long := strings.Repeat("n", 20001)
		for _, tc := range []struct {
			name   string
			as     *devpathtest.Client
			method string
			path   string
			body   string
			status int
			want   string
		}{
			{"mark done", alice, "PUT", "/api/v1/me/progress/backend/topics/http", `{"status":"done"}`, 200, `"status":"done"`},
			{"note alone keeps the status", alice, "PUT", "/api/v1/me/progress/backend/topics/http", `{"note":"read RFC 9110"}`, 200, `"status":"done","note":"read RFC 9110"`},
			{"former id is resolved", alice, "PUT", "/api/v1/me/progress/backend/topics/git", `{"status":"learning"}`, 200, `"topic":"git-github"`},
			{"summary counts it", alice, "GET", "/api/v1/me/progress/backend", "", 200, `"done":1,"learning":1`},
			{"bad status lists the allowed values", alice, "PUT", "/api/v1/me/progress/backend/topics/http", `{"status":"finished"}`, 422, `must be one of todo, learning, done, skipped`},
			{"empty update", alice, "PUT", "/api/v1/me/progress/backend/topics/http", `{}`, 422, `"location":"body.status"`},
			{"note too long", alice, "PUT", "/api/v1/me/progress/backend/topics/http", `{"note":"` + long + `"}`, 422, `"location":"body.note"`},
			{"unknown topic", alice, "PUT", "/api/v1/me/progress/backend/topics/nope", `{"status":"done"}`, 404, `nope`},
			{"unknown roadmap", alice, "GET", "/api/v1/me/progress/frontend", "", 404, `frontend`},
			{"others stay private", bob, "GET", "/api/v1/me/progress/backend", "", 200, `"topics":{}`},
			{"needs a login", anon, "GET", "/api/v1/me/progress/backend", "", 401, ""},
			{"history", alice, "GET", "/api/v1/me/progress/backend/history?topic=http", "", 200, `"from":"todo","to":"done"`},
			{"activity", alice, "GET", "/api/v1/me/activity?tz=Europe/Berlin", "", 200, `"current_streak":1`},
			{"activity with a bad zone", alice, "GET", "/api/v1/me/activity?tz=Mars/Olympus", "", 422, `query.tz`},
		} {
			t.Run(tc.name, func(t *testing.T) { tc.as.Expect(t, tc.method, tc.path, tc.body, tc.status, tc.want) })
		}
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
