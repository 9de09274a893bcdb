package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"devpath/internal/devpathtest"
)

// TestCommunities: the list is public and filters by topic; a learner
// records the communities they joined with their handle, each learner
// their own; bad input names its field.
func TestCommunities(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob, coach, anon := srv.Learner(t, "ada"), srv.Learner(t, "bob"), mentor(t, srv), srv.Anonymous()
		all := anon.Expect(t, "GET", "/api/v1/communities", "", 200, `"id":"r-golang","name":"r/golang","kind":"reddit","url":"https://www.reddit.com/r/golang/"`)
		meetups := anon.Expect(t, "GET", "/api/v1/communities?topic=conferences-meetups", "", 200, `"id":"go-developer-network"`)
		if strings.Contains(meetups, "r-golang") || len(meetups) >= len(all) {
			t.Errorf("the topic filter kept others: %s", meetups)
		}
		anon.Expect(t, "GET", "/api/v1/communities?topic=nope", "", 200, `[]`)

		const golang = "/api/v1/me/communities/r-golang"
		devpathtest.Run(t, []devpathtest.Case{
			{Name: "join", As: ada, Method: "PUT", Path: golang, Body: `{"handle":" u/ada ","joined_on":"2026-01-10"}`, Status: 200, Want: `{"community":"r-golang","handle":"u/ada","joined_on":"2026-01-10"}`},
			{Name: "join without a day: today", As: ada, Method: "PUT", Path: "/api/v1/me/communities/gophers-slack", Body: `{}`, Status: 200, Want: `"joined_on":"20`},
			{Name: "change the handle", As: ada, Method: "PUT", Path: golang, Body: `{"handle":"u/ada_l","joined_on":"2026-01-10"}`, Status: 200, Want: `"handle":"u/ada_l"`},
			{Name: "mine", As: ada, Method: "GET", Path: "/api/v1/me/communities", Status: 200, Want: `"handle":"u/ada_l"`},
			{Name: "every bad field", As: ada, Method: "PUT", Path: golang, Body: `{"handle":"` + strings.Repeat("x", 101) + `","joined_on":"2999-01-01"}`, Status: 422, Want: `"location":"body.handle"`},
			{Name: "a future day", As: ada, Method: "PUT", Path: golang, Body: `{"joined_on":"2999-01-01"}`, Status: 422, Want: `"location":"body.joined_on"`},
			{Name: "not a day", As: ada, Method: "PUT", Path: golang, Body: `{"joined_on":"yesterday"}`, Status: 422, Want: `YYYY-MM-DD`},
			{Name: "an unknown community", As: ada, Method: "PUT", Path: "/api/v1/me/communities/myspace", Body: `{}`, Status: 404, Want: `myspace`},
			{Name: "another learner's are not theirs", As: bob, Method: "GET", Path: "/api/v1/me/communities", Status: 200, Want: `[]`},
			{Name: "a mentor's are not theirs", As: coach, Method: "GET", Path: "/api/v1/me/communities", Status: 200, Want: `[]`},
			{Name: "another learner cannot leave for her", As: bob, Method: "DELETE", Path: golang, Status: 404, Want: "not joined"},
			{Name: "nor a mentor", As: coach, Method: "DELETE", Path: golang, Status: 404, Want: "not joined"},
			{Name: "anonymous", As: anon, Method: "GET", Path: "/api/v1/me/communities", Status: 401},
			{Name: "anonymous cannot join", As: anon, Method: "PUT", Path: golang, Body: `{}`, Status: 401},
			{Name: "leave", As: ada, Method: "DELETE", Path: golang, Status: 204},
			{Name: "left", As: ada, Method: "GET", Path: "/api/v1/me/communities", Status: 200, Want: `[{"community":"gophers-slack"`},
			{Name: "leave twice", As: ada, Method: "DELETE", Path: golang, Status: 404, Want: "not joined"},
		})
	})
}

// TestDataExportNetwork: the data export carries the whole network, and
// importing the file back restores the progress and leaves the network as
// it is.
func TestDataExportNetwork(t *testing.T) {
	devpathtest.ForEachEngine(t, func(t *testing.T, e devpathtest.Engine) {
		srv := devpathtest.NewServer(t, e)
		ada, bob := srv.Learner(t, "ada"), srv.Learner(t, "bob")
		var grace struct{ ID int64 }
		json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/contacts", `{"name":"Grace Hopper","email":"grace@navy.example","tags":["speaker"]}`, 201, "")), &grace)
		ada.Expect(t, "POST", "/api/v1/me/contacts/"+itoa(grace.ID)+"/interactions", `{"kind":"gave_help","on":"2026-01-15","note":"reviewed her talk"}`, 201, "")
		var ev struct{ ID int64 }
		json.Unmarshal([]byte(ada.Expect(t, "POST", "/api/v1/me/events", `{"title":"GopherCon EU","kind":"conference","starts_at":"2026-06-17T09:00:00Z","time_zone":"Europe/Berlin"}`, 201, "")), &ev)
		ada.Expect(t, "PUT", "/api/v1/me/events/"+itoa(ev.ID)+"/people/"+itoa(grace.ID), "", 204, "")
		ada.Expect(t, "PUT", "/api/v1/me/communities/r-golang", `{"handle":"u/ada"}`, 200, "")
		ada.Expect(t, "PUT", "/api/v1/me/progress/backend/topics/http", `{"status":"done"}`, 200, "")

		doc := ada.Expect(t, "GET", "/api/v1/me/progress", "", 200, `"format":"devpath-progress"`)
		for _, want := range []string{`"network":{"contacts":[{"id":` + itoa(grace.ID) + `,"name":"Grace Hopper"`,
			`"kind":"gave_help","on":"2026-01-15","note":"reviewed her talk"`,
			`"title":"GopherCon EU"`, `"people":[{"id":` + itoa(grace.ID) + `,"name":"Grace Hopper"`,
			`"communities":[{"community":"r-golang","handle":"u/ada"`} {
			if !strings.Contains(doc, want) {
				t.Errorf("the export lacks %s:\n%s", want, doc)
			}
		}
		empty := `"network":{"contacts":[],"interactions":[],"events":[],"communities":[]}`
		bob.Expect(t, "GET", "/api/v1/me/progress", "", 200, empty)
		mentor(t, srv).Expect(t, "GET", "/api/v1/me/progress", "", 200, empty)
		srv.Anonymous().Expect(t, "GET", "/api/v1/me/progress", "", 401, "")

		// Bob imports Ada's file: her progress becomes his, her network does not.
		bob.Expect(t, "POST", "/api/v1/me/progress", doc, 200, `"changed":1`)
		bob.Expect(t, "GET", "/api/v1/me/progress/backend", "", 200, `"http":{"status":"done"`)
		bob.Expect(t, "GET", "/api/v1/me/contacts", "", 200, `[]`)
	})
}
