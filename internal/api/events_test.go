package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

const feed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:gophercon-2026@example.org\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:GopherCon EU\r\n" +
	"DTSTART;TZID=Europe/Berlin:20260615T090000\r\nDTEND;TZID=Europe/Berlin:20260617T180000\r\nLOCATION:Berlin\r\nURL:https://gophercon.example.org\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:meetup-1@example.org\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Go meetup\r\nDTSTART:20260301T180000Z\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

func TestEventsAPI(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob, anon := srv.Learner(t, "ada"), srv.Learner(t, "bob"), srv.Anonymous()
		coach := mentor(t, srv)
		var ev, grace struct{ ID int64 }
		json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/events",
			`{"title":"Go meetup Berlin","kind":"meetup","starts_at":"2026-11-05T18:30:00+01:00","ends_at":"2026-11-05T21:00:00+01:00","time_zone":"Europe/Berlin","place":"c-base"}`,
			201, `"starts_at":"2026-11-05T17:30:00Z"`)), &ev)
		json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/contacts", `{"name":"Grace"}`, 201, "")), &grace)
		id := "/api/v1/me/events/" + itoa(ev.ID)
		people := id + "/people/" + itoa(grace.ID)

		ics, _ := json.Marshal(map[string]string{"ics": feed})
		page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/calendar")
			w.Write([]byte(feed))
		}))
		defer page.Close()
		bad := strings.Replace(feed, "DTEND;TZID=Europe/Berlin:20260617T180000", "DTEND;TZID=Europe/Berlin:20260614T180000", 1)
		badICS, _ := json.Marshal(map[string]string{"ics": bad})

		cases := []devpathtest.Case{
			{Name: "met there", As: ada, Method: "PUT", Path: people, Status: 204},
			{Name: "with the people met", As: ada, Method: "GET", Path: id, Status: 200, Want: `"people":[{"id":` + itoa(grace.ID) + `,"name":"Grace"`},
			{Name: "list", As: ada, Method: "GET", Path: "/api/v1/me/events", Status: 200, Want: `"title":"Go meetup Berlin"`},
			{Name: "ending before it starts", As: ada, Method: "POST", Path: "/api/v1/me/events",
				Body:   `{"title":"","starts_at":"2026-11-05T18:30:00Z","ends_at":"2026-11-05T17:00:00Z","time_zone":"Mars/Olympus","link":"nope"}`,
				Status: 422, Want: `body.ends_at`},
			{Name: "every field named", As: ada, Method: "PUT", Path: id,
				Body: `{"title":"","starts_at":"2026-11-05T18:30:00Z","time_zone":"Mars/Olympus","link":"nope"}`, Status: 422, Want: `body.time_zone`},
			{Name: "import a file", As: ada, Method: "POST", Path: "/api/v1/me/events/import", Body: string(ics), Status: 200, Want: `{"created":2,"updated":0}`},
			{Name: "import again updates", As: ada, Method: "POST", Path: "/api/v1/me/events/import", Body: string(ics), Status: 200, Want: `{"created":0,"updated":2}`},
			{Name: "import a feed by address", As: bob, Method: "POST", Path: "/api/v1/me/events/import", Body: `{"url":"` + page.URL + `"}`, Status: 200, Want: `{"created":2,"updated":0}`},
			{Name: "a bad event fails the whole file", As: coach, Method: "POST", Path: "/api/v1/me/events/import", Body: string(badICS), Status: 422, Want: `event 1 (\"GopherCon EU\")`},
			{Name: "nothing of it was kept", As: coach, Method: "GET", Path: "/api/v1/me/events", Status: 200, Want: `[]`},
			{Name: "not a calendar", As: ada, Method: "POST", Path: "/api/v1/me/events/import", Body: `{"ics":"hello"}`, Status: 422, Want: `body.ics`},
		}
		for _, who := range []struct {
			name string
			as   *devpathtest.Client
		}{{"another learner", bob}, {"a mentor", coach}} {
			for _, r := range []struct{ method, path, body string }{
				{"GET", id, ""}, {"PUT", id, `{"title":"Mine","starts_at":"2026-11-05T18:30:00Z"}`}, {"DELETE", id, ""}, {"PUT", people, ""},
			} {
				cases = append(cases, devpathtest.Case{Name: "private from " + who.name + ": " + r.method + " " + r.path,
					As: who.as, Method: r.method, Path: r.path, Body: r.body, Status: 404, Want: "not found"})
			}
		}
		cases = append(cases, devpathtest.Case{Name: "anonymous", As: anon, Method: "GET", Path: id, Status: 401})
		devpathtest.Run(t, cases)

		// the learner's calendar feed has the event
		ada.Expect(t, "PUT", "/api/v1/me/profile", `{"starting_point":"no_experience","route":"self_taught","hours_per_week":10,"languages":["go"],"time_zone":"UTC"}`, 200, "")
		var cal struct{ URL string }
		json.Unmarshal([]byte(ada.Expect(t, "GET", "/api/v1/me/calendar", "", 200, "")), &cal)
		feedPath := cal.URL[strings.Index(cal.URL, "/calendar/"):]
		anon.Expect(t, "GET", feedPath, "", 200, "SUMMARY:Go meetup Berlin")
		ada.Expect(t, "DELETE", id, "", 204, "")
		ada.Expect(t, "GET", "/api/v1/me/contacts/"+strconv.FormatInt(grace.ID, 10), "", 200, `"name":"Grace"`)
	})
}
