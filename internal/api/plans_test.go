package api_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"devpath/internal/devpathtest"
)

const profile = `{"starting_point":"no_experience","route":"self_taught","hours_per_week":10,"languages":["python"],"known_topics":[],"time_zone":"Europe/Berlin"}`

func TestPlanAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		past := time.Now().AddDate(0, 0, -3).Format(time.DateOnly)
		soon := time.Now().AddDate(0, 2, 0).Format(time.DateOnly)
		for _, tc := range []struct {
			name   string
			as     *devpathtest.Client
			method string
			path   string
			body   string
			status int
			want   string
		}{
			{"no profile yet", ada, "GET", "/api/v1/me/plan/backend", "", 404, "no profile yet"},
			{"hours out of range", ada, "PUT", "/api/v1/me/profile", strings.Replace(profile, `"hours_per_week":10`, `"hours_per_week":81`, 1), 422, `body.hours_per_week`},
			{"unknown language", ada, "PUT", "/api/v1/me/profile", strings.Replace(profile, `["python"]`, `["cobol"]`, 1), 422, `body.languages`},
			{"unknown known topic", ada, "PUT", "/api/v1/me/profile", strings.Replace(profile, `"known_topics":[]`, `"known_topics":["nope"]`, 1), 422, `body.known_topics`},
			{"target in the past", ada, "PUT", "/api/v1/me/profile", strings.Replace(profile, `"known_topics":[]`, `"known_topics":[],"target_date":"`+past+`"`, 1), 422, `body.target_date`},
			{"unknown time zone", ada, "PUT", "/api/v1/me/profile", strings.Replace(profile, "Europe/Berlin", "Mars/Olympus", 1), 422, `body.time_zone`},
			{"profile", ada, "PUT", "/api/v1/me/profile", strings.Replace(profile, `"known_topics":[]`, `"known_topics":["html","css"],"target_date":"`+soon+`"`, 1), 200, `"hours_per_week":10`},
			{"plan", ada, "GET", "/api/v1/me/plan/backend", "", 200, `"projected_finish":"`},
			{"a target too soon is said plainly", ada, "GET", "/api/v1/me/plan/backend", "", 200, `"met":false`},
			{"no forecast without history", ada, "GET", "/api/v1/me/plan/backend", "", 200, `"forecast":null`},
			{"others have their own", bob, "GET", "/api/v1/me/plan/backend", "", 404, "no profile yet"},
			{"review needs a done topic", ada, "POST", "/api/v1/me/reviews/backend/topics/http", `{"remembered":true}`, 409, "not done yet"},
		} {
			t.Run(tc.name, func(t *testing.T) { tc.as.Expect(t, tc.method, tc.path, tc.body, tc.status, tc.want) })
		}

		var plan struct {
			Weeks []struct {
				Start  string
				Hours  int
				Topics []string
			}
		}
		json.Unmarshal([]byte(ada.Expect(t, "GET", "/api/v1/me/plan/backend", "", 200, "")), &plan)
		if len(plan.Weeks) < 10 || plan.Weeks[0].Hours > 10 {
			t.Fatalf("plan weeks: %+v", plan.Weeks[:min(3, len(plan.Weeks))])
		}
		for _, w := range plan.Weeks {
			for _, id := range w.Topics {
				if id == "html" || id == "css" || id == "go" {
					t.Fatalf("week %s plans %s: known topics and unchosen languages stay out", w.Start, id)
				}
			}
		}
		// finishing a topic takes it out of the plan
		ada.Expect(t, "PUT", "/api/v1/me/progress/backend/topics/internet", `{"status":"done"}`, 200, "")
		if strings.Contains(ada.Expect(t, "GET", "/api/v1/me/plan/backend", "", 200, ""), `"topic":"internet"`) {
			t.Fatal("a done topic is still planned")
		}
		ada.Expect(t, "POST", "/api/v1/me/reviews/backend/topics/internet", `{"remembered":true}`, 204, "")
	})
}

func TestCalendarFeed(t *testing.T) {
	srv := devpathtest.NewServer(t, devpathtest.Engine{})
	ada := srv.Learner(t, "ada")
	ada.Expect(t, "PUT", "/api/v1/me/profile", profile, 200, "")
	var cal struct{ URL string }
	json.Unmarshal([]byte(ada.Expect(t, "GET", "/api/v1/me/calendar", "", 200, `/calendar/`)), &cal)
	path := cal.URL[strings.Index(cal.URL, "/calendar/"):]
	feed := srv.Anonymous() // calendar apps send no credentials
	body := feed.Expect(t, "GET", path, "", 200, "BEGIN:VCALENDAR")
	if !strings.Contains(body, "BEGIN:VEVENT") || !strings.Contains(body, "X-WR-TIMEZONE:Europe/Berlin") {
		t.Fatalf("feed: %.400s", body)
	}
	var rotated struct{ URL string }
	json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/calendar/rotate", "", 200, `/calendar/`)), &rotated)
	if rotated.URL == cal.URL {
		t.Fatal("rotating kept the address")
	}
	feed.Expect(t, "GET", path, "", 404, "no such calendar")
	feed.Expect(t, "GET", rotated.URL[strings.Index(rotated.URL, "/calendar/"):], "", 200, "BEGIN:VCALENDAR")
}
