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
		devpathtest.Run(t, []devpathtest.Case{
			{Name: "no profile yet", As: ada, Method: "GET", Path: "/api/v1/me/plan/backend", Status: 404, Want: "no profile yet"},
			{Name: "hours out of range", As: ada, Method: "PUT", Path: "/api/v1/me/profile", Body: strings.Replace(profile, `"hours_per_week":10`, `"hours_per_week":81`, 1), Status: 422, Want: `body.hours_per_week`},
			{Name: "unknown language", As: ada, Method: "PUT", Path: "/api/v1/me/profile", Body: strings.Replace(profile, `["python"]`, `["cobol"]`, 1), Status: 422, Want: `body.languages`},
			{Name: "unknown known topic", As: ada, Method: "PUT", Path: "/api/v1/me/profile", Body: strings.Replace(profile, `"known_topics":[]`, `"known_topics":["nope"]`, 1), Status: 422, Want: `body.known_topics`},
			{Name: "target in the past", As: ada, Method: "PUT", Path: "/api/v1/me/profile", Body: strings.Replace(profile, `"known_topics":[]`, `"known_topics":[],"target_date":"`+past+`"`, 1), Status: 422, Want: `body.target_date`},
			{Name: "unknown time zone", As: ada, Method: "PUT", Path: "/api/v1/me/profile", Body: strings.Replace(profile, "Europe/Berlin", "Mars/Olympus", 1), Status: 422, Want: `body.time_zone`},
			{Name: "profile", As: ada, Method: "PUT", Path: "/api/v1/me/profile", Body: strings.Replace(profile, `"known_topics":[]`, `"known_topics":["html","css"],"target_date":"`+soon+`"`, 1), Status: 200, Want: `"hours_per_week":10`},
			{Name: "plan", As: ada, Method: "GET", Path: "/api/v1/me/plan/backend", Status: 200, Want: `"projected_finish":"`},
			{Name: "a target too soon is said plainly", As: ada, Method: "GET", Path: "/api/v1/me/plan/backend", Status: 200, Want: `"met":false`},
			{Name: "no forecast without history", As: ada, Method: "GET", Path: "/api/v1/me/plan/backend", Status: 200, Want: `"forecast":null`},
			{Name: "others have their own", As: bob, Method: "GET", Path: "/api/v1/me/plan/backend", Status: 404, Want: "no profile yet"},
			{Name: "review needs a done topic", As: ada, Method: "POST", Path: "/api/v1/me/reviews/backend/topics/http", Body: `{"remembered":true}`, Status: 409, Want: "not done yet"},
		})

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
