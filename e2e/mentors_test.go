package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	cdp "github.com/chromedp/chromedp"
)

// seedMentorship gives the mentorship pages something to show. Margaret
// (the admin, so a mentor too) writes a mentor profile and asks for help
// herself; another learner, through the API, asks twice: Margaret holds one
// request and answers the other.
func seedMentorship(t *testing.T, ctx context.Context, post func(string, [][2]string) string, ids map[string]string) {
	t.Helper()
	var page string
	base, err := cdp.Run(ctx, cdp.Evaluate[string](`location.origin`))
	if err != nil {
		t.Fatal(err)
	}
	tail := func(u string) string { return u[strings.LastIndexByte(u, '/')+1:] }
	post("/mentor/profile", [][2]string{{"topics", "http, sql, rest-api-design"}, {"languages", "en, de"}, {"time_zone", "Europe/Berlin"},
		{"max_mentees", "5"}, {"max_requests", "6"}, {"windows", "Tuesday 18:00-20:00\nSaturday 10:00-12:00"},
		{"bio", "Fifteen years of backend work, most of it on payment APIs in Go and PostgreSQL."}, {"public", "on"}})
	ids["own-request"] = tail(post("/mentorship/requests", [][2]string{{"topic", "database-indexes"}, {"kind", "topic"},
		{"question", "My query on `applications` scans the whole table. Which **index** would you add, and how do I check it is used?"}}))

	token := apiLearner(t, base, "grace.learner@example.org", "Grace Learner")
	ask := func(body string) string {
		var r struct{ ID int64 }
		apiCall(t, base, token, "POST", "/api/v1/me/mentorship/requests", body, &r)
		return strconv.FormatInt(r.ID, 10)
	}
	ids["held-request"] = ask(`{"topic":"http","kind":"career","question":"I keep mixing up 401 and 403. Is there a rule of thumb interviewers expect?","language":"en"}`)
	ids["taken-request"] = ask(`{"topic":"sql","kind":"topic","question":"When should I reach for a window function instead of GROUP BY?"}`)
	ask(`{"topic":"rest-api-design","kind":"topic","question":"Should a PATCH answer the whole resource or only 204?"}`)
	post("/mentor/queue/"+ids["taken-request"]+"/lock", nil)
	post("/mentorship/requests/"+ids["taken-request"]+"/messages", [][2]string{{"body",
		"Reach for a window function when you need **each row** and an aggregate beside it:\n\n```sql\nSELECT name, salary, avg(salary) OVER (PARTITION BY team) FROM people;\n```\n\nGROUP BY gives one row per group."}})
	apiCall(t, base, token, "POST", "/api/v1/me/mentorship/requests/"+ids["taken-request"]+"/messages", `{"body":"That makes sense, thank you!"}`, nil)
	post("/mentor/queue/"+ids["held-request"]+"/lock", nil)
	var grace struct{ ID int64 }
	apiCall(t, base, token, "GET", "/api/v1/me", "", &grace)
	ids["session"] = tail(post("/mentorship/sessions", [][2]string{{"with", strconv.FormatInt(grace.ID, 10)}, {"starts_at", "2099-05-04T18:30"},
		{"minutes", "45"}, {"place", "https://meet.example.org/margaret-grace"}, {"agenda", "Window functions, then your 401/403 question."}}))

	page, err = cdp.Run(ctx, cdp.Evaluate[string](`fetch("/mentorship/invitations", {method: "POST", body: new URLSearchParams([["email", ""]])}).then(r => r.text())`, cdp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`/mentor/invitation/mentor_[A-Za-z0-9_-]+`).FindString(page)
	if link == "" {
		t.Fatalf("no invitation link in the page:\n%s", page)
	}
	ids["mentor-invitation"] = link
}

// apiLearner registers a learner through the API and returns their token.
func apiLearner(t *testing.T, base, email, name string) string {
	t.Helper()
	apiCall(t, base, "", "POST", "/api/v1/users", `{"email":"`+email+`","password":"a long enough password","name":"`+name+`"}`, nil)
	var s struct{ Token string }
	apiCall(t, base, "", "POST", "/api/v1/sessions", `{"email":"`+email+`","password":"a long enough password"}`, &s)
	return s.Token
}

// apiCall sends one JSON request and reads the answer into out (may be nil).
func apiCall(t *testing.T, base, token, method, path, body string, out any) {
	t.Helper()
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode >= 300 {
		t.Fatalf("%s %s: %d", method, path, res.StatusCode)
	}
	if out != nil {
		if err := json.NewDecoder(res.Body).Decode(out); err != nil {
			t.Fatal(err)
		}
	}
}
